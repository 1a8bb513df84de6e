// sd_notify: the datagrams arrive on a socket the test creates (a path, or the abstract
// namespace), the watchdog period is read from the environment, and the daemon says READY=1
// and STATUS= lines.

import Foundation
import LabfeedFetch
import LabfeedService
import Logging
import LabfeedTestSupport
import Testing

struct SystemdNotifierTests {
    @Test func messagesArriveOnTheNotifySocket() throws {
        let dir = TemporaryDirectory(prefix: "labfeed-notify")
        let listener = try NotifyListener(directory: dir.path)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        #expect(notifier.isEnabled)
        notifier.ready(status: "3 sources, 0 failing, next fetch now")
        notifier.status("3 sources, 1 failing,\nnext fetch in 4 min")
        notifier.watchdog()
        notifier.stopping()
        #expect(listener.waitFor { $0.hasPrefix("STOPPING=1") } != nil)
        #expect(listener.messages == [
            "READY=1\nSTATUS=3 sources, 0 failing, next fetch now",
            "STATUS=3 sources, 1 failing, next fetch in 4 min",
            "WATCHDOG=1",
            "STOPPING=1\nSTATUS=stopping",
        ])
    }

    @Test func theAbstractNamespaceIsUsedForAnAtName() throws {
        let listener = try NotifyListener(directory: "", abstract: true)
        #expect(listener.address.hasPrefix("@"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        #expect(notifier.send("READY=1"))
        #expect(listener.waitFor { $0 == "READY=1" } != nil)
    }

    @Test func withoutNotifySocketNothingIsSent() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(!notifier.send("READY=1"))
        #expect(notifier.watchdogInterval == nil)
    }

    @Test func theWatchdogIsPingedAtHalfItsTimeoutAndOnlyForThisProcess() {
        let mine = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "30000000"])
        #expect(mine.watchdogInterval == .seconds(15))
        let pid = String(ProcessInfo.processInfo.processIdentifier)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "4000000", "WATCHDOG_PID": pid]).watchdogInterval == .seconds(2))
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "1"]).watchdogInterval == nil)
        #expect(SystemdNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogInterval == nil)
    }

    @Test func theDaemonSaysReadyOnceScheduledAndUpdatesItsStatus() async throws {
        let dir = TemporaryDirectory(prefix: "labfeed-notify")
        let listener = try NotifyListener(directory: dir.path)
        let h = DaemonHarness(sources: [("a", 1), ("b", 1)], notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])) { id, _ in
            id == "a" ? .body("a event") : .fail(.httpStatus, status: 500)
        }
        h.start()
        #expect(await h.waitForBursts(1))
        #expect(listener.waitFor { $0.hasPrefix("STATUS=2 sources, 1 failing, next fetch in 1 h") } != nil)
        let messages = listener.messages
        #expect(messages.first == "READY=1\nSTATUS=2 sources, 0 failing, next fetch now")
        try await h.stop()
    }
}

struct StateLockTests {
    @Test func aSecondHolderIsRefusedWithThePidOfTheFirst() throws {
        let dir = TemporaryDirectory(prefix: "labfeed-lock")
        let state = "\(dir.path)/state/state.sqlite"
        var first: StateLock? = try StateLock.acquire(statePath: state, command: "labfeed run")
        #expect(first?.path == "\(state).lock")
        do {
            _ = try StateLock.acquire(statePath: state, command: "labfeed sync")
            Issue.record("a second lock was granted")
        } catch {
            #expect(error.holderPID == ProcessInfo.processInfo.processIdentifier)
            #expect(error.description.contains("pid \(ProcessInfo.processInfo.processIdentifier), `labfeed run`"))
            #expect(error.description.contains("already using the state \(state)"))
        }
        first = nil
        let again = try StateLock.acquire(statePath: state, command: "labfeed sync")
        _ = again
    }
}

struct JournalLogHandlerTests {
    @Test func underJournaldLinesCarryAPriorityAndNoTimestamp() {
        let handler = JournalLogHandler(label: "labfeed", journal: true)
        #expect(handler.line(level: .warning, message: "lab-a failed", metadata: ["source": "lab-a"], date: Date())
            == "<4>labfeed: lab-a failed source=lab-a")
        #expect(handler.line(level: .info, message: "synced", metadata: [:], date: Date()) == "<6>labfeed: synced")
        #expect(handler.line(level: .error, message: "two\nlines", metadata: [:], date: Date()) == "<3>labfeed: two\n  lines")
        #expect(JournalLogHandler(label: "x", environment: ["JOURNAL_STREAM": "8:12345"]).journal)
        #expect(!JournalLogHandler(label: "x", environment: [:]).journal)
    }

    @Test func elsewhereLinesStartWithAUTCTimestampAndTheLevel() {
        let handler = JournalLogHandler(label: "labfeed", journal: false)
        let line = handler.line(level: .info, message: "listening", metadata: ["address": "127.0.0.1:8080"],
                                date: Date(timeIntervalSince1970: 1_667_548_800))
        #expect(line == "2022-11-04T08:00:00Z info labfeed: listening address=127.0.0.1:8080")
    }
}
