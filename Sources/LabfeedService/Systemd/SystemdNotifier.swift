// sd_notify without libsystemd: one datagram to $NOTIFY_SOCKET per message (READY=1, STATUS=…,
// WATCHDOG=1, STOPPING=1), and the watchdog period from $WATCHDOG_USEC.

public import Foundation
import Glibc

/// Tells systemd how the service is doing (the `sd_notify(3)` protocol).
///
/// The protocol is a datagram of `KEY=VALUE` lines sent to the `AF_UNIX` socket named by
/// `$NOTIFY_SOCKET`; a name starting with `@` is in the abstract namespace. Without
/// `$NOTIFY_SOCKET` (not started by systemd, or not `Type=notify`) every call does nothing.
/// Sending never blocks and never throws: a lost notification must not stop the daemon.
public struct SystemdNotifier: Sendable {
    /// The socket's name as `$NOTIFY_SOCKET` gives it, nil when not under systemd.
    public let socketPath: String?
    /// How often systemd expects `WATCHDOG=1` at the latest (`$WATCHDOG_USEC`), nil when the
    /// watchdog is off or meant for another process (`$WATCHDOG_PID`).
    public let watchdogTimeout: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = path.flatMap { ($0.hasPrefix("/") || $0.hasPrefix("@")) ? $0 : nil }
        var timeout: Duration?
        if let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0 {
            let forUs = environment["WATCHDOG_PID"].flatMap(Int32.init).map { $0 == getpid() } ?? true
            if forUs { timeout = .microseconds(Int64(clamping: usec)) }
        }
        watchdogTimeout = timeout
    }

    /// Whether notifications go anywhere.
    public var isEnabled: Bool { socketPath != nil }

    /// How often to send `WATCHDOG=1`: half the timeout, as sd_watchdog_enabled(3) advises.
    public var watchdogInterval: Duration? { watchdogTimeout.map { $0 / 2 } }

    /// The service is up (and its first schedule set).
    public func ready(status: String) { send("READY=1\nSTATUS=\(Self.oneLine(status))") }

    /// A line for `systemctl status`.
    public func status(_ text: String) { send("STATUS=\(Self.oneLine(text))") }

    /// The service is alive (keeps the watchdog from restarting it).
    public func watchdog() { send("WATCHDOG=1") }

    /// The service is shutting down.
    public func stopping(status: String = "stopping") { send("STOPPING=1\nSTATUS=\(Self.oneLine(status))") }

    /// The service is reloading its configuration; `ready` follows.
    public func reloading() { send("RELOADING=1") }

    /// Sends one raw message; false when there is no socket or the send failed.
    @discardableResult
    public func send(_ message: String) -> Bool {
        guard let socketPath else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(socketPath.utf8)
        if name.first == UInt8(ascii: "@") { name[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in name.enumerated() { raw[i] = byte }
        }
        // Abstract names are exactly their bytes; paths may include the terminating zero.
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count + (name.first == 0 ? 0 : 1)
        let bytes = Array(message.utf8)
        let sent = bytes.withUnsafeBytes { body in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, body.baseAddress, body.count, Int32(MSG_NOSIGNAL), $0, socklen_t(length))
                }
            }
        }
        return sent == bytes.count
    }

    /// STATUS= takes one line.
    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }
}
