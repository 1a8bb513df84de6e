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
// Built with -parse-as-library there is no top-level code, so no `main`: SwiftPM links `main`
// to `<module>_main`, defined here to hand control to libFuzzer's driver. A plain build has an
// (empty) main of its own and makes an executable that does nothing.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzHTML_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzHTML)
}
#endif
