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
import FuzzDriver

/// `main` of a -parse-as-library build: libFuzzer's driver, with this target's callback.
@_cdecl("FuzzConfig_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzConfig)
}
#endif
