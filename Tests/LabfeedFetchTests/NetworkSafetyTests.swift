// Network safety: a redirect from a public source to a loopback/private address is refused,
// judged on the address curl connects to (after DNS), on every hop, reused connections included.

import Foundation
import LabfeedTestSupport
import Testing
@testable import LabfeedFetch

struct NetworkSafetyTests {
    @Test func aRedirectTo127FromAPublicSourceIsRefusedOnANewConnection() async throws {
        let inside = try LoopbackServer { _ in .text("secret") }
        defer { inside.stop() }
        let target = inside.baseURL + "/secret"
        try await withServer({ _ in .redirect(target) }) { server, fetcher in
            var request = FetchRequest(url: server.url("/start"))
            request.originIsPublic = true
            let error = try #require(await fetchError(fetcher, request))
            #expect(error.kind == .blockedAddress)
            #expect(error.message.contains("127.0.0.1"))
            #expect(error.message.contains("loopback"))
            #expect(inside.requests.isEmpty)
        }
    }

    @Test func aRedirectOnTheSameReusedConnectionIsCheckedToo() async throws {
        try await withServer({ request in
            request.path == "/start" ? .redirect("/admin") : .text("admin page")
        }) { server, fetcher in
            var request = FetchRequest(url: server.url("/start"))
            request.originIsPublic = true
            let error = try #require(await fetchError(fetcher, request))
            #expect(error.kind == .blockedAddress)
            #expect(server.requests(to: "/admin").isEmpty)
        }
    }

    @Test func aHostNameIsJudgedByTheAddressItResolvesTo() async throws {
        let inside = try LoopbackServer { _ in .text("secret") }
        defer { inside.stop() }
        let target = "http://localhost:\(inside.port)/secret"
        try await withServer({ _ in .redirect(target) }) { server, fetcher in
            var request = FetchRequest(url: server.url("/start"))
            request.originIsPublic = true
            let error = try #require(await fetchError(fetcher, request))
            // localhost resolves to a loopback address: refused, or (if only ::1 answered) no connection.
            #expect(error.kind == .blockedAddress || error.kind == .connect)
            #expect(inside.requests.isEmpty)
        }
    }

    @Test func allowPrivateNetworksLiftsTheRefusal() async throws {
        try await withServer({ request in
            request.path == "/start" ? .redirect("/inside") : .text("inside")
        }) { server, fetcher in
            var request = FetchRequest(url: server.url("/start"))
            request.originIsPublic = true
            request.allowPrivateNetworks = true
            let response = try await fetcher.fetch(request)
            #expect(response.finalURL == server.url("/inside"))
        }
    }

    @Test func aSourceTheUserPutOnLoopbackMayRedirectWithinIt() async throws {
        try await withServer({ request in
            request.path == "/start" ? .redirect("/inside") : .text("inside")
        }) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/start")))
            #expect(String(decoding: response.body, as: UTF8.self) == "inside")
        }
    }

    @Test func onlyHttpAndHttpsAndFileAreFetched() async throws {
        let fetcher = Fetcher(options: .test, environment: [:])
        let error = try #require(await fetchError(fetcher, FetchRequest(url: URL(string: "gopher://127.0.0.1/x")!)))
        await fetcher.shutdown()
        #expect(error.kind == .unsupportedURL)
    }

    @Test(arguments: [
        ("127.0.0.1", AddressClass.loopback), ("10.1.2.3", .private), ("172.16.0.1", .private), ("172.32.0.1", .public),
        ("192.168.1.1", .private), ("100.64.0.1", .private), ("169.254.169.254", .linkLocal), ("224.0.0.251", .multicast),
        ("0.0.0.0", .reserved), ("255.255.255.255", .reserved), ("93.184.216.34", .public), ("::1", .loopback),
        ("::", .reserved), ("fe80::1", .linkLocal), ("fd00::1", .private), ("ff02::1", .multicast),
        ("::ffff:192.168.0.1", .private), ("::ffff:8.8.8.8", .public), ("2001:db8::1", .public), ("not an ip", .reserved),
    ])
    func addressesAreClassified(ip: String, expected: AddressClass) {
        #expect(AddressClass(ip: ip) == expected)
    }

    @Test func proxiesFromTheEnvironmentAreRecognisedWithNoProxyExceptions() {
        let env = ProxyEnvironment(environment: ["https_proxy": "http://proxy:3128", "NO_PROXY": "internal.example,.lan"])
        #expect(env.usesProxy(scheme: "https", host: "example.org"))
        #expect(!env.usesProxy(scheme: "http", host: "example.org"))
        #expect(!env.usesProxy(scheme: "https", host: "a.internal.example"))
        #expect(!env.usesProxy(scheme: "https", host: "nas.lan"))
        // Upper-case HTTP_PROXY is ignored, as libcurl does.
        #expect(!ProxyEnvironment(environment: ["HTTP_PROXY": "http://proxy:3128"]).usesProxy(scheme: "http", host: "example.org"))
    }
}
