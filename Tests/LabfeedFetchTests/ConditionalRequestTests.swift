// Conditional requests: validators sent back verbatim, 304 reported as not modified, and a 200
// with the same body reported unchanged with its new validators.

import Foundation
import LabfeedFetch
import LabfeedTestSupport
import Testing

struct ConditionalRequestTests {
    @Test func etagRoundTripTurnsTheSecondRequestIntoA304() async throws {
        let etag = "W/\"abc-123\""
        try await withServer({ request in
            if request.header("If-None-Match") == etag {
                return ServerResponse(status: 304, headers: [("ETag", etag)])
            }
            return .text("<rss/>", type: "application/rss+xml", headers: [("ETag", etag)])
        }) { server, fetcher in
            let url = server.url("/feed.xml")
            let first = try await fetcher.fetch(FetchRequest(url: url))
            #expect(first.status == 200)
            #expect(first.etag == etag)
            #expect(!first.unchanged)

            let second = try await fetcher.fetch(FetchRequest(url: url, etag: first.etag, previousBodyHash: first.bodyHash))
            #expect(second.status == 304)
            #expect(second.notModified)
            #expect(second.unchanged)
            #expect(second.body.isEmpty)
            #expect(second.etag == etag)
            #expect(second.bodyHash == first.bodyHash)
            #expect(server.requests(to: "/feed.xml").last?.header("If-None-Match") == etag)
        }
    }

    @Test func lastModifiedIsSentBackExactlyAsTheServerSentIt() async throws {
        // Not a valid date on purpose: the engine must not reformat or replace it.
        let stamp = "Tue, 08 Nov 2022 09:30:00 GMT"
        try await withServer({ request in
            if request.header("If-Modified-Since") == stamp {
                return ServerResponse(status: 304)
            }
            return .text("BEGIN:VCALENDAR", type: "text/calendar", headers: [("Last-Modified", stamp)])
        }) { server, fetcher in
            let url = server.url("/agenda.ics")
            let first = try await fetcher.fetch(FetchRequest(url: url))
            #expect(first.lastModified == stamp)
            #expect(server.requests.first?.header("If-Modified-Since") == nil)

            let second = try await fetcher.fetch(FetchRequest(url: url, lastModified: first.lastModified))
            #expect(second.notModified)
            #expect(second.lastModified == stamp)
            #expect(server.requests(to: "/agenda.ics").last?.header("If-Modified-Since") == stamp)
        }
    }

    @Test func aSameBodyUnderARotatedEtagIsUnchangedAndKeepsTheNewEtag() async throws {
        try await withServer({ request in
            .text("same body", headers: [("ETag", "\"v\(request.number)\"")])
        }) { server, fetcher in
            let url = server.url("/page")
            let first = try await fetcher.fetch(FetchRequest(url: url))
            let second = try await fetcher.fetch(FetchRequest(url: url, etag: first.etag, previousBodyHash: first.bodyHash))
            #expect(second.status == 200)
            #expect(!second.notModified)
            #expect(second.unchanged)
            #expect(second.etag == "\"v2\"")
            #expect(second.bodyHash == first.bodyHash)
        }
    }

    @Test func aChangedBodyIsNotUnchanged() async throws {
        try await withServer({ request in
            .text("version \(request.number)")
        }) { server, fetcher in
            let url = server.url("/page")
            let first = try await fetcher.fetch(FetchRequest(url: url))
            let second = try await fetcher.fetch(FetchRequest(url: url, previousBodyHash: first.bodyHash))
            #expect(!second.unchanged)
            #expect(second.bodyHash != first.bodyHash)
            #expect(String(decoding: second.body, as: UTF8.self) == "version 2")
        }
    }

    @Test func contentTypeCharsetAndMaxAgeAreReported() async throws {
        try await withServer({ _ in
            .text("x", type: "Text/HTML; Charset=\"ISO-8859-1\"", headers: [("Cache-Control", "public, max-age=600")])
        }) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/")))
            #expect(response.contentType == "text/html")
            #expect(response.charset == "iso-8859-1")
            #expect(response.cacheMaxAge == .seconds(600))
        }
    }
}
