// libFuzzer target: any text through the feeds.yml loader (YAML with positions, every key's
// checks, suggestions). Built only by Fuzz/run.sh (`make fuzz`).

import LabfeedCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try ConfigLoader.parse(text, file: "fuzz.yml", directory: "/nonexistent")
    } catch {
        _ = error.description
    }
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

@_cdecl("FuzzConfig_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzConfig)
}
#endif
