// Helpers shared by the fetch tests: a server and a fetcher that are always stopped, short
// bounds, fixtures, and a way to get the FetchError out of a failed fetch.

import Foundation
@testable import LabfeedFetch
import LabfeedTestSupport

extension FetchOptions {
    /// Short bounds and backoffs so failure paths stay fast; robots.txt off unless a test wants it.
    static var test: FetchOptions {
        var o = FetchOptions()
        o.userAgent = "labfeed/test (+mailto:test@example.org)"
        o.connectTimeout = .seconds(5)
        o.timeout = .seconds(20)
        o.backoffBase = .milliseconds(20)
        o.backoffMax = .milliseconds(100)
        o.obeyRobots = false
        // Loopback servers only: never through a proxy the machine may have configured.
        o.useEnvironmentProxy = false
        return o
    }
}

/// Starts a loopback server and a fetcher, runs `body`, then shuts both down, even on failure.
func withServer<T>(
    options: FetchOptions = .test,
    _ handler: @escaping LoopbackServer.Handler,
    _ body: (LoopbackServer, Fetcher) async throws -> T
) async throws -> T {
    let server = try LoopbackServer(handler: handler)
    let fetcher = Fetcher(options: options, environment: [:])
    do {
        let result = try await body(server, fetcher)
        await fetcher.shutdown()
        server.stop()
        return result
    } catch {
        await fetcher.shutdown()
        server.stop()
        throw error
    }
}

/// The error a fetch failed with, or nil if it succeeded.
func fetchError(_ fetcher: Fetcher, _ request: FetchRequest) async -> FetchError? {
    do {
        _ = try await fetcher.fetch(request)
        return nil
    } catch {
        return error
    }
}

/// The bytes of a file in Fixtures/.
func fixture(_ name: String) throws -> [UInt8] {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
        throw FixtureMissing(name: name)
    }
    return Array(try Data(contentsOf: url))
}

struct FixtureMissing: Error {
    var name: String
}
