// ChildProcess: starts a program with posix_spawn and reaps it with wait4, so a test knows how
// it ended (exit code or signal), how long it ran and, when asked, its peak memory. Output goes
// to files, so a child that writes a lot never blocks on a pipe. Every wait is bounded: a child
// still running at its deadline is killed with SIGKILL.
//
// The peak memory is measured through `child-peak` (Tests/Tools/child-peak), not read from the
// rusage that wait4 gives here: Linux counts in a child's ru_maxrss the peak of the address
// space it was spawned from, so every child of this test process reported at least this
// process's own peak (1.5 GB under AddressSanitizer, whatever the child used).

public import Foundation
import Glibc

/// A program started by a test, measured when it ends.
public final class ChildProcess: @unchecked Sendable {
    /// How a child ended.
    public struct Exit: Sendable, CustomStringConvertible {
        /// The exit code, when it exited.
        public var status: Int32?
        /// The signal that ended it, when one did.
        public var signal: Int32?
        /// The deadline passed and the child was killed.
        public var timedOut: Bool
        /// The child's own peak resident memory, in bytes, when it was started `measuringPeak`
        /// and ended by itself or by a signal it was sent; nil otherwise.
        public var peakMemory: Int?
        /// From start to reaping.
        public var elapsed: Duration
        public var stdout: String
        public var stderr: String

        /// Exited by itself with this code.
        public func exited(_ code: Int32) -> Bool { status == code && !timedOut }

        public var description: String {
            let how = timedOut ? "timed out" : status.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
            let peak = peakMemory.map { ", peak \($0 / 1_048_576) MiB" } ?? ""
            return "\(how) after \(elapsed)\(peak)\nstdout: \(stdout)\nstderr: \(stderr)"
        }
    }

    /// The process id.
    public let pid: pid_t
    private let started: ContinuousClock.Instant
    private let outPath: String
    private let errPath: String
    /// Where `child-peak` writes the peak, when measuring.
    private let peakPath: String?
    private var ended: Exit?

    /// Starts `executable` with `arguments` and the environment given (the test's own when nil),
    /// in the test's working directory (pass absolute paths). Standard input is /dev/null.
    ///
    /// `measuringPeak`: run it through `child-peak`, in a process group of its own, so that
    /// ``Exit/peakMemory`` is the child's own peak. `pid` is then child-peak's, which passes
    /// TERM, INT, HUP, QUIT, USR1 and USR2 on; SIGKILL (``send(_:)``, the deadline) goes to the
    /// whole group.
    /// - Throws: when the program (or child-peak, not built) cannot be started.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                measuringPeak: Bool = false) throws {
        let scratch = FileManager.default.temporaryDirectory.path + "/labfeed-child-\(getpid())-\(UUID().uuidString)"
        outPath = scratch + ".out"
        errPath = scratch + ".err"
        var program = executable, programArguments = arguments
        if measuringPeak {
            guard let peak = TestTool.url("child-peak") else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "child-peak not found; build the tests first"])
            }
            peakPath = scratch + ".peak"
            program = peak.path
            programArguments = [scratch + ".peak", executable] + arguments
        } else {
            peakPath = nil
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts as from a shell: no signal blocked, every signal's action the default
        // (the test process's mask and ignored signals would otherwise pass through exec).
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if measuringPeak {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + programArguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let code = posix_spawn(&child, program, &actions, &attributes, argv, envp)
        guard code == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot start \(program): errno \(code)"])
        }
        pid = child
        started = .now
    }

    deinit {
        if ended == nil {
            killOutright()
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        unlink(outPath)
        unlink(errPath)
        if let peakPath { unlink(peakPath) }
    }

    /// Sends `signal` to the child (if it has not been reaped yet); SIGKILL to child-peak's
    /// group when measuring.
    public func send(_ signal: Int32) {
        guard ended == nil else { return }
        if signal == SIGKILL { killOutright() } else { kill(pid, signal) }
    }

    /// SIGKILL to the child, and to what child-peak started.
    private func killOutright() {
        if peakPath != nil { kill(-pid, SIGKILL) }
        kill(pid, SIGKILL)
    }

    /// Waits for the child to end, at most `timeout`; then kills it with SIGKILL and reaps it.
    public func wait(timeout: Duration) -> Exit {
        if let ended { return ended }
        let deadline = started + timeout
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            if reaped < 0, errno != EINTR { break }
            if ContinuousClock.now >= deadline, !timedOut {
                timedOut = true
                killOutright()
            }
            usleep(2_000)
        }
        let signal = status & 0x7F
        let exit = Exit(status: signal == 0 ? (status >> 8) & 0xFF : nil,
                        signal: signal == 0 ? nil : signal,
                        timedOut: timedOut,
                        peakMemory: peakPath.flatMap { Int(Self.read($0).trimmingCharacters(in: .whitespacesAndNewlines)) },
                        elapsed: .now - started,
                        stdout: Self.read(outPath), stderr: Self.read(errPath))
        ended = exit
        return exit
    }

    /// A whole file as text, read with POSIX calls: FileManager.contents(atPath:) leaks its
    /// buffer for an empty file (seen by LeakSanitizer), and a killed child often leaves one.
    private static func read(_ path: String) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += chunk[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs a program to its end (at most `timeout`) and returns how it ended.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           measuringPeak: Bool = false, timeout: Duration) throws -> Exit {
        try ChildProcess(executable, arguments, environment: environment, measuringPeak: measuringPeak).wait(timeout: timeout)
    }
}
