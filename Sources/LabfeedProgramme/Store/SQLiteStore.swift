// The embedded store: one SQLite file in WAL mode through GRDB, with ordered migrations.

public import Foundation
import GRDB
public import LabfeedCore

/// A ``ProgrammeStore`` in one SQLite file (WAL mode: readers never block the writer).
///
/// Tables (migration `v1`): `source_state` (one row per source), `source_event` (the events of
/// each source's last good fetch, one row per item key, the event as JSON), `programme_event`
/// (the merged programme, one row per id, as JSON) and `meta` (the programme's `updated_at`, and
/// its ``ProgrammeStamp`` as JSON under `programme_stamp`);
/// (migration `v2-work-queue`) `work_source` and `host_policy` for ``WorkQueue``.
/// Times are REAL seconds since 1970, whole seconds. Safe to share between tasks.
public final class SQLiteStore: ProgrammeStore {
    let pool: DatabasePool
    /// The per-source writes of a sync (attempts, outcomes), several to a transaction.
    let grouped: GroupCommit
    public let path: String

    /// Opens (creating the file and its directory if needed) and migrates the database.
    /// - Parameter migrate: false opens without migrating (``migrationStatus()`` then says what
    ///   `labfeed migrate` would apply).
    /// - Throws: also for a file written by a newer labfeed (migrations this one does not know).
    public init(path: String, migrate: Bool = true) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.label = "labfeed-state"
        config.prepareDatabase { db in
            // Only a new, empty file takes the page size (before GRDB turns WAL on); a state
            // created by an earlier labfeed keeps its 4 KiB pages.
            try db.execute(sql: "PRAGMA page_size = \(SQLiteStore.pageSize)")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(SQLiteStore.autocheckpointPages)")
        }
        pool = try DatabasePool(path: path, configuration: config)
        grouped = GroupCommit(pool: pool)
        let migrator = Self.migrator
        let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded {
            throw StoreError(message: "the state \(path) was written by a newer labfeed (unknown migrations): upgrade labfeed")
        }
        if migrate {
            try migrator.migrate(pool)
        }
    }

    /// The migrations known to this labfeed, in order, and which the file has.
    public func migrationStatus() throws -> MigrationStatus {
        let migrator = Self.migrator
        let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
        return MigrationStatus(known: migrator.migrations, applied: migrator.migrations.filter(applied.contains))
    }

    /// Applies the pending migrations; their names.
    @discardableResult
    public func migrate() throws -> [String] {
        let before = try migrationStatus()
        try Self.migrator.migrate(pool)
        return before.pending
    }

    /// The page size of a state this labfeed creates: 16 KiB (SQLite's default is 4 KiB). The
    /// store writes whole tables' worth of rows (a cold sync of 600 sources: 10 MB of sources'
    /// events, then the programme's 14 MB of JSON), each page a `pwrite` of its WAL frame (with
    /// another for the frame's header) and one more into the file at the checkpoint: 20,000
    /// system calls at 4 KiB, 5,000 at 16 KiB; the programme's checkpoint took 45 ms instead of
    /// 20, and a cold sync 40-50 ms less in all (Benchmarks/report/README.md, stop 23).
    ///
    /// With it, `temp_store = MEMORY`: each source's write runs in a savepoint of its group's
    /// transaction (``GroupCommit``), whose journal of the pages it changes SQLite keeps in
    /// memory up to 64 KiB and spills to a temporary file beyond; at 16 KiB that is four pages,
    /// and a cold sync wrote 10 MB to such files. In memory, a group's journal holds at most the
    /// pages its sources change (their rows are in the page cache too). The store's sorts are
    /// one source's events or one day's programme events at a time.
    static let pageSize = 16_384

    /// The page size of the file, for checks and tests.
    public func pageSizeInUse() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
    }

    /// The journal mode in force (`wal`), for checks and tests.
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE source_state (
                    source_id TEXT PRIMARY KEY NOT NULL,
                    etag TEXT, last_modified TEXT,
                    last_attempt REAL, last_success REAL, last_change REAL,
                    last_error TEXT, failing_since REAL,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    permanent_redirect TEXT, body_hash TEXT, retry_after_until REAL
                );
                CREATE TABLE source_event (
                    source_id TEXT NOT NULL,
                    item_key TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    first_seen REAL NOT NULL,
                    last_seen REAL NOT NULL,
                    event_json TEXT NOT NULL,
                    PRIMARY KEY (source_id, item_key)
                );
                CREATE TABLE programme_event (
                    id TEXT PRIMARY KEY NOT NULL,
                    start_day TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    updated REAL NOT NULL,
                    event_json TEXT NOT NULL
                );
                CREATE INDEX programme_event_start ON programme_event(start_day);
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);
                """)
        }
        m.registerMigration("v2-work-queue") { db in
            try db.execute(sql: """
                CREATE TABLE work_source (
                    source_id TEXT PRIMARY KEY NOT NULL,
                    host TEXT,
                    next_due REAL NOT NULL,
                    lease_owner TEXT, claimed_at REAL, lease_until REAL
                );
                CREATE INDEX work_source_due ON work_source(next_due);
                CREATE TABLE host_policy (
                    host TEXT PRIMARY KEY NOT NULL,
                    next_allowed REAL,
                    spacing REAL NOT NULL DEFAULT 0
                );
                """)
        }
        return m
    }

    // MARK: Source state

    public func sourceState(_ sourceID: String) async throws -> SourceState? {
        try await pool.read { db in try Self.loadState(db, sourceID) }
    }

    public func allSourceStates() async throws -> [String: SourceState] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT \(Self.stateColumns) FROM source_state")
            return Dictionary(rows.map { let s = Self.state(from: $0); return (s.sourceID, s) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// ``StoreTransitions/attempt(_:at:)`` in one statement: the attempt sets `last_attempt`
    /// alone, and a new row is `SourceState(sourceID:)` (the other columns NULL, no failures)
    /// with it, so nothing needs reading first.
    ///
    /// Urgent in the group commit: the source's parse waits for it.
    public func recordAttempt(_ sourceID: String, at: Date) async throws {
        try await grouped.write(urgent: true) { db in try Self.saveAttempt(db, sourceID, at: at) }
    }

    public func recordSuccess(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event], at: Date) async throws {
        _ = try await recordSuccessReturningItems(sourceID, validators: validators, bodyHash: bodyHash, events: events, at: at)
    }

    /// The items written are those read back: whole-second times, keys as text, each event
    /// written by ``EventJSON`` and read by ``EventJSONReader`` to an equal value
    /// (`EventJSONReaderTests`, `SQLiteStoreTests`).
    public func recordSuccessReturningItems(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event],
                                            at: Date) async throws -> [SourcedEvent]? {
        // The keys and each event's JSON depend on the events alone: made here, on the caller's
        // thread (every core), not on the writer that every source's write waits for.
        // So are the new items as a source seen for the first time has them: on the writer only
        // the `first_seen` of known items is put back (nothing in a cold sync).
        let keys = ItemKey.unique(events)
        let jsons = try events.map(Self.jsonText)
        let fresh = StoreTransitions.fresh(events, keys: keys, source: sourceID, at: at)
        return try await grouped.write { db in
            let old = try Self.loadEvents(db, sourceID)
            let (items, changed) = StoreTransitions.replace(old, with: fresh)
            try Self.clearStamp(db)
            // Every stored row is in `old` (or its decoding threw): none, nothing to delete
            // (every source of a cold sync).
            if !old.isEmpty {
                let delete = try BoundStatement(db, sql: "DELETE FROM source_event WHERE source_id = ?")
                try delete.bind(1, sourceID)
                try delete.execute()
            }
            // One row to a statement, prepared once: 3 rows to an INSERT were no cheaper (within
            // the profile's noise). The source is bound once for all its rows.
            let insert = try BoundStatement(db, sql: """
                INSERT INTO source_event (source_id, item_key, position, first_seen, last_seen, event_json)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            try insert.bind(1, sourceID)
            for (position, item) in items.enumerated() {
                try insert.bind(2, item.key)
                try insert.bind(3, position)
                try insert.bind(4, item.firstSeen.timeIntervalSince1970)
                try insert.bind(5, item.lastSeen.timeIntervalSince1970)
                try insert.bind(6, jsons[position])
                try insert.execute()
            }
            let state = try Self.loadState(db, sourceID) ?? SourceState(sourceID: sourceID)
            try Self.saveState(db, StoreTransitions.success(state, validators: validators, bodyHash: bodyHash, changed: changed, at: at))
            return StoreTransitions.readsBackAsIs(items) ? items : nil
        }
    }

    /// Moves the source's `last_success`, which its items' `last_seen` is read from
    /// (`selectItems`): their rows are not rewritten.
    public func recordNotModified(_ sourceID: String, at: Date) async throws {
        try await grouped.write { db in
            let state = try Self.loadState(db, sourceID) ?? SourceState(sourceID: sourceID)
            try Self.saveState(db, StoreTransitions.notModified(state, at: at))
        }
    }

    public func recordFailure(_ sourceID: String, error: String, retryAfter: Date?, at: Date) async throws {
        try await update(sourceID) { StoreTransitions.failure($0, error: error, retryAfter: retryAfter, at: at) }
    }

    public func recordNotBefore(_ sourceID: String, until date: Date) async throws {
        try await update(sourceID) { StoreTransitions.notBefore($0, until: date) }
    }

    public func recordPermanentRedirect(_ sourceID: String, to url: String?) async throws {
        try await update(sourceID) { var s = $0; s.permanentRedirect = url; return s }
    }

    public func forgetSource(_ sourceID: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM source_event WHERE source_id = ?", arguments: [sourceID])
            try db.execute(sql: "DELETE FROM source_state WHERE source_id = ?", arguments: [sourceID])
            try db.execute(sql: "DELETE FROM work_source WHERE source_id = ?", arguments: [sourceID])
            try Self.clearStamp(db)
        }
    }

    // MARK: Events

    public func eventsBySource() async throws -> [String: [SourcedEvent]] {
        try await eventsBySource(excluding: [])
    }

    public func eventsBySource(excluding excluded: Set<String>) async throws -> [String: [SourcedEvent]] {
        try await pool.read { db in
            let ids = try String.fetchAll(db, sql: "SELECT DISTINCT source_id FROM source_event ORDER BY source_id")
                .filter { !excluded.contains($0) }
            var out: [String: [SourcedEvent]] = [:]
            out.reserveCapacity(ids.count)
            // One read (one snapshot), in batches of sources whose rows are decoded on every
            // core: JSONDecoder on one thread was a twentieth of a cold sync's time. A batch's
            // rows are all the undecoded JSON alive at once.
            for start in stride(from: 0, to: ids.count, by: Self.decodeBatch) {
                let batch = Array(ids[start..<min(start + Self.decodeBatch, ids.count)])
                let rows = try batch.map { try Self.storedRows(db, $0) }
                let decoded = try ParallelMap.map(batch.count, minimumPerThread: 1) { i throws(StoreError) in
                    try Self.decode(rows[i], sourceID: batch[i])
                }
                for (id, events) in zip(batch, decoded) { out[id] = events }
            }
            return out
        }
    }

    /// Empties the writer's page cache and closes the reader connections (GRDB
    /// `DatabasePool.releaseMemory`): up to 2 MiB of cached pages each. They reopen on the
    /// next read.
    public func releaseMemory() async {
        pool.releaseMemory()
    }

    /// Closes the database now, as releasing the store would: the reader connections first, then
    /// the writer, which (the last connection) checkpoints the WAL into the file and removes it.
    /// For a process about to exit without tearing down its objects (a one-shot `labfeed sync`);
    /// the writes queued on the writer (a background checkpoint) run first. The store is
    /// unusable afterwards: every access throws.
    public func closeDatabase() throws {
        pool.releaseMemory()  // closes the readers: a reader closed last would leave the WAL (GRDB #739)
        try pool.close()
    }

    /// Queues a passive checkpoint on the writer: a cold sync's fetch phase leaves thousands of
    /// pages in the WAL (the automatic checkpoint waits for 8,192), which the checkpoint after
    /// ``saveProgramme(_:)`` copied together with the programme's, after the outputs were ready.
    public func checkpointInBackground() async {
        pool.asyncWriteWithoutTransaction { db in _ = try? db.checkpoint(.passive) }
    }

    /// Read through ``EventJSONReader`` (not `JSONDecoder`), a batch of rows at a time decoded
    /// on every core (``readProgramme(_:path:_:)``).
    public func savedProgramme() async throws -> SavedProgramme {
        let path = path
        let (events, updated) = try await pool.read { db in try Self.readProgramme(db, path: path) { $0 } }
        return SavedProgramme(events: events, updatedAt: updated)
    }

    /// The programme light: each row decoded and reduced to what a build needs; the whole events
    /// read again by id when the build asks for them, in their own read (this store's programme
    /// is written by the sync that reads it, after its build). A re-sync of 1,000 sources held
    /// 22 MB of previous events under its peak.
    public func previousProgramme() async throws -> PreviousProgramme {
        let (path, pool) = (path, pool)
        let (entries, updated) = try await pool.read { db in try Self.readProgramme(db, path: path, PreviousProgramme.Entry.init) }
        return PreviousProgramme(entries: entries, updatedAt: updated) { ids in
            try pool.read { db in
                var events: [ProgrammeEvent] = []
                for start in stride(from: 0, to: ids.count, by: 500) {
                    let chunk = Array(ids[start..<min(start + 500, ids.count)])
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                    for row in try Row.fetchAll(db, sql: "SELECT id, event_json FROM programme_event WHERE id IN (\(marks))",
                                                arguments: StatementArguments(chunk)) {
                        events.append(try Self.programmeEvent(row[1], id: row[0], path: path))
                    }
                }
                return events
            }
        }
    }

    /// Every programme row in order, decoded a batch at a time on every core and each made into
    /// what the caller keeps (`make`, on the decoding thread): a batch's JSON and events are all
    /// that is held besides, and the result is sized once (growing it held two copies at the
    /// peak); with the programme's `updated_at`.
    private static func readProgramme<Kept: Sendable>(_ db: Database, path: String, _ make: @escaping @Sendable (ProgrammeEvent) -> Kept)
        throws -> ([Kept], Date?) {
        var kept: [Kept] = []
        kept.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM programme_event") ?? 0)
        var batch: [(id: String, json: String)] = []
        func decodeRows() throws {
            let rows = batch
            kept += try ParallelMap.map(rows.count) { i throws(StoreError) -> Kept in
                make(try Self.programmeEvent(rows[i].json, id: rows[i].id, path: path))
            }
            batch.removeAll(keepingCapacity: true)
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT id, event_json FROM programme_event ORDER BY start_day, id")
        while let row = try rows.next() {
            batch.append((id: row[0], json: row[1]))
            if batch.count == Self.encodeBatch { try decodeRows() }
        }
        try decodeRows()
        let updated = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'updated_at'").flatMap(UTCTimestamp.date)
        return (kept, updated)
    }

    /// A `programme_event` row's event, or the error naming it.
    private static func programmeEvent(_ json: String, id: String, path: String) throws(StoreError) -> ProgrammeEvent {
        do {
            return try EventJSONReader.programmeEvent(json)
        } catch {
            throw StoreError(message: "programme_event \(id) in \(path) cannot be read: \(error)")
        }
    }

    /// Writes only the rows that differ: each event's row is upserted, and an existing row is
    /// rewritten only when one of its columns would change (compared in SQLite, byte for byte);
    /// the ids no longer in the programme are deleted. In a re-sync in which one source changed,
    /// every other event comes out as it was (`last_seen` is a day, `updated` stays while the
    /// content hash does): a few rows are written instead of every event's JSON (14 MB for
    /// 7,000 events, then copied again by the checkpoint). The table ends as replacing every row
    /// would leave it, whatever was saved before. An id twice is refused.
    ///
    /// The programme's pages are copied from the WAL into the database file after this returns,
    /// by a checkpoint queued on the writer, while the caller puts the outputs in place (the
    /// commit would otherwise run it first: thousands of pages and two `fdatasync`s before the
    /// save returns). The store's next write waits for it; it needs no waiting for otherwise (a
    /// checkpoint interrupted by a crash is finished by the next one).
    public func saveProgramme(_ programme: SavedProgramme) async throws {
        let ids = try programme.uniqueIDs(savedIn: path)
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            defer { try? db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.autocheckpointPages)") }
            try db.inTransaction {
                try Self.clearStamp(db)
                let delete = try BoundStatement(db, sql: "DELETE FROM programme_event WHERE id = ?")
                for id in try String.fetchAll(db, sql: "SELECT id FROM programme_event") where !ids.contains(id) {
                    try delete.bind(1, id)
                    try delete.execute()
                }
                try Self.upsertRows(db, programme.events)
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('updated_at', ?)",
                               arguments: [programme.updatedAt.map(UTCTimestamp.string)])
                return .commit
            }
        }
        pool.asyncWriteWithoutTransaction { db in _ = try? db.checkpoint(.passive) }
    }

    /// A programme event's row, rewritten only when a column differs.
    static let upsertRow = """
        INSERT INTO programme_event (id, start_day, content_hash, updated, event_json) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET start_day = excluded.start_day, content_hash = excluded.content_hash,
            updated = excluded.updated, event_json = excluded.event_json
        WHERE programme_event.start_day IS NOT excluded.start_day OR programme_event.content_hash IS NOT excluded.content_hash
            OR programme_event.updated IS NOT excluded.updated OR programme_event.event_json IS NOT excluded.event_json
        """

    /// Upserts every event's row (``upsertRow``).
    private static func upsertRows(_ db: Database, _ events: [ProgrammeEvent]) throws {
        let insert = try BoundStatement(db, sql: upsertRow)
        // Encoded on every core a batch at a time, the next batch while this connection
        // inserts the current one in order (two batches' JSON is all that is held at once;
        // the inserts alone had one core idle).
        let batches = stride(from: 0, to: events.count, by: Self.encodeBatch).map { $0..<min($0 + Self.encodeBatch, events.count) }
        @Sendable func encode(_ batch: Range<Int>) throws -> [JSONText] {
            try ParallelMap.map(batch.count) { i in try Self.jsonText(events[batch.lowerBound + i]) }
        }
        var jsons = try batches.first.map(encode) ?? []
        for (k, batch) in batches.enumerated() {
            let ahead = k + 1 < batches.count ? Ahead { [next = batches[k + 1]] in try encode(next) } : nil
            do {
                for (event, json) in zip(events[batch], jsons) {
                    try insert.bind(1, event.id)
                    try insert.bind(2, event.startDay.iso)
                    try insert.bind(3, event.contentHash)
                    try insert.bind(4, event.updated.timeIntervalSince1970)
                    try insert.bind(5, json)
                    try insert.execute()
                }
            } catch {
                _ = try? ahead?.value()
                throw error
            }
            if let ahead { jsons = try ahead.value() }
        }
    }

    /// The WAL size (in pages) past which a commit copies the WAL into the database file
    /// (SQLite's `wal_autocheckpoint`, 1,000 by default). Each such checkpoint costs two
    /// `fdatasync`s (5-25 ms each here) during which the writer, and every source of a sync
    /// waiting to record, stands still: a cold sync of 600 sources ran about twenty of them.
    /// 8,192 pages (32 MiB) lets a cold sync's fetch phase through with one or none; the WAL
    /// is removed when the store closes.
    static let autocheckpointPages = 8_192

    public func programmeStamp() async throws -> ProgrammeStamp? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'programme_stamp'").flatMap(ProgrammeStamp.read)
        }
    }

    public func saveProgrammeStamp(_ stamp: ProgrammeStamp) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('programme_stamp', ?)", arguments: [stamp.json()])
        }
    }

    private static func clearStamp(_ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM meta WHERE key = 'programme_stamp'").execute()
    }

    // MARK: Rows

    /// One source's state changed, in the next group's transaction (``GroupCommit``).
    private func update(_ sourceID: String, _ change: @escaping @Sendable (SourceState) -> SourceState) async throws {
        try await grouped.write { db in
            let state = try Self.loadState(db, sourceID) ?? SourceState(sourceID: sourceID)
            try Self.saveState(db, change(state))
        }
    }

    /// An event's `event_json`: compact JSON, the bytes `LabfeedJSON.encoder(pretty: false)`
    /// writes, without the encoder (``EventJSON``); through the encoder for an event it would
    /// refuse (a NaN), so the error is the encoder's.
    static func json(_ event: Event) throws -> String {
        String(decoding: try jsonText(event).bytes, as: UTF8.self)
    }

    /// A programme event's `event_json`, as ``json(_:)-(Event)``.
    static func json(_ event: ProgrammeEvent) throws -> String {
        String(decoding: try jsonText(event).bytes, as: UTF8.self)
    }

    /// ``json(_:)-(Event)`` as the bytes the store binds (``JSONText``).
    static func jsonText(_ event: Event) throws -> JSONText {
        guard EventJSON.encodable(event) else {
            return JSONText(bytes: Array(try LabfeedJSON.encoder(pretty: false).encode(event)))
        }
        var out = JSONBytes(pretty: false, capacity: 1_536)
        EventJSON.write(event, to: &out)
        return JSONText(bytes: out.bytes)
    }

    /// ``json(_:)-(ProgrammeEvent)`` as the bytes the store binds (``JSONText``).
    static func jsonText(_ event: ProgrammeEvent) throws -> JSONText {
        guard EventJSON.encodable(event.event) else {
            return JSONText(bytes: Array(try LabfeedJSON.encoder(pretty: false).encode(event)))
        }
        var out = JSONBytes(pretty: false, capacity: 2_048)
        EventJSON.write(event, to: &out)
        return JSONText(bytes: out.bytes)
    }

    /// How many programme events ``saveProgramme(_:)`` encodes before inserting them.
    static let encodeBatch = 512

    /// How many sources' rows ``eventsBySource()`` reads before decoding them.
    static let decodeBatch = 32

    /// A `source_event` row as read, its event still JSON: plain values, for decoding on
    /// another thread than the connection's.
    struct StoredRow: Sendable {
        var key: String
        var json: String
        var firstSeen: Double
        var lastSeen: Double
    }

    private static func loadEvents(_ db: Database, _ sourceID: String) throws -> [SourcedEvent] {
        try decode(storedRows(db, sourceID), sourceID: sourceID)
    }

    /// One source's rows as events (``EventJSONReader``: safe on any thread).
    static func decode(_ rows: [StoredRow], sourceID: String) throws(StoreError) -> [SourcedEvent] {
        var events: [SourcedEvent] = []
        events.reserveCapacity(rows.count)
        for row in rows {
            let event: Event
            do {
                event = try EventJSONReader.event(row.json)
            } catch {
                throw StoreError(message: "source_event \(sourceID)/\(row.key) cannot be read: \(error)")
            }
            events.append(SourcedEvent(source: sourceID, key: row.key, event: event,
                                       firstSeen: Date(timeIntervalSince1970: row.firstSeen),
                                       lastSeen: Date(timeIntervalSince1970: row.lastSeen)))
        }
        return events
    }
}

/// Work started on another thread at once, its value waited for when needed (the next batch
/// of ``SQLiteStore/saveProgramme(_:)`` encoded while the current one is inserted).
final class Ahead<T: Sendable>: @unchecked Sendable {
    // Written once by the worker before `done` is signalled, read after waiting on it.
    private var result: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> T) {
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    /// Waits for the work; its value or its error. Call it once.
    func value() throws -> T {
        done.wait()
        return try result!.get()
    }
}

/// Which schema migrations a store knows and which its database has.
public struct MigrationStatus: Sendable, Hashable {
    /// Every migration this labfeed knows, in order.
    public var known: [String]
    /// Those the database has.
    public var applied: [String]
    /// Those still to apply, in order.
    public var pending: [String] { known.filter { !applied.contains($0) } }

    public init(known: [String], applied: [String]) {
        self.known = known
        self.applied = applied
    }
}

/// A store whose content cannot be read back (names the table and row).
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
