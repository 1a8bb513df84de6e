// Redirects: followed hop by hop (at most 5, http/https only), with the final URL and the
// permanent move reported.

import Foundation
import LabfeedFetch
import LabfeedTestSupport
import Testing

struct RedirectTests {
    @Test func permanentRedirectsAreReportedWithTheirFinalTarget() async throws {
        try await withServer({ request in
            switch request.path {
            case "/old": .redirect("/newer", status: 301)
            case "/newer": .redirect("/newest", status: 308)
            case "/newest": .text("here")
            default: .text("no", status: 404)
            }
        }) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/old")))
            #expect(response.status == 200)
            #expect(response.finalURL == server.url("/newest"))
            #expect(response.permanentRedirect == server.url("/newest"))
            #expect(response.redirects.map(\.status) == [301, 308])
        }
    }

    @Test func temporaryRedirectsAreNotPermanent() async throws {
        try await withServer({ request in
            switch request.path {
            case "/feed": .redirect("/feed-2026", status: 302)
            case "/feed-2026": .redirect("/final", status: 307)
            default: .text("final")
            }
        }) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/feed")))
            #expect(response.finalURL == server.url("/final"))
            #expect(response.permanentRedirect == nil)
            #expect(response.redirects.map(\.status) == [302, 307])
        }
    }

    @Test func aTemporaryHopEndsThePermanentMove() async throws {
        try await withServer({ request in
            switch request.path {
            case "/a": .redirect("/b", status: 301)
            case "/b": .redirect("/c", status: 302)
            default: .text("c")
            }
        }) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/a")))
            #expect(response.permanentRedirect == server.url("/b"))
            #expect(response.finalURL == server.url("/c"))
        }
    }

    @Test func aRedirectLoopStops() async throws {
        try await withServer({ request in
            request.path == "/ping" ? .redirect("/pong") : .redirect("/ping")
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/ping"))))
            #expect(error.kind == .redirect)
            #expect(error.message.contains("loop"))
            #expect(server.requests.count == 2)
        }
    }

    @Test func moreThanFiveRedirectsStop() async throws {
        try await withServer({ request in
            let n = Int(request.path.dropFirst()) ?? 0
            return .redirect("/\(n + 1)")
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/0"))))
            #expect(error.kind == .redirect)
            #expect(error.message.contains("more than 5 redirects"))
            // The original request and five redirects followed.
            #expect(server.requests.count == 6)
        }
    }

    @Test func aRedirectToAnotherSchemeIsRefused() async throws {
        try await withServer({ _ in .redirect("ftp://127.0.0.1/feed.xml") }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/feed"))))
            #expect(error.kind == .redirect)
            #expect(error.message.contains("http and https only"))
        }
    }
}
