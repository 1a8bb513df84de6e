// The filter of `labfeed export`: dates, region, organiser and text, applied before rendering.

public import LabfeedCore

/// Selects events of a programme. Every criterion is optional; all given ones must hold.
///
/// - `from`/`to`: the event's days (start to end) overlap `from...to` (inclusive).
/// - `region`, `organizer`: folded (case, accents, punctuation) comparison; the region must be
///   equal, the organiser name must contain the text.
/// - `query`: every folded word appears in the event's folded title, titles, description,
///   place, organiser, region or keywords.
public struct ProgrammeFilter: Sendable, Hashable {
    public var from: CivilDate?
    public var to: CivilDate?
    public var region: String?
    public var organizer: String?
    public var query: String?

    public init(from: CivilDate? = nil, to: CivilDate? = nil, region: String? = nil, organizer: String? = nil, query: String? = nil) {
        self.from = from
        self.to = to
        self.region = region
        self.organizer = organizer
        self.query = query
    }

    public var isEmpty: Bool { from == nil && to == nil && region == nil && organizer == nil && query == nil }

    public func matches(_ item: ProgrammeEvent) -> Bool {
        if let from, item.endDay < from { return false }
        if let to, item.startDay > to { return false }
        if let region, !region.isEmpty {
            guard let r = item.region ?? item.event.location?.region, TextFolding.fold(r) == TextFolding.fold(region) else { return false }
        }
        if let organizer, !organizer.isEmpty {
            guard let name = item.event.organizer?.name, TextFolding.fold(name).contains(TextFolding.fold(organizer)) else { return false }
        }
        if let query {
            let words = TextFolding.fold(query).split(separator: " ")
            if !words.isEmpty {
                let e = item.event
                var parts = [e.title, e.description ?? "", e.organizer?.name ?? "", item.region ?? ""]
                parts += [e.location?.name, e.location?.address, e.location?.locality, e.location?.region].compactMap { $0 }
                parts += item.titles.values.sorted() + e.keywords
                let text = " " + TextFolding.fold(parts.joined(separator: " ")) + " "
                for word in words where !text.contains(word) { return false }
            }
        }
        return true
    }

    /// The programme with only the matching events (sources and `updated_at` unchanged).
    public func apply(to programme: Programme) -> Programme {
        guard !isEmpty else { return programme }
        return Programme(updatedAt: programme.updatedAt, sources: programme.sources, events: programme.events.filter(matches))
    }
}
