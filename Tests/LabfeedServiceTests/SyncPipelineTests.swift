import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedProgramme
import LabfeedService
import LabfeedTestSupport
import Testing

/// A parser for tests: each line `title|YYYY-MM-DD` is an event; a body starting with `<html`
/// is a page (links `feed:URL` lines as discovered calendars), anything else a feed.
let stubParse: DocumentParsing = { document in
    let text = String(decoding: document.bytes, as: UTF8.self)
    let html = text.hasPrefix("<html")
    var parsed = ParsedDocument(format: html ? .html : .rss)
    for line in text.split(separator: "\n") {
        if line.hasPrefix("feed:") {
            parsed.feeds.append(DiscoveredFeed(url: String(line.dropFirst(5)), type: "text/calendar", format: .ics))
            continue
        }
        let parts = line.split(separator: "|")
        guard parts.count == 2, let day = CivilDate(iso: parts[1]) else { continue }
        parsed.events.append(Event(title: String(parts[0]), start: .day(day), url: document.url.absoluteString, foundBy: .rss))
    }
    return parsed
}

struct SyncPipelineTests {
    let now = Date(timeIntervalSince1970: 1_667_548_800)  // 2022-11-04T08:00:00Z
    let output = TemporaryDirectory()

    func config(_ sources: [(String, String)], kind: SourceKind = .auto) -> LabfeedConfig {
        var settings = Settings()
        settings.output = output.path
        settings.keepPast = .forever
        return LabfeedConfig(settings: settings, sources: sources.map { id, url in
            var source = SourceConfig(id: id, url: .web(URL(string: url)!))
            source.kind = kind
            return source
        })
    }

    @Test func aFailingSourceKeepsItsEventsAndOthersAreUnaffected() async throws {
        let store = MemoryStore()
        let fetcher = StubFetcher([
            "https://a.example/feed": .body("Atelier A|2022-11-08\nAtelier B|2022-11-09"),
            "https://b.example/feed": .body("Journée C|2022-11-10"),
        ])
        let pipeline = SyncPipeline(config: config([("a", "https://a.example/feed"), ("b", "https://b.example/feed")]),
                                    store: store, fetcher: fetcher, parse: stubParse)
        let first = try await pipeline.run(.all, now: now)
        #expect(first.fetched.count == 2 && first.eventsNew == 3 && first.eventsTotal == 3)

        fetcher.set("https://a.example/feed", .failure(.connect, "connection refused"))
        fetcher.set("https://b.example/feed", .body("Journée C|2022-11-10\nJournée D|2022-11-11"))
        let second = try await pipeline.run(.all, now: now.addingTimeInterval(7200))
        #expect(second.failed.map(\.id) == ["a"])
        #expect(second.eventsNew == 1 && second.eventsRemoved == 0 && second.eventsTotal == 4)
        #expect(second.summary().contains("failed a:"))
        #expect(!second.allFailed)
        let titles = await store.savedProgramme().events.map(\.event.title).sorted()
        #expect(titles == ["Atelier A", "Atelier B", "Journée C", "Journée D"])
        let state = try #require(await store.sourceState("a"))
        #expect(state.consecutiveFailures == 1 && state.lastError?.contains("connection refused") == true)
    }

    @Test func aVanishedEventLeavesAndNotModifiedKeepsEvents() async throws {
        let store = MemoryStore()
        let fetcher = StubFetcher(["https://a.example/feed": .body("Un|2022-11-08\nDeux|2022-11-09", etag: "\"v1\"")])
        let pipeline = SyncPipeline(config: config([("a", "https://a.example/feed")]), store: store, fetcher: fetcher, parse: stubParse)
        _ = try await pipeline.run(.all, now: now)

        fetcher.set("https://a.example/feed", .notModified)
        let unchanged = try await pipeline.run(.all, now: now.addingTimeInterval(3600))
        #expect(unchanged.unchanged.map(\.id) == ["a"] && unchanged.eventsTotal == 2)
        #expect(fetcher.requests.last?.etag == "\"v1\"")

        fetcher.set("https://a.example/feed", .body("Un|2022-11-08"))
        let vanished = try await pipeline.run(.all, now: now.addingTimeInterval(7200))
        #expect(vanished.eventsRemoved == 1 && vanished.eventsTotal == 1)
    }

    @Test func anUnchangedBodyIsNotParsedAgain() async throws {
        let store = MemoryStore()
        let fetcher = StubFetcher(["https://a.example/feed": .body("Un|2022-11-08")])
        let pipeline = SyncPipeline(config: config([("a", "https://a.example/feed")]), store: store, fetcher: fetcher, parse: stubParse)
        _ = try await pipeline.run(.all, now: now)
        let again = try await pipeline.run(.all, now: now.addingTimeInterval(3600))
        #expect(fetcher.requests.last?.previousBodyHash != nil)
        #expect(again.unchanged.map(\.id) == ["a"])
        #expect(again.outputs.values.allSatisfy { $0 == .unchanged })
    }

    @Test func aPageWhereAFeedWasPromisedIsAFailure() async throws {
        let store = MemoryStore()
        let fetcher = StubFetcher(["https://a.example/feed": .body("Un|2022-11-08")])
        let pipeline = SyncPipeline(config: config([("a", "https://a.example/feed")], kind: .rss), store: store, fetcher: fetcher, parse: stubParse)
        _ = try await pipeline.run(.all, now: now)
        fetcher.set("https://a.example/feed", .body("<html>error page</html>"))
        let report = try await pipeline.run(.all, now: now.addingTimeInterval(3600))
        #expect(report.allFailed)
        guard case .failed(let reason) = report.failed.first?.outcome else { Issue.record("expected a failure"); return }
        #expect(reason.contains("expected rss, the server sent html"))
        #expect(report.eventsTotal == 1)
    }

    @Test func onlyDueSourcesAreFetchedUnlessAllOrNamed() async throws {
        let store = MemoryStore()
        let fetcher = StubFetcher(["https://a.example/f": .body("Un|2022-11-08"), "https://b.example/f": .body("Deux|2022-11-09")])
        var cfg = config([("a", "https://a.example/f"), ("b", "https://b.example/f")])
        cfg.sources[1].interval = .seconds(6 * 3600)
        let pipeline = SyncPipeline(config: cfg, store: store, fetcher: fetcher, parse: stubParse)
        _ = try await pipeline.run(.due, now: now)
        #expect(fetcher.requests.count == 2)

        let later = try await pipeline.run(.due, now: now.addingTimeInterval(3700))
        #expect(later.sources.map(\.id) == ["a"] && later.skipped == ["b"])

        let named = try await pipeline.run(.only(["b"]), now: now.addingTimeInterval(3800))
        #expect(named.sources.map(\.id) == ["b"])

        await #expect(throws: SyncError.self) { try await pipeline.run(.only(["bb"]), now: now) }
    }

    @Test func aRemovedSourceIsForgotten() async throws {
        let store = MemoryStore()
        let fetcher = StubFetcher(["https://a.example/f": .body("Un|2022-11-08"), "https://b.example/f": .body("Deux|2022-11-09")])
        _ = try await SyncPipeline(config: config([("a", "https://a.example/f"), ("b", "https://b.example/f")]),
                                   store: store, fetcher: fetcher, parse: stubParse).run(.all, now: now)
        let report = try await SyncPipeline(config: config([("a", "https://a.example/f")]), store: store, fetcher: fetcher,
                                            parse: stubParse).run(.all, now: now.addingTimeInterval(60))
        #expect(report.eventsTotal == 1 && report.eventsRemoved == 1)
        #expect(await store.sourceState("b") == nil)
    }

    @Test func aPermanentRedirectIsReportedAndRemembered() async throws {
        let store = MemoryStore()
        let fetcher = StubFetcher(["https://a.example/old": .redirected(to: "https://a.example/new", body: "Un|2022-11-08")])
        let report = try await SyncPipeline(config: config([("a", "https://a.example/old")]), store: store, fetcher: fetcher,
                                            parse: stubParse).run(.all, now: now)
        #expect(report.sources.first?.movedTo == "https://a.example/new")
        #expect(report.summary().contains("now at https://a.example/new"))
        #expect(await store.sourceState("a")?.permanentRedirect == "https://a.example/new")
    }

    @Test func discoverFollowsTheCalendarAPageLinks() async throws {
        let store = MemoryStore()
        let fetcher = StubFetcher([
            "https://lab.example/agenda": .body("<html>\nfeed:https://lab.example/agenda.ics\nPage|2022-11-08"),
            "https://lab.example/agenda.ics": .body("Calendrier|2022-11-20"),
        ])
        var cfg = config([("lab", "https://lab.example/agenda")])
        cfg.sources[0].discover = true
        let report = try await SyncPipeline(config: cfg, store: store, fetcher: fetcher, parse: stubParse).run(.all, now: now)
        #expect(report.eventsTotal == 2)
        #expect(fetcher.requests.map(\.url.absoluteString) == ["https://lab.example/agenda", "https://lab.example/agenda.ics"])

        // Without discover, the link is not followed.
        let plain = StubFetcher(["https://lab.example/agenda": .body("<html>\nfeed:https://lab.example/agenda.ics\nPage|2022-11-08")])
        _ = try await SyncPipeline(config: config([("lab", "https://lab.example/agenda")]), store: MemoryStore(), fetcher: plain,
                                   parse: stubParse).run(.all, now: now)
        #expect(plain.requests.count == 1)
    }

    @Test func robotsFalseIsPassedToTheFetcher() async throws {
        let fetcher = StubFetcher(["https://a.example/f": .body("Un|2022-11-08")])
        var cfg = config([("a", "https://a.example/f")])
        cfg.sources[0].robots = false
        _ = try await SyncPipeline(config: cfg, store: MemoryStore(), fetcher: fetcher, parse: stubParse).run(.all, now: now)
        #expect(fetcher.requests.first?.obeyRobots == false)
    }
}
