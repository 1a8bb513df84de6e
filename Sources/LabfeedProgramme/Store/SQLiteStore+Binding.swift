// The store's per-source and per-row statements, bound straight through SQLite's C functions:
// no `StatementArguments` (an array of boxed values that GRDB validates against the statement,
// converts and binds one by one on every run), and each event's JSON bound as TEXT from its
// bytes without a String. GRDB still prepares, caches and runs the statements.

#if canImport(Glibc)
import Glibc
#endif
import GRDB
import GRDBSQLite

/// An event's JSON as UTF-8 bytes, ready to be bound as a row's `event_json` text.
///
/// Why: a String made from bytes is checked as UTF-8 byte by byte (`String(decoding:as:)`), and
/// the store made one for every event it wrote (8,799 `source_event` rows and 7,027
/// `programme_event` rows in a cold sync of 600 sources, 22 MB): 177 M instructions, about 1% of
/// the sync's CPU, for bytes ``JSONBytes`` wrote from Strings and ASCII, which are UTF-8 already.
/// The text SQLite stores is the same bytes either way.
struct JSONText: Sendable {
    /// Valid UTF-8: ``JSONBytes``' output (Strings' bytes, escapes and ASCII) or `JSONEncoder`'s.
    let bytes: [UInt8]
}

/// A statement prepared once per connection (GRDB's `cachedStatement`) whose parameters are
/// bound one by one with `sqlite3_bind_*`, then run by GRDB (``execute()``, ``withRows(_:)``:
/// its observers, its errors, its transaction bookkeeping).
///
/// Why: a cold sync runs five statements for each of its 600 sources and one for each of its
/// 15,826 rows, and building their arguments (`[sourceID, key, position, ...]` as
/// `StatementArguments`: each value boxed, then checked against the statement's parameters and
/// bound through GRDB's conversions) was a fifth of the store writer's CPU in the fetch phase.
///
/// Invariants the callers keep:
/// - SQLite keeps each binding until it is replaced (running or resetting the statement keeps
///   them; ``init(_:sql:)`` clears them). A caller binds every parameter before the first run,
///   and before each later run every parameter whose value changes (a source's rows bind the
///   source once, the row's values each time).
/// - Values bind as GRDB binds them, so the rows are the same: a `String` as TEXT up to its
///   first NUL (GRDB passes it as a C string), `nil` as NULL, `Int` as INTEGER, `Double` as REAL.
/// - Used on its connection's queue only, as GRDB's statements are (it is not `Sendable`).
struct BoundStatement {
    let statement: Statement
    private let handle: SQLiteStatement

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        // Resets the statement (a statement GRDB ran to an error is no longer cached), clears its
        // bindings, and records its arguments as set and valid: GRDB then runs it with the
        // bindings made here (`execute()` without arguments would otherwise validate the
        // statement's own arguments, which are none, against its parameters).
        statement.setUncheckedArguments(StatementArguments())
    }

    /// Binds text as GRDB binds a String (up to its first NUL, as a C string would end), nil
    /// as NULL.
    func bind(_ index: CInt, _ value: String?) throws {
        guard var value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(value.withUTF8 { utf8 in
            guard let start = utf8.baseAddress, !utf8.isEmpty else {
                return sqlite3_bind_text(handle, index, Self.empty, 0, Self.transient)
            }
            let count = memchr(start, 0, utf8.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(start) } ?? utf8.count
            return sqlite3_bind_text(handle, index, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self),
                                     CInt(count), Self.transient)
        })
    }

    func bind(_ index: CInt, _ value: Double?) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_double(handle, index, value))
    }

    func bind(_ index: CInt, _ value: Int) throws {
        try check(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    /// Binds the JSON's bytes as TEXT (all of them: JSON text holds no NUL, it writes `\u0000`).
    func bind(_ index: CInt, _ text: JSONText) throws {
        try check(text.bytes.withUnsafeBytes { raw in
            // A non-null pointer even for no bytes: a null one would bind NULL, not "".
            let start = raw.baseAddress ?? UnsafeRawPointer(Self.empty)
            return sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), CInt(raw.count), Self.transient)
        })
    }

    /// Runs the statement to its end, then resets it (keeping its bindings) for the next run.
    func execute() throws {
        try statement.execute()
        sqlite3_reset(handle)
    }

    /// Runs `body` on the statement's rows, read through GRDB (by column index: `row[0]`).
    ///
    /// A row is a view of the statement's current row, valid while the cursor lives: the cursor
    /// resets the statement when it is released, after which every column reads as NULL. So
    /// the cursor is kept alive until `body` returns (a `cursor().next()` alone would let it go
    /// before the row is read); `body` must not keep the rows.
    func withRows<T>(_ body: (RowCursor) throws -> T) throws -> T {
        let cursor = try Row.fetchCursor(statement)
        return try withExtendedLifetime(cursor) { try body(cursor) }
    }

    private func check(_ code: CInt) throws {
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind a parameter", sql: statement.sql)
        }
    }

    /// SQLite's `SQLITE_TRANSIENT` (a C macro Swift does not import): SQLite copies the bytes
    /// before the bind returns, so nothing points into a Swift value afterwards.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

    private static var empty: UnsafePointer<CChar> {
        UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
