// libFuzzer target: any bytes through the HTML extractor (JSON-LD, microdata, RDFa,
// microformats, page metadata, discovered feeds). Built only by Fuzz/run.sh (`make fuzz`).

import Foundation
import LabfeedCore
import LabfeedParse

private let now = Date(timeIntervalSince1970: 1_666_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let context = ParseContext(now: now, url: "https://fuzz.example/agenda/", contentType: "text/html", forcedFormat: .html)
    let document = DocumentParser.parse(bytes, context: context)
    _ = try? LabfeedJSON.encoder(pretty: false).encode(document)
    return 0
}

#if FUZZING
import FuzzDriver

/// `main` of a -parse-as-library build: libFuzzer's driver, with this target's callback.
@_cdecl("FuzzHTML_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzHTML)
}
#endif
