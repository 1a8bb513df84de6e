// libFuzzer target: any text through the date engine (find, parse, times), in French and
// English. Built only by Fuzz/run.sh (`make fuzz`).

import LabfeedCore
import LabfeedDates

private let reference = CivilDate(year: 2022, month: 10, day: 15)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let language: DateLanguage = (bytes.first ?? 0) & 1 == 0 ? .fr : .en
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let context = DateContext(language: language, reference: reference, referenceIsPublication: (bytes.first ?? 0) & 2 != 0)
    for match in DateEngine.find(in: text, context: context) {
        _ = match.utf8Offsets(in: text)
    }
    _ = DateEngine.parse(text, context: context)
    _ = DateEngine.findTimes(in: text, language: language)
    return 0
}

#if FUZZING
import FuzzDriver

/// `main` of a -parse-as-library build: libFuzzer's driver, with this target's callback.
@_cdecl("FuzzDates_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzDates)
}
#endif
