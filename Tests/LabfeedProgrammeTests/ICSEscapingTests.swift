// ICSWriter's escapes and line folding (on UTF-8 bytes) against the scalar-by-scalar versions
// they replaced.

import Testing
@testable import LabfeedProgramme

struct ICSEscapingTests {
    static func referenceText(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func referenceParam(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }))
    }

    static func referenceURI(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
    }

    static func referenceFold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var count = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.unicodeScalars.append(scalar)
            count += size
        }
        return out
    }

    /// Texts from a palette of what the escapes treat apart: the same on every run.
    static func texts(_ count: Int, longest: Int) -> [String] {
        let palette: [String] = ["a", "é", "\\", ";", ",", "\n", "\r", "\t", "\u{1}", "\u{7F}", "\"", " ", "€", "🎉", "\u{85}",
                                 "e\u{301}", "Table ronde, l’innovation; ", "https://lab.example/a b"]
        var state: UInt64 = 7
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var text = ""
            var pick = state
            for _ in 0..<Int(state % UInt64(longest)) {
                pick = pick &* 2_862_933_555_777_941_757 &+ 3_037_000_493
                text += palette[Int((pick >> 33) % UInt64(palette.count))]
            }
            return text
        }
    }

    @Test func escapesGiveWhatTheScalarsGave() {
        for text in Self.texts(3_000, longest: 24) + ["", "plain", "a,b;c\\d\r\ne"] {
            #expect(ICSWriter.text(text) == Self.referenceText(text), "\(Array(text.unicodeScalars))")
            #expect(ICSWriter.param(text) == Self.referenceParam(text), "\(Array(text.unicodeScalars))")
            #expect(ICSWriter.uri(text) == Self.referenceURI(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func foldingCutsWhereTheScalarsCut() {
        for text in Self.texts(2_000, longest: 90) + [String(repeating: "é", count: 80), String(repeating: "🎉", count: 40),
                                                      String(repeating: "a", count: 75), String(repeating: "a", count: 76)] {
            let line = "DESCRIPTION:" + text
            #expect(ICSWriter.fold(line) == Self.referenceFold(line), "\(Array(line.unicodeScalars))")
        }
    }
}
