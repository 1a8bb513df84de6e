// The store's writes of a cold sync on a sync's real state (`DedupBenchmark store FEEDS.YML [RUNS]
// [keep PATH]`): reads the sources, their events and the programme a sync stored (`settings:
// state:` of FEEDS.YML), then RUNS times (default 3) writes them into a new SQLite store as a
// cold sync does: each source's attempt then its success (at most 32 sources in flight, so that
// the writes share transactions as a sync's do), then the programme, then closes the store
// (its last checkpoint). Prints wall and CPU time of the two phases and of the close.
// With `keep PATH` the last run's store is left at PATH (two binaries' stores compared with
// `sqlite3 PATH .dump`). RUNS 0 only reads the state (the baseline of a callgrind count).

import Foundation
import LabfeedCore
import LabfeedProgramme

/// Writes the state that a sync of `configPath` left into new stores, as a cold sync writes it.
func runStoreBenchmark(configPath: String, runs: Int, keepPath: String?) async throws {
    let config = try ConfigLoader.load(path: configPath)
    let source = try SQLiteStore(path: config.settings.statePath())
    let bySource = try await source.eventsBySource()
    let states = try await source.allSourceStates()
    let programme = try await source.savedProgramme()
    try source.closeDatabase()
    let ids = states.keys.sorted()
    let work: [(id: String, state: SourceState, events: [Event])] = ids.map { id in
        (id, states[id]!, (bySource[id] ?? []).map(\.event))
    }
    let now = Date(timeIntervalSince1970: 1_906_502_400)  // 2030-06-01, as sync.sh's --now
    print("sources: \(ids.count), items: \(work.reduce(0) { $0 + $1.events.count }), programme events: \(programme.events.count)")
    let inFlight = 32
    for run in 0..<runs {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-bench-\(getpid())-\(run)").path
        try? FileManager.default.removeItem(atPath: directory)
        let path = run == runs - 1 ? keepPath ?? "\(directory)/state.sqlite" : "\(directory)/state.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try SQLiteStore(path: path)
        var marks: [(String, Double, ContinuousClock.Instant)] = [("start", cpuSeconds(), .now)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                let item = work[next]
                next += 1
                group.addTask {
                    try await store.recordAttempt(item.id, at: now)
                    _ = try await store.recordSuccessReturningItems(item.id, validators: item.state.validators,
                                                                    bodyHash: item.state.bodyHash, events: item.events, at: now)
                }
            }
            while next < min(inFlight, work.count) { add() }
            while try await group.next() != nil {
                if next < work.count { add() }
            }
        }
        marks.append(("sources", cpuSeconds(), .now))
        try await store.saveProgramme(programme)
        marks.append(("programme", cpuSeconds(), .now))
        try store.closeDatabase()
        marks.append(("close", cpuSeconds(), .now))
        var line = "run \(run + 1):"
        for k in 1..<marks.count {
            let wall = marks[k].2 - marks[k - 1].2
            let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
            line += String(format: " %@ wall %.3f s CPU %.3f s;", marks[k].0, seconds, marks[k].1 - marks[k - 1].1)
        }
        print(line)
        if keepPath == nil || run < runs - 1 { try? FileManager.default.removeItem(atPath: directory) }
    }
}
