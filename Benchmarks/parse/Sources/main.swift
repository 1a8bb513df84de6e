// Memory benchmark of LabfeedParse: parses one file and prints its size, the entry count, the
// resident memory before and after loading it, and the peak during the parse
// (Linux /proc/self/status). Usage: ParseBenchmark FILE (see ../run.sh).

import Foundation
import LabfeedCore
import LabfeedParse

/// A field of /proc/self/status in kilobytes (VmRSS, VmHWM), or 0 off Linux.
func status(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
    }
    return 0
}

/// The file's bytes, read straight into one array (no intermediate Data copy).
func load(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    fseek(file, 0, SEEK_END)
    let size = ftell(file)
    fseek(file, 0, SEEK_SET)
    guard size >= 0 else { return nil }
    return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        count = fread(buffer.baseAddress, 1, size, file)
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 2, let _ = fopen(arguments[1], "rb") else {
    FileHandle.standardError.write(Data("usage: ParseBenchmark FILE\n".utf8))
    exit(2)
}
let baseline = status("VmRSS")
guard let bytes = load(arguments[1]) else { exit(1) }
let loaded = status("VmRSS")
let started = Date()
let doc = DocumentParser.parse(bytes, context: ParseContext(now: Date(), url: "https://big.example.org/feed/"))
let seconds = Date().timeIntervalSince(started)
let peak = status("VmHWM")
let size = Double(bytes.count)
func ratio(_ kib: Int) -> String { String(format: "%.2fx", Double(kib * 1024) / size) }
print("file: \(bytes.count / 1024) KiB, format: \(doc.format.rawValue), entries: \(doc.entries.count), warnings: \(doc.warnings.count)")
print("resident: \(baseline) KiB before loading, \(loaded) KiB loaded, \(peak) KiB peak")
print("peak growth with the input: \(peak - baseline) KiB = \(ratio(peak - baseline)) the file; parse alone: \(peak - loaded) KiB = \(ratio(peak - loaded))")
print("time: \(String(format: "%.2f", seconds)) s")
