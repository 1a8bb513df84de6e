// HTTP/2: where an https server offers it (TLS ALPN), concurrent fetches to one host run as
// streams of one connection. The server is nghttpd (Debian package nghttp2-server, installed by
// `make deps`) on 127.0.0.1, with the self-signed certificate of Fixtures/ trusted through
// FetchOptions.caFile. Plain http stays HTTP/1.1 with keep-alive (checked on LoopbackServer).
// Without nghttpd the HTTP/2 tests are skipped, saying why.

import Foundation
import Glibc
import LabfeedFetch
import LabfeedTestSupport
import Testing

struct HTTP2Tests {
    static let skipReason: Comment = "nghttpd is not installed (Debian package nghttp2-server; `make deps` installs it)"

    @Test(.enabled(if: NGHTTPD.executable != nil, skipReason))
    func twentyConcurrentFetchesShareOneHTTP2Connection() async throws {
        let server = try await NGHTTPD(files: 20)
        var options = FetchOptions.test
        options.caFile = try NGHTTPD.fixturePath("loopback-cert.pem")
        options.concurrency = 20
        options.perHost = 20
        let responses = try await server.fetchAll(options: options)
        let log = server.stop()

        #expect(responses.count == 20)
        for (name, response) in responses {
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == NGHTTPD.content(name))
            #expect(response.httpVersion == "2", "\(name) came over HTTP/\(response.httpVersion ?? "?")")
        }
        // Seen from both ends: libcurl opened one connection, and nghttpd served every request on it.
        #expect(responses.values.reduce(0) { $0 + $1.connectionsOpened } == 1)
        #expect(NGHTTPD.connectionsWithRequests(log) == 1, "nghttpd log:\n\(log.suffix(2000))")
        #expect(NGHTTPD.requestCount(log) == 20)
    }

    @Test(.enabled(if: NGHTTPD.executable != nil, skipReason))
    func theDefaultPerHostLimitStillSharesOneConnection() async throws {
        // per_host 2 caps the requests in flight to the host, streams included: politeness is
        // about the server's load. With HTTP/2 the two run on one connection instead of two.
        let server = try await NGHTTPD(files: 10)
        var options = FetchOptions.test
        options.caFile = try NGHTTPD.fixturePath("loopback-cert.pem")
        options.perHost = 2
        let responses = try await server.fetchAll(options: options)
        let log = server.stop()

        #expect(responses.count == 10)
        #expect(responses.values.allSatisfy { $0.httpVersion == "2" })
        #expect(responses.values.reduce(0) { $0 + $1.connectionsOpened } == 1)
        #expect(NGHTTPD.connectionsWithRequests(log) == 1, "nghttpd log:\n\(log.suffix(2000))")
    }

    @Test(.enabled(if: NGHTTPD.executable != nil, skipReason))
    func anUntrustedCertificateFailsAsTLS() async throws {
        // Without the test CA the self-signed certificate is refused: caFile is what made the
        // other tests pass, not a relaxed check.
        let server = try await NGHTTPD(files: 1)
        let fetcher = Fetcher(options: .test, environment: [:])
        let error = await fetchError(fetcher, FetchRequest(url: server.url("doc-0.txt")))
        await fetcher.shutdown()
        _ = server.stop()
        #expect(error?.kind == .tls, "\(String(describing: error))")
    }

    @Test func plainHTTPStaysHTTP11AndReusesItsConnection() async throws {
        try await withServer({ _ in .text("hello") }) { server, fetcher in
            let first = try await fetcher.fetch(FetchRequest(url: server.url("/a")))
            let second = try await fetcher.fetch(FetchRequest(url: server.url("/b")))
            #expect(first.httpVersion == "1.1")
            #expect(second.httpVersion == "1.1")
            #expect(first.connectionsOpened == 1)
            #expect(second.connectionsOpened == 0)
            #expect(server.connections == 1)
        }
    }
}

/// nghttpd serving `files` small text files over https (HTTP/2 only, self-signed certificate)
/// on a free port of 127.0.0.1, its verbose log going to a file.
final class NGHTTPD: Sendable {
    let port: Int
    let directory: URL
    let process: ChildProcess

    /// The nghttpd program, looked for in PATH and in the sbin directories Debian puts it in.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin", "/usr/bin"]
        return dirs.map { $0 + "/nghttpd" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func fixturePath(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
            throw FixtureMissing(name: name)
        }
        return url.path
    }

    /// The text of file `name`: its name repeated, about 2 KiB (several DATA frames' worth).
    static func content(_ name: String) -> String {
        String(repeating: "\(name) ", count: 200)
    }

    init(files: Int) async throws {
        guard let executable = NGHTTPD.executable else { throw NGHTTPDError("nghttpd is not installed") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("labfeed-h2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for i in 0..<files {
            try NGHTTPD.content("doc-\(i).txt").write(to: directory.appendingPathComponent("doc-\(i).txt"), atomically: true, encoding: .utf8)
        }
        port = try NGHTTPD.freePort()
        process = try ChildProcess(executable, [
            "--verbose", "--address=127.0.0.1", "--htdocs=\(directory.path)", String(port),
            try NGHTTPD.fixturePath("loopback-key.pem"), try NGHTTPD.fixturePath("loopback-cert.pem"),
        ])
        guard try await NGHTTPD.waitUntilListening(port: port) else {
            let exit = process.wait(timeout: .seconds(1))
            try? FileManager.default.removeItem(at: directory)
            throw NGHTTPDError("nghttpd did not listen on 127.0.0.1:\(port) within 5 s: \(exit)")
        }
    }

    func url(_ name: String) -> URL {
        URL(string: "https://127.0.0.1:\(port)/\(name)")!
    }

    /// Fetches every file at once through one Fetcher; the responses by file name.
    func fetchAll(options: FetchOptions) async throws -> [String: FetchResponse] {
        let names = (try FileManager.default.contentsOfDirectory(atPath: directory.path)).sorted()
        let fetcher = Fetcher(options: options, environment: [:])
        do {
            let responses = try await withThrowingTaskGroup(of: (String, FetchResponse).self) { group in
                for name in names {
                    group.addTask { (name, try await fetcher.fetch(FetchRequest(url: self.url(name)))) }
                }
                var all: [String: FetchResponse] = [:]
                for try await (name, response) in group { all[name] = response }
                return all
            }
            await fetcher.shutdown()
            return responses
        } catch {
            await fetcher.shutdown()
            _ = stop()
            throw error
        }
    }

    /// Stops nghttpd and removes its files; returns its log (nghttpd flushes every line).
    func stop() -> String {
        // SIGKILL: a child spawned from a test thread inherits its blocked SIGTERM and SIGINT.
        process.send(SIGKILL)
        let exit = process.wait(timeout: .seconds(60))
        try? FileManager.default.removeItem(at: directory)
        return exit.stdout
    }

    /// Connections on which nghttpd received a request (`[id=N] ... recv HEADERS frame`).
    static func connectionsWithRequests(_ log: String) -> Int {
        Set(requestLines(log).compactMap { line in
            line.split(separator: "]", maxSplits: 1).first.map { String($0) }
        }).count
    }

    /// Requests nghttpd received, over every connection.
    static func requestCount(_ log: String) -> Int {
        requestLines(log).count
    }

    private static func requestLines(_ log: String) -> [Substring] {
        log.split(separator: "\n").filter { $0.hasPrefix("[id=") && $0.contains("recv HEADERS frame") }
    }

    /// A port of 127.0.0.1 nobody listens on now (bound to port 0, read, released).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw NGHTTPDError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw NGHTTPDError("cannot find a free port on 127.0.0.1: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Tries to connect every 20 ms, at most 250 times (5 s).
    private static func waitUntilListening(port: Int) async throws -> Bool {
        for _ in 0..<250 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return false }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

/// nghttpd could not be started.
struct NGHTTPDError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
