// `labfeed sources`: how each source is doing, from the state (reads only; works while
// `labfeed run` holds the state).

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedPostgres
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
            be fetched (the daemon adds up to 10 % of the interval at random). On a shared store \
            (PostgreSQL) LEASE names the worker fetching the source and until when its lease \
            holds, and NEXT DUE is the one the workers scheduled.

            Exit status: 0 listed; 1 the configuration is invalid or the state cannot be read; 64 \
            the command line is wrong.
            """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Print one JSON object ({\"sources\": [...]}) instead of a table.")
    var json = false

    func run() async throws {
        let config = try CommandConfig.load(options.config)
        let setting = config.settings.storeSetting()
        var states: [String: SourceState] = [:]
        var counts: [String: Int] = [:]
        var leases: [Lease] = []
        var queued: [String: Date] = [:]
        let exists: Bool = if case .sqlite(let path) = setting { FileManager.default.fileExists(atPath: path) } else { true }
        if exists {
            do {
                let opened = try await StoreFactory.open(setting)
                do {
                    states = try await opened.store.allSourceStates()
                    counts = try await opened.store.eventsBySource().mapValues(\.count)
                    if case .postgres = setting {
                        leases = try await opened.store.leases(now: Date())
                        queued = try await opened.store.schedule()
                    }
                } catch {
                    await opened.close()
                    throw error
                }
                await opened.close()
            } catch {
                var stderr = StandardError()
                print("labfeed: cannot read the state at \(setting): \(error)", to: &stderr)
                throw ExitCode(1)
            }
        }
        let rows = SourceStatusTable.rows(config: config, states: states, eventCounts: counts, schedule: SourceSchedule(),
                                          leases: leases, queued: queued)
        if json {
            struct Listing: Encodable { var sources: [SourceStatus] }
            FileHandle.standardOutput.write(try LabfeedJSON.encoder().encode(Listing(sources: rows)))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(SourceStatusTable.text(rows, now: Date()))
        }
    }
}
