import Foundation
import LabfeedCore
import Testing
@testable import LabfeedProgramme

/// ``ProgrammeDiff`` alone: which rows a save over the stored programme writes and removes.
struct ProgrammeDiffTests {
    let events = Samples.programme().events

    @Test func theSameProgrammeWritesNothing() throws {
        let diff = try #require(ProgrammeDiff(from: events, to: events))
        #expect(diff == ProgrammeDiff(writes: [], removes: []))
    }

    @Test func newChangedAndGoneEventsAreFoundInTheirOrder() throws {
        var next = events
        next[1].event.title += " (reporté)"  // changed
        next[2].updated = next[2].updated.addingTimeInterval(86_400)  // changed outside the content hash
        next.remove(at: 0)  // gone
        var added = events[3]
        added.id = "ev-00000000000000b1"
        next.append(added)  // new
        let diff = try #require(ProgrammeDiff(from: events, to: next))
        #expect(diff.writes == [0, 1, 3])
        #expect(diff.removes == [events[0].id])
    }

    @Test func anIdTwiceOnEitherSideGivesNoDiff() {
        #expect(ProgrammeDiff(from: events + [events[0]], to: events) == nil)
        #expect(ProgrammeDiff(from: events, to: events + [events[2]]) == nil)
    }

    /// `String`'s `==` holds for canonically equivalent strings, whose JSON bytes differ: the
    /// strings the content hash does not cover are compared byte for byte.
    @Test func canonicallyEquivalentIdsAndKeysAreWrittenAgain() throws {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        var before = events[0]
        before.sources[0].key = "id:\(composed)"
        var after = before
        after.sources[0].key = "id:\(decomposed)"
        #expect(before == after)  // what a plain comparison would have kept
        #expect(try #require(ProgrammeDiff(from: [before], to: [after])).writes == [0])
        var renamed = before
        renamed.id = "ev-\(decomposed)"
        before.id = "ev-\(composed)"
        #expect(try #require(ProgrammeDiff(from: [before], to: [renamed])).writes == [0])
        #expect(try #require(ProgrammeDiff(from: [before], to: [before])).writes.isEmpty)
    }
}
