// The daemon as a swift-service-lifecycle Service: runs the scheduler, reloads on SIGHUP, pings
// the systemd watchdog, and turns the group's graceful shutdown (SIGTERM, SIGINT) into a stop.

public import Logging
public import ServiceLifecycle
import UnixSignals

/// Runs a ``SyncDaemon`` inside a `ServiceGroup`.
///
/// - SIGHUP: ``SyncDaemon/reload()`` (the trap is set before the daemon says READY=1, so an
///   early SIGHUP never kills it).
/// - Graceful shutdown (the group's signals): STOPPING=1, then ``SyncDaemon/requestStop()``;
///   `run()` returns when the daemon has finished and flushed.
/// - `WATCHDOG=1` every half `WATCHDOG_USEC` while the daemon runs.
public struct DaemonService: Service, CustomStringConvertible {
    public var description: String { "SyncDaemon" }

    public let daemon: SyncDaemon
    let notifier: SystemdNotifier
    let logger: Logger

    public init(daemon: SyncDaemon, notifier: SystemdNotifier, logger: Logger) {
        self.daemon = daemon
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async throws {
        let daemon = self.daemon
        let notifier = self.notifier
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                group.addTask {
                    for await _ in hangups {
                        await daemon.reload()
                    }
                }
                if let interval = notifier.watchdogInterval {
                    group.addTask {
                        while !Task.isCancelled {
                            notifier.watchdog()
                            try await Task.sleep(for: interval)
                        }
                    }
                }
                // The daemon's run() returns after a stop (or throws): end the helpers too.
                try await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            notifier.stopping(status: "stopping: finishing the fetches in flight")
            Task { await daemon.requestStop() }
        }
    }
}
