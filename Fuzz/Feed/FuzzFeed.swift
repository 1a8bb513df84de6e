// libFuzzer target: any bytes through DocumentParser as a feed (RSS, RSS 1.0, Atom, JSON Feed,
// iCalendar, detected by content). Built only by Fuzz/run.sh (`make fuzz`) with
// -sanitize=fuzzer; a plain build makes an executable that does nothing.

import Foundation
import LabfeedCore
import LabfeedParse

/// The first byte picks the declared media type, so type-driven paths are reached too.
private let types: [String?] = [nil, "application/rss+xml", "application/atom+xml", "application/json",
                                "text/calendar; charset=utf-8", "text/xml; charset=iso-8859-1", "application/feed+json"]
private let now = Date(timeIntervalSince1970: 1_666_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeed(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let type = bytes.first.map { types[Int($0) % types.count] } ?? nil
    let document = DocumentParser.parse(Array(bytes.dropFirst()), context: ParseContext(now: now, url: "https://fuzz.example/feed", contentType: type))
    // What the sync does with a document: its JSON must always encode.
    _ = try? LabfeedJSON.encoder(pretty: false).encode(document)
    return 0
}

#if FUZZING
import FuzzDriver

/// `main` of a -parse-as-library build: libFuzzer's driver, with this target's callback.
@_cdecl("FuzzFeed_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzFeed)
}
#endif
