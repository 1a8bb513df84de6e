// Small helpers the commands share: loading the configuration with located errors, dates on
// the command line, standard error.

import ArgumentParser
import Foundation
import LabfeedCore
import LabfeedParse

enum CommandConfig {
    /// Loads a configuration; on problems prints them all (located) and exits with status 1.
    static func load(_ path: String) throws -> LabfeedConfig {
        do {
            return try ConfigLoader.load(path: path, checkSelector: SelectorCheck.problem)
        } catch {
            var stderr = StandardError()
            print(error.description, to: &stderr)
            let count = error.problems.count
            print("\(path): \(count) problem\(count == 1 ? "" : "s")", to: &stderr)
            throw ExitCode(1)
        }
    }
}

enum CommandDates {
    /// `2022-11-04` (midnight UTC) or an ISO 8601 date-time with an offset.
    static func instant(_ text: String) -> Date? {
        if let day = CivilDate(iso: text) {
            return LocalDateTime(date: day, hour: 12, minute: 0, utcOffset: 0).instant
        }
        return UTCTimestamp.date(text)
    }

    static func seconds(_ d: Duration) -> TimeInterval {
        let (s, atto) = d.components
        return TimeInterval(s) + TimeInterval(atto) / 1e18
    }
}

/// Standard error as a TextOutputStream.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
