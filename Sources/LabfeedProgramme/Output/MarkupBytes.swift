// A byte buffer for the HTML and Atom writers. Contract: the bytes are the UTF-8 of the String
// the writers used to build with interpolations, `MarkupEscaping.escape` applied to the same
// pieces (the escaping is one function, `MarkupEscaping.appendEscaped`, for both).

import Foundation
import LabfeedCore

/// Markup appended as UTF-8 bytes: literal pieces as they are, text escaped on the way in.
///
/// Why: the HTML page and the Atom feed were built one event at a time as Strings, each piece
/// interpolated into the next (an escaped copy, then the interpolation, then the append): in a
/// cold sync's profile those Strings were most of the two writers' time. Here each piece is
/// copied once, straight into one buffer that the writer hands to its sink.
struct MarkupBytes {
    var bytes: [UInt8] = []
    /// Texts folded for a filter key (``escapedFold()`` writes and empties it).
    var folder = TextFolding.Folder()

    init(capacity: Int = 2_048) {
        bytes.reserveCapacity(capacity)
    }

    /// The texts appended to ``folder``, folded as `TextFolding.fold` of them joined by spaces,
    /// as ``escaped(_:)`` would write them; the folder is emptied for the next key.
    ///
    /// Folded text needs no escaping: it holds ASCII letters, digits and spaces and the
    /// alphabetic or numeric scalars `TextFolding` keeps, never `& < > " '`, a control or
    /// U+FFFE/U+FFFF (`TextFoldingTests` checks that escaping leaves it unchanged).
    mutating func escapedFold() {
        bytes.append(contentsOf: folder.bytes)
        folder.removeAll()
    }

    /// `FrenchDates.when(event, zone:)`, escaped (it needs no escaping).
    mutating func when(_ event: Event, zone: TimeZone) {
        FrenchDates.appendWhen(event, zone: zone, to: &bytes)
    }

    /// ``when(_:zone:)`` of an event with this start and end.
    mutating func when(start: EventTime, end: EventTime?, zone: TimeZone) {
        FrenchDates.appendWhen(start: start, end: end, zone: zone, to: &bytes)
    }

    /// `time.iso`, escaped (ISO text needs no escaping: digits, `-`, `T`, `:`, `+`).
    mutating func iso(_ time: EventTime) {
        if !TextBytes.iso(time, to: &bytes) { escaped(time.iso) }
    }

    /// `UTCTimestamp.string(date)`, escaped as above.
    mutating func timestamp(_ date: Date) {
        if !TextBytes.timestamp(date, to: &bytes) { escaped(UTCTimestamp.string(date)) }
    }

    /// A literal piece of markup, unescaped.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text that is markup already (or known to need no escaping), unescaped. Not an overload
    /// of ``raw(_:)``: a string literal would pick the `String` one (its default type).
    mutating func rawText(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Text escaped as ``MarkupEscaping/escape(_:)`` escapes it.
    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { MarkupEscaping.appendEscaped($0, to: &bytes) }
    }

    /// `text` as a link to `url` when ``MarkupEscaping/safeHref(_:)`` lets the URL through,
    /// else the text alone: both escaped.
    mutating func linkOrText(_ text: String, url: String?) {
        guard let href = MarkupEscaping.safeHref(url) else { return escaped(text) }
        raw("<a href=\"")
        escaped(href)
        raw("\">")
        escaped(text)
        raw("</a>")
    }

    /// The bytes as a String (valid UTF-8: whole scalars are dropped, ASCII added).
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
