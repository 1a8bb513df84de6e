// Benchmark (not a test): dedup and merge of 100,000 synthetic events with 20 % duplicates.
// Run: swift run -c release DedupBenchmark [COUNT]. Prints time, peak memory and cluster count.
// `DedupBenchmark build FEEDS.YML [RUNS]` times the whole programme build on a sync's state
// instead (BuildBenchmark.swift); `DedupBenchmark store FEEDS.YML [RUNS]` the store's writes of a
// cold sync of that state (StoreBenchmark.swift).

import Foundation
import LabfeedCore
import LabfeedProgramme

/// SplitMix64: the same events on every run.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

if CommandLine.arguments.count > 2 && CommandLine.arguments[1] == "build" {
    try await runBuildBenchmark(configPath: CommandLine.arguments[2],
                                runs: CommandLine.arguments.count > 3 ? Int(CommandLine.arguments[3]) ?? 5 : 5,
                                coldOnly: CommandLine.arguments.count > 4 && CommandLine.arguments[4] == "cold",
                                writePrefix: CommandLine.arguments.count > 5 && CommandLine.arguments[4] == "write" ? CommandLine.arguments[5] : nil)
    exit(0)
}

if CommandLine.arguments.count > 2 && CommandLine.arguments[1] == "store" {
    let arguments = CommandLine.arguments
    try await runStoreBenchmark(configPath: arguments[2], runs: arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3,
                                keepPath: arguments.count > 5 && arguments[4] == "keep" ? arguments[5] : nil)
    exit(0)
}

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let duplicates = count / 5
let unique = count - duplicates
var rng = SeededRandom(state: 42)
let kinds = ["Atelier", "Conférence", "Table ronde", "Hackathon", "Visite", "Webinaire", "Fresque", "Rencontre", "Formation", "Séminaire"]
let topics = ["design", "données", "usagers", "numérique", "climat", "santé", "mobilité", "éducation", "justice", "achats", "participation",
              "simplification", "inclusion", "territoires", "agents", "intelligence", "artificielle", "sobriété", "open", "source"]
let towns = ["Paris", "Lyon", "Marseille", "Limoges", "Bordeaux", "Nantes", "Lille", "Rennes", "Toulouse", "Strasbourg", "Dijon", "Pau"]
let zone = TimeZone(identifier: "Europe/Paris")!
let seen = Date(timeIntervalSince1970: 1_664_000_000)
let base = CivilDate(year: 2022, month: 1, day: 1)

var items: [SourcedEvent] = []
items.reserveCapacity(count)
for i in 0..<unique {
    let title = "\(kinds.randomElement(using: &rng)!) \(topics.randomElement(using: &rng)!) \(topics.randomElement(using: &rng)!) n°\(i)"
    let day = base.adding(days: Int.random(in: 0..<365, using: &rng))
    let start: EventTime = Bool.random(using: &rng) ? .day(day) : .time(LocalDateTime(date: day, hour: Int.random(in: 8...18, using: &rng), minute: 0, in: zone))
    let event = Event(title: title, start: start, location: Location(name: "Lab \(i % 300)", locality: towns[i % towns.count]),
                      url: "https://lab\(i % 300).example/agenda/\(i)", foundBy: .jsonLD, sourceID: "uid-\(i)@lab\(i % 300).example")
    items.append(SourcedEvent(source: "lab\(i % 300)", event: event, firstSeen: seen, lastSeen: seen))
}
for d in 0..<duplicates {
    var copy = items[Int.random(in: 0..<unique, using: &rng)]
    copy.source = "relay\(d % 40)"
    copy.event.foundBy = .rss
    copy.event.sourceID = "relay-\(d)"
    switch d % 3 {
    case 0: copy.event.title = "[Agenda] " + copy.event.title
    case 1: copy.event.title = copy.event.title.uppercased(); copy.event.url = nil
    default: copy.event.url = (copy.event.url ?? "") + "?utm_source=relay"; copy.event.start = .day(copy.event.start.date)
    }
    copy.key = ItemKey.of(copy.event)
    items.append(copy)
}
items.shuffle(using: &rng)

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// CPU seconds (user and system) used so far: on a shared machine the wall clock also counts
/// the time other processes had the cores.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

let memoryBefore = peakMemoryMB()
let clock = ContinuousClock()
var clusters: [[SourcedEvent]] = []
let cpu0 = cpuSeconds()
let itemCount = items.count
// Handed over, not shared: `cluster` moves the items into the clusters (a shared array would be copied first).
let dedupTime = clock.measure { clusters = Deduplicator.cluster(exchange(&items, with: [])) }
let cpu1 = cpuSeconds()
var merged: [MergedCluster] = []
let mergeTime = clock.measure { merged = clusters.map(Merger.merge) }
let cpu2 = cpuSeconds()
// Every cluster must hold copies of one generated event (they all carry its "n°i").
let wrong = merged.filter { cluster in Set(cluster.members.map { $0.event.title.lowercased().components(separatedBy: "n°").last ?? "" }).count > 1 }.count
print("events: \(itemCount) (\(unique) unique, \(duplicates) duplicates)")
print("clusters: \(merged.count) (expected \(unique)), clusters mixing two events: \(wrong)")
print("dedup: \(dedupTime), merge: \(mergeTime), total: \(dedupTime + mergeTime)")
print(String(format: "CPU time: dedup %.2f s, merge %.2f s, total %.2f s", cpu1 - cpu0, cpu2 - cpu1, cpu2 - cpu0))
print(String(format: "peak memory: %.0f MB (%.0f MB before dedup, with the generated input)", peakMemoryMB(), memoryBefore))
