// JSONBytes.timestamp (digits written straight into the bytes) against UTCTimestamp.string.

import Foundation
import LabfeedCore
import Testing
@testable import LabfeedProgramme

struct JSONTimestampTests {
    static func written(_ date: Date) -> String {
        var out = JSONBytes(pretty: false)
        out.timestamp(date)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test(arguments: [0, 0.999, -0.5, -1, -86_400, -86_401, 59, 3_599, 86_399, 86_400, 951_782_400, 1_668_067_200.25,
                      1_900_000_000, 253_402_300_799, 253_402_300_800, -62_167_219_200, -62_167_219_201, -62_135_596_800])
    func aTimestampIsWhatUTCTimestampWrites(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Self.written(date) == "\"\(UTCTimestamp.string(date))\"")
    }

    @Test func everyHourOfSomeYearsIsWrittenAlike() {
        // Leap days, month ends and every hour of the day, around 1970, 2000, 2030 and 9999.
        for start in [-86_400 * 400, 946_684_800 - 86_400 * 200, 1_900_000_000, 253_402_300_800 - 86_400 * 400] {
            for hour in stride(from: 0, to: 86_400 * 400, by: 3_607) {
                let date = Date(timeIntervalSince1970: Double(start + hour))
                #expect(Self.written(date) == "\"\(UTCTimestamp.string(date))\"")
            }
        }
    }
}
