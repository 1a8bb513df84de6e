// `--listen` values: `127.0.0.1:8080`, `[::1]:8080`, `localhost:8080`, or a bare port (loopback).

import Foundation

/// Where the HTTP server binds. Loopback unless the operator names another address.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    /// 0 asks the system for a free port (tests; the bound port is then reported).
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT`, `[IPv6]:PORT` or `PORT`; nil (with the reason) when malformed.
    public static func parse(_ text: String) -> Result<ListenAddress, ListenAddressError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        func port(_ p: Substring) -> Int? { Int(p).flatMap { (0...65_535).contains($0) ? $0 : nil } }
        if let only = port(Substring(t)) { return .success(ListenAddress(port: only)) }
        if t.hasPrefix("[") {
            guard let close = t.firstIndex(of: "]"), t[t.index(after: close)...].hasPrefix(":"),
                  let p = port(t[t.index(close, offsetBy: 2)...]) else {
                return .failure(ListenAddressError(text: text))
            }
            return .success(ListenAddress(host: String(t[t.index(after: t.startIndex)..<close]), port: p))
        }
        guard let colon = t.lastIndex(of: ":"), let p = port(t[t.index(after: colon)...]) else {
            return .failure(ListenAddressError(text: text))
        }
        let host = String(t[..<colon])
        guard !host.isEmpty, !host.contains(":") else { return .failure(ListenAddressError(text: text)) }
        return .success(ListenAddress(host: host, port: p))
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A `--listen` value that is not `HOST:PORT`.
public struct ListenAddressError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var description: String {
        "--listen takes HOST:PORT, [IPv6]:PORT or PORT (such as 127.0.0.1:8080), not `\(text)`"
    }
}
