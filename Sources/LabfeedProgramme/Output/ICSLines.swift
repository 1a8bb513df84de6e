// A byte buffer of iCalendar content lines for ICSWriter. Contract: the bytes are the UTF-8 of
// the lines the writer used to build as Strings (`ICSWriter.text`/`param`/`uri` escapes, the
// `%0Nd` digits of its dates), each folded as `ICSWriter.fold` folds it and ended by CRLF.

import Foundation
import LabfeedCore

/// iCalendar content lines written as UTF-8 bytes straight into one buffer, folded at the end
/// of each line.
///
/// Why: each event's lines were an array of Strings, every value escaped into a String and each
/// date formatted into a String per field before being folded into bytes (a seventh of the
/// writer's instructions were the dates alone). Here each piece is copied once into the line;
/// a line longer than 75 octets (descriptions, mostly) is folded in place when it ends.
struct ICSLines {
    /// The finished lines, folded, each ended by CRLF, then the line being written.
    var bytes: [UInt8] = []
    /// Where the line being written starts in ``bytes``.
    private var lineStart = 0
    /// The unfolded tail of a long line, copied out while it is folded back (reused).
    private var scratch: [UInt8] = []

    init(capacity: Int = 4_096) {
        bytes.reserveCapacity(capacity)
    }

    /// Empties the buffer, keeping its capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lineStart = 0
    }

    /// A literal piece, as it is.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text that needs no escaping (a number's description), as it is. Not an overload of
    /// ``raw(_:)``: a string literal would pick the `String` one (its default type).
    mutating func rawText(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A TEXT value escaped as ``ICSWriter/text(_:)`` escapes it.
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { ICSWriter.appendText($0, to: &bytes) }
    }

    /// A quoted parameter value as ``ICSWriter/param(_:)`` writes it.
    mutating func param(_ value: String) {
        var value = value
        value.withUTF8 { ICSWriter.appendParam($0, to: &bytes) }
    }

    /// A URI value as ``ICSWriter/uri(_:)`` writes it.
    mutating func uri(_ value: String) {
        var value = value
        value.withUTF8 { ICSWriter.appendURI($0, to: &bytes) }
    }

    /// `value` as `%0Nd` writes it: at least `width` characters, zero-padded after a minus sign.
    mutating func digits(_ value: Int, _ width: Int) {
        ICSWriter.appendDigits(value, width, to: &bytes)
    }

    /// A date as `YYYYMMDD`.
    mutating func basic(_ d: CivilDate) {
        // In the ranges where `%0Nd` gives exactly the width: the digits gathered, one append.
        if (0...9999).contains(d.year) && (0...99).contains(d.month) && (0...99).contains(d.day) {
            var text = StackBytes()
            text.date(d, separator: false)
            return text.append(to: &bytes)
        }
        digits(d.year, 4)
        digits(d.month, 2)
        digits(d.day, 2)
    }

    /// A date and `T` and the time, `YYYYMMDDTHHMMSS`: ``basic(_:)`` then ``clock(_:)``.
    mutating func basicClock(_ t: LocalDateTime) {
        let d = t.date
        if (0...9999).contains(d.year) && (0...99).contains(d.month) && (0...99).contains(d.day)
            && (0...99).contains(t.hour) && (0...99).contains(t.minute) && (0...99).contains(t.second) {
            var text = StackBytes()
            text.date(d, separator: false)
            text.append(0x54)
            text.digits(t.hour, 2)
            text.digits(t.minute, 2)
            text.digits(t.second, 2)
            return text.append(to: &bytes)
        }
        basic(d)
        clock(t)
    }

    /// `T` and the time as `HHMMSS`.
    mutating func clock(_ t: LocalDateTime) {
        bytes.append(0x54)
        digits(t.hour, 2)
        digits(t.minute, 2)
        digits(t.second, 2)
    }

    /// An instant in UTC: `YYYYMMDDTHHMMSSZ`, the fields of `LocalDateTime(date, in: UTC)`.
    mutating func utc(_ date: Date) {
        // Within the years LocalDateTime computes itself (1583-9999, a day's margin inside), its
        // arithmetic with the offset 0, without asking the zone cache (three times an event);
        // outside, LocalDateTime itself.
        let t = date.timeIntervalSince1970
        guard t.isFinite, t >= -12_212_553_600 + 86_400, t < 253_402_300_800 - 86_400 else {
            let local = LocalDateTime(date, in: ICSWriter.utcZone)
            basic(local.date)
            clock(local)
            return bytes.append(0x5A)
        }
        let seconds = Int(t.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let rest = seconds - day * 86_400
        // Years 1583-9999, hours under 24: every field has its width, gathered, one append.
        var text = StackBytes()
        text.date(CivilDate(dayNumber: day), separator: false)
        text.append(0x54)
        text.digits(rest / 3600, 2)
        text.digits(rest % 3600 / 60, 2)
        text.digits(rest % 60, 2)
        text.append(0x5A)
        text.append(to: &bytes)
    }

    /// A DTSTART/DTEND value after its name: `;TZID=Europe/Paris:` and the wall-clock time in
    /// Paris, or `:` and the instant in UTC.
    mutating func dateTime(_ t: LocalDateTime, paris: Bool) {
        guard paris else {
            bytes.append(0x3A)
            return utc(t.instant)
        }
        let local = LocalDateTime(t.instant, in: ICSWriter.parisZone)
        raw(";TZID=Europe/Paris:")
        basicClock(local)
    }

    /// Ends the line being written: folded when longer than 75 octets, then CRLF.
    mutating func endLine() {
        if bytes.count - lineStart > 75 {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: bytes[lineStart...])
            bytes.removeSubrange(lineStart...)
            scratch.withUnsafeBufferPointer { ICSWriter.appendFolded($0, to: &bytes) }
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
        lineStart = bytes.count
    }

    /// A whole line that is a literal.
    mutating func line(_ text: StaticString) {
        raw(text)
        endLine()
    }
}
