// Equal keys in one mapping, which Yams refuses before labfeed's reader runs: the problem names
// the key and points at the line that repeats it (with the first occurrence in the message), the
// same on every load.

@testable import LabfeedCore
import Testing

struct ConfigDuplicateKeyTests {
    @Test func aRepeatedURLIsReportedWhereItIsRepeated() throws {
        let found = configProblems("""
            settings:
              output: Output
            sources:
              - id: a
                url: https://a.example/
                name: A
                url: https://b.example/
            """)
        try #require(found.count == 1)
        #expect(found[0].position.line == 7 && found[0].position.column == 5)
        #expect(found[0].message == "duplicate key `url` (first used at feeds.yml:5:5)")
        #expect(found[0].snippet == "      url: https://b.example/\n      ^")
        #expect(found[0].description.hasPrefix("feeds.yml:7:5: duplicate key `url`"))
    }

    @Test func theMappingsOwnLevelIsSearchedNotTheNestedOnes() throws {
        // `name` inside `location` and comments, blank lines and a block scalar in between are
        // not the source's `name`.
        let found = configProblems("""
            sources:
              - id: a
                name: A
                location:
                  name: Hall
                  city: Bordeaux
                description: |
                  name: not a key

                # name: a comment
                url: https://a.example/
                name: B
            """)
        try #require(found.count == 1)
        #expect(found[0].position.line == 12 && found[0].position.column == 5)
        #expect(found[0].message.contains("first used at feeds.yml:3:5"))
    }

    @Test func aSequenceItemsFirstKeyAndQuotedKeys() throws {
        let first = configProblems("sources:\n  - id: a\n    url: https://a.example/\n    id: b\n")
        try #require(first.count == 1)
        #expect(first[0].position.line == 4 && first[0].position.column == 5)
        #expect(first[0].message == "duplicate key `id` (first used at feeds.yml:2:5)")

        let quoted = configProblems("sources:\n  - id: a\n    \"url\": https://a.example/\n    'url' : https://b.example/\n")
        try #require(quoted.count == 1)
        #expect(quoted[0].position.line == 4 && quoted[0].position.column == 5)

        let crlf = configProblems("settings:\r\n  output: A\r\n  output: B\r\nsources:\r\n  - id: a\r\n    url: https://a.example/\r\n")
        try #require(crlf.count == 1)
        #expect(crlf[0].position.line == 3 && crlf[0].position.column == 3)
        #expect(crlf[0].snippet == "    output: B\n    ^")
    }

    @Test func aFileSavedWithWindowsLineEndsHasItsSnippets() throws {
        let found = configProblems("sources:\r\n  - id: a\r\n    url: https://a.example/\r\n    intervall: 2h\r\n")
        try #require(found.count == 1)
        #expect(found[0].position.line == 4 && found[0].position.column == 5)
        #expect(found[0].snippet == "      intervall: 2h\n      ^")
    }

    @Test func aTopLevelKeyRepeatedAfterOtherSections() throws {
        let found = configProblems("""
            sources:
              - id: a
                url: https://a.example/
            settings:
              output: Output
            sources:
              - id: b
                url: https://b.example/
            """)
        try #require(found.count == 1)
        #expect(found[0].position.line == 6 && found[0].position.column == 1)
        #expect(found[0].message == "duplicate key `sources` (first used at feeds.yml:1:1)")
    }

    @Test func severalRepeatedKeysAreAllNamed() throws {
        let found = configProblems("sources:\n  - id: a\n    url: x\n    url: y\n    id: b\n")
        try #require(found.count == 1)
        // Yams names the keys sorted; the first is located.
        #expect(found[0].position.line == 5)
        #expect(found[0].message == "duplicate key `id` (first used at feeds.yml:2:5); this mapping also repeats `url`")
    }

    @Test func flowMappingsPointAtTheFirstOccurrence() throws {
        let found = configProblems("sources:\n  - {id: a, url: 'https://a.example/', url: x}\n")
        try #require(found.count == 1)
        #expect(found[0].position.line == 2 && found[0].position.column == 13)
        #expect(found[0].message == "duplicate key: this mapping has `url` more than once")
    }

    @Test func theSameProblemOnEveryLoad() {
        let yaml = "sources:\n  - id: a\n    url: x\n    name: n\n    url: y\n    name: m\n  - id: b\n    url: z\n"
        let first = configProblems(yaml)
        #expect(first.count == 1)
        for _ in 0..<50 {
            #expect(configProblems(yaml) == first)
        }
    }

    @Test func keysAreRecognisedOnlyWithTheirColon() {
        func starts(_ key: String, _ text: String) -> Bool {
            DuplicateKeyScan.startsWithKey(key, Array(text.unicodeScalars)[...])
        }
        #expect(starts("url", "url: x"))
        #expect(starts("url", "url:"))
        #expect(starts("url", "url :\tx"))
        #expect(starts("url", "'url': x"))
        #expect(starts("url", "\"url\":"))
        #expect(!starts("url", "urls: x"))
        #expect(!starts("url", "url:x"))
        #expect(!starts("url", "'url: x"))
        #expect(!starts("url", "\"url' : x"))
        #expect(!starts("url", "- url: x"))
        #expect(!starts("url", "ur"))
    }

    @Test func aFirstOccurrenceThatIsNotABlockKeyIsNotSearched() {
        let lines: [Substring] = ["a: {url: x}", "url: y"]
        #expect(DuplicateKeyScan.repeated("url", firstAt: 1, column: 5, in: lines) == nil)
        #expect(DuplicateKeyScan.repeated("url", firstAt: 3, column: 1, in: lines) == nil)
        let block: [Substring] = ["- - url: x", "    url: y"]
        #expect(DuplicateKeyScan.repeated("url", firstAt: 1, column: 5, in: block).map { [$0.line, $0.column] } == [2, 5])
        let ended: [Substring] = ["a:", "  url: x", "---", "  url: y"]
        #expect(DuplicateKeyScan.repeated("url", firstAt: 2, column: 3, in: ended) == nil)
    }
}
