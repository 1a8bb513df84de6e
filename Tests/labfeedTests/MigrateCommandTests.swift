import Foundation
import LabfeedTestSupport
import Testing

/// `labfeed migrate` and `labfeed sync` on each store, run as a user would run them.
struct MigrateCommandTests {
    /// `store:` lines to test: SQLite always, PostgreSQL (a fresh schema) with the test server.
    static var stores: [String] {
        var list = ["sqlite:state/state.sqlite"]
        if let url = ProcessInfo.processInfo.environment["LABFEED_TEST_POSTGRES_URL"], !url.isEmpty {
            let schema = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            list.append(url + "&schema=\(schema)")
        }
        return list
    }

    @Test(arguments: stores) func migrateAppliesOnceAndStatusTellsWhatIsPending(store: String) throws {
        let dir = TemporaryDirectory()
        let ics = try dir.write("agenda.ics", """
            BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:atelier-1@lab.example\r\n\
            DTSTART:20221115T090000Z\r\nSUMMARY:Atelier design\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n
            """)
        let config = try dir.write("feeds.yml", """
            settings:
              store: "\(store)"
              output: out
            sources:
              - id: lab
                url: \(ics)
            """)
        let pending = try LabfeedBinary.run(["migrate", "--status", "--config", config])
        #expect(pending.status == 2, "\(pending.stderr)")
        #expect(pending.stdout.contains("pending  v1") && pending.stdout.contains("pending  v2-work-queue"))
        #expect(!pending.stdout.contains(ProcessInfo.processInfo.environment["LABFEED_TEST_POSTGRES_PASSWORD"] ?? "\u{0}"))

        let applied = try LabfeedBinary.run(["migrate", "--config", config])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("applied: v1, v2-work-queue"))
        let again = try LabfeedBinary.run(["migrate", "--status", "--config", config])
        #expect(again.status == 0 && again.stdout.contains("applied  v2-work-queue"), "\(again.stderr)")

        let sync = try LabfeedBinary.run(["sync", "--all", "--now", "2022-11-01", "--config", config])
        #expect(sync.status == 0, "\(sync.stderr)")
        let json = try String(contentsOfFile: "\(dir.path)/out/programme.json", encoding: .utf8)
        #expect(json.contains("Atelier design"))
    }

    @Test func anUnreachableDatabaseIsAClearError() throws {
        let dir = TemporaryDirectory()
        // Port 1 on loopback: nothing listens there.
        let config = try dir.write("feeds.yml", """
            settings:
              store: postgres://labfeed@127.0.0.1:1/labfeed?sslmode=disable
            sources: []
            """)
        let result = try LabfeedBinary.run(["migrate", "--config", config])
        #expect(result.status == 4)
        #expect(result.stderr.contains("cannot connect to PostgreSQL at postgres://labfeed@127.0.0.1:1/labfeed"), "\(result.stderr)")
    }
}
