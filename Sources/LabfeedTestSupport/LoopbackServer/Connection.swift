// Connection: one accepted socket of the LoopbackServer — reads requests, asks the handler,
// writes the answer as told (plain, chunked, trickled, hung, endless, reset), keeps the connection alive.

import Foundation
import Glibc
import Synchronization

struct Connection {
    let server: LoopbackServer
    let fd: Int32
    let number: Int
    private var buffer: [UInt8] = []

    init(server: LoopbackServer, fd: Int32, number: Int) {
        self.server = server
        self.fd = fd
        self.number = number
    }

    mutating func serve() {
        while !server.isStopping {
            guard let head = readHead() else { return }
            guard var request = parse(head) else { return }
            if let length = request.header("Content-Length").flatMap(Int.init), length > 0 {
                guard readBody(length) else { return }
            }
            let path = request.path
            request = server.state.withLock { s in
                s.countsByPath[path, default: 0] += 1
                request.number = s.countsByPath[path]!
                s.requests.append(request)
                s.inFlight += 1
                s.maxInFlight = max(s.maxInFlight, s.inFlight)
                s.inFlightByPath[path, default: 0] += 1
                s.maxInFlightByPath[path] = max(s.maxInFlightByPath[path] ?? 0, s.inFlightByPath[path]!)
                return request
            }
            let response = server.handler(request)
            let completed = answer(response)
            server.state.withLock { s in
                s.inFlight -= 1
                s.inFlightByPath[path, default: 1] -= 1
                if !completed { s.clientsGone += 1 }
            }
            switch response.body {
            case .hang, .endless, .reset: return
            default: break
            }
            if !completed || response.close || request.header("Connection")?.lowercased() == "close" { return }
        }
    }

    // MARK: - Reading

    /// The bytes of one request head (up to the blank line); nil when the client closed.
    private mutating func readHead() -> [UInt8]? {
        let end: [UInt8] = [13, 10, 13, 10]
        while true {
            if let range = firstRange(of: end) {
                let head = Array(buffer[..<range])
                buffer.removeFirst(range + 4)
                return head
            }
            if buffer.count > 64 * 1024 { return nil }
            guard receive() else { return nil }
        }
    }

    private mutating func readBody(_ length: Int) -> Bool {
        while buffer.count < length {
            guard receive() else { return false }
        }
        buffer.removeFirst(length)
        return true
    }

    private mutating func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[..<n])
        return true
    }

    private func firstRange(of needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for i in 0...(buffer.count - needle.count) where buffer[i] == needle[0] {
            if Array(buffer[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    private func parse(_ head: [UInt8]) -> ServerRequest? {
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2 else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return ServerRequest(method: String(parts[0]), target: String(parts[1]), headers: headers,
                             number: 0, connection: number, received: .now)
    }

    // MARK: - Writing

    /// Writes the response; false if the client went away first.
    private func answer(_ response: ServerResponse) -> Bool {
        if response.delay > .zero, !wait(response.delay) { return false }
        var head = "HTTP/1.1 \(response.status) \(ServerResponse.reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        switch response.body {
        case .hang(let duration):
            return wait(duration)
        case .bytes(let bytes):
            head += "Content-Length: \(bytes.count)\r\n"
            if response.close { head += "Connection: close\r\n" }
            return send(Array((head + "\r\n").utf8)) && send(bytes)
        case .chunked(let chunks):
            head += "Transfer-Encoding: chunked\r\n"
            if response.close { head += "Connection: close\r\n" }
            guard send(Array((head + "\r\n").utf8)) else { return false }
            for chunk in chunks where !chunk.isEmpty {
                let size = String(chunk.count, radix: 16)
                guard send(Array("\(size)\r\n".utf8) + chunk + [13, 10]) else { return false }
            }
            return send(Array("0\r\n\r\n".utf8))
        case .trickle(let bytes, let every):
            head += "Content-Length: \(bytes.count)\r\n"
            guard send(Array((head + "\r\n").utf8)) else { return false }
            for byte in bytes {
                guard wait(every), send([byte]) else { return false }
            }
            return true
        case .endless(let chunk, let declared):
            if let declared {
                head += "Content-Length: \(declared)\r\n"
            } else {
                head += "Transfer-Encoding: chunked\r\n"
            }
            guard send(Array((head + "\r\n").utf8)) else { return false }
            let piece = declared == nil ? Array("\(String(chunk.count, radix: 16))\r\n".utf8) + chunk + [13, 10] : chunk
            while !server.isStopping {
                guard send(piece) else { return false }
            }
            return false
        case .reset(let bytes, let declared):
            head += "Content-Length: \(declared)\r\n"
            guard send(Array((head + "\r\n").utf8)), send(bytes) else { return false }
            // SO_LINGER with a zero timeout: the server's close() then sends RST instead of FIN.
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            return true
        }
    }

    private func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 {
                if n < 0, errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Sleeps up to `duration` in small steps; false as soon as the client closes or the server stops.
    private func wait(_ duration: Duration) -> Bool {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            if server.isStopping || peerClosed() { return false }
            usleep(5000)
        }
        return true
    }

    /// Whether the client closed its end (a read would return end of file).
    private func peerClosed() -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN) | pollRDHUP, revents: 0)
        guard poll(&p, 1, 0) > 0 else { return false }
        if p.revents & (pollRDHUP | Int16(POLLHUP) | Int16(POLLERR)) != 0 { return true }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) == 0
    }
}

/// POLLRDHUP (Linux): the peer closed its writing end. Glibc's macro is not imported.
private let pollRDHUP: Int16 = 0x2000
