// A receiving end for sd_notify in tests: a datagram socket the test creates, whose path goes
// into $NOTIFY_SOCKET of the code under test.

public import Foundation
import Glibc

/// Receives sd_notify datagrams on a socket in a temporary directory (or, with `abstract`, in
/// the abstract namespace, as `@name`).
public final class NotifyListener: @unchecked Sendable {
    /// The value for `$NOTIFY_SOCKET`.
    public let address: String
    private let fd: Int32
    private let lock = NSLock()
    private var received: [String] = []

    public init(directory: String, abstract: Bool = false) throws {
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket(AF_UNIX) failed: errno \(errno)") }
        var name: [UInt8]
        if abstract {
            address = "@labfeed-test-\(UUID().uuidString.prefix(12))"
            name = Array(address.utf8)
            name[0] = 0
        } else {
            address = "\(directory)/notify.sock"
            name = Array(address.utf8) + [0]
        }
        var sa = sockaddr_un()
        sa.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &sa.sun_path) { raw in for (i, b) in name.enumerated() { raw[i] = b } }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count
        let bound = withUnsafePointer(to: &sa) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) }
        }
        guard bound == 0 else {
            close(fd)
            throw ServerError("cannot bind \(address): errno \(errno)")
        }
    }

    deinit {
        close(fd)
        if address.hasPrefix("/") { unlink(address) }
    }

    /// Every message received so far, in order.
    public var messages: [String] {
        drain()
        return lock.withLock { received }
    }

    /// Waits (at most `timeout` seconds) until a message satisfies `predicate`; returns it.
    public func waitFor(timeout: TimeInterval = 30, _ predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let hit = messages.first(where: predicate) { return hit }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return nil }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, Int32(min(left, 0.5) * 1000))
        }
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n <= 0 { return }
            let text = String(decoding: buffer[..<n], as: UTF8.self)
            lock.withLock { received.append(text) }
        }
    }
}
