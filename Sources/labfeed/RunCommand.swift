// `labfeed run`: the long-running service — schedules every source, reloads on SIGHUP, stops
// gracefully on SIGTERM/SIGINT, talks to systemd, and serves HTTP with --listen.

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedParse
import LabfeedPostgres
import LabfeedFetch
import LabfeedProgramme
import LabfeedServer
import LabfeedService
import Logging
import ServiceLifecycle
import UnixSignals

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run as a service: fetch each source on its interval and keep the programme up to date.",
        discussion: """
            Each source is fetched every `interval` (1 h by default) plus up to 10 % of random \
            jitter; a failing source waits twice as long after each failure (up to --max-backoff) \
            and recovers on its own; Retry-After and Cache-Control max-age only ever lengthen the \
            wait. Sources due together are fetched in one burst and the programme is written once, \
            only when something changed.

            Signals: SIGHUP reloads the configuration (an invalid one is reported and the running \
            one kept); SIGTERM or SIGINT stop starting fetches, give those in flight --grace to \
            finish, write the programme and exit 0. Under systemd (Type=notify) it reports \
            READY=1, STATUS=, WATCHDOG=1 and STOPPING=1. Logs go to standard error.

            With `store: postgres://…` several `labfeed run` share the sources by leases (one \
            fetch of each source per interval across all of them; docs/WORKERS.md): each worker \
            claims due sources under --worker-id for --lease, renews the leases while fetching, \
            and one at a time merges the programme into the database; every worker keeps its \
            Output/ equal to it. With SQLite one process holds the state.

            Exit status: 0 stopped by a signal; 1 the configuration is invalid or the state cannot \
            be opened; 64 the command line is wrong; 75 another labfeed holds the state.
            """
    )

    @OptionGroup var options: ConfigOption

    @Option(help: ArgumentHelp("Also serve the programme over HTTP here (see `labfeed serve`), e.g. 127.0.0.1:8080.", valueName: "ADDR"))
    var listen: String?

    @Option(help: ArgumentHelp("Write the programme here instead of the configuration's `output:`.", valueName: "DIR"))
    var output: String?

    @Option(help: ArgumentHelp("How long fetches in flight may finish after SIGTERM before they are aborted.", valueName: "DURATION"))
    var grace: String = "10s"

    @Option(name: .customLong("max-backoff"), help: ArgumentHelp("The longest wait for a failing source.", valueName: "DURATION"))
    var maxBackoff: String = "24h"

    @Option(name: .customLong("worker-id"), help: ArgumentHelp("This worker's name in leases on a shared store (default HOSTNAME:PID).", valueName: "NAME"))
    var workerID: String?

    @Option(help: ArgumentHelp("How long a shared store's source stays claimed unless renewed; more than timeout × retries.", valueName: "DURATION"))
    var lease: String = "2m"

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning or error.", valueName: "LEVEL"))
    var logLevel: String = "info"

    func validate() throws {
        if let listen, case .failure(let error) = ListenAddress.parse(listen) { throw ValidationError(error.description) }
        if DurationText.parse(grace) == nil { throw ValidationError("--grace takes a duration such as 10s") }
        if DurationText.parse(maxBackoff) == nil { throw ValidationError("--max-backoff takes a duration such as 24h") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level takes trace, debug, info, notice, warning or error") }
        guard let leaseDuration = DurationText.parse(lease), leaseDuration >= .seconds(1) else {
            throw ValidationError("--lease takes a duration of at least 1s such as 2m")
        }
        if let workerID, workerID.isEmpty || workerID.count > 200 || workerID.contains(where: \.isNewline) {
            throw ValidationError("--worker-id takes a name of 1 to 200 characters on one line")
        }
    }

    /// The lease must outlast one fetch with its retries, or a slow source would be handed to a
    /// second worker while the first still fetches it.
    static func leaseProblem(_ lease: Duration, settings: Settings) -> String? {
        let fetch = settings.timeout * max(1, settings.retries)
        guard lease <= fetch else { return nil }
        return "--lease \(DurationText.format(lease)) must be longer than settings.timeout × settings.retries (\(DurationText.format(fetch)))"
    }

    func run() async throws {
        ProcessMemory.keepLargeBuffersOutOfTheHeap()
        let path = options.config
        let outputOverride = output.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var config = try CommandConfig.load(path)
        if let outputOverride { config.settings.output = outputOverride }
        let logger = JournalLogHandler.logger(label: "labfeed", level: Logger.Level(rawValue: logLevel) ?? .info)
        let setting = config.settings.storeSetting()
        let leaseDuration = DurationText.parse(lease)!
        // One process at a time on an SQLite state; workers on PostgreSQL share it by leases.
        var lock: StateLock?
        if case .sqlite(let statePath) = setting {
            lock = try CommandLock.take(statePath: statePath, command: "labfeed run")
        } else if let problem = Self.leaseProblem(leaseDuration, settings: config.settings) {
            var stderr = StandardError()
            print("labfeed: \(problem)", to: &stderr)
            throw ExitCode(64)
        }
        let opened: OpenedStore
        do {
            opened = try await StoreFactory.open(setting)
        } catch {
            logger.critical("cannot open the state at \(setting): \(error)")
            throw ExitCode(1)
        }
        let store = opened.store
        let shared: SharedWork? = if case .postgres = setting {
            SharedWork(queue: store, worker: workerID ?? SharedWork.defaultWorkerName(), leaseFor: leaseDuration)
        } else {
            nil
        }
        let graceDuration = DurationText.parse(grace)!
        let notifier = SystemdNotifier()
        let metrics = LabfeedMetrics()
        let environment = DaemonEnvironment(
            store: store,
            makeFetcher: { settings in
                let fetcher = Fetcher(options: FetchOptions(settings: settings))
                return FetchSession(fetcher: fetcher, shutdown: { await fetcher.shutdown() }, crawlDelay: { url in
                    fetcher.crawlDelay(host: url.host ?? "", port: url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80))
                })
            },
            parser: { SourceParsing.parser(settings: $0) },
            loadConfig: {
                var config = try ConfigLoader.load(path: path, checkSelector: SelectorCheck.problem)
                if let outputOverride { config.settings.output = outputOverride }
                return config
            },
            notifier: notifier, metrics: metrics, logger: logger, shared: shared)
        let schedule = SourceSchedule(maxBackoff: DurationText.parse(maxBackoff)!, jitter: 0.1, seed: UInt64.random(in: 0 ... .max))
        let daemon = SyncDaemon(config: config, options: DaemonOptions(schedule: schedule, grace: graceDuration), environment: environment)

        var services: [any Service] = []
        if let listen, case .success(let address) = ListenAddress.parse(listen) {
            let site = ProgrammeSite(
                outputDirectory: { await daemon.config.settings.output },
                health: { written in
                    let snapshot = await daemon.snapshot()
                    return HealthRule.evaluate(config: snapshot.config, states: snapshot.states, programmeWritten: written, now: Date())
                },
                refreshMetrics: {
                    let snapshot = await daemon.snapshot()
                    let enabled = snapshot.config.sources.filter(\.enabled)
                    metrics.setProgramme(lastSuccess: snapshot.states.compactMapValues { $0.lastSuccess?.timeIntervalSince1970 },
                                         failing: enabled.filter { (snapshot.states[$0.id]?.consecutiveFailures ?? 0) > 0 }.count)
                    if shared != nil, let leases = try? await store.leases(now: Date()) {
                        metrics.setLeases(leases)
                    }
                })
            services.append(LabfeedHTTPServer.programme(site: site, metrics: metrics, address: address, logger: logger) { bound in
                logger.info("listening on http://\(bound)")
            })
        }
        // Last in the list, first to be told to stop: fetches wind down while the server still answers.
        services.append(DaemonService(daemon: daemon, notifier: notifier, logger: logger))
        var groupConfiguration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                           logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = graceDuration + .seconds(20)
        do {
            try await ServiceGroup(configuration: groupConfiguration).run()
        } catch {
            logger.critical("labfeed stopped on an error: \(error)")
            await opened.close()
            throw ExitCode(1)
        }
        await opened.close()
        withExtendedLifetime(lock) {}
    }
}

/// The single-instance lock, as the commands that write the state take it.
enum CommandLock {
    /// Takes the state's lock or exits 75 (EX_TEMPFAIL) naming the holder.
    static func take(statePath: String, command: String) throws -> StateLock {
        do {
            return try StateLock.acquire(statePath: statePath, command: command)
        } catch {
            var stderr = StandardError()
            print("labfeed: \(error)", to: &stderr)
            throw ExitCode(75)
        }
    }
}
