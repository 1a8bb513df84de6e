// A redirect to a private address, through the sync pipeline and through the daemon's scheduler
// (`SyncDaemon`), with the real fetching engine and parser, in process. Every server here is on 127.0.0.1, so the source is made to count as a
// public address (`originIsPublic`, which feeds.yml cannot set): its redirect to 127.0.0.1 is
// then the redirect from the internet into the operator's network that labfeed must refuse.

import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedParse
import LabfeedProgramme
import LabfeedService
import LabfeedTestSupport
import Testing

/// The real fetcher, with every source judged a public address.
struct PublicOriginFetcher: Fetching {
    let fetcher: Fetcher

    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        var request = request
        request.originIsPublic = true
        return try await fetcher.fetch(request)
    }
}

struct PrivateRedirectTests {
    /// A feed at any path, until `redirecting` is set: then a redirect to the same server's
    /// `/internal/admin` through 127.0.0.1, which serves other items (fetching it would show).
    static func feedServer(redirectingWhen redirecting: Shared<Bool>) throws -> LoopbackServer {
        try LoopbackServer { request in
            switch request.path {
            case "/robots.txt": return .text("", status: 404)
            case "/internal/admin": return .text(Feeds.rss(HostileScenario.laterItems), type: "application/rss+xml")
            default:
                if redirecting.value { return .redirect("http://127.0.0.1:\(request.header("Host")?.split(separator: ":").last ?? "80")/internal/admin") }
                return .text(Feeds.rss(HostileScenario.goodItems), type: "application/rss+xml")
            }
        }
    }

    @Test func aRedirectToAPrivateAddressIsRefusedAndTheSourceKeepsItsEvents() async throws {
        let redirecting = Shared(false)
        let server = try Self.feedServer(redirectingWhen: redirecting)
        defer { server.stop() }
        let directory = TemporaryDirectory(prefix: "labfeed-private-redirect")
        var settings = Settings()
        settings.output = directory.path + "/Output"
        settings.state = directory.path + "/state.sqlite"
        #expect(settings.allowPrivateNetworks == false)
        var source = SourceConfig(id: "public-looking", url: .web(server.url("/feed.xml")))
        source.kind = .rss
        let config = LabfeedConfig(settings: settings, sources: [source])

        var options = FetchOptions(settings: settings)
        options.useEnvironmentProxy = false
        options.attempts = 1
        let fetcher = Fetcher(options: options)
        let store = try SQLiteStore(path: directory.path + "/state.sqlite")
        let parse: DocumentParsing = { document in
            DocumentParser.parse(document.bytes, context: ParseContext(now: document.fetchedAt, url: document.url.absoluteString,
                                                                       contentType: document.contentType))
        }
        let pipeline = SyncPipeline(config: config, store: store, fetcher: PublicOriginFetcher(fetcher: fetcher), parse: parse)
        let now = Date(timeIntervalSince1970: 1_906_452_000)  // 2030-06-01

        let first = try await pipeline.run(.all, now: now)
        #expect(first.failed.isEmpty)
        #expect(first.eventsTotal == HostileScenario.goodItems.count)

        redirecting.update { $0 = true }
        let second = try await pipeline.run(.all, now: now.addingTimeInterval(3600))
        await fetcher.shutdown()
        let failure = try #require(second.failed.first)
        guard case .failed(let reason) = failure.outcome else { Issue.record("not a failure"); return }
        #expect(reason.contains("a redirect led from a public address to 127.0.0.1"), "\(reason)")
        #expect(reason.contains("refused"), "\(reason)")
        #expect(server.requests(to: "/internal/admin").isEmpty, "the private address was fetched")
        #expect(second.eventsTotal == HostileScenario.goodItems.count, "the last good events were lost")
    }

    /// The same under the daemon: `SyncDaemon` in process (feeds.yml cannot make a source count as
    /// public, so the child `labfeed run` cannot show this), with a one-second interval (set in code,
    /// below feeds.yml's minimum of a minute) and no gathering, so that it syncs again at once.
    @Test func theDaemonRefusesARedirectToAPrivateAddressAndKeepsTheEvents() async throws {
        let redirecting = Shared(false)
        let server = try Self.feedServer(redirectingWhen: redirecting)
        defer { server.stop() }
        let directory = TemporaryDirectory(prefix: "labfeed-private-redirect-daemon")
        var settings = Settings()
        settings.output = directory.path + "/Output"
        settings.state = directory.path + "/state.sqlite"
        settings.retries = 1
        var source = SourceConfig(id: "public-looking", url: .web(server.url("/feed.xml")))
        source.kind = .rss
        source.interval = .seconds(1)
        let config = LabfeedConfig(settings: settings, sources: [source])
        let store = try SQLiteStore(path: settings.statePath())
        let environment = DaemonEnvironment(
            store: store,
            makeFetcher: { settings in
                var options = FetchOptions(settings: settings)
                options.useEnvironmentProxy = false
                let fetcher = Fetcher(options: options)
                return FetchSession(fetcher: PublicOriginFetcher(fetcher: fetcher), shutdown: { await fetcher.shutdown() })
            },
            parser: { _ in
                { document in
                    DocumentParser.parse(document.bytes, context: ParseContext(now: document.fetchedAt, url: document.url.absoluteString,
                                                                               contentType: document.contentType))
                }
            },
            loadConfig: { config },
            logger: JournalLogHandler.logger(label: "labfeed-private-redirect", journal: false))
        let daemon = SyncDaemon(config: config, options: DaemonOptions(schedule: SourceSchedule(jitter: 0), grace: .seconds(5), gather: .zero),
                                environment: environment)
        let run = Task { try await daemon.run() }

        // Bounded waits (polling every 50 ms, at most 60 s): a first burst, then one that fails.
        func waitFor(_ condition: @Sendable () async -> Bool) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                if await condition() { return true }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return await condition()
        }
        let firstBurst = await waitFor { await daemon.snapshot().bursts >= 1 }
        #expect(firstBurst)
        #expect(try await store.eventsBySource()["public-looking"]?.count == HostileScenario.goodItems.count)

        redirecting.update { $0 = true }
        let failed = await waitFor { (await daemon.snapshot().states["public-looking"]?.consecutiveFailures ?? 0) > 0 }
        await daemon.requestStop()
        try await run.value

        #expect(failed, "the redirect was never refused")
        let state = await daemon.snapshot().states["public-looking"]
        let error = state?.lastError ?? ""
        #expect(error.contains("a redirect led from a public address to 127.0.0.1"), "\(error)")
        #expect(error.contains("refused"), "\(error)")
        #expect(server.requests(to: "/internal/admin").isEmpty, "the private address was fetched")
        #expect(try await store.eventsBySource()["public-looking"]?.count == HostileScenario.goodItems.count,
                "the last good events were lost")
        let saved = try await store.savedProgramme()
        #expect(saved.events.count == HostileScenario.goodItems.count)
    }
}
