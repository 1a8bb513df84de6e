// windows-1252 documents without a byte in 0x80-0x9F are handed to libxml2 as ISO-8859-1 (its
// built-in converter) instead of windows-1252 (iconv): the trees must be the same as iconv's on
// every byte value, in HTML and XML, with and without C1 bytes, and the C1 test must agree with
// a plain byte search.

@testable import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct Latin1ConverterTests {
    /// Everything a reader can see of a parse: the tree as markup, its text, the diagnostics,
    /// the decision and the encoding libxml2 reports.
    private func view(_ bytes: [UInt8], _ syntax: MarkupSyntax, charset: String? = nil, builtin: Bool) throws -> [String] {
        let doc = try MarkupDocument.parse(bytes, syntax: syntax, url: "https://lab.example.fr/p", charset: charset, builtinLatin1: builtin)
        return [doc.root?.outerMarkup ?? "-", doc.root?.text ?? "-", "\(doc.charset)", doc.declaredEncoding ?? "-",
                "\(doc.diagnosticCount)"] + doc.diagnostics.map { "\($0)" }
    }

    /// The built-in path gives what iconv's windows-1252 gives.
    private func expectSame(_ bytes: [UInt8], _ syntax: MarkupSyntax, charset: String? = nil, _ label: String) throws {
        let builtin = try view(bytes, syntax, charset: charset, builtin: true)
        let iconv = try view(bytes, syntax, charset: charset, builtin: false)
        #expect(builtin.count == iconv.count, "\(label)")
        for (a, b) in zip(builtin, iconv) { #expect(a == b, "\(label)") }
    }

    private static let nonC1 = (0...255).map(UInt8.init).filter { $0 < 0x80 || $0 > 0x9F }

    @Test func theC1TestAgreesWithAByteSearchAtEveryPosition() {
        for length in 0...20 {
            for position in 0..<max(length, 1) {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: 0x41, count: length)
                    if length > 0 { bytes[position] = UInt8(value) }
                    #expect(Charset.hasC1Byte(bytes) == bytes.contains { $0 >= 0x80 && $0 <= 0x9F })
                }
            }
        }
        // Past the 32-byte steps: every position of lengths up to 80, the bytes at both ends of
        // the C1 range and around it.
        for length in 21...80 {
            for position in 0..<length {
                for value: UInt8 in [0x7F, 0x80, 0x9F, 0xA0, 0xE9, 0x00, 0xFF] {
                    var bytes = [UInt8](repeating: 0xE9, count: length)
                    bytes[position] = value
                    #expect(Charset.hasC1Byte(bytes) == bytes.contains { $0 >= 0x80 && $0 <= 0x9F }, "\(length) \(position) \(value)")
                }
            }
        }
        var generator = Xorshift64(seed: 0xC1C1_0BAD_5EED_0001)
        for round in 0..<6_000 {
            let count = Int.random(in: 0...(round < 3_000 ? 40 : 300), using: &generator)
            let bytes = (0..<count).map { _ in
                if round >= 3_000 {
                    // Longer texts of non-C1 bytes with a C1 byte now and then (the answer varies).
                    return generator.next(300) == 0 ? UInt8(0x80 + generator.next(32)) : generator.element(of: Self.nonC1)
                }
                return Bool.random(using: &generator) ? UInt8.random(in: 0x20...0x7E, using: &generator) : UInt8.random(in: 0...255, using: &generator)
            }
            #expect(Charset.hasC1Byte(bytes) == bytes.contains { $0 >= 0x80 && $0 <= 0x9F }, "\(bytes)")
        }
    }

    @Test func onlyWindows1252WithoutC1BytesTakesTheBuiltinConverter() {
        let latin = Charset.Decision(encoding: "windows-1252", source: "declared")
        #expect(Charset.libxml2Encoding(for: latin, bytes: Array("caf\u{E9}".unicodeScalars.map { UInt8($0.value) })) == "ISO-8859-1")
        #expect(Charset.libxml2Encoding(for: latin, bytes: [0x6C, 0x92, 0x61]) == "windows-1252")
        #expect(Charset.libxml2Encoding(for: latin, bytes: [0x61], builtinLatin1: false) == "windows-1252")
        for other in ["UTF-8", "ISO-8859-15", "SHIFT_JIS"] {
            #expect(Charset.libxml2Encoding(for: Charset.Decision(encoding: other, source: "declared"), bytes: [0x61]) == other)
        }
        #expect(Charset.libxml2Encoding(for: Charset.Decision(encoding: nil, source: "bom"), bytes: [0x61]) == nil)
    }

    @Test func everyByteValueOutsideC1ReadsAsIconvReadsIt() throws {
        // Each byte alone in a paragraph, in an attribute, and all of them in one text.
        for byte in Self.nonC1 {
            let page = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p title=\"a".utf8) + [byte]
                + Array("b\">x".utf8) + [byte] + Array("y</p></body></html>".utf8)
            try expectSame(page, .html, "HTML byte \(byte)")
            let feed = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title t=\"a".utf8) + [byte]
                + Array("b\">x".utf8) + [byte] + Array("y</title></rss>".utf8)
            try expectSame(feed, .xml, "XML byte \(byte)")
        }
        let all = Self.nonC1.filter { $0 != 0x3C && $0 != 0x26 && $0 != 0 }
        try expectSame(Array("<html><body><p>".utf8) + all + Array("</p></body></html>".utf8), .html, charset: "latin1", "HTML, all bytes")
        try expectSame(Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><r>".utf8) + all.filter { $0 >= 0x20 } + Array("</r>".utf8),
                       .xml, "XML, all bytes")
    }

    @Test func pagesWithAndWithoutC1BytesReadTheSameEitherWay() throws {
        let french = "Journée de l\u{2019}innovation à Limoges \u{2026} œuvre, 5 \u{20AC}"
        let plain = "Journée de l'innovation à Limoges ... Noël, 5 EUR, « guillemets », ÿ"
        for text in [french, plain] {
            let html = cp1252("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>\(text)</title></head><body><p class=\"é\">\(text)</p></body></html>")
            try expectSame(html, .html, text)
            try expectSame(html, .html, charset: "ISO-8859-1", text)
            try expectSame(cp1252("<p>\(text)</p>"), .html, "\(text), undeclared")
            try expectSame(cp1252("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><item>\(text)</item></rss>"), .xml, text)
            // Declared UTF-8 but not: read again as windows-1252.
            try expectSame(cp1252("<html><head><meta charset=\"utf-8\"></head><body><p>\(text)</p></body></html>"), .html, "\(text), false UTF-8")
            let doc = try MarkupDocument.html(cp1252("<html><head><meta charset=\"iso-8859-1\"></head><body><p>\(text)</p></body></html>"))
            #expect(try doc.select("//p").first?.text == text)
            #expect(doc.charset.encoding == "windows-1252")
        }
    }

    @Test func longRandomLatin1PagesReadTheSameEitherWay() throws {
        var generator = Xorshift64(seed: 0x1A71_0001_CAFE_F00D)
        let pieces = ["<p>", "</p>", "<div class=\"x\">", "</div>", "<a href=\"/é\">", "</a>", "&amp;", "&eacute;", " ", "\n"]
        for round in 0..<12 {
            var bytes = Array("<html><head><meta charset=\"latin1\"></head><body>".utf8)
            let target = round < 4 ? 70_000 : 3_000
            while bytes.count < target {
                if Int.random(in: 0..<8, using: &generator) == 0 {
                    bytes += Array(pieces.randomElement(using: &generator)!.utf8)
                } else {
                    var byte = Self.nonC1.randomElement(using: &generator)!
                    if byte == 0x3C || byte == 0x26 || byte == 0 { byte = 0xE9 }
                    bytes.append(byte)
                }
            }
            bytes += Array("</body></html>".utf8)
            try expectSame(bytes, .html, "random page \(round)")
        }
    }
}
