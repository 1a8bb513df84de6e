// One labfeed process per state: an flock(2) on `<state>.lock`, held for the process lifetime,
// with the holder's pid and command written inside for the refusal message.

import Foundation
import Glibc

/// An exclusive lock on a state database, released when the value is released (or the process
/// ends, however it ends: the kernel drops flock locks with the file descriptor).
///
/// `labfeed run` and `labfeed sync` take it; `serve`, `sources` and `export` only read the
/// state (SQLite in WAL mode lets them) and do not.
public final class StateLock: Sendable {
    /// The lock file: the state's path plus `.lock`.
    public let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The lock file of a state database.
    public static func lockPath(forState statePath: String) -> String { statePath + ".lock" }

    /// Takes the lock of `statePath` at once, or throws naming the process that holds it.
    /// - Parameter command: what this process is (`labfeed run`), written for the next one.
    public static func acquire(statePath: String, command: String) throws(StateLockError) -> StateLock {
        let path = lockPath(forState: statePath)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StateLockError(statePath: statePath, lockPath: path, holder: nil,
                                 reason: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let code = errno
            let holder = Self.readHolder(fd)
            close(fd)
            if code == EWOULDBLOCK {
                throw StateLockError(statePath: statePath, lockPath: path, holder: holder, reason: nil)
            }
            throw StateLockError(statePath: statePath, lockPath: path, holder: nil,
                                 reason: "cannot lock \(path): \(String(cString: strerror(code)))")
        }
        let text = Array("\(getpid()) \(command)\n".utf8)
        ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return StateLock(path: path, fd: fd)
    }

    /// "1234 labfeed run", as the holder wrote it.
    private static func readHolder(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

/// Another process holds the state, or the lock file cannot be used.
public struct StateLockError: Error, Sendable, CustomStringConvertible {
    public var statePath: String
    public var lockPath: String
    /// "PID COMMAND" of the holder, when it could be read.
    public var holder: String?
    /// Set when the lock could not be tried at all (permissions...).
    public var reason: String?

    /// The holder's process id.
    public var holderPID: Int32? { holder?.split(separator: " ").first.flatMap { Int32($0) } }

    public var description: String {
        if let reason { return reason }
        var who = "another labfeed process"
        if let holder {
            let parts = holder.split(separator: " ", maxSplits: 1)
            who = "another labfeed (pid \(parts[0])\(parts.count > 1 ? ", `\(parts[1])`" : ""))"
        }
        return "\(who) is already using the state \(statePath) (lock \(lockPath)); stop it first, or give this one another `state:`"
    }
}
