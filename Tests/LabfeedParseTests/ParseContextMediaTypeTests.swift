// ParseContext.mediaType, made once when the content type is set: the same value as reading
// the header each time, whether the type is given at init or changed afterwards.

import Foundation
import Testing
@testable import LabfeedParse

struct ParseContextMediaTypeTests {
    @Test func theMediaTypeFollowsTheContentTypeWhenSetAndChanged() {
        let headers: [String?] = [nil, "", ";", "text/HTML; charset=UTF-8", "  Application/RSS+xml  ;charset=\"x\"",
                                  "text/ calendar", "application/json", " ; charset=utf-8"]
        let expected: [String?] = [nil, nil, nil, "text/html", "application/rss+xml", "text/ calendar", "application/json", nil]
        var changed = ParseContext(now: .distantPast, contentType: "text/plain")
        for (header, type) in zip(headers, expected) {
            #expect(ParseContext(now: .distantPast, contentType: header).mediaType == type, "\(String(describing: header))")
            changed.contentType = header
            #expect(changed.mediaType == type, "\(String(describing: header))")
        }
    }
}
