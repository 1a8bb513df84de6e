// What `labfeed check` says about a file that is not YAML or not UTF-8: libyaml's problem with
// what it was reading and where that began, a word on tabs, and the first byte that is not UTF-8
// located by line and column.

import Foundation
@testable import LabfeedCore
import LabfeedTestSupport
import Testing

struct ConfigYAMLMessageTests {
    @Test func anOpenQuoteNamesWhereTheScalarStarts() throws {
        let found = configProblems("sources:\n  - id: \"a\n    url: x\n")
        try #require(found.count == 1)
        #expect(found[0].message == "invalid YAML: found unexpected end of stream while scanning a quoted scalar that starts at line 2, column 9")
    }

    @Test func aBadIndentNamesTheCollection() throws {
        let found = configProblems("sources:\n  - id: a\n   url: http://x.example/\n")
        try #require(found.count == 1)
        #expect(found[0].position.line == 3 && found[0].position.column == 4)
        #expect(found[0].message.hasSuffix("while parsing a block collection that starts at line 2, column 3"))
    }

    @Test func aColonWithoutItsSpaceIsNamed() throws {
        let found = configProblems("sources:\n  - id: a\n    url:https://a.example/\n")
        try #require(found.count == 1)
        #expect(found[0].message.hasSuffix("while scanning a simple key that starts at line 3, column 5 (a key's colon needs a space after it: `key: value`)"))
        // Not said when the colon has its space.
        let quote = configProblems("sources:\n  - id: \"a\n")
        #expect(quote.allSatisfy { !$0.message.contains("colon") })
    }

    @Test func tabsAreNamed() throws {
        let leading = configProblems("sources:\n\t- id: a\n")
        try #require(leading.count == 1)
        #expect(leading[0].position.line == 2 && leading[0].position.column == 1)
        #expect(leading[0].message.hasSuffix("(a tab: YAML is indented with spaces only)"))
        let inside = configProblems("sources:\n  - id: a\n\turl: x\n")
        try #require(inside.count == 1)
        #expect(inside[0].message.hasSuffix("(a tab: YAML is indented with spaces only)"))
        // Not said where the character is not a tab.
        let quote = configProblems("sources:\n  - id: \"a\n")
        try #require(quote.count == 1)
        #expect(!quote[0].message.contains("tab"))
    }

    @Test func aLatin1FileIsRefusedAtItsFirstAccent() throws {
        let dir = TemporaryDirectory()
        var bytes = Array("settings:\n  output: Output\nsources:\n  - id: cafe\n    name: Caf".utf8)
        bytes += [0xE9]  // é in Latin-1
        bytes += Array(" du lab\n    url: https://a.example/\n".utf8)
        let path = try dir.write("feeds.yml", Data(bytes))
        do {
            _ = try ConfigLoader.load(path: path)
            Issue.record("expected the file to be refused")
        } catch {
            try #require(error.problems.count == 1)
            let problem = error.problems[0]
            #expect(problem.position.line == 5 && problem.position.column == 14)
            #expect(problem.message.hasPrefix("the file is not valid UTF-8: byte 0xE9"))
            #expect(problem.snippet == "      name: Caf\u{FFFD} du lab\n               ^")
        }
    }

    @Test func theFirstInvalidByteIsFound() {
        #expect(InvalidUTF8.first(in: Array("sources:\n  - id: é\n".utf8)) == nil)
        #expect(InvalidUTF8.first(in: []) == nil)
        // Characters of several bytes count one column each; CRLF ends a line.
        let accented = Array("a: ééé".utf8) + [0xFF]
        #expect(InvalidUTF8.first(in: accented).map { [$0.line, $0.column, Int($0.byte)] } == [1, 7, 0xFF])
        let crlf = Array("a: b\r\nc: d\r\ne".utf8) + [0x80] + Array("\r\n".utf8)
        let found = InvalidUTF8.first(in: crlf)
        #expect(found.map { [$0.line, $0.column, Int($0.byte)] } == [3, 2, 0x80])
        #expect(found?.text == "e\u{FFFD}")
        // An overlong encoding, a surrogate, a sequence cut by the end of the file.
        #expect(InvalidUTF8.first(in: [0x61, 0xC0, 0xAF])?.column == 2)
        #expect(InvalidUTF8.first(in: [0x0A, 0xED, 0xA0, 0x80])?.line == 2)
        #expect(InvalidUTF8.first(in: [0x61, 0x62, 0xE2, 0x82])?.column == 3)
        #expect(InvalidUTF8.first(in: [0x61, 0x62, 0xE2, 0x82])?.byte == 0xE2)
    }
}
