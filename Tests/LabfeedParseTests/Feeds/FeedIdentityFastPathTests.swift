// FeedIdentity.assign's fast path (every guid present and distinct) against the rules it
// skips, on pseudo-random feeds.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

/// `FeedIdentity.assign` takes the guids at once when all are present and distinct: on feeds
/// with and without repeats, missing guids, shared links and identical items, it must give the
/// ids and warnings the rules give step by step.
struct FeedIdentityFastPathTests {
    @Test func assignEqualsTheRulesOnPseudoRandomFeeds() {
        var random = Xorshift64(seed: 0x2545_F491_4F6C_DD1D)
        var fast = 0
        for round in 0..<600 {
            let count = random.next(12)
            // Small pools make repeats likely; a large one makes distinct guids likely.
            let pool = round % 3 == 0 ? 1_000_000 : 6
            var candidates: [FeedIdentity.Candidate] = []
            for i in 0..<count {
                candidates.append(FeedIdentity.Candidate(
                    guid: random.next(10) == 0 ? nil : "g\(random.next(pool))",
                    link: random.next(4) == 0 ? nil : "https://lab.example/\(random.next(pool))",
                    title: "t\(random.next(3))", date: random.next(2) == 0 ? nil : "2026-11-0\(random.next(9) + 1)",
                    place: "item \(i + 1)"))
            }
            var warningsFast: [String] = ["before"], warningsRules: [String] = ["before"]
            let ids = FeedIdentity.assign(candidates, warnings: &warningsFast)
            #expect(ids == FeedIdentity.assignByRules(candidates, warnings: &warningsRules))
            #expect(warningsFast == warningsRules)
            #expect(Set(ids).count == ids.count)
            if FeedIdentity.distinctGuids(candidates) != nil { fast += 1 }
        }
        #expect(fast > 100)  // the fast path was taken, and not always
        #expect(fast < 600)
    }
}
