// Concurrency: many fetches at once through one multi handle, within the per-host and global
// limits, on reused connections.

import Foundation
import LabfeedFetch
import LabfeedTestSupport
import Synchronization
import Testing

struct ConcurrencyTests {
    @Test func twoHundredConcurrentRequestsNeverExceedThePerHostLimit() async throws {
        try await withServer({ request in
            ServerResponse(status: 200, headers: [("Content-Type", "text/plain")], body: .bytes(Array(request.target.utf8)),
                           delay: .milliseconds(5))
        }) { server, fetcher in
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<200 {
                    group.addTask {
                        let response = try await fetcher.fetch(FetchRequest(url: server.url("/item?n=\(i)")))
                        return String(decoding: response.body, as: UTF8.self)
                    }
                }
                var all: Set<String> = []
                for try await body in group { all.insert(body) }
                return all
            }
            #expect(bodies.count == 200)
            #expect(server.requests.count == 200)
            // Counted as they come (report-bench's stats): the requests after the first n.
            #expect(server.requests(since: 0).map(\.target) == server.requests.map(\.target))
            #expect(server.requests(since: 150).map(\.target) == server.requests.suffix(50).map(\.target))
            #expect(server.requests(since: 200).isEmpty)
            #expect(server.requests(since: 500).isEmpty)
            #expect(server.maxConcurrent(path: "/item") <= 2)
            #expect(server.maxConcurrent(path: "/item") >= 1)
            // Keep-alive: the transfers share a handful of connections.
            #expect(server.connections <= 4, "\(server.connections) connections")
        }
    }

    @Test func theGlobalLimitHoldsAcrossHosts() async throws {
        let inFlight = Mutex((now: 0, max: 0))
        let handler: LoopbackServer.Handler = { _ in
            inFlight.withLock { $0.now += 1; $0.max = max($0.max, $0.now) }
            usleep(20_000)
            inFlight.withLock { $0.now -= 1 }
            return .text("ok")
        }
        let servers = try (0..<3).map { _ in try LoopbackServer(handler: handler) }
        defer { servers.forEach { $0.stop() } }
        var options = FetchOptions.test
        options.concurrency = 3
        options.perHost = 2
        let fetcher = Fetcher(options: options, environment: [:])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<30 {
                let server = servers[i % 3]
                group.addTask { _ = try await fetcher.fetch(FetchRequest(url: server.url("/\(i)"))) }
            }
            try await group.waitForAll()
        }
        await fetcher.shutdown()
        #expect(inFlight.withLock { $0.max } <= 3)
        #expect(servers.allSatisfy { $0.maxConcurrent <= 2 })
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        try await withServer({ _ in .text("ok") }) { server, fetcher in
            for i in 0..<5 {
                _ = try await fetcher.fetch(FetchRequest(url: server.url("/\(i)")))
            }
            #expect(server.connections == 1)
            #expect(Set(server.requests.map(\.connection)).count == 1)
        }
    }
}
