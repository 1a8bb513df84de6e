// Well-formed RSS feeds of events (the RSS event module) for the hostile suite, and the bodies
// of the hostile documents built from them (truncated, invalid UTF-8, NUL bytes, XXE, ...).

import Foundation

/// One event item of a test feed.
struct FeedItem: Sendable, Hashable {
    var guid: String
    var title: String
    /// `YYYY-MM-DD` (all day) or an ISO 8601 time with offset.
    var start: String
    /// The town: items of different towns are never merged as duplicates.
    var town: String
}

/// Builds the feeds the servers answer with.
enum Feeds {
    /// RSS 2.0 with one `ev:startdate` per item.
    static func rss(_ items: [FeedItem], title: String = "Agenda", encoding: String = "utf-8") -> String {
        var text = """
            <?xml version="1.0" encoding="\(encoding)"?>
            <rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/">
            <channel><title>\(title)</title><link>http://lab.example/</link>

            """
        for item in items {
            text += """
                <item><title>\(item.title)</title><link>http://lab.example/\(item.guid)</link>\
                <guid isPermaLink="false">\(item.guid)</guid><ev:startdate>\(item.start)</ev:startdate>\
                <ev:location>\(item.town)</ev:location></item>

                """
        }
        return text + "</channel></rss>\n"
    }

    /// `count` distinct events whose titles and guids start with `prefix`, from September 2030.
    /// Each prefix needs its own `slot`: every item of every slot starts at its own instant, at
    /// least three hours from any other, so no two are ever merged as duplicates.
    static func items(_ prefix: String, slot: Int, count: Int, offset: Int = 0) -> [FeedItem] {
        (0..<count).map { i in
            let n = i + offset
            let hours = (slot * 20 + n) * 3
            let start = Date(timeIntervalSince1970: 1_914_451_200 + Double(hours) * 3600)  // 2030-09-01T00:00Z
            let text = ISO8601DateFormatter().string(from: start).replacingOccurrences(of: "Z", with: "+00:00")
            return FeedItem(guid: "\(prefix)-\(n)", title: "Atelier \(prefix) numéro \(n)", start: text, town: "Ville-\(prefix)")
        }
    }

    // MARK: - Hostile documents

    /// The feed cut in the middle of an item.
    static func truncated(_ items: [FeedItem]) -> [UInt8] {
        let whole = Array(rss(items).utf8)
        return Array(whole[..<(whole.count * 2 / 3)])
    }

    /// Declares UTF-8 but holds bytes that are not (0xFF, a lone continuation byte, an
    /// overlong form, a cut sequence) inside the titles.
    static func invalidUTF8(_ items: [FeedItem]) -> [UInt8] {
        var bytes: [UInt8] = []
        for part in rss(items).split(separator: "numéro", omittingEmptySubsequences: false).enumerated() {
            if part.offset > 0 { bytes += [0xFF, 0x80, 0xC0, 0xAF, 0xE2, 0x82] + Array(" n°".utf8) }
            bytes += Array(part.element.utf8)
        }
        return bytes
    }

    /// NUL bytes in titles, between elements and at the end.
    static func nulBytes(_ items: [FeedItem]) -> [UInt8] {
        var bytes: [UInt8] = []
        for part in rss(items).split(separator: "</title>", omittingEmptySubsequences: false).enumerated() {
            if part.offset > 0 { bytes += [0, 0] + Array("</title>".utf8) + [0] }
            bytes += Array(part.element.utf8)
        }
        return bytes + [0, 0, 0]
    }

    /// An external entity naming /etc/passwd (and a network URL that must not be fetched).
    static func xxe(_ items: [FeedItem]) -> String {
        let feed = rss(items)
        let body = feed.drop { $0 != "\n" }
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE rss [
              <!ENTITY passwd SYSTEM "file:///etc/passwd">
              <!ENTITY remote SYSTEM "http://127.0.0.1:9/xxe">
              <!ENTITY % param SYSTEM "file:///etc/shadow">
              %param;
            ]>
            """ + body.replacingOccurrences(of: "<title>Atelier", with: "<title>&passwd;&remote; Atelier")
    }

    /// "Billion laughs": ten levels of ten references, 10^9 "lol"s if expanded.
    static func billionLaughs(_ items: [FeedItem]) -> String {
        var dtd = "<!DOCTYPE rss [\n  <!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            let refs = String(repeating: "&lol\(level - 1);", count: 10)
            dtd += "  <!ENTITY lol\(level) \"\(refs)\">\n"
        }
        dtd += "]>\n"
        let feed = rss(items)
        let body = feed.drop { $0 != "\n" }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + dtd
            + body.replacingOccurrences(of: "<title>Atelier", with: "<title>&lol9; Atelier")
    }

    /// An HTML page (a CMS error page) where a feed was expected.
    static let htmlPage = """
        <!DOCTYPE html><html lang="fr"><head><title>Erreur</title></head>
        <body><h1>Service indisponible</h1><p>Le site est en maintenance. Revenez le 8 novembre 2030.</p></body></html>
        """

    /// A JSON error object answered with 200 where a feed was expected.
    static let jsonError = #"{"error": {"code": 500, "message": "Internal error", "trace": null}}"#
}
