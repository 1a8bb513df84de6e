// FastJSON, the JSON-LD reader in front of JSONDecoder: whatever it reads, it reads as
// JSONDecoder does (checked against JSONDecoder on each input); whatever it is not sure of, it
// leaves to JSONDecoder (nil), so repairs, lists of concatenated objects and error messages stay
// JSONDecoder's.

import Foundation
@testable import LabfeedParse
import Testing

struct FastJSONTests {
    /// JSONDecoder's tree for `text`, the reference.
    private func reference(_ text: String) -> JSONTree? {
        try? JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))
    }

    @Test(arguments: [
        #"{}"#,
        #"[]"#,
        #"{"@context": "https://schema.org", "@type": "Event", "name": "Atelier", "startDate": "2026-11-20T09:30:00+01:00"}"#,
        #"[{"a": [1, 2.5, -0, 0.000001, 1e3, 1E-3, -12.5e+2, true, false, null, ""]}, {"b": {"c": {"d": []}}}]"#,
        #"{"escapes": "\"q\" \\ \/ \b\f\n\r\t \u00e9\u20AC \ud83d\ude00 end", "raw": "é€😀 l’atelier"}"#,
        " \n\t {\"spaced\" : [ 1 , 2 ] } \r\n ",
        #"{"big": 123456789012345678901234567890, "precise": 0.1, "third": 0.3333333333333333333333, "max": 1.7976931348623157e308}"#,
        #"{"": "empty key", "nested": [[[[["deep"]]]]]}"#,
    ])
    func readsWhatJSONDecoderReadsTheSameWay(_ text: String) throws {
        let expected = try #require(reference(text))
        let fast = try #require(FastJSON.parse(text))
        #expect(fast == expected)
    }

    @Test func surrogatePairsBecomeOneScalar() throws {
        guard case .object(let o) = try #require(FastJSON.parse(#"{"s": "\ud83d\ude00"}"#)), case .string(let s) = o["s"] else {
            Issue.record("no string")
            return
        }
        #expect(s.unicodeScalars.map(\.value) == [0x1F600])
    }

    @Test(arguments: [
        #"{"a": 1,}"#,                     // trailing comma
        #"{"a": 01}"#,                      // leading zero
        #"{"a": .5}"#, #"{"a": 1.}"#, #"{"a": 1e}"#, #"{"a": -}"#,
        #"{"a": +1}"#, #"{"a": NaN}"#, #"{"a": tru}"#, #"{'a': 1}"#,
        #"{"a" 1}"#, #"{"a": 1 "b": 2}"#, #"[1 2]"#, #"{"a": [1, 2}"#,
        #"{"a": "unterminated}"#, "{\"a\": \"raw\ncontrol\"}", #"{"a": "\x"}"#, #"{"a": "\u12"}"#,
        #"{"a": 1}{"b": 2}"#,              // two values: JSONDecoder fails, the caller lists them
        #"{"a": 1} x"#,
    ])
    func leavesInvalidJSONToJSONDecoder(_ text: String) {
        #expect(FastJSON.parse(text) == nil)
    }

    @Test(arguments: [
        #"{"lone": "\ud83d"}"#, #"{"lone": "\ude00 x"}"#, #"{"pair": "\ud83d\u0041"}"#,
        #"{"nul": "a\u0000b"}"#,
        #"{"huge": 1e400}"#, #"{"tiny": 1e-400}"#,
        #"{"twice": 1, "twice": 2}"#,
        #""just a string""#, "42", "true", "null",
    ])
    func leavesWhatItIsNotSureOfToJSONDecoder(_ text: String) {
        #expect(FastJSON.parse(text) == nil)
    }

    @Test func nestingPastTheBoundIsLeftToJSONDecoder() {
        let deep = String(repeating: "[", count: FastJSON.maxDepth + 1) + String(repeating: "]", count: FastJSON.maxDepth + 1)
        #expect(FastJSON.parse(deep) == nil)
        let shallow = String(repeating: "[", count: FastJSON.maxDepth) + String(repeating: "]", count: FastJSON.maxDepth)
        #expect(FastJSON.parse(shallow) != nil)
    }

    @Test func tolerantJSONGivesTheSameTreesAsBefore() throws {
        // Repaired text read by FastJSON, concatenated objects listed, errors still JSONDecoder's.
        let repaired = TolerantJSON.parse(#"{"a": [1, 2, ], /* c */ "b": "x"}"#)
        #expect(repaired.value == reference(#"{"a": [1, 2], "b": "x"}"#))
        #expect(repaired.repairs == ["comments", "trailing commas"])
        let listed = TolerantJSON.parse(#"{"a": 1}{"b": 2}"#)
        #expect(listed.value == reference(#"[{"a": 1}, {"b": 2}]"#))
        #expect(listed.repairs == ["several values one after the other read as a list"])
        let broken = TolerantJSON.parse(#"{"a": [1, 2"#)
        #expect(broken.value == nil)
        #expect(broken.error != nil)
    }
}
