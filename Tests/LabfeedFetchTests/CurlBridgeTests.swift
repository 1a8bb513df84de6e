// The lowest layer: one hop through the multi handle, against a server started here.

import Foundation
import LabfeedTestSupport
import Testing
@testable import LabfeedFetch

struct CurlBridgeTests {
    @Test func oneTransferThroughTheMultiHandleReturnsStatusHeadersAndBody() async throws {
        let server = try LoopbackServer { request in
            .text("hello from \(request.path)", headers: [("X-Test", "yes")])
        }
        defer { server.stop() }
        let engine = CurlEngine(concurrency: 4, perHost: 2, policies: HostPolicies())
        let spec = HopSpec(url: server.baseURL + "/hello", hostKey: "127.0.0.1:\(server.port)",
                           userAgent: "labfeed/test", accept: "*/*",
                           connectTimeoutMilliseconds: 5000, timeoutMilliseconds: 10_000,
                           lowSpeedLimit: 0, lowSpeedSeconds: 1, maxBody: 1 << 20, direct: true)
        let result = await engine.run(spec)
        await engine.shutdown()

        #expect(result.curlCode == 0)
        #expect(result.status == 200)
        #expect(String(decoding: result.body, as: UTF8.self) == "hello from /hello")
        #expect(result.headers["x-test"] == "yes")
        #expect(result.primaryIP == "127.0.0.1")
        #expect(result.bytesOnWire > result.body.count)
        #expect(result.timings.total > .zero)
        #expect(server.requests.first?.header("User-Agent") == "labfeed/test")
    }

    @Test func aHopAfterShutdownEndsCancelledInsteadOfHanging() async throws {
        let engine = CurlEngine(concurrency: 1, perHost: 1, policies: HostPolicies())
        await engine.shutdown()
        let spec = HopSpec(url: "http://127.0.0.1:9/", hostKey: "127.0.0.1:9", userAgent: "t", accept: "*/*",
                           connectTimeoutMilliseconds: 100, timeoutMilliseconds: 100,
                           lowSpeedLimit: 0, lowSpeedSeconds: 1, maxBody: 10)
        let result = await engine.run(spec)
        #expect(result.cancelled)
    }
}
