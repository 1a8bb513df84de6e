// Names under .invalid (RFC 6761) fail as DNS errors without any query leaving the machine.

import Foundation
import LabfeedTestSupport
import Testing
@testable import LabfeedFetch

struct InvalidNameTests {
    @Test func aNameUnderInvalidFailsAsADNSErrorAtOnce() async throws {
        let fetcher = Fetcher(options: FetchOptions())
        do {
            _ = try await fetcher.fetch(FetchRequest(url: URL(string: "http://feeds.example.invalid/feed.xml")!, sourceID: "x"))
            Issue.record("expected a DNS error")
        } catch {
            #expect(error.kind == .dns)
            #expect(error.description.contains("feeds.example.invalid could not be resolved (DNS)"))
            #expect(error.sourceID == "x")
        }
        await fetcher.shutdown()
    }

    @Test func aRedirectToAnInvalidNameFailsTheSameWay() async throws {
        let server = try LoopbackServer { _ in .redirect("http://elsewhere.invalid./feed.xml") }
        defer { server.stop() }
        var options = FetchOptions()
        options.obeyRobots = false
        options.useEnvironmentProxy = false
        let fetcher = Fetcher(options: options)
        await #expect(throws: FetchError.self) { try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml"))) }
        do {
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))
        } catch {
            #expect(error.kind == .dns)
        }
        await fetcher.shutdown()
        #expect(Fetcher.refuseInvalidNameThrows("http://invalid/"))
        #expect(!Fetcher.refuseInvalidNameThrows("http://invalid.example.org/"))
    }
}

extension Fetcher {
    static func refuseInvalidNameThrows(_ text: String) -> Bool {
        do {
            try refuseInvalidName(URL(string: text)!)
            return false
        } catch {
            return true
        }
    }
}
