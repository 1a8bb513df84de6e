// The writers on a sync's saved programme (`render-benchmark FEEDS.YML [RUNS] [FORMATS] [null]`):
// loads the programme a sync of FEEDS.YML saved (`settings: state:`), then renders each format
// RUNS times (default 5) as a cold sync does (into an `OutputSink`, to a file that does not
// exist yet, in a temporary directory removed at the end) and prints its size, the minimum and
// median wall and CPU time of a render. FORMATS is a comma-separated list (default
// `html,atom,ics,csv`); `null` renders into a sink that only counts the bytes (the writers
// alone, without the file writes); a path there instead keeps the files in that directory (to
// compare them with a sync's). Not a test. For instructions, run it under callgrind with
// RUNS 1 and one format.

import Foundation
import LabfeedCore
import LabfeedProgramme

/// Counts the bytes a writer hands it and keeps none of them.
struct CountingSink: TextSink {
    var count = 0
    mutating func append(_ text: String) { count += text.utf8.count }
    mutating func appendUTF8(_ bytes: [UInt8]) { count += bytes.count }
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

let arguments = CommandLine.arguments
guard arguments.count > 1 else {
    print("usage: render-benchmark FEEDS.YML [RUNS] [FORMATS] [null|DIR]")
    exit(2)
}
let runs = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 5) : 5
let formats = (arguments.count > 3 ? arguments[3] : "html,atom,ics,csv").split(separator: ",").map { name -> OutputFormat in
    guard let format = OutputFormat(rawValue: String(name)) else {
        print("unknown format \(name)")
        exit(2)
    }
    return format
}
let null = arguments.count > 4 && arguments[4] == "null"
let kept = arguments.count > 4 && arguments[4].hasPrefix("/") ? arguments[4] : nil

let config = try ConfigLoader.load(path: arguments[1])
let store = try SQLiteStore(path: config.settings.statePath())
let saved = try await store.savedProgramme()
let programme = Programme(updatedAt: saved.updatedAt, sources: [], events: saved.events)
let options = RenderOptions(zone: config.settings.timeZone)
let directory = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("render-benchmark-\(getpid())").path
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { if kept == nil { try? FileManager.default.removeItem(atPath: directory) } }
print("events: \(programme.events.count), runs: \(runs), sink: \(null ? "counting" : "file")")

let writer = AtomicFileWriter()
for format in formats {
    var walls: [Double] = [], cpus: [Double] = []
    var size = 0
    for _ in 0..<runs {
        let path = "\(directory)/\(format.fileName)"
        try? FileManager.default.removeItem(atPath: path)
        let cpu0 = cpuSeconds()
        let start = ContinuousClock.now
        if null {
            var sink = CountingSink()
            format.render(programme, options: options, into: &sink)
            size = sink.count
        } else {
            try writer.write(to: path) { sink in
                var sink = sink
                format.render(programme, options: options, into: &sink)
            }
        }
        let elapsed = ContinuousClock.now - start
        cpus.append(cpuSeconds() - cpu0)
        walls.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        if !null { size = Int((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) }
    }
    let w = walls.sorted(), c = cpus.sorted()
    print(String(format: "%@: %d bytes; wall min %.4f s, median %.4f s; CPU min %.4f s, median %.4f s",
                 format.fileName, size, w[0], w[runs / 2], c[0], c[runs / 2]))
}
