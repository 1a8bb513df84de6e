// Wall clock ↔ instant in a zone without Foundation's Calendar: civil-from-days arithmetic
// (CivilDate.dayNumber, Howard Hinnant's algorithms) plus the zone's UTC offset at an instant,
// the only thing asked of TimeZone. Exact across daylight-saving transitions (both sides of
// every transition are checked); the conversions the feed and calendar readers run per entry.

import Foundation

/// Seconds-based conversions between local wall-clock times and instants in a `TimeZone`.
///
/// Calendar.dateComponents and Calendar.date(from:) cost several microseconds each (a calendar
/// copy, a component set, locks); this does the same with integer arithmetic and one to four
/// `secondsFromGMT(for:)` calls. Only the years 1583-9999 are handled: before, Foundation's
/// Gregorian calendar is Julian (the 1582 reform) and CivilDate is proleptic Gregorian, so
/// callers keep Calendar there and nothing they return changes.
enum ZoneArithmetic {
    /// The years handled here.
    static let years = 1583...9999
    /// 1583-01-01T00:00Z and 10000-01-01T00:00Z in seconds from 1970, with a day's margin
    /// inside for offsets.
    static let secondsRange = (-12_212_553_600 + 86_400)..<(253_402_300_800 - 86_400)

    /// The whole seconds of an instant (floored, as Calendar does), or nil outside the years
    /// handled here.
    static func seconds(_ instant: Date) -> Int? {
        let t = instant.timeIntervalSince1970
        guard t.isFinite, t >= Double(secondsRange.lowerBound), t < Double(secondsRange.upperBound) else { return nil }
        return Int(t.rounded(.down))
    }

    /// The offset of `zone` (seconds east of UTC) at `seconds` after 1970-01-01T00:00Z, as
    /// `secondsFromGMT(for:)` gives it, through ``ZoneOffsetCache`` (Foundation is asked once
    /// per span between two transitions, not on every call).
    static func offset(_ zone: TimeZone, at seconds: Int) -> Int {
        ZoneOffsetCache.shared.offset(zone, at: seconds)
    }

    /// The instant (seconds from 1970) a local wall-clock time denotes in `zone`, counted in
    /// seconds from 1970-01-01T00:00 local.
    ///
    /// In an overlap (autumn) the earlier instant is chosen; in a gap (spring) the time is read
    /// with the offset in force before the gap, which moves it forward by the gap on the wall
    /// clock, as Calendar and calendar programs do. Assumes at most one offset change within a
    /// day on either side of the time, which holds for every zone of the tz database; when the
    /// check below fails, the nearest consistent reading is still returned.
    static func instant(local: Int, in zone: TimeZone) -> Int {
        // An instant a day either side of every reading of `local`: offsets are within ±18 h.
        let before = offset(zone, at: local - 86_400)
        let after = offset(zone, at: local + 86_400)
        if before == after {
            let t = local - before
            let o = offset(zone, at: t)
            if o == before { return t }
            // Two changes within two days (not in the tz database): read with the offset there.
            return local - o
        }
        let early = local - before  // read with the offset before the change
        let late = local - after    // read with the offset after it
        let earlyValid = offset(zone, at: early) == before
        let lateValid = offset(zone, at: late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return min(early, late)  // overlap: the earlier instant
        case (true, false): return early
        case (false, true): return late
        case (false, false): return early  // gap: forward by the gap
        }
    }
}
