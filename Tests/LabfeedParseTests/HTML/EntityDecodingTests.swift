// The byte reading of HTML character references in JSON-LD strings against the scalar reading it
// replaced (HTMLText.decodeEntitiesByScalars): every HTML 4 entity name, numeric edge cases and
// random text must decode to the same string.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct EntityDecodingTests {
    /// HTML 4's 253 entity names (libxml2's table).
    static let html4Names: [String] = [
        "AElig", "Aacute", "Acirc", "Agrave", "Alpha", "Aring", "Atilde", "Auml", "Beta", "Ccedil", "Chi",
        "Dagger", "Delta", "ETH", "Eacute", "Ecirc", "Egrave", "Epsilon", "Eta", "Euml", "Gamma", "Iacute",
        "Icirc", "Igrave", "Iota", "Iuml", "Kappa", "Lambda", "Mu", "Ntilde", "Nu", "OElig", "Oacute",
        "Ocirc", "Ograve", "Omega", "Omicron", "Oslash", "Otilde", "Ouml", "Phi", "Pi", "Prime", "Psi",
        "Rho", "Scaron", "Sigma", "THORN", "Tau", "Theta", "Uacute", "Ucirc", "Ugrave", "Upsilon", "Uuml",
        "Xi", "Yacute", "Yuml", "Zeta", "aacute", "acirc", "acute", "aelig", "agrave", "alefsym", "alpha",
        "amp", "and", "ang", "aring", "asymp", "atilde", "auml", "bdquo", "beta", "brvbar", "bull", "cap",
        "ccedil", "cedil", "cent", "chi", "circ", "clubs", "cong", "copy", "crarr", "cup", "curren", "dArr",
        "dagger", "darr", "deg", "delta", "diams", "divide", "eacute", "ecirc", "egrave", "empty", "emsp",
        "ensp", "epsilon", "equiv", "eta", "eth", "euml", "euro", "exist", "fnof", "forall", "frac12",
        "frac14", "frac34", "frasl", "gamma", "ge", "gt", "hArr", "harr", "hearts", "hellip", "iacute",
        "icirc", "iexcl", "igrave", "image", "infin", "int", "iota", "iquest", "isin", "iuml", "kappa",
        "lArr", "lambda", "lang", "laquo", "larr", "lceil", "ldquo", "le", "lfloor", "lowast", "loz", "lrm",
        "lsaquo", "lsquo", "lt", "macr", "mdash", "micro", "middot", "minus", "mu", "nabla", "nbsp", "ndash",
        "ne", "ni", "not", "notin", "nsub", "ntilde", "nu", "oacute", "ocirc", "oelig", "ograve", "oline",
        "omega", "omicron", "oplus", "or", "ordf", "ordm", "oslash", "otilde", "otimes", "ouml", "para",
        "part", "permil", "perp", "phi", "pi", "piv", "plusmn", "pound", "prime", "prod", "prop", "psi",
        "quot", "rArr", "radic", "rang", "raquo", "rarr", "rceil", "rdquo", "real", "reg", "rfloor", "rho",
        "rlm", "rsaquo", "rsquo", "sbquo", "scaron", "sdot", "sect", "shy", "sigma", "sigmaf", "sim",
        "spades", "sub", "sube", "sum", "sup", "sup1", "sup2", "sup3", "supe", "szlig", "tau", "there4",
        "theta", "thetasym", "thinsp", "thorn", "tilde", "times", "trade", "uArr", "uacute", "uarr", "ucirc",
        "ugrave", "uml", "upsih", "upsilon", "uuml", "weierp", "xi", "yacute", "yen", "yuml", "zeta", "zwj",
        "zwnj", "apos",
    ]

    @Test func everyNamedEntityDecodesAsTheScalarReaderDoes() {
        var decoded = 0
        for name in Self.html4Names {
            for text in ["&\(name);", "a&\(name);b", "é&\(name);&\(name);", "&\(name)", "&\(name.uppercased());",
                         "&\(name)x;", "&&\(name);;"] {
                #expect(HTMLText.decodeEntities(text) == HTMLText.decodeEntitiesByScalars(text), "\(text)")
            }
            if HTMLText.decodeEntities("&\(name);") != "&\(name);" { decoded += 1 }
        }
        #expect(decoded == Self.html4Names.count)
    }

    @Test(arguments: [
        "&#0;", "&#;", "&#x;", "&#X41;", "&#x41;", "&#65;", "&#0065;", "&#+65;", "&#-0;", "&#-65;", "&#x+41;",
        "&#128;", "&#129;", "&#146;", "&#159;", "&#160;", "&#xD800;", "&#xDFFF;", "&#x10FFFF;", "&#x110000;",
        "&#4294967295;", "&#4294967296;", "&#99999999999999999999999999;", "&#xFFFFFFFF;", "&#x100000000;",
        "&#x1F600;", "&#128512;", "&#xzz;", "&#12a;", "&# 65;", "&#65 ;", "&é;", "&eacuté;", "&€;",
        "&" + String(repeating: "a", count: 31) + ";", "&" + String(repeating: "a", count: 32) + ";",
        "&" + String(repeating: "a", count: 33) + ";", "&#" + String(repeating: "0", count: 31) + "65;",
        "&#" + String(repeating: "0", count: 30) + "65;", "&", "&;", "x&", ";&;&amp", "&amp&amp;", "😀&lt;😀",
        "&nbsp;&nbsp", "&NBSP;", "&Amp;", "",
    ])
    func edgeCasesDecodeAsTheScalarReaderDoes(_ text: String) {
        #expect(HTMLText.decodeEntities(text) == HTMLText.decodeEntitiesByScalars(text))
    }

    @Test func randomTextDecodesAsTheScalarReaderDoes() {
        let pieces = ["&", "#", "x", "X", ";", "0", "1", "9", "a", "F", "amp", "eacute", "nbsp", "rsquo", "lt",
                      "é", "€", "😀", " ", "+", "-", "&#", "&#x", "146", "8217", "2019", "\u{0}"]
        var rng = Xorshift64(seed: 0x5EED_E717)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...24, using: &rng) { text += pieces.randomElement(using: &rng)! }
            #expect(HTMLText.decodeEntities(text) == HTMLText.decodeEntitiesByScalars(text), "\(text.debugDescription)")
        }
    }
}
