// Time and size bounds: the body limit (declared or counted), the low-speed cut-off and the
// total timeout.

import Foundation
import LabfeedFetch
import LabfeedTestSupport
import Testing

struct BoundsTests {
    static var small: FetchOptions {
        var o = FetchOptions.test
        o.maxBody = 1000
        o.attempts = 1
        return o
    }

    @Test func aBodyOverTheLimitWithContentLengthAborts() async throws {
        try await withServer(options: Self.small, { _ in
            ServerResponse(body: .bytes([UInt8](repeating: 65, count: 5000)))
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/big"))))
            #expect(error.kind == .tooLarge)
            #expect(error.message.contains("1000 bytes"))
        }
    }

    @Test func aChunkedBodyOverTheLimitWithoutContentLengthAborts() async throws {
        let chunk = [UInt8](repeating: 66, count: 400)
        try await withServer(options: Self.small, { _ in
            ServerResponse(body: .chunked(Array(repeating: chunk, count: 10)))
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/chunked"))))
            #expect(error.kind == .tooLarge)
        }
    }

    @Test func aChunkedBodyUnderTheLimitIsRead() async throws {
        let chunk = [UInt8](repeating: 67, count: 300)
        try await withServer(options: Self.small, { _ in
            ServerResponse(body: .chunked([chunk, chunk, chunk]))
        }) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/chunked")))
            #expect(response.body.count == 900)
        }
    }

    @Test func aTricklingServerIsCutOffByTheLowSpeedLimit() async throws {
        var options = Self.small
        options.lowSpeedLimit = 1000
        options.lowSpeedTime = .seconds(1)
        try await withServer(options: options, { _ in
            ServerResponse(body: .trickle([UInt8](repeating: 68, count: 200), every: .milliseconds(100)))
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/slow"))))
            #expect(error.kind == .tooSlow)
            #expect(error.message.contains("1000 bytes/s"))
        }
    }

    @Test func aServerThatNeverFinishesHitsTheTotalTimeout() async throws {
        var options = Self.small
        options.timeout = .seconds(1)
        options.lowSpeedLimit = 0
        try await withServer(options: options, { _ in
            ServerResponse(body: .hang(.seconds(10)))
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/never"))))
            #expect(error.kind == .timeout)
            #expect(error.message.contains("1 s"))
        }
    }
}
