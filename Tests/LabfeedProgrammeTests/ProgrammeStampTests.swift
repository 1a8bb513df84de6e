import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

/// The programme stamp: kept by each store, cleared by anything that changes the events, and
/// the lifecycle instant that bounds it.
struct ProgrammeStampTests {
    typealias S = Samples
    let t1 = Samples.instant("2022-10-01T08:00:00Z")
    let atelier = Samples.event("Atelier design", start: Samples.at("2022-11-15", 9), locality: "Pau", sourceID: "a1")

    func stamp(_ inputs: String = "abc") -> ProgrammeStamp {
        ProgrammeStamp(inputs: inputs, builtAt: t1, validUntil: t1.addingTimeInterval(3600), events: 3,
                       files: [OutputFileStamp(name: "programme.json", size: 12, seconds: 1_700_000_000, nanoseconds: 5)])
    }

    @Test(arguments: StoreKind.allCases) func aStampIsReadBackAsSaved(kind: StoreKind) async throws {
        let (store, directory) = try kind.make()
        defer { withExtendedLifetime(directory) {} }
        #expect(try await store.programmeStamp() == nil)
        try await store.saveProgrammeStamp(stamp())
        #expect(try await store.programmeStamp() == stamp())
        var forever = stamp("def")
        forever.validUntil = .distantFuture
        try await store.saveProgrammeStamp(forever)
        #expect(try await store.programmeStamp() == forever)
    }

    @Test(arguments: StoreKind.allCases) func newEventsAForgottenSourceOrANewProgrammeClearTheStamp(kind: StoreKind) async throws {
        let (store, directory) = try kind.make()
        defer { withExtendedLifetime(directory) {} }
        try await store.saveProgrammeStamp(stamp())
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [atelier], at: t1)
        #expect(try await store.programmeStamp() == nil)

        try await store.saveProgrammeStamp(stamp())
        try await store.forgetSource("lab")
        #expect(try await store.programmeStamp() == nil)

        try await store.saveProgrammeStamp(stamp())
        try await store.saveProgramme(SavedProgramme())
        #expect(try await store.programmeStamp() == nil)
    }

    @Test(arguments: StoreKind.allCases) func answersThatBringNoEventsKeepTheStamp(kind: StoreKind) async throws {
        let (store, directory) = try kind.make()
        defer { withExtendedLifetime(directory) {} }
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [atelier], at: t1)
        try await store.saveProgrammeStamp(stamp())
        try await store.recordAttempt("lab", at: t1)
        try await store.recordNotModified("lab", at: t1)
        try await store.recordFailure("lab", error: "HTTP 503", retryAfter: nil, at: t1)
        #expect(try await store.programmeStamp() == stamp())
    }

    @Test func anUnreadableStampIsIgnored() {
        #expect(ProgrammeStamp.read("{\"inputs\": 3}") == nil)
        #expect(ProgrammeStamp.read(stamp().json()) == stamp())
    }

    @Test func theNextLifecycleChangeIsTheFirstEndOrExpiry() {
        let now = S.instant("2022-11-15T07:00:00Z")  // 08:00 in Paris
        func item(_ event: Event, past: Bool = false) -> ProgrammeEvent {
            ProgrammeEvent(id: event.title, event: event, sources: [], firstSeen: now, lastSeen: now, updated: now, past: past)
        }
        let morning = item(S.event("Matin", start: S.at("2022-11-15", 9), end: S.at("2022-11-15", 12)))
        let allDay = item(S.event("Journée", start: S.allDay("2022-11-15")))
        let over = item(S.event("Hier", start: S.allDay("2022-11-14")), past: true)
        let keep = KeepPast.duration(.seconds(12 * 3600))
        // 12:00 in Paris is 11:00 UTC.
        #expect(Lifecycle.nextChange(of: [morning, allDay], now: now, keepPast: .forever, zone: S.paris) == S.instant("2022-11-15T11:00:00Z"))
        // The all-day event ends at midnight in Paris (23:00 UTC).
        #expect(Lifecycle.nextChange(of: [allDay], now: now, keepPast: .forever, zone: S.paris) == S.instant("2022-11-15T23:00:00Z"))
        // Yesterday's event ended at midnight in Paris (23:00 UTC) and leaves twelve hours later.
        #expect(Lifecycle.nextChange(of: [over, allDay], now: now, keepPast: keep, zone: S.paris) == S.instant("2022-11-15T11:00:00Z"))
        #expect(Lifecycle.nextChange(of: [over], now: now, keepPast: .forever, zone: S.paris) == .distantFuture)
        #expect(Lifecycle.nextChange(of: [], now: now, keepPast: keep, zone: S.paris) == .distantFuture)
    }
}
