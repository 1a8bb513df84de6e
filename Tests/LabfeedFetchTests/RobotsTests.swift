// robots.txt: fetched once per host, Disallow/Allow by longest match for labfeed's token,
// Crawl-delay as a per-host pause, and a per-source opt-out.

import Foundation
import LabfeedTestSupport
import Testing
@testable import LabfeedFetch

struct RobotsTests {
    static var obeying: FetchOptions {
        var o = FetchOptions.test
        o.obeyRobots = true
        return o
    }

    static let robots = """
        # Everyone else may go anywhere.
        User-agent: *
        Disallow:

        User-agent: LabFeed
        Disallow: /private
        Allow: /private/agenda
        Disallow: /*.pdf$
        """

    @Test func disallowedPathsAreNeverRequestedAndRobotsIsReadOnce() async throws {
        try await withServer(options: Self.obeying, { request in
            request.path == "/robots.txt" ? .text(Self.robots) : .text("page \(request.path)")
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/private/notes"))))
            #expect(error.kind == .robotsDisallowed)
            #expect(error.message.contains("robots.txt"))
            #expect(server.requests(to: "/private/notes").isEmpty)

            let allowed = try await fetcher.fetch(FetchRequest(url: server.url("/private/agenda/2026")))
            #expect(String(decoding: allowed.body, as: UTF8.self) == "page /private/agenda/2026")
            let pdf = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/doc/programme.pdf"))))
            #expect(pdf.kind == .robotsDisallowed)
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/doc/programme.pdf?page=2")))
            #expect(server.requests(to: "/robots.txt").count == 1)
        }
    }

    @Test func aSourceMayTurnRobotsOff() async throws {
        try await withServer(options: Self.obeying, { request in
            request.path == "/robots.txt" ? .text("User-agent: *\nDisallow: /") : .text("mine")
        }) { server, fetcher in
            var request = FetchRequest(url: server.url("/events"))
            request.obeyRobots = false
            let response = try await fetcher.fetch(request)
            #expect(response.status == 200)
            #expect(server.requests(to: "/robots.txt").isEmpty)
        }
    }

    @Test func crawlDelaySpacesRequestsToTheHost() async throws {
        try await withServer(options: Self.obeying, { request in
            request.path == "/robots.txt" ? .text("User-agent: *\nCrawl-delay: 0.5\n") : .text("ok")
        }) { server, fetcher in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<3 {
                    group.addTask { _ = try await fetcher.fetch(FetchRequest(url: server.url("/page/\(i)"))) }
                }
                try await group.waitForAll()
            }
            let pages = server.requests.filter { $0.path.hasPrefix("/page/") }.map(\.received).sorted()
            try #require(pages.count == 3)
            #expect(pages[1] - pages[0] >= .milliseconds(450), "gap \(pages[1] - pages[0])")
            #expect(pages[2] - pages[1] >= .milliseconds(450), "gap \(pages[2] - pages[1])")
        }
    }

    @Test func aMissingRobotsAllowsEverything() async throws {
        try await withServer(options: Self.obeying, { request in
            request.path == "/robots.txt" ? .text("none", status: 404) : .text("ok")
        }) { server, fetcher in
            let response = try await fetcher.fetch(FetchRequest(url: server.url("/anything")))
            #expect(response.status == 200)
        }
    }

    @Test func aRobotsServerErrorDisallowsEverything() async throws {
        var options = Self.obeying
        options.attempts = 1
        try await withServer(options: options, { request in
            request.path == "/robots.txt" ? .text("oops", status: 500) : .text("ok")
        }) { server, fetcher in
            let error = try #require(await fetchError(fetcher, FetchRequest(url: server.url("/anything"))))
            #expect(error.kind == .robotsDisallowed)
            #expect(error.message.contains("500"))
            #expect(server.requests(to: "/anything").isEmpty)
        }
    }

    // MARK: - The parser and matcher (RFC 9309)

    @Test func theLongestMatchWinsAndAllowWinsATie() {
        let r = RobotsTxt(parsing: Array("User-agent: *\nDisallow: /a\nAllow: /a/b\nDisallow: /a/b/c\nAllow: /x\nDisallow: /x\n".utf8),
                          productToken: "labfeed")
        #expect(!r.allows("/a"))
        #expect(r.allows("/a/b"))
        #expect(!r.allows("/a/b/c/d"))
        #expect(r.allows("/x/y"))
        #expect(r.allows("/other"))
        #expect(r.allows("/robots.txt"))
    }

    @Test func wildcardsAndEndAnchorsMatch() {
        let r = RobotsTxt(parsing: Array("User-agent: *\nDisallow: /*/draft\nDisallow: /*.ics$\n".utf8), productToken: "labfeed")
        #expect(!r.allows("/2026/draft/1"))
        #expect(!r.allows("/agenda.ics"))
        #expect(r.allows("/agenda.ics?v=2"))
        #expect(r.allows("/draft"))
    }

    @Test func labfeedsOwnGroupReplacesTheStarGroupAndGroupsMerge() {
        let text = """
            User-agent: *
            Disallow: /

            User-agent: otherbot
            User-agent: labfeed/2.0
            Disallow: /admin
            Crawl-delay: 3

            User-agent: LABFEED
            Disallow: /tmp
            """
        let r = RobotsTxt(parsing: Array(text.utf8), productToken: "labfeed")
        #expect(r.allows("/agenda"))
        #expect(!r.allows("/admin/x"))
        #expect(!r.allows("/tmp/y"))
        #expect(r.crawlDelay == 3)
    }

    @Test func percentEncodingIsNormalisedOnBothSides() {
        let r = RobotsTxt(parsing: Array("User-agent: *\nDisallow: /événements\nDisallow: /a%2fb\nDisallow: /~staff\n".utf8), productToken: "labfeed")
        #expect(!r.allows("/%C3%A9v%C3%A9nements/1"))
        #expect(!r.allows("/a%2Fb"))
        #expect(r.allows("/a/b"))
        #expect(!r.allows("/%7estaff/x"))
    }
}
