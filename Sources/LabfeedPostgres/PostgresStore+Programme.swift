// PostgresStore as a ProgrammeStore: the same transitions and tables as SQLiteStore. A source's
// row is locked (`SELECT … FOR UPDATE`) for each read-modify-write, so two workers recording
// the same source (a lease that ran out mid-fetch) never lose each other's update.

public import Foundation
public import LabfeedCore
public import LabfeedProgramme
import Logging
import PostgresNIO

extension PostgresStore: ProgrammeStore {
    public func sourceState(_ sourceID: String) async throws -> SourceState? {
        try await run { c in
            try await c.query("SELECT \(unescaped: Self.stateColumns) FROM source_state WHERE source_id = \(sourceID)", logger: self.logger)
                .collect().first.map(Self.state(from:))
        }
    }

    public func allSourceStates() async throws -> [String: SourceState] {
        try await run { c in
            let rows = try await c.query("SELECT \(unescaped: Self.stateColumns) FROM source_state", logger: self.logger).collect()
            let states = try rows.map(Self.state(from:))
            return Dictionary(states.map { ($0.sourceID, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    public func recordAttempt(_ sourceID: String, at: Date) async throws {
        try await update(sourceID) { StoreTransitions.attempt($0, at: at) }
    }

    public func recordSuccess(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event], at: Date) async throws {
        _ = try await recordSuccessReturningItems(sourceID, validators: validators, bodyHash: bodyHash, events: events, at: at)
    }

    /// The items written are those read back (whole-second times, keys without NUL, events
    /// through JSON and ``EventJSONReader``), as ``SQLiteStore``'s.
    public func recordSuccessReturningItems(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event],
                                            at: Date) async throws -> [SourcedEvent]? {
        let encoder = LabfeedJSON.encoder(pretty: false)
        return try await transaction { c in
            let state = try await self.lockState(c, sourceID)
            let old = try await self.loadEvents(c, sourceID)
            let (items, changed) = StoreTransitions.replace(old, with: events, source: sourceID, at: at)
            _ = try await c.query("DELETE FROM source_event WHERE source_id = \(sourceID)", logger: self.logger).collect()
            if !items.isEmpty {
                let keys = items.map { pgText($0.key) }
                let positions = Array(0..<items.count)
                let firstSeen = items.map(\.firstSeen), lastSeen = items.map(\.lastSeen)
                let json = try items.map { String(decoding: try encoder.encode($0.event), as: UTF8.self) }
                _ = try await c.query("""
                    INSERT INTO source_event (source_id, item_key, position, first_seen, last_seen, event_json)
                    SELECT \(sourceID), * FROM unnest(\(keys)::text[], \(positions)::int8[], \(firstSeen)::timestamptz[],
                                                      \(lastSeen)::timestamptz[], \(json)::text[])
                    """, logger: self.logger).collect()
            }
            try await self.saveState(c, StoreTransitions.success(state, validators: validators, bodyHash: bodyHash, changed: changed, at: at))
            return StoreTransitions.readsBackAsIs(items) ? items : nil
        }
    }

    /// Moves the source's `last_success`, which its items' `last_seen` is read from (as
    /// ``SQLiteStore``'s): their rows are not rewritten (each 304 left a dead copy of every row
    /// of the source for vacuum).
    public func recordNotModified(_ sourceID: String, at: Date) async throws {
        try await transaction { c in
            let state = try await self.lockState(c, sourceID)
            try await self.saveState(c, StoreTransitions.notModified(state, at: at))
        }
    }

    public func recordFailure(_ sourceID: String, error: String, retryAfter: Date?, at: Date) async throws {
        try await update(sourceID) { StoreTransitions.failure($0, error: error, retryAfter: retryAfter, at: at) }
    }

    public func recordPermanentRedirect(_ sourceID: String, to url: String?) async throws {
        try await update(sourceID) { var s = $0; s.permanentRedirect = url; return s }
    }

    public func eventsBySource() async throws -> [String: [SourcedEvent]] {
        try await eventsBySource(excluding: [])
    }

    public func eventsBySource(excluding excluded: Set<String>) async throws -> [String: [SourcedEvent]] {
        let skipped = excluded.sorted()
        return try await run { c in
            let rows = try await c.query("""
                SELECT \(unescaped: Self.itemColumns) WHERE NOT (e.source_id = ANY(\(skipped)::text[])) ORDER BY e.source_id, e.position
                """, logger: self.logger).collect()
            var out: [String: [SourcedEvent]] = [:]
            for row in rows {
                let item = try Self.sourcedEvent(from: row)
                out[item.source, default: []].append(item)
            }
            return out
        }
    }

    public func forgetSource(_ sourceID: String) async throws {
        try await transaction { c in
            for table in ["source_event", "source_state", "work_source"] {
                _ = try await c.query("DELETE FROM \(unescaped: table) WHERE source_id = \(sourceID)", logger: self.logger).collect()
            }
        }
    }

    public func savedProgramme() async throws -> SavedProgramme {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { c in
            let rows = try await c.query("SELECT id, event_json FROM programme_event ORDER BY start_day, id", logger: self.logger).collect()
            let events = try rows.map { row -> ProgrammeEvent in
                let (id, json) = try row.decode((String, String).self)
                do {
                    return try EventJSONReader.programmeEvent(json)
                } catch {
                    throw StoreError(message: "programme_event \(id) in \(self.location) cannot be read: \(error)")
                }
            }
            let meta = try await c.query("SELECT value FROM meta WHERE key = 'updated_at'", logger: self.logger).collect()
            let updated = try meta.first?.decode(String?.self).flatMap(UTCTimestamp.date)
            return SavedProgramme(events: events, updatedAt: updated)
        }
    }

    /// As ``SQLiteStore``'s: only the rows that differ are written (an upsert whose update is
    /// skipped when every column is as stored, leaving no dead copy of the row for vacuum), and
    /// the ids no longer in the programme deleted. An id twice is refused.
    public func saveProgramme(_ programme: SavedProgramme) async throws {
        let encoder = LabfeedJSON.encoder(pretty: false)
        let events = programme.events
        _ = try programme.uniqueIDs(savedIn: "\(location)")
        let ids = events.map(\.id), days = events.map(\.startDay.iso), hashes = events.map(\.contentHash), updated = events.map(\.updated)
        let json = try events.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        let updatedAt = programme.updatedAt.map(UTCTimestamp.string)
        try await transaction { c in
            _ = try await c.query("DELETE FROM programme_event WHERE NOT (id = ANY(\(ids)::text[]))", logger: self.logger).collect()
            if !events.isEmpty {
                _ = try await c.query("""
                    INSERT INTO programme_event (id, start_day, content_hash, updated, event_json)
                    SELECT * FROM unnest(\(ids)::text[], \(days)::text[], \(hashes)::text[], \(updated)::timestamptz[], \(json)::text[])
                    ON CONFLICT (id) DO UPDATE SET start_day = excluded.start_day, content_hash = excluded.content_hash,
                                                   updated = excluded.updated, event_json = excluded.event_json
                    WHERE (programme_event.start_day, programme_event.content_hash, programme_event.updated, programme_event.event_json)
                          IS DISTINCT FROM (excluded.start_day, excluded.content_hash, excluded.updated, excluded.event_json)
                    """, logger: self.logger).collect()
            }
            _ = try await c.query("""
                INSERT INTO meta (key, value) VALUES ('updated_at', \(updatedAt))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, logger: self.logger).collect()
        }
    }

    // MARK: Rows

    static let stateColumns = """
        source_id, etag, last_modified, last_attempt, last_success, last_change, last_error, failing_since,
        consecutive_failures, permanent_redirect, body_hash, retry_after_until
        """

    private func update(_ sourceID: String, _ change: @Sendable (SourceState) -> SourceState) async throws {
        try await transaction { c in
            let state = try await self.lockState(c, sourceID)
            try await self.saveState(c, change(state))
        }
    }

    /// The source's state, its row created if missing and locked until the transaction ends.
    private func lockState(_ c: PostgresConnection, _ sourceID: String) async throws -> SourceState {
        let rows = try await c.query("""
            SELECT \(unescaped: Self.stateColumns) FROM source_state WHERE source_id = \(sourceID) FOR UPDATE
            """, logger: logger).collect()
        if let row = rows.first { return try Self.state(from: row) }
        _ = try await c.query("INSERT INTO source_state (source_id) VALUES (\(sourceID)) ON CONFLICT DO NOTHING", logger: logger).collect()
        let again = try await c.query("""
            SELECT \(unescaped: Self.stateColumns) FROM source_state WHERE source_id = \(sourceID) FOR UPDATE
            """, logger: logger).collect()
        guard let row = again.first else { throw StoreError(message: "source_state \(sourceID) vanished in \(location)") }
        // A row created just now reads as "never recorded", as SQLite's missing row does.
        let state = try Self.state(from: row)
        return state
    }

    private func saveState(_ c: PostgresConnection, _ s: SourceState) async throws {
        _ = try await c.query("""
            UPDATE source_state SET etag = \(pgText(s.validators.etag)), last_modified = \(pgText(s.validators.lastModified)),
                last_attempt = \(s.lastAttempt), last_success = \(s.lastSuccess), last_change = \(s.lastChange),
                last_error = \(pgText(s.lastError)), failing_since = \(s.failingSince), consecutive_failures = \(s.consecutiveFailures),
                permanent_redirect = \(pgText(s.permanentRedirect)), body_hash = \(pgText(s.bodyHash)),
                retry_after_until = \(s.retryAfterUntil)
            WHERE source_id = \(s.sourceID)
            """, logger: logger).collect()
    }

    private func loadEvents(_ c: PostgresConnection, _ sourceID: String) async throws -> [SourcedEvent] {
        try await c.query("""
            SELECT \(unescaped: Self.itemColumns) WHERE e.source_id = \(sourceID) ORDER BY e.position
            """, logger: logger).collect().map(Self.sourcedEvent(from:))
    }

    /// A source's items as ``sourcedEvent(from:)`` reads them, their `last_seen` the source's
    /// `last_success` (every success writes them with it, a 304 moves it alone), else the row's.
    static let itemColumns = """
        e.source_id, e.item_key, e.first_seen, coalesce(s.last_success, e.last_seen), e.event_json
        FROM source_event e LEFT JOIN source_state s ON s.source_id = e.source_id
        """

    static func sourcedEvent(from row: PostgresRow) throws -> SourcedEvent {
        let (source, key, firstSeen, lastSeen, json) = try row.decode((String, String, Date, Date, String).self)
        let event: Event
        do {
            event = try EventJSONReader.event(json)
        } catch {
            throw StoreError(message: "source_event \(source)/\(key) cannot be read: \(error)")
        }
        return SourcedEvent(source: source, key: key, event: event, firstSeen: firstSeen, lastSeen: lastSeen)
    }

    static func state(from row: PostgresRow) throws -> SourceState {
        let (id, etag, lastModified, lastAttempt, lastSuccess, lastChange, lastError, failingSince) =
            try row.decode((String, String?, String?, Date?, Date?, Date?, String?, Date?).self)
        let r = row.makeRandomAccess()
        return SourceState(
            sourceID: id, validators: Validators(etag: etag, lastModified: lastModified),
            lastAttempt: lastAttempt, lastSuccess: lastSuccess, lastChange: lastChange, lastError: lastError,
            failingSince: failingSince, consecutiveFailures: try r["consecutive_failures"].decode(Int.self),
            permanentRedirect: try r["permanent_redirect"].decode(String?.self), bodyHash: try r["body_hash"].decode(String?.self),
            retryAfterUntil: try r["retry_after_until"].decode(Date?.self))
    }
}
