// Header lookups and the parsed views of Content-Type and Cache-Control.

import LabfeedFetch
import Testing

struct HTTPHeadersTests {
    @Test func lookupsIgnoreCaseAndKeepOrder() {
        let h = HTTPHeaders([HTTPHeader(name: "Set-Cookie", value: "a=1"), HTTPHeader(name: "set-cookie", value: "b=2"),
                             HTTPHeader(name: "ETag", value: "\"x\"")])
        #expect(h["etag"] == "\"x\"")
        #expect(h.values("SET-COOKIE") == ["a=1", "b=2"])
        #expect(h["missing"] == nil)
    }

    @Test func contentTypeGivesMediaTypeAndCharset() {
        let h = HTTPHeaders([HTTPHeader(name: "Content-Type", value: "application/XML ; foo=bar; charset = \"Windows-1252\"")])
        #expect(h.contentType?.mediaType == "application/xml")
        #expect(h.contentType?.charset == "windows-1252")
        #expect(HTTPHeaders([HTTPHeader(name: "Content-Type", value: "text/calendar")]).contentType?.charset == nil)
    }

    @Test func maxAgeIsReadFromCacheControl() {
        #expect(HTTPHeaders([HTTPHeader(name: "Cache-Control", value: "no-transform, MAX-AGE=3600")]).cacheMaxAge == .seconds(3600))
        #expect(HTTPHeaders([HTTPHeader(name: "Cache-Control", value: "no-cache")]).cacheMaxAge == nil)
        #expect(HTTPHeaders([HTTPHeader(name: "Cache-Control", value: "max-age=-5")]).cacheMaxAge == nil)
    }
}
