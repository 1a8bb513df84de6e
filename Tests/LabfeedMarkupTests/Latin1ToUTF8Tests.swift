// An ISO-8859-1 page read in place is turned into UTF-8 by `Charset.latin1ToUTF8` (eight bytes
// at a time) before libxml2 reads it: the bytes must be those of each byte's scalar in UTF-8
// (what libxml2's `isolat1ToUTF8` writes), at every length, alignment and byte value, and a
// page read so must parse as libxml2's own converter reads it (`inPlace: false`).

@testable import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct Latin1ToUTF8Tests {
    @Test func everyByteValueAtEveryPositionConvertsAsItsScalar() {
        for length in 0...20 {
            for position in 0..<max(length, 1) {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: 0x41, count: length)
                    if length > 0 { bytes[position] = UInt8(value) }
                    #expect(Charset.latin1ToUTF8(bytes) == Charset.latin1ToUTF8ByScalars(bytes), "\(length) \(position) \(value)")
                }
            }
        }
    }

    @Test func randomBytesConvertAsTheirScalars() {
        var random = Xorshift64(seed: 0x1A71_0000_0000_0029)
        for round in 0..<4_000 {
            let count = round < 50 ? random.next(5_000) : random.next(64)
            // Mostly ASCII with some high bytes, runs of high bytes, or any byte.
            let mode = random.next(3)
            let bytes: [UInt8] = (0..<count).map { _ in
                switch mode {
                case 0: return random.next(12) == 0 ? UInt8(0x80 + random.next(0x80)) : UInt8(random.next(0x80))
                case 1: return UInt8(0xA0 + random.next(0x60))
                default: return UInt8(truncatingIfNeeded: random.next())
                }
            }
            let converted = Charset.latin1ToUTF8(bytes)
            #expect(converted == Charset.latin1ToUTF8ByScalars(bytes), "\(bytes)")
            #expect(Array(String(decoding: converted, as: UTF8.self).utf8) == converted)
        }
    }

    /// Latin-1 pages (no byte in 0x80-0x9F, so handed over as ISO-8859-1) with every other byte
    /// value, read in place (converted here) and by `htmlCtxtReadMemory` (libxml2's converter).
    @Test func latin1PagesReadAsLibxml2sConverterReadsThem() throws {
        var random = Xorshift64(seed: 0x1A71_0000_0000_2929)
        let pieces = ["<p>", "</p>", "<div class=\"été\">", "</div>", "<a href=\"/lab-rhône\">", "</a>", "&amp;", "&eacute;",
                      "<br>", "<!-- é -->", "<meta charset=\"iso-8859-1\">", " ", "\n", "Journée", "<unknowntag>", "<td>"]
        let nonC1 = (0...255).map(UInt8.init).filter { $0 < 0x80 || $0 > 0x9F }
        for round in 0..<40 {
            var bytes: [UInt8] = round % 2 == 0 ? Array("<html><head><meta charset=\"iso-8859-1\"></head><body>".utf8) : []
            let target = round < 4 ? 40_000 : random.next(3_000) + 4
            while bytes.count < target {
                switch random.next(8) {
                case 0: bytes.append(random.element(of: nonC1))
                case 1, 2: bytes += random.element(of: pieces).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
                default: bytes.append(UInt8(0x20 + random.next(0x5F)))
                }
            }
            let charset = random.element(of: [nil, "iso-8859-1", "windows-1252"])
            let decision = Charset.decide(bytes, http: charset, html: true)
            guard Charset.libxml2Encoding(for: decision, bytes: bytes) == Charset.latin1 else { continue }
            let inPlace = try view(bytes, charset: charset, inPlace: true)
            let copied = try view(bytes, charset: charset, inPlace: false)
            #expect(inPlace == copied, "page \(round)")
        }
    }

    private func view(_ bytes: [UInt8], charset: String?, inPlace: Bool) throws -> [String] {
        let doc = try MarkupDocument.parse(bytes, syntax: .html, url: "https://lab.example.fr/p", charset: charset,
                                           builtinLatin1: true, inPlace: inPlace)
        return [doc.root?.outerMarkup ?? "-", doc.root?.text ?? "-", "\(doc.charset)", doc.declaredEncoding ?? "-",
                doc.url ?? "-", "\(doc.diagnosticCount)"] + doc.diagnostics.map { "\($0)" }
    }
}
