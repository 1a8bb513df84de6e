import Foundation
import LabfeedTestSupport
import Testing

/// `labfeed check`, run as a user would run it.
struct CheckCommandTests {
    @Test func theShippedFeedsYmlIsValid() throws {
        let result = try LabfeedBinary.run(["check", "--config", "\(LabfeedBinary.repositoryRoot)/feeds.yml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid"))
        #expect(result.stdout.contains("la27eregion"))
    }

    @Test func theDemoConfigIsValid() throws {
        let result = try LabfeedBinary.run(["check", "--config", "\(LabfeedBinary.repositoryRoot)/examples/demo.yml"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aBrokenConfigIsRefusedWithEveryProblemLocated() throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("feeds.yml", """
            settings:
              timout: 5s
            sources:
              - id: a
                url: https://a.example/
              - id: a
                url: https://b.example/
                interval: often
            """)
        let result = try LabfeedBinary.run(["check", "--config", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(path):2:3: settings.timout: unknown key `timout` (did you mean 'timeout'?)"))
        #expect(result.stderr.contains("\(path):6:9: sources[1].id: duplicate id `a`"))
        #expect(result.stderr.contains("\(path):8:15: sources[1].interval: invalid duration `often`"))
        #expect(result.stderr.contains("3 problems"))
    }

    @Test func aMissingFileIsAClearError() throws {
        let result = try LabfeedBinary.run(["check", "--config", "/nonexistent/feeds.yml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/feeds.yml"))
        #expect(result.stderr.contains("cannot read"))
    }

    @Test func badXPathSelectorsAreLocated() throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("feeds.yml", """
            sources:
              - id: a
                url: https://a.example/
                extract:
                  item: "xpath://div[@class='ev'"
            """)
        let result = try LabfeedBinary.run(["check", "--config", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):5:13: sources[0].extract.item: invalid XPath selector"))
    }

    @Test func helpDocumentsTheExitStatus() throws {
        let result = try LabfeedBinary.run(["check", "--help"])
        #expect(result.stdout.contains("Exit status"))
    }
}

struct CommandLineTests {
    @Test func anUnknownOptionExitsWithUsageStatus() throws {
        let result = try LabfeedBinary.run(["check", "--bogus"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--bogus"))
    }
}

struct CheckWarningTests {
    @Test func aMissingLocalFileIsAWarningNotAnError() throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("feeds.yml", """
            sources:
              - id: here
                url: agenda.ics
            """)
        let result = try LabfeedBinary.run(["check", "--config", path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("\(path):2:5: warning: source `here`: \(dir.path)/agenda.ics does not exist"))
    }

    @Test func theSameURLUnderTwoIdsIsAWarning() throws {
        let dir = TemporaryDirectory()
        let path = try dir.write("feeds.yml", """
            sources:
              - id: labase
                url: https://labase.example/agenda
              - id: other
                url: https://other.example/
              - id: labase-again
                url: https://labase.example/agenda
              - id: off
                url: https://labase.example/agenda
                enabled: false
            """)
        let result = try LabfeedBinary.run(["check", "--config", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(
            "\(path):6:5: warning: source `labase-again`: the same URL as source `labase` (\(path):2:5): it would be fetched twice"))
        // A disabled source is not fetched: no warning for it, and one warning in all.
        #expect(!result.stderr.contains("`off`"))
        #expect(result.stderr.components(separatedBy: "warning:").count == 2)
    }
}
