// schema.org's own Event examples (Fixtures/conformance/schemaorg, CC BY-SA 3.0, see the
// README there): the same event in microdata, RDFa and JSON-LD must give the same labfeed event,
// with the facts the example states. Pages are read as served from http://example.com/events/,
// so relative URLs resolve there; times without offset are local to Europe/Paris.

import Foundation
import LabfeedCore
import LabfeedParse
import Testing

/// What one example states, in labfeed's terms.
struct SchemaOrgExample: Sendable, CustomTestStringConvertible {
    var file: String
    var foundBy: FoundBy
    var title: String
    var start: String
    var end: String? = nil
    var location = Location()
    var url: String? = nil
    var attendanceMode: AttendanceMode? = nil
    var onlineURL: String? = nil
    var price: String? = nil
    var currency: String? = nil

    var testDescription: String { file }

    /// A page describing one event without its own URL: the event's page is this page
    /// (docs/EXTRACTION.md, page-level fallbacks).
    static let page = "http://example.com/events/"

    func differences() throws -> [String] {
        let context = ParseContext(now: FeedFixture.now, url: "http://example.com/events/", forcedFormat: .html)
        let doc = DocumentParser.parse(try ConformanceFixtures.bytes("schemaorg/\(file)"), context: context)
        let events = doc.events.filter { $0.foundBy == foundBy }
        guard events.count == 1, let e = events.first else {
            return ["expected one \(foundBy.rawValue) event, got \(events.count); warnings: \(doc.warnings)"]
        }
        var out: [String] = []
        func check<T: Equatable>(_ name: String, _ actual: T?, _ expected: T?) {
            if actual != expected { out.append("\(name): expected \(expected.map { "\($0)" } ?? "nil"), got \(actual.map { "\($0)" } ?? "nil")") }
        }
        check("title", e.title, title)
        check("start", e.start.iso, start)
        check("end", e.end?.iso, end)
        check("location", e.location ?? Location(), location)
        check("url", e.url, url)
        check("attendance_mode", e.attendanceMode, attendanceMode)
        check("online_url", e.onlineURL, onlineURL)
        check("price", e.registration?.price, price)
        check("currency", e.registration?.currency, currency)
        return out
    }
}

struct SchemaOrgConformanceTests {
    static let nba = (title: "Miami Heat at Philadelphia 76ers - Game 3 (Home Game 1)", start: "2016-04-21T20:00:00+02:00",
                      location: Location(locality: "Philadelphia", region: "PA"),
                      url: "http://example.com/events/nba-miami-philidelphia-game3.html")
    static let hiDive = Location(name: "The Hi-Dive", address: "7 S. Broadway", locality: "Denver", postalCode: "80209", region: "CO")

    static let examples: [SchemaOrgExample] = [
        SchemaOrgExample(file: "nba-microdata.html", foundBy: .microdata, title: nba.title, start: nba.start, location: nba.location, url: nba.url, price: "$35"),
        SchemaOrgExample(file: "nba-rdfa.html", foundBy: .microdata, title: nba.title, start: nba.start, location: nba.location, url: nba.url, price: "$35"),
        // schema.org's JSON-LD version of this example has no name.
        SchemaOrgExample(file: "nba-jsonld.html", foundBy: .jsonLD, title: nba.title, start: nba.start, location: nba.location, url: nba.url, price: "$35"),
        SchemaOrgExample(file: "soldout-microdata.html", foundBy: .microdata, title: "SOLD OUT! Typhoon with Radiation City",
                         start: "2013-09-14T21:30:00+02:00", location: hiDive, url: SchemaOrgExample.page, price: "13.00", currency: "USD"),
        SchemaOrgExample(file: "soldout-rdfa.html", foundBy: .microdata, title: "SOLD OUT! Typhoon with Radiation City",
                         start: "2013-09-14T21:30:00+02:00", location: hiDive, url: SchemaOrgExample.page, price: "13.00", currency: "USD"),
        SchemaOrgExample(file: "soldout-jsonld.html", foundBy: .jsonLD, title: "SOLD OUT! Typhoon with Radiation City",
                         start: "2013-09-14T21:30:00+02:00", location: hiDive, url: SchemaOrgExample.page, price: "13.00", currency: "USD"),
        SchemaOrgExample(file: "limited-jsonld.html", foundBy: .jsonLD, title: "Typhoon with Radiation City",
                         start: "2013-09-14T21:30:00+02:00", location: hiDive, url: SchemaOrgExample.page, price: "13.00", currency: "USD"),
        SchemaOrgExample(file: "storytime-jsonld.html", foundBy: .jsonLD, title: "Story Time Reading",
                         start: "2020-07-24T18:00:00+02:00", end: "2020-07-24T18:30:00+02:00",
                         url: SchemaOrgExample.page, attendanceMode: .online, onlineURL: "https://stream.storytimereadings.com/", price: "0", currency: "USD"),
    ]

    @Test func everyExampleFileIsInTheTable() throws {
        let folder = try ConformanceFixtures.root.appendingPathComponent("schemaorg")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }
        #expect(Set(files) == Set(Self.examples.map(\.file)))
        let unknown = Set(ConformanceDifferences.schemaOrg.keys).subtracting(Self.examples.map(\.file))
        #expect(unknown.isEmpty, "expected differences name no example: \(unknown.sorted())")
    }

    /// schema.org's JSON-LD example alone in a page puts everything in `<head>`: the prose
    /// reader once crashed on a tree with no element but the root.
    @Test func aPageWithNothingButAHeadIsReadWithoutCrashing() throws {
        let page = Array("<script type=\"application/ld+json\">{\"@type\": \"Event\"}</script>".utf8)
        let doc = DocumentParser.parse(page, context: ParseContext(now: FeedFixture.now, forcedFormat: .html))
        #expect(doc.events.isEmpty)
        #expect(doc.warnings.contains { $0.contains("without a name") })
    }

    @Test(arguments: examples)
    func schemaOrgExample(_ example: SchemaOrgExample) throws {
        let differences = try example.differences()
        if let reason = ConformanceDifferences.schemaOrg[example.file] {
            #expect(!differences.isEmpty, "\(example.file) now gives the example's event; remove it from the expected differences (\(reason))")
        } else {
            #expect(differences.isEmpty, Comment(rawValue: "\(example.file):\n" + differences.joined(separator: "\n")))
        }
    }
}
