// Cancellation: cancelling the calling task aborts its transfer (the server sees the client go).

import Foundation
import LabfeedFetch
import LabfeedTestSupport
import Testing

struct CancellationTests {
    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        try await withServer({ _ in ServerResponse(body: .hang(.seconds(30))) }) { server, fetcher in
            let task = Task { await fetchError(fetcher, FetchRequest(url: server.url("/slow"))) }
            // Wait (bounded) until the request reached the server, then cancel.
            for _ in 0..<500 where server.requests.isEmpty {
                try await Task.sleep(for: .milliseconds(10))
            }
            try #require(server.requests.count == 1)
            task.cancel()
            let error = try #require(await task.value)
            #expect(error.kind == .cancelled)
            for _ in 0..<500 where server.clientsGone == 0 {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(server.clientsGone == 1)
        }
    }

    @Test func aTaskCancelledBeforeItsTurnNeverReachesTheServer() async throws {
        var options = FetchOptions.test
        options.perHost = 1
        try await withServer(options: options, { _ in ServerResponse(body: .hang(.seconds(30))) }) { server, fetcher in
            let first = Task { await fetchError(fetcher, FetchRequest(url: server.url("/first"))) }
            for _ in 0..<500 where server.requests.isEmpty {
                try await Task.sleep(for: .milliseconds(10))
            }
            // The second waits in the engine's queue behind the per-host limit.
            let second = Task { await fetchError(fetcher, FetchRequest(url: server.url("/second"))) }
            try await Task.sleep(for: .milliseconds(50))
            second.cancel()
            #expect(await second.value?.kind == .cancelled)
            first.cancel()
            #expect(await first.value?.kind == .cancelled)
            #expect(server.requests(to: "/second").isEmpty)
        }
    }

    @Test func shutdownEndsRunningFetches() async throws {
        let server = try LoopbackServer { _ in ServerResponse(body: .hang(.seconds(30))) }
        defer { server.stop() }
        let fetcher = Fetcher(options: .test, environment: [:])
        let task = Task { await fetchError(fetcher, FetchRequest(url: server.url("/slow"))) }
        for _ in 0..<500 where server.requests.isEmpty {
            try await Task.sleep(for: .milliseconds(10))
        }
        await fetcher.shutdown()
        #expect(await task.value?.kind == .cancelled)
    }
}
