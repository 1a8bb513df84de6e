// CSVWriter.field (bytes looked at before characters) against the character-by-character rule.

import Foundation
import Testing
@testable import LabfeedProgramme

struct CSVFieldTests {
    static func reference(_ raw: String) -> String {
        var value = raw
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t"].contains(first) { value = "'" + value }
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    @Test(arguments: ["", "Atelier", "a,b", "dit \"oui\"", "ligne\nsuite", "cr\rlf\r\n", " espace", "fin ", "=SUM(A1)", "+33",
                      "-1", "@moi", "\ttab", ",\u{301}", "\"\u{301}", "e\u{301},", "\u{301}x", "é,è", "🎉", "=,\"", "x\r\u{301}"])
    func aFieldIsWhatTheCharacterRuleGives(raw: String) {
        #expect(CSVWriter.field(raw) == Self.reference(raw))
    }
}
