// The JSON repair pass: valid JSON untouched, each fault real sites ship repaired, and text
// that is past repair reported rather than guessed.

import Foundation
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct TolerantJSONTests {
    @Test func validJSONPassesThroughUnchanged() {
        let text = #"{"a": [1, 2.5, true, null, "x // not a comment /* nor this */, ]"], "b": {"c": "\"q\" \\ \u00e9"}}"#
        let (repaired, repairs) = TolerantJSON.repair(text)
        #expect(repaired == text)
        #expect(repairs.isEmpty)
    }

    /// The scan that returns clean text as it is must agree with the full pass: on hand-picked
    /// near misses and on random strings of JSON pieces and faults (xorshift, fixed seed).
    @Test func cleanTextShortcutAgreesWithTheFullPass() {
        let pieces = ["{", "}", "[", "]", ",", ", ", ":", "\"", "\"a\"", "\"x y\"", "\\", "\\\"", "\\n", "\\'", "\\d", "\\u00e9",
                      "\n", "\t", "\u{01}", " ", "1", "-2.5", "-", "--", "-->", "<", "<!--", "<![CDATA[", "]]>", "]]", "/", "//",
                      "/*", "*/", "é", "null", "true"]
        var texts = ["{\"a\": 1}", "{\"a\": [1, 2, ]}", "{\"a\": 1,}", "[1,]", "{\"a\": \"\\", "{\"a\": \"x\\", "{\"a\": \"l\n\"}",
                     "<!-- {} -->", "{\"a\": -1, \"b\": \"-->\"}", "{\"a\": \"]]>\", \"b\": \"/* no */\"}", "[1] ]]>", ""]
        var random = Xorshift64(seed: 0xA5A5_5A5A_C3C3_3C3C)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<random.next(16) {
                text += random.element(of: pieces)
            }
            texts.append(text)
        }
        var clean = 0
        for text in texts {
            let fast = TolerantJSON.repair(text), full = TolerantJSON.repairAll(text)
            #expect(fast.0 == full.0 && fast.1 == full.1, "\(text.debugDescription)")
            if !UTF8Bytes.with(text, TolerantJSON.needsRepair) { clean += 1 }
        }
        #expect(clean > 100)  // the shortcut is taken, not only the full pass
    }

    @Test func commentsAndTrailingCommasAreRemoved() throws {
        let result = TolerantJSON.parse("""
            // header
            {"a": 1, /* inline */ "b": [1, 2, ], }
            """)
        guard case .object(let o) = try #require(result.value), case .array(let b) = try #require(o["b"]) else {
            Issue.record("not an object with a list")
            return
        }
        #expect(b.count == 2)
        #expect(result.repairs == ["comments", "trailing commas"])
    }

    @Test func rawControlCharactersInStringsAreEscaped() throws {
        let result = TolerantJSON.parse("{\"d\": \"line one\nline\ttwo\u{01}\"}")
        guard case .object(let o) = try #require(result.value), case .string(let d) = try #require(o["d"]) else {
            Issue.record("no string")
            return
        }
        #expect(d == "line one\nline\ttwo\u{01}")
        #expect(result.repairs == ["raw control characters in strings"])
    }

    @Test func invalidEscapesAreRead() throws {
        let result = TolerantJSON.parse(#"{"n": "l\'atelier \d"}"#)
        guard case .object(let o) = try #require(result.value), case .string(let n) = try #require(o["n"]) else {
            Issue.record("no string")
            return
        }
        #expect(n == #"l'atelier \d"#)
    }

    @Test func htmlCommentAndCDATAWrappersAreDropped() throws {
        #expect(TolerantJSON.parse("<!-- {\"a\": 1} -->").value != nil)
        #expect(TolerantJSON.parse("<![CDATA[ {\"a\": 1} ]]>").value != nil)
    }

    @Test func objectsOneAfterTheOtherAreReadAsAList() throws {
        let result = TolerantJSON.parse(#"{"a": 1} {"a": 2}"#)
        guard case .array(let items) = try #require(result.value) else {
            Issue.record("not a list")
            return
        }
        #expect(items.count == 2)
    }

    @Test func textPastRepairIsAnErrorNotAGuess() {
        let result = TolerantJSON.parse(#"{"name": "x", "startDate": "#)
        #expect(result.value == nil)
        #expect(result.error != nil)
    }

    @Test func numbersAndTruthValuesStayApart() throws {
        guard case .array(let items) = try #require(TolerantJSON.parse("[1, true, 0, false]").value) else {
            Issue.record("not a list")
            return
        }
        guard case .number(1) = items[0], case .bool(true) = items[1], case .number(0) = items[2], case .bool(false) = items[3] else {
            Issue.record("types mixed up: \(items)")
            return
        }
    }
}
