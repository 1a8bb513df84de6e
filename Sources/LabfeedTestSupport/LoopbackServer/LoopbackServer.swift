// LoopbackServer: a small HTTP/1.1 server on 127.0.0.1 (ephemeral port) for network tests,
// built on POSIX sockets so tests control every byte: status, headers, chunked bodies, delays,
// trickling, hanging, closing. One thread accepts; each connection gets its own thread and
// serves requests with keep-alive. It records every request, the largest number of requests in
// flight at once (per path and overall), connections accepted, and clients that went away
// mid-response. `stop()` closes everything and waits (bounded) for its threads.

public import Foundation
import Glibc
import Synchronization

/// An HTTP server on 127.0.0.1 answering with what the test's handler says.
public final class LoopbackServer: Sendable {
    public typealias Handler = @Sendable (ServerRequest) -> ServerResponse

    struct State {
        var requests: [ServerRequest] = []
        var countsByPath: [String: Int] = [:]
        var inFlightByPath: [String: Int] = [:]
        var maxInFlightByPath: [String: Int] = [:]
        var inFlight = 0
        var maxInFlight = 0
        var connections = 0
        var openSockets: Set<Int32> = []
        var threads = 0
        var clientsGone = 0
        var stopping = false
    }

    /// The port bound on 127.0.0.1.
    public let port: Int
    let listener: Int32
    let handler: Handler
    let state = Mutex(State())

    /// Binds 127.0.0.1 on an ephemeral port and starts accepting.
    public init(handler: @escaping Handler) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 256) == 0 else {
            close(fd)
            throw ServerError("cannot listen on 127.0.0.1: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        state.withLock { $0.threads += 1 }
        let thread = Thread { [self] in self.acceptLoop() }
        thread.name = "loopback-accept"
        thread.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:PORT`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `http://127.0.0.1:PORT` + `path`.
    public func url(_ path: String) -> URL {
        URL(string: baseURL + path)!
    }

    // MARK: - What was seen

    /// Every request read so far, in arrival order.
    public var requests: [ServerRequest] { state.withLock { $0.requests } }

    /// The requests received after the first `start` (none when there are no more): for a
    /// caller that counts as requests come, without going over all of them each time.
    public func requests(since start: Int) -> [ServerRequest] {
        state.withLock { $0.requests.count > start ? Array($0.requests[max(0, start)...]) : [] }
    }

    /// The requests to `path` (query excluded).
    public func requests(to path: String) -> [ServerRequest] {
        state.withLock { $0.requests.filter { $0.path == path } }
    }

    /// The most requests to `path` that were being answered at the same time.
    public func maxConcurrent(path: String) -> Int { state.withLock { $0.maxInFlightByPath[path] ?? 0 } }

    /// The most requests, all paths together, being answered at the same time.
    public var maxConcurrent: Int { state.withLock { $0.maxInFlight } }

    /// Connections accepted so far.
    public var connections: Int { state.withLock { $0.connections } }

    /// Responses the client abandoned (it closed the connection before the end).
    public var clientsGone: Int { state.withLock { $0.clientsGone } }

    // MARK: - Stopping

    /// Closes the listener and every connection, then waits (at most 5 s) for the threads.
    public func stop() {
        // Under the lock, so that no socket is closed (and its number reused) meanwhile.
        state.withLock { s in
            guard !s.stopping else { return }
            s.stopping = true
            shutdown(listener, Int32(SHUT_RDWR))
            for fd in s.openSockets { shutdown(fd, Int32(SHUT_RDWR)) }
        }
        let deadline = ContinuousClock.now + .seconds(5)
        while state.withLock({ $0.threads }) > 0, ContinuousClock.now < deadline {
            usleep(1000)
        }
    }

    var isStopping: Bool { state.withLock { $0.stopping } }

    private func acceptLoop() {
        defer {
            close(listener)
            state.withLock { $0.threads -= 1 }
        }
        while !isStopping {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            var yes: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let number = state.withLock { s -> Int? in
                guard !s.stopping else { return nil }
                s.connections += 1
                s.threads += 1
                s.openSockets.insert(fd)
                return s.connections
            }
            guard let number else {
                close(fd)
                return
            }
            let thread = Thread { [self] in
                var connection = Connection(server: self, fd: fd, number: number)
                connection.serve()
                state.withLock { s in
                    s.openSockets.remove(fd)
                    close(fd)
                    s.threads -= 1
                }
            }
            thread.name = "loopback-connection"
            thread.start()
        }
    }
}

/// A failure to start the server.
public struct ServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
