// The store's rows carry each event as JSON text (`source_event.event_json`,
// `programme_event.event_json`); this binds those bytes as SQLite TEXT without first making a
// Swift String of them.

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

extension SQLiteStore {
    /// Runs `statement` with `arguments` for its first parameters and `text` for its last one,
    /// bound as TEXT from its bytes.
    ///
    /// GRDB binds `arguments` (validated against the statement's parameters, the last one as
    /// NULL for now) and keeps them bound; SQLite then rebinds the last parameter to a copy of
    /// the bytes (`SQLITE_TRANSIENT`: nothing points into `text` once this returns), and GRDB
    /// runs the statement with its bindings as they are (`execute()` without arguments resets
    /// the statement, which keeps its bindings). The statement's next `execute(arguments:)` or
    /// `setArguments` clears every binding first.
    static func execute(_ statement: Statement, arguments: StatementArguments, text: JSONText) throws {
        try statement.setArguments(arguments + [DatabaseValue.null])
        let index = CInt(sqlite3_bind_parameter_count(statement.sqliteStatement))
        let code = text.bytes.withUnsafeBytes { raw -> CInt in
            // A non-null pointer even for no bytes: a null one would bind NULL, not "".
            let start = raw.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start)
            return sqlite3_bind_text(statement.sqliteStatement, index, start.assumingMemoryBound(to: CChar.self),
                                     CInt(raw.count), Self.transient)
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind event_json", sql: statement.sql)
        }
        try statement.execute()
    }

    /// SQLite's `SQLITE_TRANSIENT` (a C macro Swift does not import): copy the bytes now.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}
