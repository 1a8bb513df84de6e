import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing

struct ConfigLoaderTests {
    func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.path(forResource: "Fixtures/\(name)", ofType: nil))
    }

    @Test func aValidSampleLoadsWithEveryKey() throws {
        let path = try fixture("valid.yml")
        let config = try ConfigLoader.load(path: path)
        let dir = (path as NSString).deletingLastPathComponent
        let s = config.settings
        #expect(s.output == "\(dir)/out")
        #expect(s.state == "\(dir)/state/labfeed.sqlite")
        #expect(s.userAgent == "labfeed-test/1.0")
        #expect(s.contact == "https://labase.example/contact")
        #expect(s.concurrency == 8 && s.perHost == 1)
        #expect(s.connectTimeout == .seconds(5) && s.timeout == .seconds(60) && s.interval == .seconds(7200))
        #expect(s.maxBody == 5 * 1024 * 1024)
        #expect(s.keepPast == .forever)
        #expect(s.allowPrivateNetworks && s.retries == 2)
        #expect(s.recurrenceWindow == .seconds(180 * 86_400))
        #expect(config.sources.map(\.id) == ["labase", "local-ics"])

        let labase = try #require(config.source("labase"))
        #expect(labase.url == .web(URL(string: "https://labase.example/agenda/")!))
        #expect(labase.kind == .html && labase.interval == .seconds(6 * 3600))
        #expect(labase.tags == ["lab", "territorial"])
        #expect(labase.location?.locality == "Limoges" && labase.location?.postalCode == "87000")
        #expect(labase.location?.latitude == 45.83)
        #expect(labase.extract?.item == Selector(expression: "div.event", syntax: .css, position: labase.extract?.item.position))
        #expect(labase.extract?.start?.syntax == .xpath && labase.extract?.start?.expression == ".//time/@datetime")
        #expect(labase.discover && !labase.robots)

        let ics = try #require(config.source("local-ics"))
        #expect(ics.url == .file("\(dir)/examples/site/agenda.ics"))
        #expect(!ics.enabled && ics.location?.name == "Limoges" && ics.tags == ["ics", "demo"])
        #expect(ics.interval(default: s) == .seconds(7200))
    }

    @Test func defaultsApplyWhenSettingsAreAbsent() throws {
        let config = try ConfigLoader.parse("sources: []\n", file: "f.yml", directory: "/srv/lab")
        #expect(config.settings.output == "/srv/lab/Output")
        #expect(config.settings.timezone == "Europe/Paris")
        #expect(config.settings.concurrency == 16 && config.settings.perHost == 2)
        #expect(config.settings.maxBody == 10 * 1024 * 1024)
        #expect(config.settings.keepPast == .duration(.seconds(30 * 86_400)))
    }

    @Test func unknownKeysAreLocatedWithTheNearestValidKey() {
        let found = configProblems("""
            settings:
              timeout: 30s
              intervall: 1h
            sources:
              - id: a
                url: https://a.example/
                organiser: LaBase
            """)
        #expect(found.count == 2)
        #expect(found[0].position.line == 3 && found[0].position.column == 3)
        #expect(found[0].key == "settings.intervall" && found[0].suggestion == "interval")
        #expect(found[1].position.line == 7 && found[1].position.column == 5)
        #expect(found[1].key == "sources[0].organiser" && found[1].suggestion == "organizer")
        #expect(found[1].description.hasPrefix("feeds.yml:7:5: sources[0].organiser: unknown key"))
        #expect(found[1].snippet?.contains("^") == true)
    }

    @Test func duplicateIdsPointAtTheSecondAndNameTheFirst() {
        let found = configProblems("""
            sources:
              - id: labase
                url: https://a.example/
              - id: labase
                url: https://b.example/
            """)
        #expect(found.count == 1)
        #expect(found[0].position.line == 4 && found[0].position.column == 9)
        #expect(found[0].message.contains("duplicate id `labase`"))
        #expect(found[0].message.contains("feeds.yml:2:5"))
    }

    @Test func badURLsAreRefused() {
        let found = configProblems("""
            sources:
              - id: a
                url: ftp://files.example/agenda.ics
              - id: b
                url: "https:// no host"
            """)
        #expect(found.map(\.position.line) == [3, 5])
        #expect(found.map(\.position.column) == [10, 10])
        #expect(found[0].message.contains("unsupported scheme"))
        #expect(found[1].message.contains("invalid URL"))
    }

    @Test func badDurationsAndSizesAreRefused() {
        let found = configProblems("""
            settings:
              timeout: soon
              interval: 10s
              max_body: lots
              keep_past: sometimes
            sources: []
            """)
        #expect(found.map(\.position.line) == [2, 3, 4, 5])
        #expect(found[0].message.contains("invalid duration `soon`"))
        #expect(found[1].message.contains("at least 1m"))
        #expect(found[2].message.contains("invalid size"))
        #expect(found[3].message.contains("forever"))
    }

    @Test func wrongTypesAreRefused() {
        let found = configProblems("""
            settings:
              concurrency: many
              per_host: 0
              allow_private_networks: maybe
            sources:
              - id: a
                url: https://a.example/
                tags: {a: b}
                location: [1, 2]
                enabled: sometimes
            """)
        #expect(found.map(\.key) == ["settings.concurrency", "settings.per_host", "settings.allow_private_networks",
                                      "sources[0].tags", "sources[0].location", "sources[0].enabled"])
        #expect(found[0].message.contains("whole number"))
        #expect(found[1].message.contains("between 1 and 32"))
        #expect(found[3].message.contains("list of tags"))
        #expect(found[4].message.contains("mapping"))
        #expect(found[5].message.contains("true or false"))
    }

    @Test func missingRequiredFieldsAreReportedTogether() {
        let found = configProblems("""
            sources:
              - name: Sans identifiant
                url: https://a.example/
              - id: no-url
              - id: sel
                url: https://b.example/
                extract:
                  title: h3
            """)
        #expect(found.map(\.key) == ["sources[0].id", "sources[1].url", "sources[2].extract.item"])
        #expect(found.map(\.position.line) == [2, 4, 8])
        #expect(found.allSatisfy { $0.message.contains("missing required key") })
    }

    @Test func missingSourcesListAndEmptyFile() {
        #expect(configProblems("settings:\n  timeout: 5s\n").map(\.key) == ["sources"])
        #expect(configProblems("").first?.message.contains("empty") == true)
    }

    @Test func yamlSyntaxErrorsAreLocated() {
        let found = configProblems("""
            sources:
              - id: a
                url: [unclosed
            """)
        #expect(found.count == 1)
        #expect(found[0].message.hasPrefix("invalid YAML"))
        #expect(found[0].position.line >= 3)
    }

    @Test func invalidValuesForKindLanguageIdAndZone() {
        let found = configProblems("""
            settings:
              timezone: Europe/Pariss
            sources:
              - id: Lab Base
                url: https://a.example/
              - id: b
                url: https://b.example/
                kind: rdf-feed
                language: français
            """)
        #expect(found.map(\.key) == ["settings.timezone", "sources[0].id", "sources[1].kind", "sources[1].language"])
        #expect(found[0].suggestion == "Europe/Paris")
    }

    @Test func selectorsAreCheckedByTheGivenChecker() {
        let yaml = """
            sources:
              - id: a
                url: https://a.example/
                extract:
                  item: "xpath://div["
                  title: h3
            """
        do {
            _ = try ConfigLoader.parse(yaml, file: "f.yml", directory: "/", checkSelector: { $0.expression.hasSuffix("[") ? "unfinished predicate" : nil })
            Issue.record("expected a refusal")
        } catch {
            #expect(error.problems.map(\.key) == ["sources[0].extract.item", "sources[0].extract.item"] || error.problems.first?.key == "sources[0].extract.item")
            #expect(error.problems.first?.position.line == 5)
            #expect(error.problems.first?.message.contains("unfinished predicate") == true)
        }
    }

    @Test func allErrorsOfAFileAreReportedAtOnce() {
        let found = configProblems("""
            settings:
              timout: 5s
            sources:
              - id: a
                url: gopher://x
                interval: often
            """)
        #expect(found.count == 3)
    }
}

struct ConfigValueTests {
    @Test func durationsReadAsPeopleWriteThem() {
        #expect(DurationText.parse("90s") == .seconds(90))
        #expect(DurationText.parse("15m") == .seconds(900))
        #expect(DurationText.parse("2h") == .seconds(7200))
        #expect(DurationText.parse("1d") == .seconds(86_400))
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("500ms") == .milliseconds(500))
        #expect(DurationText.parse("30") == nil)
        #expect(DurationText.parse("h") == nil)
        #expect(DurationText.parse("2 years") == nil)
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.seconds(86_400)) == "1d")
    }

    @Test func sizesAndKeepPast() {
        #expect(ByteSizeText.parse("10MiB") == 10 * 1024 * 1024)
        #expect(ByteSizeText.parse("512k") == 512 * 1024)
        #expect(ByteSizeText.parse("2048") == 2048)
        #expect(ByteSizeText.parse("ten") == nil)
        #expect(KeepPast.parse("forever") == .forever)
        #expect(KeepPast.parse("30d") == .duration(.seconds(2_592_000)))
        #expect(KeepPast.parse("never") == nil)
    }

    @Test func nearestKeySuggestsOnlyCloseWords() {
        #expect(nearestKey(to: "intervall", in: ["interval", "timeout"]) == "interval")
        #expect(nearestKey(to: "urll", in: ["url", "id"]) == "url")
        #expect(nearestKey(to: "completely", in: ["url", "id"]) == nil)
    }

    @Test func stateDefaultsFollowSystemdThenXDG() {
        #expect(Settings.defaultStatePath(environment: ["STATE_DIRECTORY": "/var/lib/labfeed"]) == "/var/lib/labfeed/state.sqlite")
        #expect(Settings.defaultStatePath(environment: ["XDG_STATE_HOME": "/home/u/.st", "HOME": "/home/u"]) == "/home/u/.st/labfeed/state.sqlite")
        #expect(Settings.defaultStatePath(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/labfeed/state.sqlite")
    }
}
