// The feeds.yml settings of the fetching engine that the foundation did not have yet.

import LabfeedCore
import Testing

struct FetchSettingsTests {
    @Test func lowSpeedSettingsAreReadWithUnits() throws {
        let yaml = """
            settings:
              low_speed_limit: 1KiB
              low_speed_time: 30s
            sources: []
            """
        let config = try ConfigLoader.parse(yaml, file: "feeds.yml", directory: "/etc/labfeed")
        #expect(config.settings.lowSpeedLimit == 1024)
        #expect(config.settings.lowSpeedTime == .seconds(30))
    }

    @Test func lowSpeedSettingsDefaultToAGentleCutOff() throws {
        let config = try ConfigLoader.parse("sources: []\n", file: "feeds.yml", directory: "/etc/labfeed")
        #expect(config.settings.lowSpeedLimit == 100)
        #expect(config.settings.lowSpeedTime == .seconds(20))
    }

    @Test func aBadSpeedIsLocated() {
        do {
            _ = try ConfigLoader.parse("settings:\n  low_speed_limit: fast\nsources: []\n", file: "feeds.yml", directory: "/etc")
            Issue.record("expected the config to be refused")
        } catch {
            #expect(error.problems.first?.key == "settings.low_speed_limit")
            #expect(error.problems.first?.position.line == 2)
        }
    }
}
