// Durations, sizes and the other small value syntaxes of feeds.yml.

/// Reads and writes durations as people write them in feeds.yml: `90s`, `15m`, `2h`, `1d`,
/// `1h30m`, `500ms`, `2w`. A bare number is refused (is it seconds or minutes?).
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        let s = Array(text.lowercased().filter { $0 != " " && $0 != "_" })
        guard !s.isEmpty else { return nil }
        var total: Duration = .zero
        var i = 0
        var any = false
        while i < s.count {
            var number = 0
            var digits = 0
            while i < s.count, let d = s[i].wholeNumberValue, s[i].isASCII {
                number = number &* 10 &+ d
                digits += 1
                i += 1
                guard digits <= 9 else { return nil }
            }
            guard digits > 0 else { return nil }
            var unit = ""
            while i < s.count, s[i].isLetter { unit.append(s[i]); i += 1 }
            let n = Int64(number)
            switch unit {
            case "ms": total += .milliseconds(n)
            case "s", "sec", "secs", "second", "seconds": total += .seconds(n)
            case "m", "min", "mins", "minute", "minutes": total += .seconds(n * 60)
            case "h", "hr", "hour", "hours": total += .seconds(n * 3600)
            case "d", "day", "days": total += .seconds(n * 86_400)
            case "w", "week", "weeks": total += .seconds(n * 604_800)
            default: return nil
            }
            any = true
        }
        return any ? total : nil
    }

    /// The shortest exact form: `1d`, `2h30m`, `90s` → `1m30s`, `500ms`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attos) = duration.components
        if seconds == 0 && attos == 0 { return "0s" }
        var rest = seconds
        var out = ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        let ms = attos / 1_000_000_000_000_000
        if ms > 0 { out += "\(ms)ms" }
        return out
    }
}

/// Reads byte sizes: `10MiB`, `10MB` (also read as MiB, as people mean it), `512k`, `1048576`.
public enum ByteSizeText {
    public static func parse(_ text: String) -> Int? {
        let s = text.lowercased().filter { $0 != " " && $0 != "_" }
        let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 15, let n = Int(digits) else { return nil }
        let unit = s.dropFirst(digits.count)
        let factor: Int
        switch unit {
        case "", "b": factor = 1
        case "k", "kb", "kib": factor = 1024
        case "m", "mb", "mib": factor = 1024 * 1024
        case "g", "gb", "gib": factor = 1024 * 1024 * 1024
        default: return nil
        }
        let (value, overflow) = n.multipliedReportingOverflow(by: factor)
        return overflow ? nil : value
    }

    public static func format(_ bytes: Int) -> String {
        if bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 { return "\(bytes / (1024 * 1024))MiB" }
        if bytes >= 1024 && bytes % 1024 == 0 { return "\(bytes / 1024)KiB" }
        return "\(bytes)"
    }
}

/// How long past events stay in the programme: `settings: keep_past:` (`30d`, or `forever`).
public enum KeepPast: Sendable, Hashable, CustomStringConvertible {
    case duration(Duration)
    case forever

    public static func parse(_ text: String) -> KeepPast? {
        if text.lowercased() == "forever" { return .forever }
        return DurationText.parse(text).map(KeepPast.duration)
    }

    public var description: String {
        switch self {
        case .forever: "forever"
        case .duration(let d): DurationText.format(d)
        }
    }
}
