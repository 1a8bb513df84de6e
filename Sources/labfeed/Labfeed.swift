// The labfeed command: subcommands wired to the libraries. No logic of its own lives here.

import ArgumentParser
import LabfeedCore

@main
struct Labfeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labfeed",
        abstract: "One up-to-date programme of public-innovation events from the labs' own sites.",
        discussion: """
            labfeed reads the sources listed in feeds.yml (RSS, Atom, JSON Feed, iCalendar and web \
            pages), finds their events, merges duplicates and writes the programme to Output/.
            """,
        version: LabfeedVersion.current,
        subcommands: [Check.self, FetchCommand.self, SyncCommand.self, ExportCommand.self, RunCommand.self, ServeCommand.self,
                      SourcesCommand.self, MigrateCommand.self]
    )
}

/// `--config PATH`, shared by every command that reads feeds.yml.
struct ConfigOption: ParsableArguments {
    @Option(name: [.customShort("c"), .long], help: ArgumentHelp("The configuration file.", valueName: "PATH"))
    var config: String = "feeds.yml"
}
