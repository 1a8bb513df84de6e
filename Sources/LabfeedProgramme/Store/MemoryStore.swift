// A ProgrammeStore in memory: for tests, dry runs and `labfeed export` without state.

public import Foundation
public import LabfeedCore

/// Keeps everything in memory, with the same transitions as ``SQLiteStore``.
public actor MemoryStore: ProgrammeStore {
    private var states: [String: SourceState] = [:]
    private var events: [String: [SourcedEvent]] = [:]
    private var programme = SavedProgramme()
    private var stamp: ProgrammeStamp?
    var work: [String: WorkRow] = [:]
    var hosts: [String: HostRow] = [:]
    var mergeLocked = false

    public init() {}

    public func sourceState(_ sourceID: String) -> SourceState? { states[sourceID] }

    public func allSourceStates() -> [String: SourceState] { states }

    public func recordAttempt(_ sourceID: String, at: Date) {
        states[sourceID] = StoreTransitions.attempt(state(sourceID), at: at)
    }

    public func recordSuccess(_ sourceID: String, validators: Validators, bodyHash: String?, events new: [Event], at: Date) {
        _ = recordSuccessReturningItems(sourceID, validators: validators, bodyHash: bodyHash, events: new, at: at)
    }

    /// The items kept are the items returned.
    public func recordSuccessReturningItems(_ sourceID: String, validators: Validators, bodyHash: String?, events new: [Event],
                                            at: Date) -> [SourcedEvent]? {
        let (items, changed) = StoreTransitions.replace(events[sourceID] ?? [], with: new, source: sourceID, at: at)
        events[sourceID] = items
        stamp = nil
        states[sourceID] = StoreTransitions.success(state(sourceID), validators: validators, bodyHash: bodyHash, changed: changed, at: at)
        return items
    }

    public func recordNotModified(_ sourceID: String, at: Date) {
        events[sourceID] = events[sourceID]?.map { var item = $0; item.lastSeen = wholeSeconds(at); return item }
        states[sourceID] = StoreTransitions.notModified(state(sourceID), at: at)
    }

    public func recordFailure(_ sourceID: String, error: String, retryAfter: Date?, at: Date) {
        states[sourceID] = StoreTransitions.failure(state(sourceID), error: error, retryAfter: retryAfter, at: at)
    }

    public func recordNotBefore(_ sourceID: String, until date: Date) {
        states[sourceID] = StoreTransitions.notBefore(state(sourceID), until: date)
    }

    public func recordPermanentRedirect(_ sourceID: String, to url: String?) {
        var s = state(sourceID)
        s.permanentRedirect = url
        states[sourceID] = s
    }

    public func eventsBySource() -> [String: [SourcedEvent]] { events }

    public func eventsBySource(excluding excluded: Set<String>) -> [String: [SourcedEvent]] {
        events.filter { !excluded.contains($0.key) }
    }

    public func forgetSource(_ sourceID: String) {
        states[sourceID] = nil
        events[sourceID] = nil
        work[sourceID] = nil
        stamp = nil
    }

    public func savedProgramme() -> SavedProgramme { programme }

    public func saveProgramme(_ programme: SavedProgramme) {
        self.programme = programme
        stamp = nil
    }

    // The witnesses of the protocol. Note: a call on a `MemoryStore` value (not through
    // `any ProgrammeStore`) resolves to the protocol's defaults, which keep no stamp.
    public func programmeStamp() -> ProgrammeStamp? { stamp }

    public func saveProgrammeStamp(_ stamp: ProgrammeStamp) { self.stamp = stamp }

    private func state(_ id: String) -> SourceState { states[id] ?? SourceState(sourceID: id) }
}
