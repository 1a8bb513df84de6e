// URLResolver's schemes read on bytes and its percent-encoding in one pass (pass pageperf16)
// must answer what the code they replaced answered: the former `scheme(of:)` (Unicode scalars,
// then `lowercased()`), `link` and `isWebURL` built on it, and the former `plain` (searching the
// whole URL for `%` and white space, encoding through an array) are kept here as references
// and compared on hand-picked and random texts.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct URLSchemeBytesTests {
    // MARK: the references (the code before pageperf16, unchanged)

    private static func schemeByScalars(_ url: String) -> String? {
        var scheme = ""
        for c in url.unicodeScalars {
            if c == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (!scheme.isEmpty && ((c >= "0" && c <= "9") || c == "+" || c == "-" || c == "."))
            if !ok { return nil }
            scheme.unicodeScalars.append(c)
        }
        return nil
    }

    private static func linkByScalars(_ reference: String?, against base: String?) -> String? {
        guard let reference else { return nil }
        let ref = Whitespace.collapse(reference)
        guard !ref.isEmpty, base != nil || !ref.hasPrefix("#") else { return nil }
        if let scheme = schemeByScalars(ref), scheme == "javascript" || scheme == "data" || scheme == "about" { return nil }
        return URLResolver.resolve(ref, against: base)
    }

    private static func isWebURLByScalars(_ url: String?) -> Bool {
        guard let url, let scheme = schemeByScalars(url) else { return false }
        return scheme == "http" || scheme == "https"
    }

    private static func plainReference(_ url: String) -> String? {
        func isAlphanumeric(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        func isHex(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) }
        func isAllowed(_ c: UInt8) -> Bool {
            if isAlphanumeric(c) { return true }
            switch c {
            case 0x2D, 0x2E, 0x5F, 0x7E, 0x3A, 0x3F, 0x40, 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: return true
            default: return false
            }
        }
        var url = url
        var needsEncoding = false
        var host = 0..<0
        var internationalHost = false
        let ok = url.withUTF8 { u -> Bool in
            var i: Int
            if u.starts(with: "https://".utf8) { i = 8 } else if u.starts(with: "http://".utf8) { i = 7 } else { return false }
            guard i < u.count, isAlphanumeric(u[i]) || u[i] >= 0x80 else { return false }
            let hostStart = i
            while i < u.count, isAlphanumeric(u[i]) || u[i] == 0x2E || u[i] == 0x2D || u[i] >= 0x80 {
                if u[i] >= 0x80 { internationalHost = true }
                i += 1
            }
            host = hostStart..<i
            if i < u.count, u[i] == 0x3A {
                i += 1
                let digits = i
                while i < u.count, u[i] >= 0x30 && u[i] <= 0x39 { i += 1 }
                guard i > digits else { return false }
            }
            guard i == u.count || u[i] == 0x2F || u[i] == 0x3F || u[i] == 0x23 else { return false }
            var fragments = 0
            while i < u.count {
                let c = u[i]
                switch c {
                case 0x25:
                    guard i + 2 < u.count, isHex(u[i + 1]), isHex(u[i + 2]) else { return false }
                    i += 2
                case 0x23:
                    fragments += 1
                    guard fragments == 1 else { return false }
                case 0x2F:
                    if i + 1 < u.count, u[i + 1] == 0x2E { return false }
                case 0x80...:
                    needsEncoding = true
                default:
                    guard isAllowed(c) || c == 0x3F else { return false }
                }
                i += 1
            }
            return true
        }
        guard ok else { return nil }
        guard needsEncoding || internationalHost else { return url }
        guard !url.utf8.contains(0x25), !url.unicodeScalars.contains(where: Whitespace.isSpace) else { return nil }
        let bytes = Array(url.utf8)
        var out: [UInt8] = []
        var rest = bytes[...]
        if internationalHost {
            guard let ascii = URLResolver.asciiHost(String(decoding: bytes[host], as: UTF8.self)) else { return nil }
            out.append(contentsOf: bytes[..<host.lowerBound])
            out.append(contentsOf: ascii.utf8)
            rest = bytes[host.upperBound...]
        }
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in rest {
            if byte < 0x80 { out.append(byte) } else { out += [0x25, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: schemes

    private static let schemeTexts = [
        "", ":", "a:", "A:", "https://x", "HTTPS://x", "HtTp:", "javascript:alert(1)", "JavaScript:void(0)", "JAVASCRIPT:",
        "data:text/plain,x", "DATA:", "about:blank", "About:", "mailto:a@b", "tel:+33", "webcal://x", "a+b-c.d:x", "1a:",
        "+a:", "a1:", "a b:", "é:", "\u{212A}:", "ab\u{0301}:", "/a:b", "#x", "?a:b", "a", "http", "x-y.z+w:", "h\u{0}:"
    ]

    @Test func schemesReadOnBytesAreThoseReadOnScalars() {
        for text in Self.schemeTexts {
            #expect(URLResolver.scheme(of: text) == Self.schemeByScalars(text), "\(text)")
            #expect(URLResolver.isWebURL(text) == Self.isWebURLByScalars(text), "\(text)")
        }
        #expect(URLResolver.scheme(of: "JavaScript:void(0)") == "javascript")
        #expect(URLResolver.scheme(of: "\u{212A}:") == nil)  // KELVIN SIGN is no ASCII letter
    }

    @Test func randomSchemesMatchTheScalarReading() {
        var generator = Xorshift64(seed: 0x5C4E_3E00_0016_0001)  // fixed, so a failure reproduces
        let pieces = ["a", "Z", "h", "T", "p", "s", "S", "java", "Script", "DATA", "data", "about", "ABOUT", "http", "HTTPS",
                      "0", "9", "+", "-", ".", ":", ":", "/", " ", "é", "\u{212A}", "\u{0301}", "#", "?", "\u{A0}", "_",
                      "javascript:", "JavaScript:", "DATA:", "About:", "HTTPS:", "http:", "Https:"]
        var schemes = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...6, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let expected = Self.schemeByScalars(text)
            if expected != nil { schemes += 1 }
            #expect(URLResolver.scheme(of: text) == expected, "\(text)")
            #expect((URLResolver.schemeLength(text) != nil) == (expected != nil), "\(text)")
            #expect(URLResolver.isWebURL(text) == Self.isWebURLByScalars(text), "\(text)")
            for name: StaticString in ["javascript", "data", "about", "http", "https"] {
                let byBytes = URLResolver.schemeLength(text).map { URLResolver.hasScheme(text, $0, name) } ?? false
                #expect(byBytes == (expected == name.description), "\(text) \(name)")
            }
        }
        #expect(schemes > 2_000)
    }

    @Test func linksTestedOnSchemeBytesAreTheFormerLinks() {
        var generator = Xorshift64(seed: 0x5C4E_3E00_0016_0002)
        let pieces = ["javascript:", "JavaScript:", "data:", "DaTa:", "about:", "ABOUT:", "https://", "http://", "mailto:",
                      "x", "lab.example.fr", "/a", "#f", " ", "\u{A0}", "é", "?q=1", "..", "\u{212A}", ":"]
        let bases: [String?] = [nil, "https://lab.example.fr/agenda/"]
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...5, using: &generator) { text += pieces.randomElement(using: &generator)! }
            for base in bases {
                #expect(URLResolver.link(text, against: base) == Self.linkByScalars(text, against: base), "\(text)")
            }
        }
        #expect(URLResolver.link(nil, against: nil) == nil)
        #expect(URLResolver.link(" JavaScript:x ", against: "https://a.b/") == nil)
    }

    // MARK: plain links

    @Test func plainLinksEncodedInOnePassAreTheFormerOnes() {
        let links = [
            "https://x.org/é", "https://x.org/é%41", "https://x.org/%41é", "https://x.org/a\u{A0}b", "https://x.org/a\u{2003}",
            "https://x.org/\u{3000}", "https://x.org/\u{1680}", "https://x.org/\u{85}", "https://x.org/\u{2060}", "https://x.org/\u{C0}",
            "https://pôle.example/a", "https://pôle.example/é", "https://pôle.example:8080/é?q=à#ü", "http://lab-rhône.fr",
            "https://x\u{A0}y.org/", "https://\u{2003}.org/", "https://x.org/𝄞", "https://x.org/?é=ç#ñ", "https://x.org/%C3%A9",
            "https://ñ.es%41/", "https://x.org/é#a#b", "https://x.org/é/./a"
        ]
        for link in links { #expect(URLResolver.plain(link) == Self.plainReference(link), "\(link)") }
        #expect(URLResolver.plain("https://x.org/aé") == "https://x.org/a%C3%A9")
    }

    @Test func pathBytesMaskIsTheAllowedTest() {
        for byte in UInt8.min...UInt8.max {
            #expect(URLResolver.isPlainPathByte(byte) == (URLResolver.isAllowed(byte) || byte == 0x3F), "\(byte)")
        }
        #expect(!URLResolver.isPlainPathByte(0x25) && !URLResolver.isPlainPathByte(0x23) && !URLResolver.isPlainPathByte(0x2F))
    }

    @Test func randomPlainLinksMatchTheFormerEncoding() {
        var generator = Xorshift64(seed: 0x5C4E_3E00_0016_0003)
        let hostPieces = ["lab", "x", "ô", "ñ", "-", ".", "9", "rhône", "\u{A0}", "\u{2003}", "example", "org"]
        let pathPieces = ["a", "/", "?", "#", "=", "&", "%", "%41", "%C3%A9", "é", "à", "ü", "€", "𝄞", "\u{A0}", "\u{85}",
                          "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}",
                          "\u{C2}", "\u{E1}", "\u{E3}", " ", ":8", ".", "./", "~"]
        var encoded = 0
        for _ in 0..<6_000 {
            var link = Bool.random(using: &generator) ? "https://" : "http://"
            for _ in 0..<Int.random(in: 1...3, using: &generator) { link += hostPieces.randomElement(using: &generator)! }
            if Bool.random(using: &generator) { link += ":80" }
            for _ in 0..<Int.random(in: 0...8, using: &generator) { link += pathPieces.randomElement(using: &generator)! }
            let expected = Self.plainReference(link)
            if let expected, expected != link { encoded += 1 }
            #expect(URLResolver.plain(link) == expected, "\(link)")
        }
        #expect(encoded > 300)
    }
}
