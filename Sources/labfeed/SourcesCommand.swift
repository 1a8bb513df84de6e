// `labfeed sources`: how each source is doing, from the state (reads only; works while
// `labfeed run` holds the state).

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedProgramme
import LabfeedService

struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the sources with their state, last success, next fetch, events and last error.",
        discussion: """
            States: ok (the last fetch brought content), not modified (it brought nothing new), \
            failing since DATE, robots-blocked (robots.txt forbids the URL), pending (never \
            fetched), disabled; "moved permanently → URL" is added when a 301/308 says the source \
            lives elsewhere now (update feeds.yml). NEXT DUE is the earliest time the source will \
            be fetched (the daemon adds up to 10 % of the interval at random).

            Exit status: 0 listed; 1 the configuration is invalid or the state cannot be read; 64 \
            the command line is wrong.
            """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Print one JSON object ({\"sources\": [...]}) instead of a table.")
    var json = false

    func run() async throws {
        let config = try CommandConfig.load(options.config)
        let statePath = config.settings.statePath()
        var states: [String: SourceState] = [:]
        var counts: [String: Int] = [:]
        if FileManager.default.fileExists(atPath: statePath) {
            do {
                let store = try SQLiteStore(path: statePath)
                states = try await store.allSourceStates()
                counts = try await store.eventsBySource().mapValues(\.count)
            } catch {
                var stderr = StandardError()
                print("labfeed: cannot read the state at \(statePath): \(error)", to: &stderr)
                throw ExitCode(1)
            }
        }
        let rows = SourceStatusTable.rows(config: config, states: states, eventCounts: counts, schedule: SourceSchedule())
        if json {
            struct Listing: Encodable { var sources: [SourceStatus] }
            FileHandle.standardOutput.write(try LabfeedJSON.encoder().encode(Listing(sources: rows)))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(SourceStatusTable.text(rows, now: Date()))
        }
    }
}
