// Compression: libcurl advertises and decodes gzip, deflate, br and zstd.

import Foundation
import LabfeedFetch
import LabfeedTestSupport
import Testing

struct CompressionTests {
    @Test(arguments: [("gzip", "feed.xml.gz"), ("br", "feed.xml.br"), ("deflate", "feed.xml.deflate"), ("zstd", "feed.xml.zst")])
    func aCompressedBodyIsDecoded(encoding: String, file: String) async throws {
        let plain = try fixture("feed.xml")
        let compressed = try fixture(file)
        try await withServer({ request in
            let accepted = request.header("Accept-Encoding") ?? ""
            guard accepted.contains(encoding) else { return .text("encoding not offered: \(accepted)", status: 406) }
            return ServerResponse(status: 200, headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", encoding)],
                                  body: .bytes(compressed))
        }) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/feed.xml")))
            #expect(response.body == plain)
            #expect(response.headers["Content-Encoding"] == encoding)
            // What crossed the wire is the compressed body (plus headers), not the decoded one.
            #expect(response.bytesOnWire < plain.count)
        }
    }

    @Test func everySupportedEncodingIsOffered() async throws {
        try await withServer({ _ in .text("ok") }) { server, fetcher in
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/")))
            let offered = server.requests.first?.header("Accept-Encoding") ?? ""
            for encoding in ["gzip", "deflate", "br", "zstd"] {
                #expect(offered.contains(encoding), "Accept-Encoding: \(offered)")
            }
        }
    }
}
