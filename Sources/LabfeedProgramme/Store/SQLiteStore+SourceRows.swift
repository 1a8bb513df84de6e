// The SQLite store's per-source rows read and written on the writer: a source's state
// (`source_state`) and its stored items (`source_event`), through statements prepared once per
// connection and bound directly (``BoundStatement``): a cold sync runs each of them for every
// source, on the one writer every source's record waits for (preparing them again, GRDB's
// authorizer included, was a few percent of its CPU).

import Foundation
import GRDB

extension SQLiteStore {
    /// `source_state`'s columns in the order ``state(from:)`` reads them.
    static let stateColumns = """
        source_id, etag, last_modified, last_attempt, last_success, last_change, last_error, failing_since,
        consecutive_failures, permanent_redirect, body_hash, retry_after_until
        """

    private static let selectState = "SELECT \(stateColumns) FROM source_state WHERE source_id = ?"

    private static let insertState = """
        INSERT OR REPLACE INTO source_state (\(stateColumns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// A new row is `SourceState(sourceID:)` with its attempt: the columns not named are NULL
    /// but `consecutive_failures`, whose default is 0 (migration `v1`).
    private static let upsertAttempt = """
        INSERT INTO source_state (source_id, last_attempt) VALUES (?, ?)
        ON CONFLICT (source_id) DO UPDATE SET last_attempt = excluded.last_attempt
        """

    /// An item's `last_seen` is its source's `last_success`: every success writes the source's
    /// items with it, and a 304 (or an unchanged body) confirms them all at once by moving it
    /// alone (``recordNotModified(_:at:)``). Updating each item's row instead rewrote every
    /// page of `source_event` at each re-sync (10 MB for 600 sources, with nothing changed).
    /// The row's own `last_seen` (the success that wrote it) stands in for a state without one.
    private static let selectItems = """
        SELECT e.item_key, e.event_json, e.first_seen, coalesce(s.last_success, e.last_seen)
        FROM source_event e LEFT JOIN source_state s ON s.source_id = e.source_id
        WHERE e.source_id = ? ORDER BY e.position
        """

    static func loadState(_ db: Database, _ sourceID: String) throws -> SourceState? {
        let select = try BoundStatement(db, sql: selectState)
        try select.bind(1, sourceID)
        return try select.withRows { rows in try rows.next().map(state(from:)) }
    }

    /// A row of ``stateColumns``, read by index (a name is looked up among the columns on each
    /// read).
    static func state(from row: Row) -> SourceState {
        func date(_ index: Int) -> Date? { (row[index] as Double?).map(Date.init(timeIntervalSince1970:)) }
        return SourceState(
            sourceID: row[0],
            validators: Validators(etag: row[1], lastModified: row[2]),
            lastAttempt: date(3), lastSuccess: date(4), lastChange: date(5),
            lastError: row[6], failingSince: date(7),
            consecutiveFailures: row[8], permanentRedirect: row[9],
            bodyHash: row[10], retryAfterUntil: date(11))
    }

    static func saveState(_ db: Database, _ s: SourceState) throws {
        let insert = try BoundStatement(db, sql: insertState)
        try insert.bind(1, s.sourceID)
        try insert.bind(2, s.validators.etag)
        try insert.bind(3, s.validators.lastModified)
        try insert.bind(4, s.lastAttempt?.timeIntervalSince1970)
        try insert.bind(5, s.lastSuccess?.timeIntervalSince1970)
        try insert.bind(6, s.lastChange?.timeIntervalSince1970)
        try insert.bind(7, s.lastError)
        try insert.bind(8, s.failingSince?.timeIntervalSince1970)
        try insert.bind(9, s.consecutiveFailures)
        try insert.bind(10, s.permanentRedirect)
        try insert.bind(11, s.bodyHash)
        try insert.bind(12, s.retryAfterUntil?.timeIntervalSince1970)
        try insert.execute()
    }

    /// The row ``StoreTransitions/attempt(_:at:)`` makes of the source's state (or of
    /// `SourceState(sourceID:)`), without reading it.
    static func saveAttempt(_ db: Database, _ sourceID: String, at: Date) throws {
        let upsert = try BoundStatement(db, sql: upsertAttempt)
        try upsert.bind(1, sourceID)
        try upsert.bind(2, wholeSeconds(at).timeIntervalSince1970)
        try upsert.execute()
    }

    static func storedRows(_ db: Database, _ sourceID: String) throws -> [StoredRow] {
        let select = try BoundStatement(db, sql: selectItems)
        try select.bind(1, sourceID)
        return try select.withRows { rows in
            var stored: [StoredRow] = []
            while let row = try rows.next() {
                stored.append(StoredRow(key: row[0], json: row[1], firstSeen: row[2], lastSeen: row[3]))
            }
            return stored
        }
    }
}
