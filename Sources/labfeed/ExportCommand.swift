// `labfeed export`: the programme, filtered, on standard output.

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedPostgres
import LabfeedProgramme

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the programme, filtered, in one format.",
        discussion: """
            Reads the programme the last sync saved in the state; fetches nothing.

            Exit status: 0 printed; 1 the configuration is invalid or the state cannot be read; \
            64 the command line is wrong.
            """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("json, ics, csv, atom or html.", valueName: "FORMAT"))
    var format: String = "json"

    @Option(help: ArgumentHelp("Only events ending on or after this day.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("Only events starting on or before this day.", valueName: "YYYY-MM-DD"))
    var to: String?

    @Option(help: ArgumentHelp("Only events of this region.", valueName: "REGION"))
    var region: String?

    @Option(help: ArgumentHelp("Only events of this organiser.", valueName: "NAME"))
    var organizer: String?

    @Option(help: ArgumentHelp("Only events whose text contains this (accents and case ignored).", valueName: "TEXT"))
    var query: String?

    func validate() throws {
        if OutputFormat(rawValue: format.lowercased()) == nil {
            throw ValidationError("unknown format '\(format)': one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, CivilDate(iso: value) == nil { throw ValidationError("\(name) takes a date such as 2022-11-01") }
        }
    }

    func run() async throws {
        let config = try CommandConfig.load(options.config)
        var stderr = StandardError()
        let setting = config.settings.storeSetting()
        if case .sqlite(let statePath) = setting, !FileManager.default.fileExists(atPath: statePath) {
            print("labfeed: no state at \(statePath) yet: run `labfeed sync` first", to: &stderr)
            throw ExitCode(1)
        }
        let programme: Programme
        do {
            // SQLite or the programme the workers of a PostgreSQL store merged.
            let opened = try await StoreFactory.open(setting)
            let saved: SavedProgramme, states: [String: SourceState]
            do {
                saved = try await opened.store.savedProgramme()
                states = try await opened.store.allSourceStates()
            } catch {
                await opened.close()
                throw error
            }
            await opened.close()
            let counts = Dictionary(grouping: saved.events.flatMap(\.sources), by: \.source).mapValues(\.count)
            let health = config.sources.filter(\.enabled).map {
                SourceHealth(id: $0.id, name: $0.name, state: states[$0.id], events: counts[$0.id] ?? 0)
            }
            programme = Programme(updatedAt: saved.updatedAt, sources: health, events: saved.events)
        } catch {
            print("labfeed: cannot read the state at \(setting): \(error)", to: &stderr)
            throw ExitCode(1)
        }
        let filter = ProgrammeFilter(from: from.flatMap { CivilDate(iso: $0) }, to: to.flatMap { CivilDate(iso: $0) },
                                     region: region, organizer: organizer, query: query)
        let output = OutputFormat(rawValue: format.lowercased())!
        let text = output.render(filter.apply(to: programme), options: RenderOptions(zone: config.settings.timeZone))
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
