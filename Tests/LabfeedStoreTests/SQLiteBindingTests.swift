// The SQLite store's direct bindings (`BoundStatement`) against the GRDB arguments they replace,
// and its per-source rows against the reads and writes they replace: the same rows, value for
// value and type for type.

import Foundation
import GRDB
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct SQLiteBindingTests {
    /// Text that GRDB and SQLite may treat differently: empty, NUL inside or at either end,
    /// quotes and backslashes, scalars of two to four bytes, a combining mark, long runs; nil
    /// one time in eight.
    static func text(_ rng: inout Xorshift64) -> String? {
        if rng.next(8) == 0 { return nil }
        let pieces = ["", "a", "Z9", " ", "\u{0}", "é", "€", "𝄞", "\u{301}", "'", "\"", "\\", "\n", "--", "?", ":1",
                      "W/\"etag\"", "Tue, 01 Nov 2022 08:00:00 GMT", String(repeating: "long ", count: 40)]
        let count = rng.next(4) == 0 ? rng.next(60) : rng.next(6)
        var text = ""
        for _ in 0..<count { text += rng.element(of: pieces) }
        return text
    }

    static func double(_ rng: inout Xorshift64) -> Double? {
        switch rng.next(8) {
        case 0: return nil
        case 1: return 0
        case 2: return -0.0
        case 3: return Double(rng.next(2_000_000_000))
        case 4: return Double(rng.next(2_000_000_000)) + Double(rng.next(1000)) / 1000
        case 5: return -Double(rng.next(1_000_000)) / 7
        case 6: return Double(bitPattern: rng.next() & ~(0x7FF << 52) | (UInt64(rng.next(2000) + 24) << 52))  // any finite
        default: return 1_906_502_400
        }
    }

    static func int(_ rng: inout Xorshift64) -> Int {
        switch rng.next(4) {
        case 0: return 0
        case 1: return rng.next(100)
        case 2: return -rng.next(1_000_000)
        default: return Int(truncatingIfNeeded: rng.next())
        }
    }

    @Test func boundValuesAreStoredAsGRDBStoresTheSameArguments() throws {
        let tmp = TemporaryDirectory()
        let queue = try DatabaseQueue(path: "\(tmp.path)/bindings.sqlite")
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY, a, b, c, d, e)")
            var rng = Xorshift64(seed: 0x5EED_0B1D)
            for n in 0..<4_000 {
                let a = Self.text(&rng), b = Self.double(&rng), c = Self.int(&rng), d = Self.text(&rng)
                let e = Array((Self.text(&rng) ?? "").utf8.filter { $0 != 0 })
                try db.execute(sql: "INSERT INTO t (n, a, b, c, d, e) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [2 * n, a, b, c, d, String(decoding: e, as: UTF8.self)])
                // One statement for every row (as the store's rows share one): values bound over
                // the previous row's.
                let insert = try BoundStatement(db, sql: "INSERT INTO t (n, a, b, c, d, e) VALUES (?, ?, ?, ?, ?, ?)")
                try insert.bind(1, 2 * n + 1)
                try insert.bind(2, a)
                try insert.bind(3, b)
                try insert.bind(4, c)
                try insert.bind(5, d)
                try insert.bind(6, JSONText(bytes: e))
                try insert.execute()
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT n, typeof(a), hex(a), typeof(b), b, typeof(c), c, typeof(d), hex(d), typeof(e), hex(e) FROM t ORDER BY n
                """)
            #expect(rows.count == 8_000)
            var differing = 0
            for pair in stride(from: 0, to: rows.count, by: 2) {
                let grdb = Array(rows[pair].databaseValues.dropFirst()), bound = Array(rows[pair + 1].databaseValues.dropFirst())
                // Doubles compared by their bits.
                let same = zip(grdb, bound).allSatisfy { g, b in
                    switch (g.storage, b.storage) {
                    case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
                    case (.double, _), (_, .double): return false
                    default: return g == b
                    }
                }
                if !same { differing += 1 }
            }
            #expect(differing == 0)
        }
    }

    @Test func aStatementBoundAfterAFailedRunIsPreparedAgain() throws {
        let tmp = TemporaryDirectory()
        let queue = try DatabaseQueue(path: "\(tmp.path)/bindings.sqlite")
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL)")
            let sql = "INSERT INTO t (k) VALUES (?)"
            for key in ["a", "a", "b"] {
                do {
                    let insert = try BoundStatement(db, sql: sql)
                    try insert.bind(1, key)
                    try insert.execute()
                } catch let error as DatabaseError {
                    #expect(error.resultCode == .SQLITE_CONSTRAINT)
                }
            }
            #expect(try String.fetchAll(db, sql: "SELECT k FROM t ORDER BY k") == ["a", "b"])
        }
    }

    /// A time as the store writes them: whole seconds (`wholeSeconds`), which a `Date` holds
    /// exactly; nil one time in five.
    static func seconds(_ rng: inout Xorshift64) -> Double? {
        switch rng.next(5) {
        case 0: return nil
        case 1: return Double(1_906_502_400 + rng.next(200) - 100)
        case 2: return 0
        default: return Double(rng.next(4_000_000_000)) - 1_000_000_000
        }
    }

    static func state(_ id: String, _ rng: inout Xorshift64) -> SourceState {
        func date() -> Date? { seconds(&rng).map(Date.init(timeIntervalSince1970:)) }
        return SourceState(sourceID: id, validators: Validators(etag: text(&rng), lastModified: text(&rng)),
                           lastAttempt: date(), lastSuccess: date(), lastChange: date(), lastError: text(&rng),
                           failingSince: date(), consecutiveFailures: rng.next(5), permanentRedirect: text(&rng),
                           bodyHash: text(&rng), retryAfterUntil: date())
    }

    /// Every column of every `source_state` row with its type, in order.
    static func stateRows(_ store: SQLiteStore) throws -> [Row] {
        let columns = SQLiteStore.stateColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let select = columns.map { "\($0), typeof(\($0))" }.joined(separator: ", ")
        return try store.pool.read { db in try Row.fetchAll(db, sql: "SELECT \(select) FROM source_state ORDER BY source_id") }
    }

    /// The state as the store read it by column name before (`SELECT *`).
    static func stateByName(_ store: SQLiteStore, _ id: String) throws -> SourceState? {
        try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM source_state WHERE source_id = ?", arguments: [id]).map { row in
                func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
                return SourceState(
                    sourceID: row["source_id"], validators: Validators(etag: row["etag"], lastModified: row["last_modified"]),
                    lastAttempt: date("last_attempt"), lastSuccess: date("last_success"), lastChange: date("last_change"),
                    lastError: row["last_error"], failingSince: date("failing_since"),
                    consecutiveFailures: row["consecutive_failures"], permanentRedirect: row["permanent_redirect"],
                    bodyHash: row["body_hash"], retryAfterUntil: date("retry_after_until"))
            }
        }
    }

    /// The attempt's one statement (`INSERT ... ON CONFLICT DO UPDATE`) against the read, the
    /// transition and the full row it replaces, on new sources and on known ones with any state.
    @Test func anAttemptWritesTheRowTheTransitionWrote() async throws {
        let tmp = TemporaryDirectory()
        let upserted = try SQLiteStore(path: "\(tmp.path)/upserted.sqlite")
        let rewritten = try SQLiteStore(path: "\(tmp.path)/rewritten.sqlite")
        var rng = Xorshift64(seed: 0xA77E_3917)
        for n in 0..<600 {
            let id = "source-\(rng.next(60))"
            if n % 5 == 0 {
                let prior = Self.state(id, &rng)
                for store in [upserted, rewritten] {
                    try await store.pool.write { db in try SQLiteStore.saveState(db, prior) }
                }
            }
            let at = Date(timeIntervalSince1970: (Self.seconds(&rng) ?? 1_906_502_400) + Double(rng.next(4)) / 4)
            try await upserted.recordAttempt(id, at: at)
            try await rewritten.pool.write { db in
                let state = try SQLiteStore.loadState(db, id) ?? SourceState(sourceID: id)
                try SQLiteStore.saveState(db, StoreTransitions.attempt(state, at: at))
            }
            if n % 50 == 49 {
                #expect(try Self.stateRows(upserted) == Self.stateRows(rewritten))
            }
        }
        let rows = try Self.stateRows(upserted)
        #expect(rows.count > 50)
        #expect(try rows == Self.stateRows(rewritten))
        for id in try await upserted.allSourceStates().keys {
            #expect(try await upserted.sourceState(id) == (try Self.stateByName(upserted, id)))
        }
    }

    /// States written and read by column index are those read by name, field for field.
    @Test func aStateReadsBackAsItReadByColumnName() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        var rng = Xorshift64(seed: 0x57A7_E5)
        for n in 0..<400 {
            let state = Self.state("s\(n)", &rng)
            try await store.pool.write { db in try SQLiteStore.saveState(db, state) }
            let read = try #require(try await store.sourceState(state.sourceID))
            #expect(read == (try Self.stateByName(store, state.sourceID)))
        }
        let all = try await store.allSourceStates()
        #expect(all.count == 400)
        for (id, state) in all { #expect(state == (try Self.stateByName(store, id))) }
    }

    /// Keys with a NUL anywhere (or none), ASCII and not, short and long: `memchr` over the
    /// bytes says what `utf8.contains(0)` said.
    @Test func readingBackAsIsIsAKeyWithoutNUL() {
        var rng = Xorshift64(seed: 0x0E_0F_4E55)
        let event = StoreSamples.atelier, t1 = StoreSamples.t1
        for _ in 0..<20_000 {
            let count = rng.next(4)
            let items = (0..<count).map { _ in SourcedEvent(source: "lab", key: Self.text(&rng) ?? "", event: event, firstSeen: t1, lastSeen: t1) }
            #expect(StoreTransitions.readsBackAsIs(items) == !items.contains { $0.key.utf8.contains(0) })
        }
        #expect(!StoreTransitions.readsBackAsIs([SourcedEvent(source: "lab", key: "id:\u{0}", event: event, firstSeen: t1, lastSeen: t1)]))
        #expect(StoreTransitions.readsBackAsIs([SourcedEvent(source: "lab", key: "", event: event, firstSeen: t1, lastSeen: t1)]))
    }
}
