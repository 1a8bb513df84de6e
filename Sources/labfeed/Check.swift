// `labfeed check`: validate feeds.yml and say what it holds.

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedMarkup

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the configuration and print what it found.",
        discussion: """
            Every problem is reported at once, each as FILE:LINE:COLUMN: KEY: MESSAGE, with the \
            nearest valid key for a typo.

            Exit status: 0 when the configuration is valid, 1 when it has problems, \
            64 when the command line is wrong (EX_USAGE).
            """
    )

    @OptionGroup var options: ConfigOption

    @Flag(name: .shortAndLong, help: "Print nothing when the configuration is valid.")
    var quiet = false

    func run() async throws {
        let config = try CommandConfig.load(options.config)
        var stderr = StandardError()
        // The same address under two ids: fetched twice, its events announced twice (the
        // programme merges them, but the state and the server's load double).
        var firstWithURL: [String: SourceConfig] = [:]
        for source in config.sources where source.enabled {
            let place = source.position.map { "\($0): " } ?? ""
            if case .file(let path) = source.url, !FileManager.default.isReadableFile(atPath: path) {
                print("\(place)warning: source `\(source.id)`: \(path) does not exist or cannot be read", to: &stderr)
            }
            let url = "\(source.url)"
            if let first = firstWithURL[url] {
                let at = first.position.map { " (\($0))" } ?? ""
                print("\(place)warning: source `\(source.id)`: the same URL as source `\(first.id)`\(at): it would be fetched twice",
                      to: &stderr)
            } else {
                firstWithURL[url] = source
            }
        }
        guard !quiet else { return }
        let s = config.settings
        print("\(options.config): valid")
        print("  output:      \(s.output)")
        print("  state:       \(s.statePath())")
        print("  timezone:    \(s.timezone)")
        print("  interval:    \(DurationText.format(s.interval)), keep past: \(s.keepPast)")
        print("  fetching:    \(s.concurrency) at once, \(s.perHost) per host, timeout \(DurationText.format(s.timeout)), max body \(ByteSizeText.format(s.maxBody))")
        let enabled = config.sources.filter(\.enabled)
        print("  sources:     \(config.sources.count) (\(enabled.count) enabled)")
        let width = config.sources.map(\.id.count).max() ?? 0
        for source in config.sources {
            let flags = [source.enabled ? nil : "disabled", source.extract == nil ? nil : "selectors",
                         source.discover ? "discover" : nil].compactMap { $0 }
            let suffix = flags.isEmpty ? "" : " [\(flags.joined(separator: ", "))]"
            let id = source.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let kind = source.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            let every = "every \(DurationText.format(source.interval(default: s)))".padding(toLength: 11, withPad: " ", startingAt: 0)
            print("    \(id)  \(kind)  \(every)  \(source.url)\(suffix)")
        }
    }
}
