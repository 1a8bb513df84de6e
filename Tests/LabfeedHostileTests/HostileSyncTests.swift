// Every hostile server behaviour of the issue, run through the real labfeed binary: a first
// sync where every server is good, then a sync where one turns hostile. Each must end in
// bounded time and memory with a clear error for that source, its last good events kept, and
// the other sources synced as usual.

import Foundation
import LabfeedTestSupport
import Testing

/// A loopback server that answers the good feed until `turnHostile()`, then the scenario.
final class HostileServer: Sendable {
    let server: LoopbackServer
    private let hostile: Shared<Bool>

    init(_ scenario: HostileScenario) throws {
        let hostile = Shared(false)
        self.hostile = hostile
        server = try LoopbackServer { request in
            if request.path == "/robots.txt" { return .text("not found", status: 404) }
            guard hostile.value else {
                return .text(Feeds.rss(HostileScenario.goodItems), type: "application/rss+xml", headers: [("ETag", "\"v1\"")])
            }
            return scenario.hostileResponse(request)
        }
    }

    func turnHostile() { hostile.update { $0 = true } }
}

/// Two well-behaved sources on their own server; the second one gains an event in round 2.
final class GoodServer: Sendable {
    let server: LoopbackServer
    private let round: Shared<Int>

    static let itemsA = Feeds.items("alpha", slot: 3, count: 4)
    static func itemsB(round: Int) -> [FeedItem] { Feeds.items("beta", slot: 4, count: round == 1 ? 2 : 3) }

    init() throws {
        let round = Shared(1)
        self.round = round
        server = try LoopbackServer { request in
            switch request.path {
            case "/a.xml": return .text(Feeds.rss(GoodServer.itemsA), type: "application/rss+xml")
            case "/b.xml": return .text(Feeds.rss(GoodServer.itemsB(round: round.value)), type: "application/rss+xml")
            default: return .text("not found", status: 404)
            }
        }
    }

    func nextRound() { round.update { $0 = 2 } }

    var sources: [SiteSource] {
        [SiteSource(id: "good-a", url: server.baseURL + "/a.xml"), SiteSource(id: "good-b", url: server.baseURL + "/b.xml")]
    }
}

struct HostileSyncTests {
    @Test(arguments: HostileScenario.allCases, LabfeedDriver.allCases)
    func aHostileSourceFailsAloneAndKeepsItsEvents(scenario: HostileScenario, driver: LabfeedDriver) throws {
        let good = try GoodServer()
        let hostile = try HostileServer(scenario)
        defer { good.server.stop(); hostile.server.stop() }
        let site = SyncSite()
        let url = scenario.sourceURL(server: hostile.server, closedPort: try closedLoopbackPort())
        // Round 1: the hostile source is good (DNS and refused connections have no good round).
        try site.configure(good.sources + [SiteSource(id: "hostile", url: hostile.server.baseURL + "/feed.xml")],
                           retries: scenario.retries)
        let first = try driver.syncOnce(site)
        #expect(first.exited(0), "\(first)")
        let goodTitles = HostileScenario.goodItems.map(\.title).sorted()
        try #require(try site.titles(from: "hostile") == goodTitles, "round 1: \(first)")

        // Round 2: the source turns hostile; good-b gains an event.
        try site.configure(good.sources + [SiteSource(id: "hostile", url: url)], retries: scenario.retries)
        hostile.turnHostile()
        good.nextRound()
        let second = try driver.syncOnce(site)

        // No crash, bounded time and memory.
        #expect(second.exited(0), "\(second)")
        #expect(!second.timedOut)
        let peak = try #require(second.peakMemory, "\(second)")
        print("labfeed sync, hostile \(scenario): peak \(peak / 1_048_576) MiB")
        #expect(peak < HostileLimits.peakMemory, "peak \(peak / 1_048_576) MiB")

        // The programme is whole and valid; the other sources synced as usual.
        let programme = try #require(try site.programme())
        #expect(try site.schemaViolations(programme) == [])
        #expect(try site.titles(from: "good-a") == GoodServer.itemsA.map(\.title).sorted())
        #expect(try site.titles(from: "good-b") == GoodServer.itemsB(round: 2).map(\.title).sorted())

        if scenario == .status429RetryAfter {
            // Retry-After: 1 was honoured: one retry, after the pause.
            #expect(hostile.server.requests(to: "/feed.xml").count == 3, "1 good + 2 hostile requests")
        }
        switch scenario.expectation {
        case .fails(let fragments):
            let line = second.stdout.split(separator: "\n").first { $0.contains("failed hostile:") }.map(String.init)
            let reason = try #require(line, "no failure reported for the hostile source:\n\(second)")
            #expect(fragments.contains { reason.contains($0) }, "unclear error: \(reason)")
            #expect(reason.contains("hostile: http://"), "the error names no source or URL: \(reason)")
            #expect(try site.titles(from: "hostile") == goodTitles, "the last good events were lost")
            let health = try #require(try site.health(of: "hostile"))
            #expect(health["status"] == .string("failing"))
            #expect(health["last_error"] != .null)
        case .reads(let events):
            #expect(!second.stdout.contains("failed hostile:"), "\(second)")
            let titles = try site.titles(from: "hostile")
            #expect(titles.count == events.count, "\(titles)")
            #expect(!titles.joined().contains("root:"), "an external entity was read")
            #expect(titles.allSatisfy { $0.count < 500 }, "an entity was expanded")
        case .unchanged:
            // good-b changed; good-a and the hostile source (same body, new ETag) did not.
            #expect(second.stdout.contains("sources: 1 fetched, 2 unchanged, 0 failed"), "\(second)")
            #expect(try site.titles(from: "hostile") == goodTitles)
            let requests = hostile.server.requests(to: "/feed.xml")
            #expect(requests.last?.header("If-None-Match") == "\"v1\"")
        }
    }

    @Test(arguments: LabfeedDriver.allCases)
    func aReSyncWithNothingChangedRewritesNoFileEvenWhenETagsRotate(driver: LabfeedDriver) throws {
        let good = try GoodServer()
        let rotating = try HostileServer(.rotatingETag)
        defer { good.server.stop(); rotating.server.stop() }
        let site = SyncSite()
        try site.configure(good.sources + [SiteSource(id: "rotating", url: rotating.server.baseURL + "/feed.xml")])
        let first = try driver.syncOnce(site)
        try #require(first.exited(0), "\(first)")
        rotating.turnHostile()
        let before = site.outputTimes()
        usleep(20_000)  // so that a rewrite would show in the modification times
        let second = try driver.syncOnce(site)
        #expect(second.exited(0), "\(second)")
        #expect(second.stdout.contains("sources: 0 fetched, 3 unchanged, 0 failed"), "\(second)")
        #expect(second.stdout.contains("outputs: unchanged"), "\(second)")
        #expect(site.outputTimes() == before)
        #expect(before.count >= 6)
        // The second requests were conditional where the server had given a validator.
        #expect(rotating.server.requests(to: "/feed.xml").last?.header("If-None-Match") == "\"v1\"")
    }
}
