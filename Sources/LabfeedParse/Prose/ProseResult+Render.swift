// `--explain` for people: the main content chosen, the publication date, then each date of the
// page with what became of it (event, merged, or left and why) and the rules that decided.

import LabfeedCore

extension ProseResult {
    /// A plain-text report of how the page was read, one paragraph per date.
    public func render() -> String {
        var out: [String] = []
        out.append("main content: \(mainContent.path) — \(mainContent.reason) (\(mainContent.textLength) characters, "
            + "link density \(mainContent.linkDensity), \(mainContent.blockCount) blocks)")
        for other in mainContent.candidates.dropFirst() { out.append("  also considered: \(other)") }
        if let publicationDate {
            out.append("publication date: \(publicationDate.iso) (\(publicationSource ?? "given"))")
        } else {
            out.append("publication date: none found (years left out are reckoned from the fetch date)")
        }
        out.append("\(events.count) event\(events.count == 1 ? "" : "s") from prose, \(explanations.count) date expression\(explanations.count == 1 ? "" : "s")")
        for e in explanations {
            let when = e.start + (e.end.map { " … \($0)" } ?? "")
            switch e.outcome {
            case .accepted:
                let event = e.eventIndex.map { events[$0] }
                let title = event.map { "“\($0.title)”" } ?? ""
                let confidence = event.map { " confidence \($0.confidence)" } ?? ""
                out.append("EVENT    “\(e.span)” → \(when) [\(e.language ?? "?")] \(title)\(confidence)")
            case .merged:
                out.append("MERGED   “\(e.span)” → \(when) [\(e.language ?? "?")] into event #\((e.eventIndex ?? -1) + 1)"
                    + (e.detail.map { ": \($0)" } ?? ""))
            case .rejected:
                out.append("REJECTED “\(e.span)” → \(when): \(e.reason?.rawValue ?? "?")" + (e.detail.map { " (\($0))" } ?? ""))
            }
            out.append("         in \(e.location): \(e.sentence)")
            if e.outcome != .rejected { out.append("         rules: \(e.rules.joined(separator: ", "))") }
        }
        for w in warnings { out.append("warning: \(w)") }
        return out.joined(separator: "\n")
    }
}
