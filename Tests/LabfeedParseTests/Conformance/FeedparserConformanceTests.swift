// feedparser's own test files (Fixtures/conformance/feedparser, BSD-2-Clause, see the README
// there), each run through DocumentParser.parse and checked against its `Expect:` line.
// A case listed in `expectedDifferences` must still differ: when labfeed starts agreeing, the
// entry has to go, so the table never hides a change.

import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct FeedparserConformanceTests {
    /// Cases where labfeed deliberately answers differently from feedparser, with the reason.
    static let expectedDifferences: [String: String] = ConformanceDifferences.feedparser

    static let cases: [FeedparserCase] = (try? ConformanceFixtures.feedparserCases()) ?? []

    @Test func theSuiteIsLoadedAndBroad() throws {
        let cases = try ConformanceFixtures.feedparserCases()
        #expect(cases.count >= 80, "only \(cases.count) feedparser cases")
        let unknown = Set(Self.expectedDifferences.keys).subtracting(cases.map(\.path))
        #expect(unknown.isEmpty, "expected differences name cases that do not exist: \(unknown.sorted())")
    }

    @Test(arguments: cases)
    func feedparserCase(_ c: FeedparserCase) {
        let (doc, outcome) = FeedparserCheck.run(c)
        if let reason = Self.expectedDifferences[c.path] {
            #expect(!outcome.passed, "\(c.path) now agrees with feedparser; remove it from the expected differences (\(reason))")
        } else {
            #expect(outcome.checked > 0, "\(c.path): no value of the expectation maps to a labfeed field")
            #expect(outcome.failures.isEmpty, Comment(rawValue: "\(c.path) — \(c.description)\n" + outcome.failures.joined(separator: "\n")
                                                      + "\nwarnings: \(doc.warnings)"))
        }
    }
}

/// Loads the conformance fixtures from the test bundle.
enum ConformanceFixtures {
    static var root: URL {
        get throws {
            guard let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/conformance") else {
                throw CocoaError(.fileNoSuchFile)
            }
            return url
        }
    }

    /// Every `.xml` file below feedparser/, sorted by path.
    static func feedparserCases() throws -> [FeedparserCase] {
        let base = try root.appendingPathComponent("feedparser")
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var cases: [FeedparserCase] = []
        for case let url as URL in walker where url.pathExtension == "xml" {
            let path = url.path.replacingOccurrences(of: base.path + "/", with: "")
            cases.append(try FeedparserExpect.load(path: path, bytes: [UInt8](try Data(contentsOf: url))))
        }
        return cases.sorted { $0.path < $1.path }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: try root.appendingPathComponent(path)))
    }
}
