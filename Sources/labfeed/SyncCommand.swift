// `labfeed sync`: fetch the due sources (or those named, or all), update the state, write the
// programme.

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedParse
import LabfeedPostgres
import LabfeedProgramme
import LabfeedService

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch the due sources now, update the state and write the programme.",
        discussion: """
            Without SOURCE-ID and without --all, only the sources whose interval has passed are \
            fetched. Failed sources keep their last good events and are listed in the summary.

            Exit status: 0 the programme was written (failed sources are reported); 1 the \
            configuration is invalid or a SOURCE-ID is unknown; 3 every source tried failed (the \
            programme is still written from the last good events); 4 the state or an output file \
            could not be written; 64 the command line is wrong; 75 another labfeed (`labfeed run`, \
            or a sync) is using the state.
            """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: ArgumentHelp("Sync only these sources (by id), due or not.", valueName: "SOURCE-ID"))
    var sources: [String] = []

    @Flag(help: "Sync every enabled source, due or not.")
    var all = false

    @Flag(name: .shortAndLong, help: "Print only problems.")
    var quiet = false

    @Option(help: ArgumentHelp("Sync as if it were this date (YYYY-MM-DD or ISO 8601): for tests and archives.", valueName: "DATE"))
    var now: String?

    @Option(help: ArgumentHelp("Write the programme here instead of the configuration's `output:`.", valueName: "DIR"))
    var output: String?

    func validate() throws {
        if all && !sources.isEmpty { throw ValidationError("give SOURCE-IDs or --all, not both") }
        if let now, CommandDates.instant(now) == nil {
            throw ValidationError("--now takes a date such as 2022-11-04 or 2022-11-04T09:00:00+01:00")
        }
    }

    func run() async throws {
        ProcessMemory.keepLargeBuffersOutOfTheHeap()
        var config = try CommandConfig.load(options.config)
        if let output { config.settings.output = URL(fileURLWithPath: output).standardizedFileURL.path }
        var stderr = StandardError()
        let setting = config.settings.storeSetting()
        // One process at a time on an SQLite state; PostgreSQL workers share by leases instead.
        var lock: StateLock?
        if case .sqlite(let path) = setting {
            lock = try CommandLock.take(statePath: path, command: "labfeed sync")
        }
        let opened: OpenedStore
        do {
            opened = try await StoreFactory.open(setting)
        } catch {
            print("labfeed: cannot open the state at \(setting): \(error)", to: &stderr)
            throw ExitCode(4)
        }
        // The sync's programmes (``SyncPipeline/Leftovers``) and every other object are left for
        // the exit to reclaim: freeing them one by one took a thread after the outputs were in
        // place. The store is closed first (SQLite's WAL checkpointed and removed), then the
        // process exits with the code and message the error would have given on its way out.
        var leftovers = SyncPipeline.Leftovers()
        var failure: (any Error)?
        do {
            leftovers = try await sync(config: config, store: opened.store)
        } catch {
            failure = error
        }
        await opened.close()
        if let sqlite = opened.store as? SQLiteStore {
            do {
                try sqlite.closeDatabase()
            } catch {
                print("labfeed: cannot close the state at \(setting): \(error)", to: &stderr)
                if failure == nil { failure = ExitCode(4) }
            }
        }
        withExtendedLifetime((leftovers, lock)) {
            fflush(nil)  // every C stream (`print` writes through stdout)
            Labfeed.exit(withError: failure)
        }
    }

    private func sync(config: LabfeedConfig, store: any ProgrammeStore) async throws -> SyncPipeline.Leftovers {
        var stderr = StandardError()
        let fetcher = Fetcher(options: FetchOptions(settings: config.settings))
        let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let show: @Sendable (SyncPipeline.Progress) -> Void = { progress.show($0) }
        let onProgress = quiet ? nil : show
        let pipeline = SyncPipeline(config: config, store: store, fetcher: fetcher,
                                    parse: SourceParsing.parser(settings: config.settings), onProgress: onProgress)
        let selection: SyncPipeline.Selection = all ? .all : (sources.isEmpty ? .due : .only(sources))
        let report: SyncReport
        let leftovers: SyncPipeline.Leftovers
        do {
            (report, leftovers) = try await pipeline.runLeaving(selection, now: now.flatMap(CommandDates.instant) ?? Date())
        } catch let error as SyncError {
            await fetcher.shutdown()
            print("labfeed: \(error)", to: &stderr)
            throw ExitCode(1)
        } catch {
            await fetcher.shutdown()
            progress.clear()
            print("labfeed: the programme could not be written: \(error)", to: &stderr)
            throw ExitCode(4)
        }
        await fetcher.shutdown()
        progress.clear()
        if !quiet {
            print(report.summary())
            print("programme: \(config.settings.output)/programme.json")
        } else {
            for failure in report.failed { print("labfeed: \(failure.id): \(failure.outcome)", to: &stderr) }
        }
        if report.allFailed { throw ExitCode(3) }
        return leftovers
    }
}

/// How the pipeline parses a source's document: LabfeedParse with the source's settings.
enum SourceParsing {
    static func parser(settings: Settings) -> DocumentParsing {
        let window = CommandDates.seconds(settings.recurrenceWindow)
        return { document in
            let zone = document.source.timezone.flatMap(TimeZone.init(identifier:)) ?? settings.timeZone
            var context = ParseContext(now: document.fetchedAt, url: document.url.absoluteString, contentType: document.contentType,
                                       timeZone: zone, recurrenceWindow: window, sourceLanguage: document.source.language)
            context.extract = document.source.extract
            return DocumentParser.parse(document.bytes, context: context)
        }
    }
}

/// A live "[3/12] source-id" line on a terminal; silent in a pipe or under systemd.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ p: SyncPipeline.Progress) {
        guard enabled else { return }
        lock.withLock {
            let line = "[\(p.completed)/\(p.total)] \(p.sourceID)"
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        }
    }

    func clear() {
        guard enabled else { return }
        lock.withLock { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
