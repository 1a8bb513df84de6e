// Retries: 5xx, 408, 429 and connection failures are retried with backoff; Retry-After pauses
// the whole host; other failures are final at once.

import Foundation
import LabfeedTestSupport
import Testing
@testable import LabfeedFetch

struct RetryTests {
    @Test func a503ThenA200SucceedsOnTheSecondAttempt() async throws {
        try await withServer({ request in
            request.number == 1 ? .text("busy", status: 503) : .text("fine")
        }) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/feed")))
            #expect(response.status == 200)
            #expect(response.attempts == 2)
            #expect(server.requests.count == 2)
        }
    }

    @Test func a429WithRetryAfterWaitsAsToldAndHoldsTheWholeHost() async throws {
        try await withServer({ request in
            if request.path == "/limited", request.number == 1 {
                return .text("slow down", status: 429, headers: [("Retry-After", "1")])
            }
            return .text("ok \(request.path)")
        }) { server, fetcher in
            let first = try await fetcher.fetch(FetchRequest(url: server.url("/limited")))
            #expect(first.attempts == 2)
            let reported = try #require(first.retryAfter)
            #expect(reported > Date().addingTimeInterval(-5))

            let limited = server.requests(to: "/limited")
            try #require(limited.count == 2)
            let waited = limited[1].received - limited[0].received
            #expect(waited >= .milliseconds(950), "retried after \(waited)")
        }
    }

    @Test func anotherSourceOnAPausedHostWaitsToo() async throws {
        var options = FetchOptions.test
        // One attempt: the 429 is final, but the pause it set stays for the host.
        options.attempts = 1
        try await withServer(options: options, { request in
            if request.path == "/a" {
                return .text("later", status: 429, headers: [("Retry-After", "1")])
            }
            return .text("b")
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/a"))))
            #expect(error.status == 429)
            #expect(error.retryAfter != nil)
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/b")))

            let a = try #require(server.requests(to: "/a").first)
            let b = try #require(server.requests(to: "/b").first)
            #expect(b.received - a.received >= .milliseconds(950), "other source waited \(b.received - a.received)")
        }
    }

    @Test func aRetryAfterLongerThanTheSyncWaitsFailsFastForTheHost() async throws {
        try await withServer({ request in
            request.path == "/a" ? .text("tomorrow", status: 503, headers: [("Retry-After", "86400")]) : .text("b")
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/a"))))
            #expect(error.status == 503)
            #expect(error.attempts == 1)
            let date = try #require(error.retryAfter)
            #expect(date > Date().addingTimeInterval(80_000))

            let other = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/b"))))
            #expect(other.kind == .rateLimited)
            #expect(server.requests(to: "/b").isEmpty)
            #expect(fetcher.pausedUntil(host: "127.0.0.1", port: server.port) != nil)
        }
    }

    @Test func retriesStopAfterTheConfiguredAttempts() async throws {
        try await withServer({ _ in .text("down", status: 500) }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/x"))))
            #expect(error.kind == .httpStatus)
            #expect(error.status == 500)
            #expect(error.attempts == 3)
            #expect(server.requests.count == 3)
        }
    }

    @Test func a404IsNotRetried() async throws {
        try await withServer({ _ in .text("gone", status: 404) }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/x"))))
            #expect(error.status == 404)
            #expect(error.message.contains("404 Not Found"))
            #expect(server.requests.count == 1)
        }
    }

    @Test func aRefusedConnectionIsAConnectErrorAfterRetries() async throws {
        let closed = try LoopbackServer { _ in .text("") }
        let port = closed.port
        closed.stop()
        let fetcher = Fetcher(options: .test, environment: [:])
        let error = try #require(await fetchError(fetcher, FetchRequest(url: URL(string: "http://127.0.0.1:\(port)/")!)))
        await fetcher.shutdown()
        #expect(error.kind == .connect)
        #expect(error.attempts == 3)
    }

    @Test func retryAfterReadsSecondsAndHttpDates() throws {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.delay("120", now: now)?.seconds == 120)
        #expect(RetryAfter.delay("Sun, 06 Nov 1994 08:50:37 GMT", now: now)?.seconds == 60)
        #expect(RetryAfter.delay("Sunday, 06-Nov-94 08:51:37 GMT", now: now)?.seconds == 120)
        #expect(RetryAfter.delay("soon", now: now) == nil)
    }
}
