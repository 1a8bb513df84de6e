// SQLite's migrations (GRDB's DatabaseMigrator): a file of an older labfeed is brought forward,
// a file of a newer one is refused, and the merge lock binds two store objects of one file.

import Foundation
import GRDB
import LabfeedProgramme
import LabfeedTestSupport
import Testing

struct SQLiteMigrationTests {
    @Test func aFileOfTheFirstSchemaIsMigratedForward() async throws {
        let tmp = TemporaryDirectory()
        let path = "\(tmp.path)/state.sqlite"
        do {
            let pool = try DatabasePool(path: path)
            var v1 = DatabaseMigrator()
            v1.registerMigration("v1") { db in
                try db.execute(sql: "CREATE TABLE source_state (source_id TEXT PRIMARY KEY NOT NULL, etag TEXT, last_modified TEXT, last_attempt REAL, last_success REAL, last_change REAL, last_error TEXT, failing_since REAL, consecutive_failures INTEGER NOT NULL DEFAULT 0, permanent_redirect TEXT, body_hash TEXT, retry_after_until REAL)")
                try db.execute(sql: "INSERT INTO source_state (source_id, etag) VALUES ('lab', '\"old\"')")
            }
            try v1.migrate(pool)
        }
        let store = try SQLiteStore(path: path, migrate: false)
        #expect(try store.migrationStatus().pending == ["v2-work-queue"])
        #expect(try store.migrate() == ["v2-work-queue"])
        #expect(try store.migrationStatus().pending.isEmpty)
        #expect(try store.migrate().isEmpty)
        #expect(try await store.sourceState("lab")?.validators.etag == "\"old\"")
        try await store.register([WorkItem(sourceID: "lab", host: nil, nextDue: .distantPast)])
        #expect(try await store.claimDue(worker: "w", limit: 1, now: Date(), leaseFor: .seconds(5)) == ["lab"])
    }

    @Test func aFileOfANewerLabfeedIsRefused() throws {
        let tmp = TemporaryDirectory()
        let path = "\(tmp.path)/state.sqlite"
        _ = try SQLiteStore(path: path)
        do {
            let pool = try DatabasePool(path: path)
            try pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        }
        #expect(throws: StoreError.self) { _ = try SQLiteStore(path: path) }
    }
}
