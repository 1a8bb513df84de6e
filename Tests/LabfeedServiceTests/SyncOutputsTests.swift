// The outputs render while the store saves the programme and go into place only once the save
// has committed: a failed save leaves the old files beside the old programme and no temporary;
// a rebuild that changes nothing rewrites no file.

import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedProgramme
import LabfeedService
import LabfeedTestSupport
import Testing

/// A memory store whose `saveProgramme` fails while `failSaves` is set, and which keeps no
/// stamp when `noStamps` is set (so that every sync rebuilds and renders).
final class FailingSaveStore: ProgrammeStore, @unchecked Sendable {
    struct SaveFailed: Error {}
    let inner = MemoryStore()
    private let lock = NSLock()
    private var failing = false
    private var saves = 0
    private var seen: [Int] = []
    let noStamps: Bool
    /// The output directory a save watches for the outputs' temporaries.
    let output: String

    init(output: String, noStamps: Bool = false) {
        self.output = output
        self.noStamps = noStamps
    }

    /// How many output temporaries each save saw appear while it ran (the outputs render meanwhile).
    var temporariesSeen: [Int] { lock.withLock { seen } }

    var failSaves: Bool {
        get { lock.withLock { failing } }
        set { lock.withLock { failing = newValue } }
    }
    /// How many saves were attempted.
    var saveCount: Int { lock.withLock { saves } }

    func sourceState(_ sourceID: String) async throws -> SourceState? { await inner.sourceState(sourceID) }
    func allSourceStates() async throws -> [String: SourceState] { await inner.allSourceStates() }
    func recordAttempt(_ sourceID: String, at: Date) async throws { await inner.recordAttempt(sourceID, at: at) }
    func recordSuccess(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event], at: Date) async throws {
        await inner.recordSuccess(sourceID, validators: validators, bodyHash: bodyHash, events: events, at: at)
    }
    func recordNotModified(_ sourceID: String, at: Date) async throws { await inner.recordNotModified(sourceID, at: at) }
    func recordFailure(_ sourceID: String, error: String, retryAfter: Date?, at: Date) async throws {
        await inner.recordFailure(sourceID, error: error, retryAfter: retryAfter, at: at)
    }
    func recordPermanentRedirect(_ sourceID: String, to url: String?) async throws {
        await inner.recordPermanentRedirect(sourceID, to: url)
    }
    func eventsBySource() async throws -> [String: [SourcedEvent]] { await inner.eventsBySource() }
    func forgetSource(_ sourceID: String) async throws { await inner.forgetSource(sourceID) }
    func savedProgramme() async throws -> SavedProgramme { await inner.savedProgramme() }
    func saveProgramme(_ programme: SavedProgramme) async throws {
        let fail = lock.withLock { saves += 1; return failing }
        // Waits (at most 5 s) for the formats to be rendered into their temporaries meanwhile.
        var found = 0
        for _ in 0..<250 {
            found = ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []).filter { $0.contains(".tmp-") }.count
            if found >= 5 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        lock.withLock { seen.append(found) }
        if fail { throw SaveFailed() }
        await inner.saveProgramme(programme)
    }
    func programmeStamp() async throws -> ProgrammeStamp? { noStamps ? nil : try await inner.programmeStamp() }
    func saveProgrammeStamp(_ stamp: ProgrammeStamp) async throws { if !noStamps { try await inner.saveProgrammeStamp(stamp) } }
}

struct SyncOutputsTests {
    let now = Date(timeIntervalSince1970: 1_667_548_800)  // 2022-11-04T08:00:00Z
    let output = TemporaryDirectory()

    func config(_ ids: [String]) -> LabfeedConfig {
        var settings = Settings()
        settings.output = output.path
        settings.keepPast = .forever
        return LabfeedConfig(settings: settings, sources: ids.map { SourceConfig(id: $0, url: .web(URL(string: "https://\($0).example/feed")!)) })
    }

    /// Each file of the output directory: its bytes, modification time and inode.
    func snapshot() throws -> [String: (Data, Date, Int)] {
        var files: [String: (Data, Date, Int)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: output.path) {
            let path = "\(output.path)/\(name)"
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            files[name] = (try Data(contentsOf: URL(fileURLWithPath: path)), attributes[.modificationDate] as! Date,
                           attributes[.systemFileNumber] as! Int)
        }
        return files
    }

    @Test func aFailedSaveLeavesTheOldFilesAndNoTemporary() async throws {
        let store = FailingSaveStore(output: output.path)
        let fetcher = StubFetcher([
            "https://a.example/feed": .body("Atelier A|2022-11-08\nAtelier B|2022-11-09"),
            "https://b.example/feed": .body("Journée C|2022-11-10"),
        ])
        let pipeline = SyncPipeline(config: config(["a", "b"]), store: store, fetcher: fetcher, parse: stubParse)
        let first = try await pipeline.run(.all, now: now)
        #expect(first.eventsTotal == 3)
        let before = try snapshot()
        #expect(before.keys.sorted() == OutputDirectory.fileNames().sorted())
        let savedBefore = try await store.savedProgramme()

        // New events, whose files would all differ; the store fails to save them.
        fetcher.set("https://a.example/feed", .body("Atelier A|2022-11-08\nAtelier B|2022-11-09\nForum E|2022-11-12"))
        store.failSaves = true
        await #expect(throws: FailingSaveStore.SaveFailed.self) { try await pipeline.run(.all, now: now.addingTimeInterval(3600)) }
        #expect(store.saveCount == 2)
        // The five changed formats were rendered while the save ran, then removed when it failed.
        #expect(store.temporariesSeen.count == 2 && store.temporariesSeen[0] >= 5 && store.temporariesSeen[1] == 5, "temporaries seen during the saves: \(store.temporariesSeen)")
        let after = try snapshot()
        #expect(after.keys.sorted() == before.keys.sorted(), "a temporary was left: \(after.keys.sorted())")
        for (name, (bytes, modified, inode)) in before {
            #expect(after[name]?.0 == bytes, "\(name) changed")
            #expect(after[name]?.1 == modified && after[name]?.2 == inode, "\(name) was replaced")
        }
        #expect(try await store.savedProgramme() == savedBefore)

        // Once the store saves again, the new programme and its files land together.
        store.failSaves = false
        let third = try await pipeline.run(.all, now: now.addingTimeInterval(7200))
        #expect(third.eventsTotal == 4)
        #expect(third.outputs.filter { $0.value == .written }.keys.sorted()
                == OutputDirectory.fileNames().filter { $0 != "programme.schema.json" }.sorted())
        let json = try String(contentsOfFile: "\(output.path)/programme.json", encoding: .utf8)
        #expect(json.contains("Forum E"))
        #expect(try snapshot().keys.sorted() == before.keys.sorted())
    }

    @Test func aRebuildThatChangesNothingRewritesNoFile() async throws {
        // No stamp: every sync rebuilds, saves and renders the whole programme again.
        let store = FailingSaveStore(output: output.path, noStamps: true)
        let fetcher = StubFetcher([
            "https://a.example/feed": .body("Atelier A|2022-11-08\nAtelier B|2022-11-09"),
            "https://b.example/feed": .body("Journée C|2022-11-10"),
        ])
        let pipeline = SyncPipeline(config: config(["a", "b"]), store: store, fetcher: fetcher, parse: stubParse)
        let first = try await pipeline.run(.all, now: now)
        #expect(first.outputs.values.allSatisfy { $0 == .written })
        let before = try snapshot()
        let second = try await pipeline.run(.all, now: now.addingTimeInterval(60))
        #expect(store.saveCount == 2)
        #expect(store.temporariesSeen.last == 0)
        #expect(second.outputs.count == OutputDirectory.fileNames().count)
        #expect(second.outputs.values.allSatisfy { $0 == .unchanged })
        let after = try snapshot()
        #expect(after.keys.sorted() == before.keys.sorted())
        for (name, (bytes, modified, inode)) in before {
            #expect(after[name]?.0 == bytes && after[name]?.1 == modified && after[name]?.2 == inode, "\(name) was rewritten")
        }
    }
}
