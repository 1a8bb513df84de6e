// The HTML and Atom writers built as bytes (MarkupBytes) against the String building they
// replaced: the same text for the fixed programme events and for random ones (escapes,
// controls, U+FFFE, non-ASCII, http(s) links, several titles and sources, long descriptions).

import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct MarkupBytesTests {
    /// Random programme events whose URLs are sometimes http(s), so that the links are written.
    static func randomProgrammeEvents(count: Int) -> [ProgrammeEvent] {
        var random = Xorshift64(seed: 0x4D61_726B)
        let seen = UTCTimestamp.date("2022-10-01T08:00:00Z")!
        let texts = ["a", "É", "🎉", "\"", "&", "<", ">", "'", "\u{FFFE}", "\u{FFFF}", "\u{1}", "\t", "\n", "l'été", "", " "]
        return (0..<count).map { n in
            var event = EventJSONReaderTests.randomEvent(&random)
            func text() -> String { (0..<random.next(5)).map { _ in texts[random.next(texts.count)] }.joined() }
            func url() -> String? { [nil, "https://lab.example/" + text(), "HTTP://x.example/?a=1&b=2", "javascript:" + text()][random.next(4)] }
            func date() -> Date { seen.addingTimeInterval(Double(random.next(400 * 86_400))) }
            event.url = url()
            event.onlineURL = url()
            if random.next(2) == 0 { event.organizer = Organizer(name: random.next(3) == 0 ? nil : text(), url: url()) }
            if random.next(2) == 0 { event.registration = Registration(url: url()) }
            if random.next(4) == 0 { event.description = String(repeating: "é<x>'\u{301}", count: 60 + random.next(100)) }
            if random.next(3) == 0 { event.title = text() }
            let refs = (0..<random.next(4)).map { _ in
                EventSourceRef(source: ["lab-a", "lab-b", text()][random.next(3)], url: [nil, "https://a.example/e", url()][random.next(3)],
                               foundBy: .rss, itemID: nil, key: text(), firstSeen: date(), lastSeen: date())
            }
            var titles: [String: String] = [:]
            for _ in 0..<random.next(3) { titles[text()] = random.next(2) == 0 ? event.title : text() }
            return ProgrammeEvent(id: "ev-\(n)" + text(), event: event, titles: titles, sources: refs,
                                  region: random.next(2) == 0 ? nil : text(), firstSeen: date(), lastSeen: date(),
                                  updated: date(), past: random.next(2) == 0, contentHash: text())
        }
    }

    static var events: [ProgrammeEvent] { EventJSONTests.programmeEvents() + randomProgrammeEvents(count: 400) }

    @Test func anArticleIsTheTextTheStringBuildingWrote() {
        let options = RenderOptions()
        for item in Self.events {
            #expect(HTMLWriter.article(item, options: options) == Self.referenceArticle(item, options: options))
        }
    }

    @Test func theAtomFeedIsTheTextTheStringBuildingWrote() {
        let options = RenderOptions(publicURL: "https://labs.example/programme")
        let programme = Programme(updatedAt: UTCTimestamp.date("2024-03-01T08:00:00Z"), sources: [], events: Self.events)
        #expect(AtomWriter.render(programme, options: options) == Self.referenceAtom(programme, options: options))
    }

    @Test func escapedBytesAreTheEscapedString() {
        let texts = ["", "plain", "l'été & <b>\"x\"</b>", "\u{FFFE}\u{FFFF}\u{FFFD}\u{1}\r\t\n", "a\u{0}b", "🎉&"]
        for text in texts {
            var bytes = MarkupBytes()
            bytes.raw("<")
            bytes.escaped(text)
            #expect(bytes.string == "<" + MarkupEscaping.escape(text))
        }
    }

    // MARK: The String building the bytes replaced (HTMLWriter.article, AtomWriter's entries)

    static func referenceArticle(_ item: ProgrammeEvent, options: RenderOptions) -> String {
        let esc = MarkupEscaping.escape
        let e = item.event
        let organizer = e.organizer?.name
        var text = [e.title, e.description ?? "", FrenchDates.place(e.location) ?? "", organizer ?? "", item.region ?? ""]
        text += item.titles.values.sorted() + e.keywords
        var classes = ["event"]
        if item.past { classes.append("past") }
        if e.status == .cancelled { classes.append("cancelled") }
        var out = "<article class=\"\(classes.joined(separator: " "))\" id=\"\(esc(item.id))\""
        out += " data-region=\"\(esc(item.region.map(TextFolding.fold) ?? ""))\""
        out += " data-organizer=\"\(esc(organizer.map(TextFolding.fold) ?? ""))\""
        out += " data-text=\"\(esc(TextFolding.fold(text.joined(separator: " "))))\">\n"
        let title = esc(e.title)
        if let href = MarkupEscaping.safeHref(e.url) {
            out += "<h3><a href=\"\(esc(href))\">\(title)</a></h3>\n"
        } else {
            out += "<h3>\(title)</h3>\n"
        }
        for (lang, other) in item.titles.sorted(by: { $0.key < $1.key }) where other != e.title {
            out += "<p class=\"alt-title\" lang=\"\(esc(lang))\">\(esc(other))</p>\n"
        }
        let start = FrenchDates.local(e.start, zone: options.zone)
        out += "<p class=\"when\"><time datetime=\"\(esc(start.iso))\">\(esc(FrenchDates.when(e, zone: options.zone)))</time></p>\n"
        var badges: [String] = []
        if e.attendanceMode == .online || e.status == .movedOnline { badges.append("<span class=\"badge online\">En ligne</span>") }
        if e.attendanceMode == .mixed { badges.append("<span class=\"badge online\">Sur place et en ligne</span>") }
        if let status = FrenchDates.status(e.status) { badges.append("<span class=\"badge status\">\(esc(status))</span>") }
        if item.past { badges.append("<span class=\"badge pastb\">Passé</span>") }
        if !badges.isEmpty { out += "<p class=\"badges\">\(badges.joined(separator: " "))</p>\n" }
        out += "<dl>\n"
        if let place = FrenchDates.place(e.location) { out += "<dt>Lieu</dt><dd>\(esc(place))</dd>\n" }
        if let region = item.region { out += "<dt>Région</dt><dd>\(esc(region))</dd>\n" }
        if let organizer {
            if let href = MarkupEscaping.safeHref(e.organizer?.url) {
                out += "<dt>Organisateur</dt><dd><a href=\"\(esc(href))\">\(esc(organizer))</a></dd>\n"
            } else {
                out += "<dt>Organisateur</dt><dd>\(esc(organizer))</dd>\n"
            }
        }
        if let href = MarkupEscaping.safeHref(e.onlineURL) { out += "<dt>En ligne</dt><dd><a href=\"\(esc(href))\">\(esc(href))</a></dd>\n" }
        if let href = MarkupEscaping.safeHref(e.registration?.url) { out += "<dt>Inscription</dt><dd><a href=\"\(esc(href))\">s’inscrire</a></dd>\n" }
        var listed: Set<String> = []
        let sources = item.sources.compactMap { ref -> String? in
            guard listed.insert("\(ref.source) \(ref.url ?? "")").inserted else { return nil }
            if let href = MarkupEscaping.safeHref(ref.url) { return "<a href=\"\(esc(href))\">\(esc(ref.source))</a>" }
            return esc(ref.source)
        }
        out += "<dt>Sources</dt><dd>\(sources.joined(separator: ", "))</dd>\n</dl>\n"
        if let description = e.description {
            let short = description.count > 400 ? String(description.prefix(400)) + "…" : description
            out += "<p class=\"desc\">\(esc(short))</p>\n"
        }
        out += "</article>\n"
        return out
    }

    static func referenceAtom(_ programme: Programme, options: RenderOptions) -> String {
        let esc = MarkupEscaping.escape
        let updated = programme.updatedAt ?? programme.events.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
              <id>\(esc(options.feedID))</id>
              <title>\(esc(options.title))</title>
              <updated>\(UTCTimestamp.string(updated))</updated>
              <author><name>labfeed</name></author>
              <generator version="\(LabfeedVersion.current)">labfeed</generator>

            """
        if let base = MarkupEscaping.safeHref(options.publicURL) {
            let dir = base.hasSuffix("/") ? base : base + "/"
            out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(dir + OutputFormat.atom.fileName))\"/>\n"
            out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(esc(dir))\"/>\n"
        }
        let events = programme.events.sorted { $0.firstSeen != $1.firstSeen ? $0.firstSeen > $1.firstSeen : $0.id < $1.id }
        for item in events {
            let e = item.event
            var summary = FrenchDates.when(e, zone: options.zone)
            if let place = FrenchDates.place(e.location) { summary += "\n" + place }
            if let organizer = e.organizer?.name { summary += "\nOrganisateur : " + organizer }
            if e.attendanceMode == .online { summary += "\nEn ligne" }
            if let status = FrenchDates.status(e.status) { summary += "\n" + status }
            if let description = e.description { summary += "\n\n" + description }
            out += "  <entry>\n"
            out += "    <id>\(esc(options.feedID)):\(esc(item.id))</id>\n"
            out += "    <title>\(esc(e.title))</title>\n"
            out += "    <updated>\(UTCTimestamp.string(item.updated))</updated>\n"
            out += "    <published>\(UTCTimestamp.string(item.firstSeen))</published>\n"
            if let url = MarkupEscaping.safeHref(e.url) { out += "    <link rel=\"alternate\" href=\"\(esc(url))\"/>\n" }
            for keyword in e.keywords { out += "    <category term=\"\(esc(keyword))\"/>\n" }
            out += "    <summary type=\"text\">\(esc(summary))</summary>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }
}
