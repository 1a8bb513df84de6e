// The parts of an ISO 8601 duration (`P1W`, `P2DT3H30M`, `PT1.5H`), read once for iCalendar's
// DURATION (signed integers, RFC 5545 3.3.6) and schema.org's `duration` (decimals allowed).
// The callers read the numbers in their own arithmetic.

/// Splits an ISO 8601 duration into numbers and units.
enum ISODuration {
    enum Unit {
        case week, day, hour, minute, second
    }

    /// The (number, unit) parts of `text`, which must start with `P` (upper case, no sign), in
    /// order. A number is the ASCII digits and `.` written before its unit (a `T` between them
    /// is skipped: `P2TS` is two seconds, as both readers always took it). Nil when a unit is
    /// unknown or in the wrong half (`H` before `T`, `D` after it), when a unit has no number or
    /// a number no unit, and when there is no part at all.
    static func parts(_ text: Substring) -> [(number: String, unit: Unit)]? {
        guard text.first == "P" else { return nil }
        var parts: [(number: String, unit: Unit)] = []
        var number = ""
        var inTime = false
        for c in text.dropFirst() {
            if (c.isASCII && c.isNumber) || c == "." {
                number.append(c)
                continue
            }
            if c == "T" {
                inTime = true
                continue
            }
            guard !number.isEmpty else { return nil }
            let unit: Unit
            switch (c, inTime) {
            case ("W", false): unit = .week
            case ("D", false): unit = .day
            case ("H", true): unit = .hour
            case ("M", true): unit = .minute
            case ("S", true): unit = .second
            default: return nil
            }
            parts.append((number, unit))
            number = ""
        }
        return parts.isEmpty || !number.isEmpty ? nil : parts
    }
}
