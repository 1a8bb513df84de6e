// Digits, timestamps and ISO 8601 times written as UTF-8 bytes for the byte writers (JSON,
// HTML, Atom). Contract: the bytes are those of `UTCTimestamp.string` and `EventTime.iso` for
// the values they take; a function returns false, having appended nothing, for a value it
// leaves to them.

import Foundation
import LabfeedCore

/// Numbers and times appended to a byte buffer without making a String.
///
/// Why: `UTCTimestamp.string` and `EventTime.iso` build their text piece by piece as Strings
/// (an ISO start cost about 10,000 instructions); the writers call them several times per event.
enum TextBytes {
    /// `value` (0 or more) in decimal, zero-padded to `width` digits (more digits than `width`
    /// are cut to the last `width`: callers keep to their ranges).
    @inline(__always)
    static func digits(_ value: Int, _ width: Int, to bytes: inout [UInt8]) {
        if width == 2 {  // months, days, hours...: constant divisions
            bytes.append(0x30 + UInt8(value / 10 % 10))
            bytes.append(0x30 + UInt8(value % 10))
            return
        }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var value = value
        while divisor > 0 {
            bytes.append(0x30 + UInt8(value / divisor % 10))
            value %= divisor
            divisor /= 10
        }
    }

    /// `UTCTimestamp.string(date)` (`YYYY-MM-DDTHH:MM:SSZ`) for the years 0-9999; false for
    /// other years.
    static func timestamp(_ date: Date, to bytes: inout [UInt8]) -> Bool {
        guard let text = timestamp(date) else { return false }
        text.append(to: &bytes)
        return true
    }

    /// The bytes of ``timestamp(_:to:)``, or nil for the years it leaves to `UTCTimestamp`.
    static func timestamp(_ date: Date) -> StackBytes? {
        // The arithmetic of UTCTimestamp.string.
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let day = CivilDate(dayNumber: days)
        guard (0...9999).contains(day.year) else { return nil }
        var text = StackBytes()
        text.date(day)
        text.append(0x54)
        text.digits(rest / 3600, 2)
        text.append(0x3A)
        text.digits(rest % 3600 / 60, 2)
        text.append(0x3A)
        text.digits(rest % 60, 2)
        text.append(0x5A)
        return text
    }

    /// `time.iso` when every field is in the range `iso` writes by hand (years 0-9999, the
    /// other fields 0-99, an offset under 100 hours); false otherwise (`iso` then uses
    /// `String(format:)`).
    static func iso(_ time: EventTime, to bytes: inout [UInt8]) -> Bool {
        guard let text = iso(time) else { return false }
        text.append(to: &bytes)
        return true
    }

    /// The bytes of ``iso(_:to:)``, or nil for the values it leaves to `iso`.
    static func iso(_ time: EventTime) -> StackBytes? {
        var text = StackBytes()
        switch time {
        case .day(let d):
            guard writable(d) else { return nil }
            text.date(d)
        case .time(let t):
            let offset = abs(t.utcOffset)
            guard writable(t.date), (0...99).contains(t.hour), (0...99).contains(t.minute), (0...99).contains(t.second),
                  offset / 3600 < 100 else { return nil }
            text.date(t.date)
            text.append(0x54)
            text.digits(t.hour, 2)
            text.append(0x3A)
            text.digits(t.minute, 2)
            text.append(0x3A)
            text.digits(t.second, 2)
            text.append(t.utcOffset < 0 ? 0x2D : 0x2B)
            text.digits(offset / 3600, 2)
            text.append(0x3A)
            text.digits(offset % 3600 / 60, 2)
        }
        return text
    }

    /// Whether `CivilDate.iso` writes `d` by hand (else it uses `String(format:)`).
    private static func writable(_ d: CivilDate) -> Bool {
        (0...9999).contains(d.year) && (0...99).contains(d.month) && (0...99).contains(d.day)
    }

}

/// Up to 32 bytes gathered on the stack and appended to an array in one piece.
///
/// Why: a date or time is 8 to 25 bytes, and each byte appended to an `[UInt8]` alone checks
/// its uniqueness and capacity (the dates were a tenth of the CSV writer, the digits of the
/// iCalendar dates an eighth of that one); here they are stored on the stack, then appended
/// with one call.
struct StackBytes {
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// How many bytes are held (32 at most: the callers write fixed shapes shorter than that).
    private(set) var count = 0

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        let i = count
        withUnsafeMutableBytes(of: &storage) { $0[i] = byte }
        count = i + 1
    }

    /// `value` (0 or more) zero-padded to `width` digits, as ``TextBytes/digits(_:_:to:)``.
    @inline(__always)
    mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var value = value
        while divisor > 0 {
            append(0x30 + UInt8(value / divisor % 10))
            value %= divisor
            divisor /= 10
        }
    }

    /// `YYYY-MM-DD`, or `YYYYMMDD` without `separator`.
    @inline(__always)
    mutating func date(_ d: CivilDate, separator: Bool = true) {
        digits(d.year, 4)
        if separator { append(0x2D) }
        digits(d.month, 2)
        if separator { append(0x2D) }
        digits(d.day, 2)
    }

    /// The bytes, appended to `bytes`.
    @inline(__always)
    func append(to bytes: inout [UInt8]) {
        var storage = storage
        let count = count
        withUnsafeBytes(of: &storage) { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    /// The bytes, copied to `destination` (which has room for `count` of them).
    @inline(__always)
    func copy(to destination: UnsafeMutablePointer<UInt8>) {
        var storage = storage
        let count = count
        withUnsafeBytes(of: &storage) { UnsafeMutableRawPointer(destination).copyMemory(from: $0.baseAddress!, byteCount: count) }
    }
}
