// The feeds.yml settings of the fetching engine that the foundation did not have yet.

import LabfeedCore
import LabfeedTestSupport
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

struct CAFileSettingTests {
    @Test func aReadableCAFileIsResolvedAgainstTheConfigurationsDirectory() throws {
        let tmp = TemporaryDirectory()
        let pem = try tmp.write("intranet-ca.pem", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
        let config = try ConfigLoader.parse("settings:\n  ca_file: intranet-ca.pem\nsources: []\n",
                                            file: "feeds.yml", directory: tmp.path)
        #expect(config.settings.caFile == pem)
    }

    @Test func withoutCAFileTheSystemRootsAreUsed() throws {
        let config = try ConfigLoader.parse("sources: []\n", file: "feeds.yml", directory: "/etc/labfeed")
        #expect(config.settings.caFile == nil)
    }

    @Test func aMissingCAFileIsLocatedAndNamed() {
        let tmp = TemporaryDirectory()
        do {
            _ = try ConfigLoader.parse("settings:\n  timeout: 30s\n  ca_file: missing.pem\nsources: []\n",
                                       file: "feeds.yml", directory: tmp.path)
            Issue.record("expected the config to be refused")
        } catch {
            #expect(error.problems.first?.key == "settings.ca_file")
            #expect(error.problems.first?.position.line == 3)
            #expect(error.problems.first?.position.column == 12)
            #expect(error.problems.first?.message.contains("\(tmp.path)/missing.pem") == true)
        }
    }
}
