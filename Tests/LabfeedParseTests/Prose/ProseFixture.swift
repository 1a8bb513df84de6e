// Helpers for the prose tests: fixture loading, a fixed context, and expected events compared
// field by field so that a failure names the field.

import Foundation
import LabfeedCore
import LabfeedParse
import Testing

/// One event a fixture must yield.
struct ExpectedEvent: CustomStringConvertible {
    var title: String
    var start: String
    var end: String? = nil
    var language: String = "fr"
    var locality: String? = nil
    var status: EventStatus = .scheduled
    var attendance: AttendanceMode?? = .none

    var description: String { "\(title) @ \(start)" }
}

enum ProseFixture {
    /// A fetch date far from the fixtures' years, so that a year taken from the clock or the
    /// fetch date by mistake shows.
    static let fetchDate = CivilDate(year: 2025, month: 6, day: 1)

    static func context(fetch: CivilDate = fetchDate, publication: CivilDate? = nil, language: String? = nil) -> ProseContext {
        ProseContext(fetchDate: fetch, pageLanguage: language, publicationDate: publication, pageURL: "https://lab.example/page")
    }

    static func path(_ name: String) throws -> String {
        try #require(Bundle.module.path(forResource: "Fixtures/prose/\(name)", ofType: nil), "missing fixture \(name)")
    }

    static func read(_ name: String, fetch: CivilDate = fetchDate) throws -> ProseResult {
        let p = try path(name)
        let data = try #require(FileManager.default.contents(atPath: p))
        if name.hasSuffix(".txt") {
            return ProseExtractor.extract(plainText: String(decoding: data, as: UTF8.self), context: context(fetch: fetch))
        }
        return try ProseExtractor.extract(html: [UInt8](data), context: context(fetch: fetch))
    }

    /// Checks `events` against `expected`, in order, and prints the explanation on failure.
    static func check(_ result: ProseResult, _ expected: [ExpectedEvent], _ name: String,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let events = result.events
        #expect(events.count == expected.count,
                "\(name): \(events.map { "\($0.title) @ \($0.start.iso)" })\n\(result.render())", sourceLocation: sourceLocation)
        for (e, x) in zip(events, expected) {
            #expect(e.title.lowercased().contains(x.title.lowercased()), "\(name): title “\(e.title)” lacks “\(x.title)”",
                    sourceLocation: sourceLocation)
            #expect(e.start.iso == x.start, "\(name): \(x.title) starts \(e.start.iso)", sourceLocation: sourceLocation)
            #expect(e.end?.iso == x.end, "\(name): \(x.title) ends \(e.end?.iso ?? "nil")", sourceLocation: sourceLocation)
            #expect(e.allDay == !x.start.contains("T"), sourceLocation: sourceLocation)
            #expect(e.language == x.language, "\(name): \(x.title) language \(e.language ?? "nil")", sourceLocation: sourceLocation)
            if let locality = x.locality {
                #expect(e.location?.locality == locality, "\(name): \(x.title) locality \(e.location?.locality ?? "nil")",
                        sourceLocation: sourceLocation)
            }
            #expect(e.status == x.status, "\(name): \(x.title) status \(e.status)", sourceLocation: sourceLocation)
            if case .some(let mode) = x.attendance {
                #expect(e.attendanceMode == mode, "\(name): \(x.title) attendance \(String(describing: e.attendanceMode))",
                        sourceLocation: sourceLocation)
            }
            #expect(e.foundBy == .prose, sourceLocation: sourceLocation)
            #expect(e.confidence > 0 && e.confidence <= 1, sourceLocation: sourceLocation)
        }
    }

    /// The explanation of the date written `span` (first one when several).
    static func explanation(_ result: ProseResult, span: String) -> ProseExplanation? {
        result.explanations.first { $0.span == span }
    }
}
