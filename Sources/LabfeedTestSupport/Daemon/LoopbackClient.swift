// A tiny blocking HTTP/1.1 client for tests of labfeed's own server on 127.0.0.1: every status
// (errors included) with its raw body, undecoded, so tests see exactly what was sent.

import Foundation
import Glibc

/// One HTTP response as received.
public struct ClientResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The body as sent (still gzip-encoded if it was).
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// GET requests to 127.0.0.1 (one connection each, `Connection: close`).
public enum LoopbackClient {
    /// ``get(port:_:headers:timeout:)`` on a thread of its own: async tests must not block the
    /// few threads of Swift's cooperative pool, which the server under test needs.
    public static func fetch(port: Int, _ path: String, headers: [(String, String)] = [], timeout: Int = 20) async throws -> ClientResponse {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try get(port: port, path, headers: headers, timeout: timeout) })
            }
            thread.start()
        }
    }

    /// GETs `path` from `127.0.0.1:port`, waiting at most `timeout` seconds for each read.
    public static func get(port: Int, _ path: String, headers: [(String, String)] = [], timeout: Int = 20) throws -> ClientResponse {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket() failed") }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServerError("cannot connect to 127.0.0.1:\(port): errno \(errno)") }
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw ServerError("cannot send the request")
        }
        var raw: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ServerError("no answer from 127.0.0.1:\(port)\(path) (errno \(errno))")
            }
            if n == 0 { break }
            raw.append(contentsOf: buffer[..<n])
        }
        return try parse(raw)
    }

    static func parse(_ raw: [UInt8]) throws -> ClientResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, raw.count - 3)).first(where: { Array(raw[$0..<$0 + 4]) == separator }) else {
            throw ServerError("incomplete response (\(raw.count) bytes)")
        }
        let head = String(decoding: raw[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ServerError("bad status line: \(head[0])") }
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(raw[(end + 4)...])
        let response = ClientResponse(status: status, headers: headers, body: [])
        if response.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            body = try dechunk(body)
        } else if let length = response.header("Content-Length").flatMap(Int.init), length <= body.count {
            body = Array(body[..<length])
        }
        return ClientResponse(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            guard let lineEnd = (i..<data.count - 1).first(where: { data[$0] == 13 && data[$0 + 1] == 10 }) else { break }
            let sizeText = String(decoding: data[i..<lineEnd], as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw ServerError("bad chunk size `\(sizeText)`")
            }
            if size == 0 { break }
            let start = lineEnd + 2
            guard start + size <= data.count else { throw ServerError("truncated chunk") }
            out.append(contentsOf: data[start..<start + size])
            i = start + size + 2
        }
        return out
    }
}
