// Events of one page put together: consecutive listed days joined into one range, the same
// event said twice in one language merged (keeping the better title and every known detail),
// events inside an umbrella season given it as superEvent, and the final Event values with
// their confidence.

import Foundation
import LabfeedCore
import LabfeedDates

extension EventAssembly {
    /// "les 7, 8 et 9 décembre", "November 8 and 9": consecutive whole days in one sentence,
    /// joined only by commas and "et"/"and", are one event over the range.
    func joinListedDays() {
        var k = 0
        while k + 1 < pending.count {
            let p = pending[k], q = pending[k + 1]
            guard p.mergedInto == nil, q.site.block == p.site.block, q.site.sentence == p.site.sentence,
                  case .day(let pEnd) = p.match.end ?? p.match.start, case .day(let qStart) = q.match.start, q.match.end == nil,
                  qStart == pEnd.adding(days: 1), p.lastRange.upperBound <= q.site.match.range.lowerBound else {
                k += 1
                continue
            }
            let between = a.blocks[p.site.block].text[p.lastRange.upperBound..<q.site.match.range.lowerBound]
            let separators = Words.split(String(between)).allSatisfy { ["et", "and", "au", "to"].contains($0.norm) }
                && between.count <= 8
            guard separators else {
                k += 1
                continue
            }
            pending[k].match.end = q.match.start
            pending[k].lastRange = q.site.match.range
            pending[k].rules.append("dates:listed-days-joined")
            pending[k].explanations += q.explanations
            pending[k + 1].mergedInto = k
            pending.remove(at: k + 1)
            // Explanations pointing past k shift down by one.
            for e in explanations.indices {
                if let idx = explanations[e].eventIndex, idx > k { explanations[e].eventIndex = idx - 1 }
            }
            for e in pending[k].explanations {
                explanations[e].eventIndex = k
                explanations[e].outcome = e == pending[k].explanations[0] ? .accepted : .merged
            }
        }
    }

    /// The same event twice in one language (a heading and its paragraph, one date said twice):
    /// one event with the better title and the details of both.
    func mergeDuplicates() {
        var k = 0
        while k < pending.count {
            var j = k + 1
            let start = pending[k].match.start.date
            while j < pending.count {
                // isSameEvent's first test, read in place: most pairs differ there, and passing
                // two events to it copied both and the assembly (a third of the merge's time).
                if pending[j].match.start.date != start {
                    j += 1
                } else if isSameEvent(pending[k], pending[j]) {
                    absorb(j, into: k)
                } else {
                    j += 1
                }
            }
            k += 1
        }
    }

    private func isSameEvent(_ p: PendingEvent, _ q: PendingEvent) -> Bool {
        guard p.language == q.language, p.match.start.date == q.match.start.date,
              p.match.end?.date == q.match.end?.date || p.match.end == nil || q.match.end == nil else { return false }
        // Two timed events at different times are two events.
        if case .time(let a) = p.match.start, case .time(let b) = q.match.start, a.instant != b.instant { return false }
        if (p.match.end == nil) != (q.match.end == nil), p.match.end.map({ $0.date != p.match.start.date }) ?? false
            || q.match.end.map({ $0.date != q.match.start.date }) ?? false { return false }
        if Words.fold(p.title) == Words.fold(q.title) { return true }
        let pb = p.site.block, qb = q.site.block
        return pb == qb || a.headingOf[qb] == pb || a.headingOf[pb] == qb
            || (a.headingOf[qb] != nil && a.headingOf[qb] == a.headingOf[pb] && a.blocks[pb].kind == .paragraph && a.blocks[qb].kind == .paragraph
                && abs(pb - qb) <= 2)
    }

    private func absorb(_ j: Int, into k: Int) {
        let q = pending[j]
        var p = pending[k]
        if q.titleRank < p.titleRank {
            p.title = q.title
            p.titleRank = q.titleRank
        }
        if p.match.start.isAllDay, !q.match.start.isAllDay {
            p.match.start = q.match.start
            p.match.end = q.match.end
        }
        if p.place.isEmpty || (p.placeFromPage && !q.placeFromPage && !q.place.isEmpty) {
            p.place = q.place
            p.placeFromPage = q.placeFromPage
        } else {
            p.place.fill(from: q.place)
        }
        p.attendance = p.attendance ?? q.attendance
        if p.status == .scheduled { p.status = q.status; p.previousStart = q.previousStart }
        p.keywords += q.keywords.filter { !p.keywords.contains($0) }
        p.superEvent = p.superEvent ?? q.superEvent
        p.strength = max(p.strength, q.strength) + 0.05
        p.rules.append("merged:same event in \(a.path(ofBlock: q.site.block))")
        p.explanations += q.explanations
        pending[k] = p
        pending.remove(at: j)
        for e in explanations.indices {
            guard let idx = explanations[e].eventIndex else { continue }
            if idx == j {
                explanations[e].eventIndex = k
                explanations[e].outcome = .merged
                explanations[e].detail = "the same event as “\(p.title)”"
            } else if idx > j {
                explanations[e].eventIndex = idx - 1
            }
        }
    }

    /// Events inside an umbrella's range, in its language, get it as superEvent.
    func linkUmbrellas() {
        let umbrellas = pending.indices.filter { pending[$0].umbrella && pending[$0].match.end != nil }
        for u in umbrellas {
            let umbrella = pending[u]
            guard let end = umbrella.match.end?.date else { continue }
            for k in pending.indices where k != u && pending[k].superEvent == nil && pending[k].language == umbrella.language {
                let d = pending[k].match.start.date
                guard d >= umbrella.match.start.date, d <= end, !pending[k].umbrella else { continue }
                pending[k].superEvent = umbrella.title
                pending[k].rules.append("superEvent:\(umbrella.title)")
            }
        }
    }

    /// The events, with confidence, and the explanations with their final event indices.
    func finish() -> ([Event], [ProseExplanation]) {
        var events: [Event] = []
        events.reserveCapacity(pending.count)
        // Each event read in place (iterating the events copied each, retained field by field).
        for k in pending.indices {
            events.append(event(pending[k]))
            let first = pending[k].explanations.first
            for e in pending[k].explanations {
                explanations[e].eventIndex = k
                if e == first {
                    explanations[e].rules = pending[k].rules
                    if a.context.explain {
                        explanations[e].start = pending[k].match.start.iso
                        explanations[e].end = pending[k].match.end?.iso
                    }
                }
            }
        }
        return (events, explanations)
    }

    /// The event `p` becomes, with its confidence.
    private func event(_ p: borrowing PendingEvent) -> Event {
        var c = 0.35 + p.strength
        if p.rules.contains(where: { $0 == "year:written" || $0.hasPrefix("year:contextual") }) { c += 0.1 }
        else if p.rules.contains(where: { $0.hasPrefix("year:publication") }) { c += 0.05 }
        else { c -= 0.05 }
        if !p.match.start.isAllDay { c += 0.05 }
        if !p.place.isEmpty && !p.placeFromPage { c += 0.05 }
        if p.match.weekdayMismatch { c -= 0.2 }
        if p.titleRank >= 5 { c -= 0.05 }
        c = (min(0.95, max(0.05, c)) * 100).rounded() / 100
        let place = p.place
        let location = place.isEmpty ? nil : Location(name: place.name, address: place.address, locality: place.locality,
                                                      postalCode: place.postalCode, region: place.region)
        return Event(
            title: p.title, description: p.description, start: p.match.start, end: p.match.end,
            timeZone: a.context.timeZone.identifier, location: location, url: p.url, organizer: a.context.organizer,
            status: p.status, previousStart: p.previousStart, attendanceMode: p.attendance,
            keywords: a.context.keywords + p.keywords, superEvent: p.superEvent.map { EventReference(title: $0) },
            language: p.language, foundBy: .prose, confidence: c)
    }
}
