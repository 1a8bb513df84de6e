// `labfeed serve`: the programme a sync wrote, and the static mode the demo uses.

import Foundation
import Glibc
import LabfeedTestSupport
import Testing

struct ServeCommandTests {
    /// Waits for the ready file and returns the port in the URL it holds.
    func boundPort(from readyFile: String, _ process: BackgroundLabfeed) -> Int? {
        guard process.waitUntil(timeout: 60, { FileManager.default.fileExists(atPath: readyFile) }) else { return nil }
        let url = (try? String(contentsOfFile: readyFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return url.flatMap(URL.init(string:))?.port
    }

    @Test func staticModeServesTheSampleSiteAndSaysWhereItListens() throws {
        let dir = TemporaryDirectory(prefix: "labfeed-serve")
        let ready = "\(dir.path)/ready"
        let root = "\(LabfeedBinary.repositoryRoot)/examples/site"
        let serve = try BackgroundLabfeed(["serve", "--root", root, "--listen", "127.0.0.1:0", "--ready-file", ready])
        let port = try #require(boundPort(from: ready, serve), "\(serve.stderr)")
        // The ready file can appear before the pipe reader has the log line: wait for it (bounded).
        let line = "listening on http://127.0.0.1:\(port)"
        #expect(serve.waitUntil(timeout: 30) { serve.stderr.contains(line) }, "\(serve.stderr)")
        let ics = try LoopbackClient.get(port: port, "/labase.ics")
        #expect(ics.status == 200)
        #expect(ics.body == Array(try Data(contentsOf: URL(fileURLWithPath: "\(root)/labase.ics"))))
        #expect(try LoopbackClient.get(port: port, "/nope.html").status == 404)
        serve.signal(SIGTERM)
        #expect(serve.waitForExit(timeout: 30) == 0, "\(serve.stderr)")
    }

    @Test func theProgrammeOfTheLastSyncIsServedWithHealth() throws {
        let (dir, path) = try DaemonFixtures.directory(sources: ["a", "b"])
        let sync = try LabfeedBinary.run(["sync", "--config", path, "--quiet"])
        #expect(sync.status == 0, "\(sync.stderr)")
        let ready = "\(dir.path)/ready"
        let serve = try BackgroundLabfeed(["serve", "--config", path, "--listen", "127.0.0.1:0", "--ready-file", ready])
        let port = try #require(boundPort(from: ready, serve), "\(serve.stderr)")
        let json = try LoopbackClient.get(port: port, "/programme.json")
        #expect(json.status == 200)
        #expect(json.text.contains("Atelier A") && json.text.contains("Atelier B"))
        let health = try LoopbackClient.get(port: port, "/healthz")
        #expect(health.status == 200, "\(health.text)")
        let events = try LoopbackClient.get(port: port, "/api/events?q=atelier%20b")
        #expect(events.text.contains("Atelier B") && !events.text.contains("Atelier A"))
        let metrics = try LoopbackClient.get(port: port, "/metrics")
        #expect(metrics.text.contains("labfeed_programme_events 2"))
        #expect(metrics.text.contains("labfeed_source_last_success_timestamp_seconds{source=\"a\"}"))
        serve.signal(SIGTERM)
        #expect(serve.waitForExit(timeout: 30) == 0, "\(serve.stderr)")
    }

    @Test func aBadListenAddressIsAUsageError() throws {
        let result = try LabfeedBinary.run(["serve", "--listen", "localhost:http"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--listen takes HOST:PORT"))
    }
}

struct SourcesCommandTests {
    @Test func theTableShowsEachSourceState() throws {
        let (dir, path) = try DaemonFixtures.directory(sources: ["a"])
        try DaemonFixtures.config([("a", "a.ics"), ("lost", "missing.ics")]).write(toFile: path, atomically: true, encoding: .utf8)
        let before = try LabfeedBinary.run(["sources", "--config", path])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("pending"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/state/state.sqlite"), "listing never creates the state")

        _ = try LabfeedBinary.run(["sync", "--config", path, "--quiet"])
        let table = try LabfeedBinary.run(["sources", "--config", path])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("SOURCE") == true)
        let a = try #require(lines.first { $0.hasPrefix("a ") })
        #expect(a.contains("ok") && a.contains("ago") && a.contains("in 1 h"))
        let lost = try #require(lines.first { $0.hasPrefix("lost ") })
        #expect(lost.contains("failing since") && lost.contains("missing.ics"))

        let json = try LabfeedBinary.run(["sources", "--config", path, "--json"])
        let rows = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["sources"] as? [[String: Any]]
        #expect(rows?.map { $0["state"] as? String } == ["ok", "failing"])
        #expect(rows?.first?["events"] as? Int == 1)
    }
}

struct DemoConfigurationTests {
    @Test func theHTTPDemoFetchesTheSampleSitesFromLoopback() throws {
        let root = LabfeedBinary.repositoryRoot
        let check = try LabfeedBinary.run(["check", "--config", "\(root)/examples/demo-http.yml"])
        #expect(check.status == 0, "\(check.stderr)")
        let urls = check.stdout.split(separator: " ").filter { $0.hasPrefix("http") }.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(urls.count == 4)
        for url in urls {
            #expect(url.hasPrefix("http://127.0.0.1:8787/"))
            let file = String(url.dropFirst("http://127.0.0.1:8787/".count))
            #expect(FileManager.default.fileExists(atPath: "\(root)/examples/site/\(file)"), "\(file) is in examples/site")
        }
    }
}
