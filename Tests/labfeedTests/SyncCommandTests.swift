import Foundation
import LabfeedTestSupport
import Testing

/// `labfeed sync`, `export` and `fetch` run on the sample site, from files (no network).
struct SyncCommandTests {
    /// A copy of examples/ in a temporary directory, so outputs and state stay there.
    func demo() throws -> (TemporaryDirectory, String) {
        let dir = TemporaryDirectory()
        let root = LabfeedBinary.repositoryRoot
        try FileManager.default.copyItem(atPath: "\(root)/examples/site", toPath: "\(dir.path)/site")
        let config = try dir.write("demo.yml", """
            settings:
              output: out
              state: state/labfeed.sqlite
              keep_past: forever
            sources:
              - id: labase-agenda
                url: site/labase-agenda.html
                organizer: LaBase
                region: Nouvelle-Aquitaine
              - id: labase-ics
                url: site/labase.ics
                kind: ics
                region: Nouvelle-Aquitaine
              - id: missing
                url: site/does-not-exist.xml
            """)
        return (dir, config)
    }

    @Test func syncWritesTheProgrammeAndReportsTheFailingSource() throws {
        let (dir, config) = try demo()
        let result = try LabfeedBinary.run(["sync", "--config", config, "--now", "2022-11-04"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 fetched, 0 unchanged, 1 failed"))
        #expect(result.stdout.contains("failed missing:"))
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/out/programme.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        let titles = events.compactMap { $0["title"] as? String }
        #expect(titles.contains("Journée nationale des Labs"))
        #expect(titles.filter { $0.hasPrefix("Permanence du lab") }.count == 2)  // weekly, one EXDATE
        let journee = try #require(events.first { $0["title"] as? String == "Journée nationale des Labs" })
        #expect((journee["sources"] as? [[String: Any]])?.count == 2)  // the page and the calendar, merged
        let cancelled = events.first { ($0["title"] as? String)?.contains("Fresque") == true }
        #expect(cancelled?["status"] as? String == "cancelled")
        for name in ["programme.json", "programme.schema.json", "programme.ics", "programme.csv", "programme.atom", "index.html"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir.path)/out/\(name)"), "\(name)")
        }
    }

    @Test func aSecondSyncWithNothingNewRewritesNoFile() throws {
        let (dir, config) = try demo()
        _ = try LabfeedBinary.run(["sync", "--config", config, "--now", "2022-11-04"])
        let path = "\(dir.path)/out/programme.json"
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try LabfeedBinary.run(["sync", "--config", config, "--all", "--now", "2022-11-04T02:00:00Z"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("outputs: unchanged"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == before)
    }

    @Test func unknownSourceIdsAndEveryFailureHaveTheirExitStatus() throws {
        let (dir, config) = try demo()
        let unknown = try LabfeedBinary.run(["sync", "--config", config, "labase-agneda"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean `labase-agenda`"))
        let allFailed = try LabfeedBinary.run(["sync", "--config", config, "missing"])
        #expect(allFailed.status == 3)
        #expect(FileManager.default.fileExists(atPath: "\(dir.path)/out/programme.json"))
        let both = try LabfeedBinary.run(["sync", "--config", config, "--all", "missing"])
        #expect(both.status == 64)
    }

    /// A sync exits without freeing its objects (``SyncPipeline/Leftovers``), so these check
    /// what must still happen first: the state closed (its WAL checkpointed and removed), stdout
    /// flushed into a pipe, the same status for a good sync and for one whose sources all failed.
    @Test func aSyncClosesTheStateAndFlushesItsOutputBeforeExiting() throws {
        let (dir, config) = try demo()
        let state = "\(dir.path)/state/labfeed.sqlite"
        let good = try LabfeedBinary.run(["sync", "--config", config, "--now", "2022-11-04"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("2 fetched, 0 unchanged, 1 failed"))
        #expect(good.stdout.hasSuffix("programme: \(dir.path)/out/programme.json\n"))
        #expect(FileManager.default.fileExists(atPath: state))
        #expect(!FileManager.default.fileExists(atPath: state + "-wal"), "the WAL is checkpointed and removed at close")
        #expect(!FileManager.default.fileExists(atPath: state + "-shm"))
        // The state reopens with the programme the sync saved.
        let csv = try LabfeedBinary.run(["export", "--config", config, "--format", "csv", "--from", "2022-11-15", "--to", "2022-11-20"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("Permanence du lab"))
        let failed = try LabfeedBinary.run(["sync", "--config", config, "--quiet", "missing"])
        #expect(failed.status == 3)
        #expect(failed.stdout.isEmpty)
        #expect(failed.stderr.hasPrefix("labfeed: missing: "))
        #expect(!FileManager.default.fileExists(atPath: state + "-wal"))
        let again = try LabfeedBinary.run(["sync", "--config", config, "--all", "--now", "2022-11-04T02:00:00Z"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 fetched, 2 unchanged, 1 failed"))
        #expect(again.stdout.contains("0 new, 0 updated, 0 removed"))
    }

    @Test func exportFiltersAndRendersEachFormat() throws {
        let (dir, config) = try demo()
        defer { withExtendedLifetime(dir) {} }
        let none = try LabfeedBinary.run(["export", "--config", config])
        #expect(none.status == 1 && none.stderr.contains("labfeed sync"))
        _ = try LabfeedBinary.run(["sync", "--config", config, "--now", "2022-11-04"])
        let csv = try LabfeedBinary.run(["export", "--config", config, "--format", "csv", "--from", "2022-11-15", "--to", "2022-11-20"])
        #expect(csv.status == 0)
        #expect(csv.stdout.contains("Co-construire"))
        #expect(csv.stdout.contains("Permanence du lab"))
        #expect(!csv.stdout.contains("Journée nationale"))
        let ics = try LabfeedBinary.run(["export", "--config", config, "--format", "ics", "--query", "journee nationale"])
        #expect(ics.stdout.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(ics.stdout.components(separatedBy: "BEGIN:VEVENT").count == 2)
        let bad = try LabfeedBinary.run(["export", "--config", config, "--format", "pdf"])
        #expect(bad.status == 64)
    }
}

/// `labfeed fetch FILE --json`: the contract of shared/fetch-json.md.
struct FetchCommandTests {
    @Test func jsonHasTheContractFieldsForAFeed() throws {
        let path = "\(LabfeedBinary.repositoryRoot)/examples/site/region-actualites.xml"
        let result = try LabfeedBinary.run(["fetch", path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "rss")
        let feed = try #require(json["feed"] as? [String: Any])
        for key in ["title", "link", "description", "language", "updated"] { #expect(feed.keys.contains(key), "\(key)") }
        #expect(feed["language"] as? String == "fr")
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        for key in ["id", "title", "link", "published", "updated", "summary", "content", "authors", "categories", "enclosures"] {
            #expect(entries[0].keys.contains(key), "\(key)")
        }
        #expect(entries[0]["published"] as? String == "2022-11-04T09:00:00Z")
        #expect(json["events"] is [Any] && json["warnings"] is [Any])
    }

    @Test func jsonEventsOfAPageCarryTheirOffsetAndFoundBy() throws {
        let path = "\(LabfeedBinary.repositoryRoot)/examples/site/labase-agenda.html"
        let result = try LabfeedBinary.run(["fetch", path, "--json", "--base-url", "https://labase.example/agenda/"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "html")
        #expect((json["entries"] as? [Any])?.isEmpty == true)
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.count == 4)
        let atelier = try #require(events.first { ($0["title"] as? String)?.hasPrefix("Atelier") == true })
        #expect(atelier["start"] as? String == "2022-11-15T14:00:00+01:00")
        #expect(atelier["all_day"] as? Bool == false)
        #expect(atelier["found_by"] as? String == "json-ld")
        #expect((atelier["location"] as? [String: Any])?["locality"] as? String == "Limoges")
        for key in ["title", "description", "start", "end", "all_day", "location", "url", "organizer", "status", "attendance_mode", "language", "found_by"] {
            #expect(atelier.keys.contains(key), "\(key)")
        }
    }

    @Test func aMissingFileIsExitOneAndAnUnknownKindIsUsage() throws {
        let missing = try LabfeedBinary.run(["fetch", "/nonexistent/feed.xml"])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/feed.xml"))
        let kind = try LabfeedBinary.run(["fetch", "/nonexistent/feed.xml", "--as", "pdf"])
        #expect(kind.status == 64)
    }

    @Test func theSummaryIsReadable() throws {
        let result = try LabfeedBinary.run(["fetch", "\(LabfeedBinary.repositoryRoot)/examples/site/labase.ics", "--now", "2022-11-04"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("format: ics"))
        #expect(result.stdout.contains("Journée nationale des Labs"))
    }
}

/// The two texts labfeed was started from (shared/seeds, copied as fixtures), through the CLI.
struct SeedTextTests {
    let fixtures = "\(LabfeedBinary.repositoryRoot)/Tests/LabfeedParseTests/Fixtures/prose"

    func events(_ file: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let result = try LabfeedBinary.run(["fetch", "\(fixtures)/\(file)", "--json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(json["events"] as? [[String: Any]])
    }

    @Test func theBilingualRoundTableIsOneEventInTwoLanguages() throws {
        let found = try events("seed-000-bilingual-roundtable.txt")
        #expect(found.count == 2)
        #expect(Set(found.compactMap { $0["language"] as? String }) == ["en", "fr"])
        for event in found {
            #expect(event["start"] as? String == "2021-11-24")
            #expect(event["all_day"] as? Bool == true)
            #expect(event["found_by"] as? String == "prose")
            #expect((event["location"] as? [String: Any])?["locality"] as? String == "Limoges")
        }
    }

    @Test func theSPIPArticleGivesTheMonthAndTheDayOfTheLabs() throws {
        let found = try events("seed-001-spip-mois-innovation.txt", ["--now", "2026-11-23"])
        #expect(found.count == 2)
        let month = try #require(found.first { ($0["title"] as? String)?.contains("innovation publique") == true })
        #expect(month["start"] as? String == "2022-11-02" && month["end"] as? String == "2022-11-30")
        let labs = try #require(found.first { ($0["title"] as? String)?.contains("Journée nationale des Labs") == true })
        #expect(labs["start"] as? String == "2022-11-08")
        // Not events: the byline's publication date, "Depuis 2014", "Cinq ans après".
        #expect(!found.contains { $0["start"] as? String == "2022-11-04" })
    }

    @Test func explainShowsTheRejectedPublicationDate() throws {
        let result = try LabfeedBinary.run(["fetch", "\(fixtures)/seed-001-spip-mois-innovation.txt", "--explain"])
        #expect(result.stdout.contains("REJECTED"))
        #expect(result.stdout.contains("publication date"))
        #expect(result.stdout.contains("EVENT"))
    }
}

/// The whole offline demo (examples/demo.yml) gives the programme a person would expect.
struct DemoProgrammeTests {
    @Test func theDemoMergesDuplicatesAcrossSourcesAndLanguages() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: "\(LabfeedBinary.repositoryRoot)/examples", toPath: "\(dir.path)/examples")
        let result = try LabfeedBinary.run(["sync", "--config", "\(dir.path)/examples/demo.yml", "--all", "--now", "2022-11-04"])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/Output/programme.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        func sources(_ prefix: String) -> [String] {
            let event = events.first { ($0["title"] as? String)?.hasPrefix(prefix) == true }
            return ((event?["sources"] as? [[String: Any]]) ?? []).compactMap { $0["source"] as? String }.sorted()
        }
        #expect(events.count == 8)
        #expect(sources("Journée nationale des Labs") == ["labase-agenda", "labase-ics", "region-actualites"])
        #expect(sources("Atelier « Co-construire") == ["labase-agenda", "labase-ics"])
        #expect(sources("Mois de l'innovation publique") == ["region-actualites"])
        let roundTable = try #require(events.first { ($0["start"] as? String) == "2021-11-24" })
        #expect(Set((roundTable["titles"] as? [String: String])?.keys ?? [:].keys) == ["en", "fr"])
        #expect(roundTable["past"] as? Bool == true)
        #expect(events.filter { ($0["title"] as? String)?.hasPrefix("Permanence") == true }.count == 2)
        #expect(events.first { ($0["title"] as? String)?.contains("Fresque") == true }?["status"] as? String == "cancelled")
    }
}

/// `labfeed fetch URL` and `labfeed sync` over HTTP, against a server the test starts on 127.0.0.1.
struct HTTPCommandTests {
    static let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Lab</title><link>http://127.0.0.1/</link>
        <item><title>Atelier données</title><link>/atelier</link><guid>a1</guid>
        <description>Le lab vous invite à un atelier le 8 novembre 2022 à 14h30 à Limoges.</description></item>
        </channel></rss>
        """

    @Test func fetchVerboseShowsStatusHeadersAndTimingsAndResolvesLinks() throws {
        let server = try LoopbackServer { request in
            if request.path == "/robots.txt" { return .text("User-agent: *\nAllow: /\n") }
            if request.path == "/old" { return .redirect("/feed.xml", status: 301) }
            return .text(Self.feed, type: "application/rss+xml; charset=utf-8")
        }
        defer { server.stop() }
        let result = try LabfeedBinary.run(["fetch", "\(server.baseURL)/old", "--json", "--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("status: 200"))
        #expect(result.stderr.contains("redirect: 301"))
        #expect(result.stderr.contains("(permanent)"))
        #expect(result.stderr.lowercased().contains("content-type: application/rss+xml"))
        #expect(result.stderr.contains("timings:"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entry = try #require((json["entries"] as? [[String: Any]])?.first)
        #expect(entry["link"] as? String == "\(server.baseURL)/atelier")
        let event = try #require((json["events"] as? [[String: Any]])?.first)
        #expect(event["start"] as? String == "2022-11-08T14:30:00+01:00")
        #expect(event["found_by"] as? String == "prose")
    }

    @Test func fetchOfAnUnreachableURLIsExitOneWithTheReason() throws {
        let server = try LoopbackServer { _ in .text("") }
        let port = server.port
        server.stop()
        let result = try LabfeedBinary.run(["fetch", "http://127.0.0.1:\(port)/feed.xml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("127.0.0.1:\(port)"))
    }

    @Test func syncSendsConditionalRequestsTheSecondTime() throws {
        let server = try LoopbackServer { request in
            if request.path == "/robots.txt" { return .text("", status: 404) }
            if request.header("If-None-Match") == "\"v1\"" { return ServerResponse(status: 304) }
            return ServerResponse(status: 200, headers: [("Content-Type", "application/rss+xml"), ("ETag", "\"v1\"")],
                                  body: .bytes(Array(Self.feed.utf8)))
        }
        defer { server.stop() }
        let dir = TemporaryDirectory()
        let config = try dir.write("feeds.yml", """
            settings:
              state: state.sqlite
              keep_past: forever
              allow_private_networks: true
            sources:
              - id: lab
                url: \(server.baseURL)/feed.xml
            """)
        let first = try LabfeedBinary.run(["sync", "--config", config, "--now", "2022-11-04"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("1 fetched"))
        let second = try LabfeedBinary.run(["sync", "--config", config, "--all", "--now", "2022-11-04T01:00:00Z"])
        #expect(second.stdout.contains("0 fetched, 1 unchanged"))
        #expect(second.stdout.contains("outputs: unchanged"))
        #expect(server.requests(to: "/feed.xml").last?.header("If-None-Match") == "\"v1\"")
    }
}

/// programme.ics read back by labfeed's own calendar parser gives the programme's events.
struct ICSRoundTripTests {
    @Test func theProgrammeCalendarReadsBackWithTheSameEvents() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: "\(LabfeedBinary.repositoryRoot)/examples", toPath: "\(dir.path)/examples")
        let sync = try LabfeedBinary.run(["sync", "--config", "\(dir.path)/examples/demo.yml", "--all", "--now", "2022-11-04"])
        #expect(sync.status == 0, "\(sync.stderr)")
        let programme = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/Output/programme.json"))) as? [String: Any])
        let expected = try #require(programme["events"] as? [[String: Any]])
        let fetch = try LabfeedBinary.run(["fetch", "\(dir.path)/Output/programme.ics", "--json", "--now", "2022-11-04"])
        #expect(fetch.status == 0, "\(fetch.stderr)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(fetch.stdout.utf8)) as? [String: Any])
        #expect(parsed["format"] as? String == "ics")
        let events = try #require(parsed["events"] as? [[String: Any]])
        func pairs(_ list: [[String: Any]]) -> [String] {
            list.map { "\($0["start"] as? String ?? "") \($0["title"] as? String ?? "")" }.sorted()
        }
        #expect(pairs(events) == pairs(expected))
    }
}
