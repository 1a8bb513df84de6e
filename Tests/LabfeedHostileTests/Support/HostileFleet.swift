// HostileFleet: every hostile scenario's server at once, plus the good server, for one
// `labfeed run` that fetches them all. Each scenario has a server of its own, so each is its own
// host (`host:port`) for labfeed's per-host limits and robots.txt, and none waits for another.

import Foundation
import LabfeedTestSupport

/// One hostile server per scenario and the good server, turned hostile all at once.
final class HostileFleet: Sendable {
    let good: GoodServer
    let servers: [HostileScenario: HostileServer]

    init() throws {
        good = try GoodServer()
        var servers: [HostileScenario: HostileServer] = [:]
        for scenario in HostileScenario.allCases { servers[scenario] = try HostileServer(scenario) }
        self.servers = servers
    }

    /// The source id of a scenario in feeds.yml: `hostile-` and the scenario, lower-cased.
    static func id(_ scenario: HostileScenario) -> String { "hostile-" + scenario.rawValue.lowercased() }

    func server(_ scenario: HostileScenario) -> HostileServer { servers[scenario]! }

    /// Where a scenario's source points. Every source keeps its URL from the good round to the
    /// hostile one (a daemon forgets a source whose URL changes on reload), except the DNS one,
    /// which can only fail under another name: `dnsResolves: false` gives it its `.invalid` name.
    func url(_ scenario: HostileScenario, dnsResolves: Bool) -> String {
        let server = server(scenario).server
        if scenario == .dnsFailure && !dnsResolves { return scenario.sourceURL(server: server, closedPort: 0) }
        return server.baseURL + "/feed.xml"
    }

    /// The good sources, then one source per scenario.
    func sources(dnsResolves: Bool) -> [SiteSource] {
        good.sources + HostileScenario.allCases.map { SiteSource(id: Self.id($0), url: url($0, dnsResolves: dnsResolves)) }
    }

    /// Every server turns hostile; the refused scenario's server stops listening (its port then
    /// refuses connections at the same URL); the second good feed gains an event.
    func turnHostile() {
        for (scenario, server) in servers {
            server.turnHostile()
            if scenario == .connectionRefused { server.server.stop() }
        }
        good.nextRound()
    }

    func stop() {
        good.server.stop()
        for server in servers.values { server.server.stop() }
    }
}
