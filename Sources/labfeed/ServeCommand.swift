// `labfeed serve`: the programme over HTTP (files, filtered events, health, metrics), or with
// --root any directory as static files (the demo's sample sites).

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedPostgres
import LabfeedProgramme
import LabfeedServer
import LabfeedService
import Logging
import ServiceLifecycle
import UnixSignals

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the programme over HTTP (or, with --root, a directory of static files).",
        discussion: """
            Serves what the last sync wrote in the output directory: / (HTML), /programme.json, \
            .ics, .csv, .atom (with ETag, If-None-Match and gzip), /api/events?from=&to=&region=\
            &organizer=&q= (filtered JSON), /healthz (200 fresh, 503 stale or failing, with the \
            reasons) and /metrics (Prometheus). Fetches nothing: run it beside `labfeed sync` on a \
            timer, or use `labfeed run --listen` for both in one process.

            With --root DIR it serves the files under DIR instead, as they are (the offline demo \
            serves examples/site this way).

            Binds to 127.0.0.1:8080 unless told otherwise. Once listening it prints \
            "labfeed: listening on http://HOST:PORT" on standard error and writes that URL to \
            --ready-file. Stops on SIGTERM or SIGINT.
            """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("Where to listen: HOST:PORT, [IPv6]:PORT or PORT (port 0: any free port).", valueName: "ADDR"))
    var listen: String = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("Serve the programme written here instead of the configuration's `output:`.", valueName: "DIR"))
    var output: String?

    @Option(help: ArgumentHelp("Serve this directory's files instead of the programme.", valueName: "DIR"))
    var root: String?

    @Option(name: .customLong("ready-file"), help: ArgumentHelp("Write the server's URL to this file once it listens.", valueName: "PATH"))
    var readyFile: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning or error.", valueName: "LEVEL"))
    var logLevel: String = "info"

    func validate() throws {
        if case .failure(let error) = ListenAddress.parse(listen) { throw ValidationError(error.description) }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level takes trace, debug, info, notice, warning or error") }
        if let root {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--root: \(root) is not a directory")
            }
        }
    }

    func run() async throws {
        guard case .success(let address) = ListenAddress.parse(listen) else { throw ExitCode(64) }
        let logger = JournalLogHandler.logger(label: "labfeed", level: Logger.Level(rawValue: logLevel) ?? .info)
        let readyFile = self.readyFile
        let onListening: LabfeedHTTPServer.OnListening = { bound in
            let url = "http://\(bound)"
            logger.info("listening on \(url)")
            if let readyFile {
                do {
                    try Data((url + "\n").utf8).write(to: URL(fileURLWithPath: readyFile), options: .atomic)
                } catch {
                    logger.error("cannot write \(readyFile): \(error)")
                }
            }
        }

        let server: any Service
        if let root {
            let absolute = URL(fileURLWithPath: root).standardizedFileURL.path
            server = LabfeedHTTPServer.staticFiles(root: absolute, address: address, logger: logger, onListening: onListening)
        } else {
            var loaded = try CommandConfig.load(options.config)
            if let output { loaded.settings.output = URL(fileURLWithPath: output).standardizedFileURL.path }
            let config = loaded
            let state = StateReader(setting: config.settings.storeSetting())
            let metrics = LabfeedMetrics()
            let site = ProgrammeSite(
                outputDirectory: { config.settings.output },
                health: { written in
                    HealthRule.evaluate(config: config, states: await state.states(), programmeWritten: written, now: Date())
                },
                refreshMetrics: {
                    let states = await state.states()
                    let enabled = config.sources.filter(\.enabled)
                    metrics.setProgramme(lastSuccess: states.compactMapValues { $0.lastSuccess?.timeIntervalSince1970 },
                                         failing: enabled.filter { (states[$0.id]?.consecutiveFailures ?? 0) > 0 }.count)
                })
            server = LabfeedHTTPServer.programme(site: site, metrics: metrics, address: address, logger: logger,
                                                 onListening: onListening)
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("cannot serve on \(address): \(error)")
            throw ExitCode(1)
        }
    }
}

/// Reads the state another process writes, opening it only once it exists (never creating an
/// SQLite file); on PostgreSQL, the state the workers share.
actor StateReader {
    let setting: StoreSetting
    private var opened: OpenedStore?

    init(setting: StoreSetting) {
        self.setting = setting
    }

    /// Every source's state; empty when there is no state yet or it cannot be read.
    func states() async -> [String: SourceState] {
        if opened == nil {
            if case .sqlite(let path) = setting, !FileManager.default.fileExists(atPath: path) { return [:] }
            opened = try? await StoreFactory.open(setting)
        }
        return (try? await opened?.store.allSourceStates()) ?? [:]
    }
}
