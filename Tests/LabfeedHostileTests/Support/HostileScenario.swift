// The hostile behaviours of the issue, each with what labfeed must do about it. A scenario
// says what its server answers once it turns hostile, where the source points, and what the
// sync must report. The server answers the good feed before it turns.

import Foundation
import LabfeedTestSupport
import Testing

/// What a sync against a hostile source must end with.
enum HostileExpectation: Sendable {
    /// The source fails with an error naming it and holding one of these fragments; it keeps
    /// its last good events.
    case fails([String])
    /// The source is read; its events are then `events` (the hostile phase's items).
    case reads(events: [FeedItem])
    /// The source is unchanged: no output file rewritten, the events stand.
    case unchanged
}

/// One hostile server behaviour.
enum HostileScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case connectionRefused, dnsFailure, acceptThenStall, trickle, resetMidBody
    case status500, status502, status503, status429, status429RetryAfter, status503RetryAfterLong
    case redirectLoop, redirectChain20
    case declared2GB, endlessChunked, gzipBomb
    case invalidUTF8, nulBytes, truncatedFeed, xxe, billionLaughs
    case htmlAsFeed, feedAsHTML, empty200, jsonError200, rotatingETag

    var testDescription: String { rawValue }

    /// The items of the good feed, served before the server turns.
    static let goodItems = Feeds.items("hostile", slot: 1, count: 3)
    /// Items served by the scenarios that answer with a readable (if odd) document.
    static let laterItems = Feeds.items("later", slot: 2, count: 2)

    /// Attempts per fetch (`retries:` in feeds.yml).
    var retries: Int {
        self == .status429RetryAfter ? 2 : 1
    }

    /// Where the source points; nil: the scenario's server at `/feed.xml`.
    func sourceURL(server: LoopbackServer, closedPort: Int) -> String {
        switch self {
        case .connectionRefused: "http://127.0.0.1:\(closedPort)/feed.xml"
        case .dnsFailure: "http://feeds.labfeed-hostile.invalid:\(server.port)/feed.xml"
        default: server.baseURL + "/feed.xml"
        }
    }

    var expectation: HostileExpectation {
        switch self {
        case .connectionRefused: .fails(["could not connect to 127.0.0.1"])
        case .dnsFailure: .fails(["the name feeds.labfeed-hostile.invalid could not be resolved (DNS)"])
        case .acceptThenStall, .trickle: .fails(["the server sent less than 100 bytes/s for 2 s", "no complete answer within"])
        case .resetMidBody: .fails(["the transfer from 127.0.0.1 broke off"])
        case .status500: .fails(["the server answered 500 Internal Server Error"])
        case .status502: .fails(["the server answered 502 Bad Gateway"])
        case .status503, .status503RetryAfterLong: .fails(["the server answered 503 Service Unavailable"])
        case .status429, .status429RetryAfter: .fails(["the server answered 429 Too Many Requests"])
        case .redirectLoop: .fails(["redirect loop"])
        case .redirectChain20: .fails(["more than 5 redirects"])
        case .declared2GB, .endlessChunked, .gzipBomb: .fails(["the body is larger than the limit of 10 MiB (max_body)"])
        case .truncatedFeed: .fails(["incomplete: the document ends before its elements are closed"])
        case .htmlAsFeed: .fails(["expected rss, the server sent html"])
        case .jsonError200: .fails(["not a JSON Feed"])
        case .billionLaughs: .fails(["incomplete: parsing stopped", "entity reference loop"])
        case .empty200: .fails(["the document is empty"])
        case .invalidUTF8, .nulBytes, .feedAsHTML, .xxe: .reads(events: Self.laterItems)
        case .rotatingETag: .unchanged
        }
    }

    /// What the server answers once hostile. `request` is the request being answered.
    func hostileResponse(_ request: ServerRequest) -> ServerResponse {
        let later = Self.laterItems
        switch self {
        case .connectionRefused, .dnsFailure:
            return .text("never reached", status: 418)
        case .acceptThenStall:
            return ServerResponse(body: .hang(.seconds(60)))
        case .trickle:
            return ServerResponse(headers: [("Content-Type", "application/rss+xml")],
                                  body: .trickle(Array(Feeds.rss(later).utf8), every: .seconds(1)))
        case .resetMidBody:
            let body = Array(Feeds.rss(later).utf8)
            return ServerResponse(headers: [("Content-Type", "application/rss+xml")],
                                  body: .reset(after: Array(body[..<(body.count / 2)]), declaredLength: body.count))
        case .status500: return .text("<h1>Internal Server Error</h1>", status: 500, type: "text/html")
        case .status502: return .text("<h1>Bad Gateway</h1>", status: 502, type: "text/html")
        case .status503: return .text("down", status: 503)
        case .status429: return .text("slow down", status: 429)
        case .status429RetryAfter: return .text("slow down", status: 429, headers: [("Retry-After", "1")])
        case .status503RetryAfterLong: return .text("maintenance", status: 503, headers: [("Retry-After", "3600")])
        case .redirectLoop:
            return .redirect(request.path == "/feed.xml" ? "/loop-b" : "/feed.xml")
        case .redirectChain20:
            let hop = Int(request.path.dropFirst("/hop/".count)) ?? 0
            return hop >= 20 ? .text(Feeds.rss(later), type: "application/rss+xml") : .redirect("/hop/\(hop + 1)")
        case .declared2GB:
            return ServerResponse(headers: [("Content-Type", "application/rss+xml")],
                                  body: .endless(chunk: [UInt8](repeating: 0x20, count: 64 * 1024), declaredLength: 2 << 30))
        case .endlessChunked:
            let item = Array("<item><title>encore</title></item>\n".utf8)
            let chunk = Array(repeating: item, count: 1000).flatMap { $0 }
            return ServerResponse(headers: [("Content-Type", "application/rss+xml")], body: .endless(chunk: chunk, declaredLength: nil))
        case .gzipBomb:
            return ServerResponse(headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")],
                                  body: .bytes(GzipBomb.body))
        case .invalidUTF8:
            return ServerResponse(headers: [("Content-Type", "application/rss+xml; charset=utf-8")], body: .bytes(Feeds.invalidUTF8(later)))
        case .nulBytes:
            return ServerResponse(headers: [("Content-Type", "application/rss+xml")], body: .bytes(Feeds.nulBytes(later)))
        case .truncatedFeed:
            return ServerResponse(headers: [("Content-Type", "application/rss+xml")], body: .bytes(Feeds.truncated(later)))
        case .xxe: return .text(Feeds.xxe(later), type: "application/rss+xml")
        case .billionLaughs: return .text(Feeds.billionLaughs(later), type: "application/rss+xml")
        case .htmlAsFeed: return .text(Feeds.htmlPage, type: "application/rss+xml")
        case .feedAsHTML: return .text(Feeds.rss(later), type: "text/html; charset=utf-8")
        case .empty200: return .text("", type: "application/rss+xml")
        case .jsonError200: return .text(Feeds.jsonError, type: "application/json")
        case .rotatingETag:
            return .text(Feeds.rss(Self.goodItems), type: "application/rss+xml",
                         headers: [("ETag", "\"rotating-\(UUID().uuidString)\"")])
        }
    }
}

/// A gzip body of 10,240 members, each 1 MiB of zeros compressed to about 1 KiB: about 10 MiB
/// on the wire that inflate to 10 GiB (deflate cannot do better than about 1,030:1 per layer).
enum GzipBomb {
    static let body: [UInt8] = {
        let member = Bundle.module.url(forResource: "zeros-1MiB", withExtension: "gz", subdirectory: "Fixtures")
            .flatMap { try? Data(contentsOf: $0) }.map(Array.init) ?? []
        precondition(!member.isEmpty, "Fixtures/zeros-1MiB.gz is missing")
        var body: [UInt8] = []
        body.reserveCapacity(member.count * 10_240)
        for _ in 0..<10_240 { body += member }
        return body
    }()
}
