// Benchmark of prose extraction on whole pages: a programme page and an article padded to
// 100-200 KB with navigation, comments and "related" lists, read end to end (HTML parse, main
// content, dates, events). Not a test: `swift run -c release prose-benchmark [seconds]`.
// `prose-benchmark explain FILE [--fetch-date YYYY-MM-DD]` prints how one page was read.

import Foundation
import LabfeedCore
import LabfeedParse

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "explain", arguments.count >= 2 {
    let path = arguments[1]
    var fetch = CivilDate(year: 2025, month: 6, day: 1)
    if let i = arguments.firstIndex(of: "--fetch-date"), i + 1 < arguments.count, let d = CivilDate(iso: arguments[i + 1]) {
        fetch = d
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("prose-benchmark: cannot read \(path)\n".utf8))
        exit(1)
    }
    let context = ProseContext(fetchDate: fetch, pageURL: "https://example.org/page")
    let result: ProseResult
    if path.hasSuffix(".txt") || path.hasSuffix(".md") {
        result = ProseExtractor.extract(plainText: String(decoding: data, as: UTF8.self), context: context)
    } else {
        do {
            result = try ProseExtractor.extract(html: [UInt8](data), context: context)
        } catch {
            FileHandle.standardError.write(Data("prose-benchmark: \(path): \(error)\n".utf8))
            exit(1)
        }
    }
    print(result.render())
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    if let json = try? encoder.encode(result.events) { print(String(decoding: json, as: UTF8.self)) }
    exit(0)
}

print("prose-benchmark: not written yet")
