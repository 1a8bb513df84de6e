// The programme build on a sync's real state (`DedupBenchmark build FEEDS.YML [RUNS]`): loads the
// events a sync stored (`settings: state:` of FEEDS.YML), then times `ProgrammeBuilder.build`
// RUNS times (default 5) as a cold sync makes it (no previous programme) and as a rebuild
// (the cold build's programme as the previous one). Prints wall and CPU time of each run.
// `DedupBenchmark build FEEDS.YML RUNS cold` times only the cold builds (for profiling them alone).

import Foundation
import LabfeedCore
import LabfeedProgramme

/// Times the build of the programme from the state a sync of `configPath` left.
func runBuildBenchmark(configPath: String, runs: Int, coldOnly: Bool = false) async throws {
    let config = try ConfigLoader.load(path: configPath)
    let store = try SQLiteStore(path: config.settings.statePath())
    let events = try await store.eventsBySource()
    let states = try await store.allSourceStates()
    let builder = ProgrammeBuilder(config: config)
    let now = Date(timeIntervalSince1970: 1_906_502_400)  // 2030-06-01, as sync.sh's --now
    print("sources: \(events.count), items: \(events.values.reduce(0) { $0 + $1.count }), threads: \(ProcessInfo.processInfo.activeProcessorCount)")
    var cold = Programme(updatedAt: nil, sources: [], events: [])
    for (label, previous) in [("cold", false), ("rebuild", true)] where !(coldOnly && previous) {
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<runs {
            let saved = previous ? SavedProgramme(events: cold.events, updatedAt: cold.updatedAt) : SavedProgramme()
            let copy = events
            let cpu0 = cpuSeconds()
            let start = ContinuousClock.now
            let programme = builder.build(events: copy, states: states, previous: saved, now: now)
            let elapsed = ContinuousClock.now - start
            cpus.append(cpuSeconds() - cpu0)
            walls.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            if !previous { cold = programme }
        }
        let sortedWalls = walls.sorted(), sortedCPUs = cpus.sorted()
        print(String(format: "%@ build: %d events; wall min %.3f s, median %.3f s; CPU min %.3f s, median %.3f s",
                     label, cold.events.count, sortedWalls[0], sortedWalls[runs / 2], sortedCPUs[0], sortedCPUs[runs / 2]))
    }
}
