// The labfeed binary running in the background (run, serve), for tests that signal it, read
// its log as it comes, and wait (bounded) for it to exit.

public import Foundation
import Glibc

/// A labfeed process started by a test; killed if still running when released.
public final class BackgroundLabfeed: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var errText = ""
    private var outText = ""
    private var readers: [Thread] = []

    /// Starts `labfeed ARGUMENTS` with exactly `environment` (plus PATH, HOME, TMPDIR, LANG and the
    /// sanitizers' options, so that `make test-asan`'s LeakSanitizer suppressions apply to the
    /// child as well), so that no NOTIFY_SOCKET or JOURNAL_STREAM of the test runner leaks in.
    public init(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws {
        guard let url = LabfeedBinary.url else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "labfeed binary not found; build it first"])
        }
        process.executableURL = url
        process.arguments = arguments
        var env = environment
        let inherited = ProcessInfo.processInfo.environment
        for key in ["PATH", "HOME", "TMPDIR", "LANG", "ASAN_OPTIONS", "LSAN_OPTIONS"] where env[key] == nil {
            env[key] = inherited[key]
        }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        readers = [reader(out.fileHandleForReading) { [weak self] in self?.append(out: $0) },
                   reader(err.fileHandleForReading) { [weak self] in self?.append(err: $0) }]
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }
    /// Standard error so far.
    public var stderr: String { lock.withLock { errText } }
    /// Standard output so far.
    public var stdout: String { lock.withLock { outText } }

    /// Waits (at most `timeout` seconds) until standard error contains `text`.
    @discardableResult
    public func waitForStderr(_ text: String, timeout: TimeInterval = 60) -> Bool {
        waitUntil(timeout: timeout) { self.stderr.contains(text) }
    }

    /// Waits (at most `timeout` seconds, polling every 20 ms) until `condition` holds.
    @discardableResult
    public func waitUntil(timeout: TimeInterval = 60, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Sends a signal (SIGHUP, SIGTERM, ...).
    public func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// The exit status once it exits within `timeout` seconds, nil if it is still running then.
    public func waitForExit(timeout: TimeInterval = 60) -> Int32? {
        guard waitUntil(timeout: timeout, { !process.isRunning }) else { return nil }
        process.waitUntilExit()
        usleep(50_000) // let the readers take the last bytes
        return process.terminationStatus
    }

    private func append(out data: Data) { lock.withLock { outText += String(decoding: data, as: UTF8.self) } }
    private func append(err data: Data) { lock.withLock { errText += String(decoding: data, as: UTF8.self) } }

    private func reader(_ handle: FileHandle, _ sink: @escaping @Sendable (Data) -> Void) -> Thread {
        let fd = handle.fileDescriptor
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                sink(Data(buffer[..<n]))
            }
        }
        thread.start()
        return thread
    }
}
