// The programme build on a sync's real state (`DedupBenchmark build FEEDS.YML [RUNS]`): loads the
// events a sync stored (`settings: state:` of FEEDS.YML), then times `ProgrammeBuilder.build`
// RUNS times (default 5) as a cold sync makes it (no previous programme) and as a rebuild
// (the cold build's programme as the previous one). Prints wall and CPU time of each run.
// `DedupBenchmark build FEEDS.YML RUNS cold` times only the cold builds (for profiling them alone).
// `DedupBenchmark build FEEDS.YML RUNS write PREFIX` also writes the cold and rebuilt programmes
// as JSON to PREFIX-cold.json and PREFIX-rebuild.json (two binaries' builds compared with `cmp`).
// With `TRIM=1` in the environment the builder calls glibc's `malloc_trim` between its stages,
// as a sync does (`ProgrammeBuilder.betweenStages`).

import Foundation
import LabfeedCore
import LabfeedProgramme

/// Times the build of the programme from the state a sync of `configPath` left.
func runBuildBenchmark(configPath: String, runs: Int, coldOnly: Bool = false, writePrefix: String? = nil) async throws {
    let config = try ConfigLoader.load(path: configPath)
    let store = try SQLiteStore(path: config.settings.statePath())
    let items = try await store.eventsBySource().values.reduce(0) { $0 + $1.count }
    let states = try await store.allSourceStates()
    var builder = ProgrammeBuilder(config: config)
    if ProcessInfo.processInfo.environment["TRIM"] == "1" {
        // glibc's malloc_trim, looked up at run time (the Glibc module does not export malloc.h).
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") {
            let trim = unsafeBitCast(symbol, to: Trim.self)
            builder.betweenStages = { _ = trim(0) }
        }
    }
    let now = Date(timeIntervalSince1970: 1_906_502_400)  // 2030-06-01, as sync.sh's --now
    print("sources: \(states.count), items: \(items), threads: \(ProcessInfo.processInfo.activeProcessorCount)")
    var cold = Programme(updatedAt: nil, sources: [], events: [])
    for (label, previous) in [("cold", false), ("rebuild", true)] where !(coldOnly && previous) {
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<runs {
            let saved = previous ? SavedProgramme(events: cold.events, updatedAt: cold.updatedAt) : SavedProgramme()
            // Read again for each run, as a sync's build gets them: items it owns alone, so that
            // moving them costs no copy and freeing them frees their strings (a copy of one
            // dictionary shared by the runs was copied item by item in the build, and its frees
            // only released references).
            let copy = try await store.eventsBySource()
            let cpu0 = cpuSeconds()
            let start = ContinuousClock.now
            let programme = builder.build(events: copy, states: states, previous: saved, now: now)
            let elapsed = ContinuousClock.now - start
            cpus.append(cpuSeconds() - cpu0)
            walls.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            if !previous { cold = programme }
            if let writePrefix {
                struct Dump: Encodable {
                    var updatedAt: Date?
                    var sources: [SourceHealth]
                    var events: [ProgrammeEvent]
                }
                let data = try LabfeedJSON.encoder(pretty: false)
                    .encode(Dump(updatedAt: programme.updatedAt, sources: programme.sources, events: programme.events))
                try data.write(to: URL(fileURLWithPath: "\(writePrefix)-\(label).json"))
            }
        }
        let sortedWalls = walls.sorted(), sortedCPUs = cpus.sorted()
        print(String(format: "%@ build: %d events; wall min %.3f s, median %.3f s; CPU min %.3f s, median %.3f s",
                     label, cold.events.count, sortedWalls[0], sortedWalls[runs / 2], sortedCPUs[0], sortedCPUs[runs / 2]))
    }
}
