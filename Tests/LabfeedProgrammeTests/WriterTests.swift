import Foundation
import FoundationXML
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct WriterTests {
    let programme = Samples.programme()
    let scriptTitle = "Webinaire <script>alert(\"x\")</script>, suite"

    @Test func theJSONValidatesAgainstTheSchema() throws {
        let validator = SchemaValidator(root: try JSONValue.parse(ProgrammeSchema.json))
        let json = try JSONValue.parse(ProgrammeJSONWriter.render(programme))
        #expect(validator.validate(json) == [])
        // The validator is real: a wrong status and a missing field are reported.
        var broken = ProgrammeJSONWriter.render(programme).replacingOccurrences(of: "\"status\" : \"cancelled\"", with: "\"status\" : \"maybe\"")
        broken = broken.replacingOccurrences(of: "\"content_hash\" : ", with: "\"content_hush\" : ")
        let errors = validator.validate(try JSONValue.parse(broken))
        #expect(errors.contains { $0.contains("status") })
        #expect(errors.contains { $0.contains("missing content_hash") })
    }

    @Test func theJSONIsStableAndReadsBack() throws {
        let text = ProgrammeJSONWriter.render(programme)
        let shuffled = Programme(updatedAt: programme.updatedAt, sources: programme.sources, events: programme.events.reversed())
        #expect(ProgrammeJSONWriter.render(shuffled) == text)
        let back = try ProgrammeJSONWriter.read(Data(text.utf8))
        #expect(back == programme)
        let json = try JSONValue.parse(text)
        #expect(json["schema_version"] == .number(1))
        #expect(json["updated_at"] == .string("2022-10-20T10:00:00Z"))
    }

    @Test func theJSONWrittenEventByEventEqualsOneEncoderPass() {
        // Events with empty arrays (the blank line inside), nested objects, an empty programme.
        let whole = ProgrammeJSONWriter.wholeDocumentData(programme)
        #expect(ProgrammeJSONWriter.data(programme) == whole)
        #expect(String(decoding: whole, as: UTF8.self).contains("[\n\n      ]"))
        let empty = Programme(updatedAt: nil, sources: [], events: [])
        #expect(ProgrammeJSONWriter.data(empty) == ProgrammeJSONWriter.wholeDocumentData(empty))
        let one = Programme(updatedAt: programme.updatedAt, sources: programme.sources, events: Array(programme.events.prefix(1)))
        #expect(ProgrammeJSONWriter.data(one) == ProgrammeJSONWriter.wholeDocumentData(one))
    }

    @Test func theICSRoundTripsThroughOurReader() throws {
        let text = ICSWriter.render(programme)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        let calendar = try ICSReader.parse(text)
        #expect(calendar.name == "VCALENDAR")
        #expect(calendar.children.first { $0.name == "VTIMEZONE" }?.first("TZID")?.value == "Europe/Paris")
        let events = calendar.children.filter { $0.name == "VEVENT" }
        #expect(events.map { $0.first("UID")?.value } == programme.events.map(\.id))
        #expect(events.map { ICSReader.unescape($0.first("SUMMARY")?.value ?? "") } == programme.events.map(\.event.title))
        let round = events.first { $0.first("UID")?.value == "ev-00000000000000a1" }!
        #expect(round.first("DTSTART") == ICSProperty(name: "DTSTART", parameters: ["TZID": "Europe/Paris"], value: "20221124T140000"))
        #expect(ICSReader.unescape(round.first("DESCRIPTION")!.value).hasPrefix("Une table ronde; avec des invités, et un goûter.\nDeuxième ligne."))
        #expect(round.first("DTSTAMP")?.value == "20221020T100000Z")
        let month = events.first { $0.first("UID")?.value == "ev-00000000000000a2" }!
        #expect(month.first("DTSTART")?.value == "20221102")
        #expect(month.first("DTEND") == ICSProperty(name: "DTEND", parameters: ["VALUE": "DATE"], value: "20221201"))
    }

    @Test func foldingNeverSplitsACharacter() {
        let line = "SUMMARY:" + String(repeating: "é", count: 100)
        let folded = ICSWriter.fold(line)
        for part in folded.components(separatedBy: "\r\n") { #expect(part.utf8.count <= 75) }
        #expect(ICSReader.unfold(folded) == [line])
    }

    @Test func aScriptTitleIsEscapedInHTMLCSVAndICS() throws {
        let html = HTMLWriter.render(programme)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("Webinaire &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, suite"))
        #expect(html.components(separatedBy: "<script").count == 2)  // only the page's own script
        #expect(!html.contains("javascript:"))

        let rows = CSVReader.parse(CSVWriter.render(programme))
        let header = rows[0]
        let row = try #require(rows.first { $0.first == "ev-00000000000000a3" })
        #expect(row.count == header.count)
        #expect(row[header.firstIndex(of: "title")!] == scriptTitle)
        #expect(row[header.firstIndex(of: "organizer")!] == "'=HYPERLINK(\"http://evil\")")

        let ics = try ICSReader.parse(ICSWriter.render(programme))
        let event = try #require(ics.children.first { $0.first("UID")?.value == "ev-00000000000000a3" })
        #expect(event.first("SUMMARY")?.value == "Webinaire <script>alert(\"x\")</script>\\, suite")
        #expect(event.first("URL") == nil)
        #expect(event.first("STATUS")?.value == "CANCELLED")
    }

    @Test func theCSVHasOneRowPerEventWithCRLF() {
        let text = CSVWriter.render(programme)
        #expect(text.hasPrefix("id,start,end,all_day,title,"))
        #expect(text.hasSuffix("\r\n"))
        let rows = CSVReader.parse(text)
        #expect(rows.count == programme.events.count + 1)
        #expect(rows.allSatisfy { $0.count == CSVWriter.columns.count })
    }

    @Test func theAtomFeedIsWellFormedNewestFirst() throws {
        var later = programme
        let index = try #require(later.events.firstIndex { $0.id == "ev-00000000000000a4" })
        later.events[index].firstSeen = Samples.instant("2022-11-01T00:00:00Z")
        let text = AtomWriter.render(later, options: RenderOptions(publicURL: "https://agenda.example/"))
        let parser = XMLParser(data: Data(text.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let ids = text.components(separatedBy: "<id>").dropFirst(2).map { $0.components(separatedBy: "</id>")[0] }
        #expect(ids.first == "urn:labfeed:programme:ev-00000000000000a4")
        #expect(ids.count == 4)
        #expect(text.contains("href=\"https://agenda.example/programme.atom\""))
        #expect(!text.contains("<script>"))
    }

    @Test func thePageGroupsByMonthWithAccessibleFilters() {
        let html = HTMLWriter.render(programme)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(html.components(separatedBy: "<h2 ").count == 2)
        #expect(html.contains(">novembre 2022</h2>"))
        #expect(html.contains("<time datetime=\"2022-11-24T14:00:00+01:00\">jeudi 24 novembre 2022, 14h00 – 17h00</time>"))
        for id in ["f-region", "f-organizer", "f-text"] { #expect(html.contains("<label for=\"\(id)\">")) }
        #expect(html.contains("<option value=\"nouvelle aquitaine\">Nouvelle-Aquitaine</option>"))
        #expect(html.contains("<span class=\"badge online\">En ligne</span>"))
        #expect(html.contains("<span class=\"badge status\">Annulé</span>"))
        #expect(!html.contains("http://") || !html.contains("<link "))
        #expect(!html.contains("src=\""))
    }
}
