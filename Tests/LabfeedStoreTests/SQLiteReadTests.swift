// Reading SQLite's stored events back: a row that cannot be decoded is named, whichever of the
// parallel decoding batches (SQLiteStore.eventsBySource) it falls in.

import Foundation
import GRDB
import LabfeedProgramme
import LabfeedTestSupport
import Testing

struct SQLiteReadTests {
    typealias S = StoreSamples

    @Test(arguments: ["lab-03", "lab-37", "lab-69"])
    func anUnreadableStoredEventNamesItsRow(broken: String) async throws {
        let tmp = TemporaryDirectory()
        let path = "\(tmp.path)/state.sqlite"
        let store = try SQLiteStore(path: path)
        for n in 0..<70 {
            let id = String(format: "lab-%02d", n)
            try await store.recordSuccess(id, validators: Validators(), bodyHash: nil,
                                          events: [S.event("Atelier \(n)", start: S.at("2022-11-15", 9), sourceID: "a\(n)")], at: S.t1)
        }
        let pool = try DatabasePool(path: path)
        try await pool.write { db in
            try db.execute(sql: "UPDATE source_event SET event_json = '{\"title\": 3' WHERE source_id = ?", arguments: [broken])
        }
        await #expect {
            _ = try await store.eventsBySource()
        } throws: { error in
            "\(error)".contains("source_event \(broken)/id:a\(Int(broken.suffix(2))!) cannot be read")
        }
    }
}
