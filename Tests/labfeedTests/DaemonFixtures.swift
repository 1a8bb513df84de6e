// Configurations and calendars for the tests that run `labfeed run`, `serve` and `sources`.

import Foundation
import LabfeedTestSupport

enum DaemonFixtures {
    /// A one-event calendar.
    static func calendar(_ uid: String, _ title: String, day: String = "20221108") -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//labfeed tests//EN\r
        BEGIN:VEVENT\r
        UID:\(uid)@labfeed.test\r
        DTSTAMP:20221001T080000Z\r
        DTSTART:\(day)T090000Z\r
        DTEND:\(day)T110000Z\r
        SUMMARY:\(title)\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
    }

    /// feeds.yml with local calendar sources (`id` → path relative to the file), state and
    /// output beside it.
    static func config(_ sources: [(id: String, url: String)], extraSettings: String = "") -> String {
        var text = """
            settings:
              output: Output
              state: state/state.sqlite
              keep_past: forever
            \(extraSettings)
            sources:

            """
        for source in sources {
            text += "  - id: \(source.id)\n    url: \(source.url)\n    kind: ics\n"
        }
        return text
    }

    /// A directory holding feeds.yml and calendars `a.ics`, `b.ics`.
    static func directory(sources: [String] = ["a"]) throws -> (TemporaryDirectory, String) {
        let dir = TemporaryDirectory(prefix: "labfeed-run")
        // Different days, so that deduplication keeps them apart.
        for (id, day) in [("a", "20221108"), ("b", "20221115"), ("c", "20221122")] {
            try dir.write("\(id).ics", calendar(id, "Atelier \(id.uppercased())", day: day))
        }
        let path = try dir.write("feeds.yml", config(sources.map { ($0, "\($0).ics") }))
        return (dir, path)
    }

    /// The environment for a background labfeed: nothing of the runner's systemd variables.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] { extra }
}
