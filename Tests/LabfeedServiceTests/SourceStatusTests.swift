// A source's condition in `labfeed sources`: robots-blocked only when robots.txt forbids it,
// failing for any other error, robots.txt's own fetch included (found by HostileRunTests: a
// refused connection to robots.txt was shown as robots-blocked).

import Foundation
import LabfeedCore
import LabfeedProgramme
import LabfeedService
import Testing

struct SourceStatusTests {
    let source = SourceConfig(id: "lab", url: .web(URL(string: "http://127.0.0.1:8080/feed.xml")!))

    func condition(after error: String) -> SourceStatus.Condition {
        let state = SourceState(sourceID: "lab", lastAttempt: Date(), lastError: error, failingSince: Date(), consecutiveFailures: 1)
        return SourceStatus(source: source, state: state, events: 3, settings: Settings(), schedule: SourceSchedule()).condition
    }

    @Test func robotsTxtForbiddingTheSourceIsRobotsBlocked() {
        #expect(condition(after: "lab: http://127.0.0.1:8080/feed.xml: http://127.0.0.1:8080/robots.txt disallows this path to labfeed; turn robots off for this source only if it is your own site") == .robotsBlocked)
        #expect(condition(after: "lab: http://127.0.0.1:8080/feed.xml: http://127.0.0.1:8080/robots.txt answered 503; until it can be read, RFC 9309 says to assume every path is disallowed") == .robotsBlocked)
    }

    @Test func aFailureWhileFetchingRobotsTxtIsAPlainFailure() {
        #expect(condition(after: "lab: http://127.0.0.1:8080/robots.txt: could not connect to 127.0.0.1 (Couldn't connect to server) (after 2 attempts)") == .failing)
        #expect(condition(after: "lab: http://127.0.0.1:8080/robots.txt: no complete answer within 8 s") == .failing)
        #expect(condition(after: "http://127.0.0.1:8080/feed.xml: the document is empty") == .failing)
    }
}
