// Zone offsets remembered over the spans where they cannot change, so that converting the
// thousands of times of one feed asks Foundation (a lock and an ICU calendar per call) once per
// span instead of two to five times per time. The spans come from Foundation itself: the offset
// at an instant, and the zone's next transition after it.

import Foundation
import Synchronization

/// `TimeZone.secondsFromGMT(for:)` at whole seconds, cached per zone and span.
///
/// A span runs from an instant Foundation was asked about to the zone's next transition
/// (`nextDaylightSavingTimeTransition(after:)`, every offset change ICU knows, daylight saving
/// or not); within it the offset is the one Foundation gave at its start. A zone with no
/// transition ahead (UTC, fixed offsets, zones that stopped daylight saving) has one span to
/// the end of time. At most ``capacity`` spans are kept (the oldest go first), so memory stays
/// bounded whatever the dates read.
final class ZoneOffsetCache: Sendable {
    /// The cache ZoneArithmetic and LocalDateTime use.
    static let shared = ZoneOffsetCache()

    /// How many spans are kept (a feed's dates usually fall in one or two per zone).
    static let capacity = 32

    private struct Span {
        var zone: TimeZone
        /// Whole seconds from 1970: `start` included, `end` excluded.
        var start: Int
        var end: Int
        var offset: Int
    }

    private let spans = Mutex<[Span]>([])

    /// The offset of `zone` (seconds east of UTC) at `seconds` after 1970-01-01T00:00Z, as
    /// `zone.secondsFromGMT(for:)` gives it.
    func offset(_ zone: TimeZone, at seconds: Int) -> Int {
        let hit: Int? = spans.withLock { spans in
            for span in spans where span.start <= seconds && seconds < span.end && span.zone == zone { return span.offset }
            return nil
        }
        if let hit { return hit }
        let instant = Date(timeIntervalSince1970: TimeInterval(seconds))
        let offset = zone.secondsFromGMT(for: instant)
        // The next change, rounded up to a whole second: every whole second before it has the
        // offset just read (tz transitions fall on whole seconds anyway).
        var end = Int.max
        if let next = zone.nextDaylightSavingTimeTransition(after: instant) {
            let t = next.timeIntervalSince1970.rounded(.up)
            guard t.isFinite, t > TimeInterval(seconds), t < 9.0e18 else { return offset }
            end = Int(t)
        }
        spans.withLock { spans in
            if spans.count >= Self.capacity { spans.removeFirst() }
            spans.append(Span(zone: zone, start: seconds, end: end, offset: offset))
        }
        return offset
    }

    /// How many spans are kept now (for tests).
    var spanCount: Int { spans.withLock { $0.count } }
}
