import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing

struct StoreSettingTests {
    func parse(_ text: String) -> Result<StoreSetting, StoreSettingError> {
        StoreSetting.parse(text, resolve: { $0.hasPrefix("/") ? $0 : "/etc/labfeed/\($0)" })
    }

    @Test func sqliteIsTheDefaultAndTakesAPath() throws {
        let config = try ConfigLoader.parse("sources: []\n", file: "f.yml", directory: "/srv/lab")
        #expect(config.settings.store == nil)
        #expect(config.settings.storeSetting(environment: ["STATE_DIRECTORY": "/var/lib/labfeed"]) == .sqlite(path: "/var/lib/labfeed/state.sqlite"))
        #expect(try parse("sqlite:state/x.sqlite").get() == .sqlite(path: "/etc/labfeed/state/x.sqlite"))
        #expect(try parse("sqlite:///var/lib/x.sqlite").get() == .sqlite(path: "/var/lib/x.sqlite"))
        let loaded = try ConfigLoader.parse("settings:\n  store: sqlite:data/s.sqlite\nsources: []\n", file: "f.yml", directory: "/srv/lab")
        #expect(loaded.settings.store == .sqlite(path: "/srv/lab/data/s.sqlite"))
        #expect(loaded.settings.statePath() == "/srv/lab/data/s.sqlite")
    }

    @Test func aPostgresURLNamesWhereThePasswordIs() throws {
        let setting = try parse("postgres://labfeed@db.internal:6432/programme?password_env=LABFEED_DB_PASSWORD&schema=mip&sslmode=require&pool=12").get()
        guard case .postgres(let location) = setting else { Issue.record("not postgres"); return }
        #expect(location == PostgresLocation(host: "db.internal", port: 6432, user: "labfeed", database: "programme", schema: "mip",
                                             password: .environment("LABFEED_DB_PASSWORD"), tls: .require, poolSize: 12))
        #expect(location.description == "postgres://labfeed@db.internal:6432/programme?schema=mip&password_env=LABFEED_DB_PASSWORD&sslmode=require")
        let file = try parse("postgresql://labfeed@[::1]/programme?password_file=secrets/db").get()
        #expect(file == .postgres(PostgresLocation(host: "::1", user: "labfeed", database: "programme", password: .file("/etc/labfeed/secrets/db"))))
        #expect(try parse("postgres://labfeed@localhost/programme").get() == .postgres(PostgresLocation(host: "localhost", user: "labfeed", database: "programme")))
    }

    @Test(arguments: [
        ("postgres://labfeed:secret@db/programme", "password written in the URL is refused"),
        ("postgres://labfeed@db/programme?password=secret", "password written in the URL is refused"),
        ("postgres://db/programme", "names no user"),
        ("postgres://labfeed@db/", "names no database"),
        ("postgres://labfeed@db/p?password_env=1BAD", "variable name"),
        ("postgres://labfeed@db/p?password_env=A&password_file=/x", "not both"),
        ("postgres://labfeed@db/p?schema=Bad-Name", "plain name"),
        ("postgres://labfeed@db/p?sslmode=verify-full", "disable, prefer or require"),
        ("postgres://labfeed@db/p?passwrod_env=X", "did you mean `password_env`"),
        ("mysql://labfeed@db/p", "unknown store"),
        ("sqlite:", "needs a path"),
    ]) func badStoresAreRefusedWithAReason(text: String, reason: String) {
        switch parse(text) {
        case .success(let s): Issue.record("accepted \(text) as \(s)")
        case .failure(let error):
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(!error.message.contains("secret"))
        }
    }

    @Test func anInlinePasswordInFeedsYmlIsALocatedError() {
        let yaml = "settings:\n  store: postgres://labfeed:hunter2@db/programme\nsources: []\n"
        do {
            _ = try ConfigLoader.parse(yaml, file: "feeds.yml", directory: "/etc/labfeed")
            Issue.record("an inline password was accepted")
        } catch {
            let problem = error.problems.first
            #expect(problem?.key == "settings.store")
            #expect(problem?.position.line == 2 && problem?.position.column == 10)
            #expect(problem?.message.contains("password_env") == true)
            #expect(problem?.message.contains("hunter2") == false)
        }
    }

    @Test func stateAndStoreTogetherAreRefused() {
        let yaml = "settings:\n  state: s.sqlite\n  store: sqlite:t.sqlite\nsources: []\n"
        do {
            _ = try ConfigLoader.parse(yaml, file: "feeds.yml", directory: "/etc/labfeed")
            Issue.record("both were accepted")
        } catch {
            #expect(error.problems.map(\.key) == ["settings.state"])
        }
    }

    @Test func thePasswordIsReadFromTheVariableOrTheFile() throws {
        let env = PostgresLocation(host: "db", user: "u", database: "d", password: .environment("PW"))
        #expect(try env.resolvePassword(environment: ["PW": "s3cret"]) == "s3cret")
        #expect(throws: StoreSettingError.self) { try env.resolvePassword(environment: [:]) }
        let tmp = TemporaryDirectory()
        let path = try tmp.write("pw", "from-file\nignored\n")
        #expect(try PostgresLocation(host: "db", user: "u", database: "d", password: .file(path)).resolvePassword() == "from-file")
        #expect(throws: StoreSettingError.self) {
            try PostgresLocation(host: "db", user: "u", database: "d", password: .file("\(tmp.path)/missing")).resolvePassword()
        }
        #expect(try PostgresLocation(host: "db", user: "u", database: "d").resolvePassword() == nil)
    }
}
