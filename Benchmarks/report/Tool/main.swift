// The Swift half of the benchmark report (Benchmarks/report/run.sh), not a test:
//   report-bench serve DIR PORTFILE   serve DIR's files on 127.0.0.1 with ETag, Last-Modified and
//                                     304s; PORTFILE.stats holds the request counts as JSON
//   report-bench parse FILE...        LabfeedParse on each feed (parse only), events counted
//   report-bench extract FILE...      LabfeedParse's HTML extraction on each page
//   report-bench dump FILE...         each document's parse as `fetch --json` writes it, one
//                                     line per file: a speed change must not change this output

import Foundation
import Glibc
import LabfeedCore
import LabfeedParse
import LabfeedTestSupport

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    FileHandle.standardError.write(Data("usage: report-bench serve DIR PORTFILE | parse FILE... | extract FILE...\n".utf8))
    exit(64)
}

/// A file served by the benchmark server.
struct StaticFile: Sendable {
    var bytes: [UInt8]
    var type: String
    var etag: String
}

func contentType(_ name: String) -> String {
    if name.hasSuffix(".xml") { return "application/rss+xml; charset=utf-8" }
    if name.hasSuffix(".atom") { return "application/atom+xml; charset=utf-8" }
    if name.contains("latin1") { return "text/html; charset=iso-8859-1" }
    return "text/html; charset=utf-8"
}

/// FNV-1a, enough for a benchmark's ETags.
func fnv(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return String(hash, radix: 16)
}

func serve(_ directory: String, portFile: String) throws -> Never {
    var files: [String: StaticFile] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        files["/" + name] = StaticFile(bytes: bytes, type: contentType(name), etag: "\"\(bytes.count)-\(fnv(bytes))\"")
    }
    let lastModified = "Sat, 01 Jun 2030 00:00:00 GMT"
    let table = files
    let server = try LoopbackServer { request in
        guard let file = table[request.path] else { return .text("not found", status: 404) }
        if request.header("If-None-Match") == file.etag || (request.header("If-None-Match") == nil && request.header("If-Modified-Since") == lastModified) {
            return ServerResponse(status: 304, headers: [("ETag", file.etag), ("Last-Modified", lastModified)])
        }
        return ServerResponse(status: 200, headers: [("Content-Type", file.type), ("ETag", file.etag), ("Last-Modified", lastModified)],
                              body: .bytes(file.bytes))
    }
    try "\(server.port)\n".write(toFile: portFile, atomically: true, encoding: .utf8)
    // The counts of requests (all, and conditional ones), brought up to date every 100 ms for
    // the run script to read between runs. Only the requests since the last look are counted,
    // and the file is rewritten only when they change: going over every request each time made
    // a long-lived server spin (tens of thousands of requests, 100 ms apart) beside what it timed.
    let statsFile = portFile + ".stats"
    var seen = 0, counted = 0, conditional = 0
    try? #"{"requests": 0, "conditional": 0}"#.appending("\n").write(toFile: statsFile, atomically: true, encoding: .utf8)
    while true {
        usleep(100_000)
        let new = server.requests(since: seen)
        guard !new.isEmpty else { continue }
        seen += new.count
        for request in new where request.path != "/robots.txt" {
            counted += 1
            if request.header("If-None-Match") != nil || request.header("If-Modified-Since") != nil { conditional += 1 }
        }
        let text = #"{"requests": \#(counted), "conditional": \#(conditional)}"# + "\n"
        try? text.write(toFile: statsFile, atomically: true, encoding: .utf8)
    }
}

/// Parses every file (as the sync would, format by content), printing counts and CPU time.
///
/// Each file is read just before it is parsed and dropped after, as `xmllint` does with its
/// arguments and as a sync holds one response at a time per transfer: reading all 20 MB first
/// cost the run some 5,000 page faults that neither does. The printed time counts the parses only.
func parseAll(_ paths: [String], html: Bool) throws {
    let now = Date(timeIntervalSince1970: 1_906_452_000)
    let clock = ContinuousClock()
    var elapsed = Duration.zero
    var events = 0, entries = 0, bytes = 0
    for path in paths {
        let document = try readFile(path)
        let type = html ? contentType(path) : (path.hasSuffix(".atom") ? "application/atom+xml" : "application/rss+xml")
        var context = ParseContext(now: now, url: "https://bench.example/" + (path as NSString).lastPathComponent, contentType: type)
        if html { context.forcedFormat = .html }
        let start = clock.now
        let parsed = DocumentParser.parse(document, context: context)
        elapsed += clock.now - start
        events += parsed.events.count
        entries += parsed.entries.count
        bytes += document.count
    }
    print("\(paths.count) documents, \(bytes) bytes, \(entries) entries, \(events) events, \(elapsed) (parse only, file reads not counted)")
}

/// One file's bytes, read straight into the array the parser takes (no `Data` copy in between).
func readFile(_ path: String) throws -> [UInt8] {
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
    }
    defer { try? handle.close() }
    let size = Int(try handle.seekToEnd())
    try handle.seek(toOffset: 0)
    return try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        count = 0
        while count < size {
            let got = read(handle.fileDescriptor, buffer.baseAddress! + count, size - count)
            if got < 0 { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
            if got == 0 { break }
            count += got
        }
    }
}

/// Each file parsed as `parse`/`extract` do (pages by extension), printed as JSON on one line.
func dumpAll(_ paths: [String]) throws {
    let now = Date(timeIntervalSince1970: 1_906_452_000)
    let encoder = LabfeedJSON.encoder(pretty: false)
    for path in paths {
        let document = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let html = path.hasSuffix(".html") || path.hasSuffix(".htm")
        let type = html ? contentType(path) : (path.hasSuffix(".atom") ? "application/atom+xml" : "application/rss+xml")
        let context = ParseContext(now: now, url: "https://bench.example/" + (path as NSString).lastPathComponent, contentType: type)
        let parsed = DocumentParser.parse(document, context: context)
        print(path, String(decoding: try encoder.encode(parsed), as: UTF8.self))
    }
}

switch command {
case "serve" where arguments.count == 3:
    try serve(arguments[1], portFile: arguments[2])
case "parse":
    try parseAll(Array(arguments.dropFirst()), html: false)
case "extract":
    try parseAll(Array(arguments.dropFirst()), html: true)
case "dump":
    try dumpAll(Array(arguments.dropFirst()))
default:
    FileHandle.standardError.write(Data("usage: report-bench serve DIR PORTFILE | parse FILE... | extract FILE...\n".utf8))
    exit(64)
}
