// The problems ConfigLoader finds in a YAML text, for the suites that check its messages.

import LabfeedCore
import Testing

/// The problems of `yaml` read as `file`, or an issue recorded when it loads.
func configProblems(_ yaml: String, file: String = "feeds.yml") -> [ConfigProblem] {
    do {
        _ = try ConfigLoader.parse(yaml, file: file, directory: "/etc/labfeed")
        Issue.record("expected the config to be refused")
        return []
    } catch {
        return error.problems
    }
}
