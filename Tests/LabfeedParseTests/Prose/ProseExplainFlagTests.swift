// `ProseContext.explain` false (what the page and feed parsers pass) changes nothing but the
// explanations' texts: the same events, and the same explanation entries (outcome, reason,
// detail, rules, event index) with their span, sentence, path and dates left empty. Checked on
// every prose fixture.

import Foundation
import LabfeedCore
@testable import LabfeedParse
import Testing

struct ProseExplainFlagTests {
    private func read(_ path: String, explain: Bool) throws -> ProseResult {
        let data = try #require(FileManager.default.contents(atPath: path))
        var context = ProseFixture.context()
        context.explain = explain
        if path.hasSuffix(".txt") { return ProseExtractor.extract(plainText: String(decoding: data, as: UTF8.self), context: context) }
        return try ProseExtractor.extract(html: [UInt8](data), context: context)
    }

    @Test func withoutExplanationsTheEventsAreTheSame() throws {
        let directory = try #require(Bundle.module.path(forResource: "Fixtures/prose", ofType: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }.sorted()
        #expect(names.count >= 5)
        var dates = 0
        for name in names {
            let path = directory + "/" + name
            let full = try read(path, explain: true)
            let lean = try read(path, explain: false)
            #expect(lean.events == full.events, "\(name)")
            #expect(lean.warnings == full.warnings, "\(name)")
            #expect(lean.explanations.count == full.explanations.count, "\(name)")
            for (l, f) in zip(lean.explanations, full.explanations) {
                #expect(l.outcome == f.outcome && l.reason == f.reason && l.detail == f.detail && l.rules == f.rules
                        && l.eventIndex == f.eventIndex, "\(name): \(f.span)")
                #expect(l.span.isEmpty && l.sentence.isEmpty && l.location.isEmpty && l.start.isEmpty && l.end == nil)
            }
            dates += full.explanations.count
        }
        #expect(dates > 20)
    }
}
