import LabfeedMarkup
import Testing

/// Bytes for a string in windows-1252 (the French web's "Latin-1").
func cp1252(_ s: String) -> [UInt8] {
    s.unicodeScalars.map { scalar -> UInt8 in
        switch scalar {
        case "\u{2019}": 0x92
        case "\u{2018}": 0x91
        case "\u{201C}": 0x93
        case "\u{201D}": 0x94
        case "\u{2026}": 0x85
        case "\u{20AC}": 0x80
        case "\u{0153}": 0x9C
        default: UInt8(scalar.value)
        }
    }
}

struct EncodingTests {
    let french = "Journée de l\u{2019}innovation à Limoges \u{2026} œuvre, 5 \u{20AC}"

    @Test func latin1HTMLWithMetaCharsetGivesAccentedTextAndSmartQuotes() throws {
        let bytes = cp1252("<html><head><meta charset=\"ISO-8859-1\"><title>t</title></head><body><p>\(french)</p></body></html>")
        let doc = try MarkupDocument.html(bytes)
        #expect(try doc.select("//p").first?.text == french)
        #expect(doc.charset.source == "declared")
    }

    @Test func latin1HTMLWithHttpEquivMeta() throws {
        let bytes = cp1252("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>\(french)</p></body></html>")
        let doc = try MarkupDocument.html(bytes)
        #expect(try doc.select("//p").first?.text == french)
    }

    @Test func latin1XMLDeclarationIsReadAsWindows1252() throws {
        let bytes = cp1252("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>\(french)</title></rss>")
        let doc = try MarkupDocument.xml(bytes)
        #expect(try doc.select("//title").first?.text == french)
    }

    @Test func httpCharsetWinsOverTheDeclarationWithoutABOM() throws {
        let bytes = cp1252("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><title>\(french)</title></rss>")
        let doc = try MarkupDocument.xml(bytes, charset: "windows-1252")
        #expect(try doc.select("//title").first?.text == french)
        #expect(doc.charset.source == "http")
    }

    @Test func utf16WithBOMIsRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>\(french)</r>".utf16 {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        let doc = try MarkupDocument.xml(bytes)
        #expect(doc.root?.text == french)
        #expect(doc.charset.source == "bom")
    }

    @Test func declaredUTF8ThatIsReallyLatin1IsReadAgainWithAWarning() throws {
        let bytes = cp1252("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><item>\(french)</item><item>deux</item></rss>")
        let doc = try MarkupDocument.xml(bytes)
        #expect(try doc.select("//item").map(\.text) == [french, "deux"])
        #expect(doc.diagnostics.first?.message.contains("windows-1252") == true)
    }

    @Test func htmlWithoutAnyDeclarationIsUTF8WhenValid() throws {
        let doc = try MarkupDocument.html(Array("<p>\(french)</p>".utf8))
        #expect(try doc.select("//p").first?.text == french)
    }

    @Test func charsetLabelsAreNormalised() {
        #expect(Charset.normalise("ISO-8859-1") == "windows-1252")
        #expect(Charset.normalise(" latin1 ") == "windows-1252")
        #expect(Charset.normalise("utf8") == "UTF-8")
        #expect(Charset.normalise("") == nil)
    }

    /// The UTF-8 check is run once for a page found UTF-8 by its content; a page declared (or
    /// told) UTF-8 is still checked, and re-read as windows-1252 when it is not valid.
    @Test func theUTF8CheckIsSkippedOnlyWhereItHasJustPassed() throws {
        let valid = Array("<html><body><p>\(french)</p></body></html>".utf8)
        let undeclared = try MarkupDocument.html(valid)
        #expect(undeclared.charset.source == Charset.utf8ByContent)
        #expect(try undeclared.select("//p").first?.text == french)
        #expect(!undeclared.diagnostics.contains { $0.message.contains("not valid UTF-8") })
        // Undeclared and invalid: never "UTF-8 by content", read as windows-1252 from the start.
        let latin = try MarkupDocument.html(cp1252("<html><body><p>\(french)</p></body></html>"))
        #expect(latin.charset.source == "fallback")
        #expect(try latin.select("//p").first?.text == french)
        // Declared or told UTF-8 but invalid: still caught and re-read.
        for doc in [try MarkupDocument.html(cp1252("<html><head><meta charset=\"utf-8\"></head><body><p>\(french)</p></body></html>")),
                    try MarkupDocument.html(cp1252("<html><body><p>\(french)</p></body></html>"), charset: "utf-8")] {
            #expect(doc.charset.encoding == "windows-1252")
            #expect(doc.diagnostics.contains { $0.message.contains("not valid UTF-8") })
            #expect(try doc.select("//p").first?.text == french)
        }
    }
}
