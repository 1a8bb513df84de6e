// The hand-over to libFuzzer's driver, shared by the fuzz targets under Fuzz/. Built only with
// -DFUZZING (Fuzz/run.sh, `make fuzz`): a plain build compiles nothing here.

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// Runs libFuzzer's driver with the process's arguments, `callback` taking each input.
///
/// Why: a target is built with -parse-as-library, so it has no top-level code and no `main`;
/// SwiftPM links `main` to `<module>_main`, which each target defines to call this.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, callback)
}
#endif
