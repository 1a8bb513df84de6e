// Cleans one event before matching and merging: text tidied, URLs canonical, defaults applied.

public import LabfeedCore

/// Normalises events field by field. Never invents a value: defaults come from the source's
/// configuration (feeds.yml), and only fill fields the event leaves empty.
public enum EventNormalizer {
    public static func normalize(_ event: Event) -> Event {
        var e = event
        e.title = TextFolding.clean(e.title) ?? e.title
        e.description = TextFolding.clean(e.description)
        e.url = e.url.flatMap(CanonicalURL.canonical)
        e.onlineURL = e.onlineURL.flatMap(CanonicalURL.canonical)
        e.image = e.image.flatMap(CanonicalURL.canonical)
        e.sourceID = TextFolding.clean(e.sourceID)
        e.language = TextFolding.clean(e.language)
        if var l = e.location {
            l.name = TextFolding.clean(l.name)
            l.address = TextFolding.clean(l.address)
            l.locality = TextFolding.clean(l.locality)
            l.postalCode = TextFolding.clean(l.postalCode)
            l.region = TextFolding.clean(l.region)
            l.country = TextFolding.clean(l.country)
            e.location = l.isEmpty ? nil : l
        }
        if var o = e.organizer {
            o.name = TextFolding.clean(o.name)
            o.url = o.url.flatMap(CanonicalURL.canonical)
            e.organizer = o.name == nil && o.url == nil ? nil : o
        }
        if var r = e.registration {
            r.url = r.url.flatMap(CanonicalURL.canonical)
            e.registration = r
        }
        e.keywords = e.keywords.compactMap { TextFolding.clean($0) }
        e.alternates = e.alternates.map { Alternate(language: $0.language, url: CanonicalURL.canonical($0.url) ?? $0.url) }
        return e
    }

    /// Fills the organiser, place and language a source's configuration gives, where the event
    /// has none.
    public static func applyDefaults(_ event: Event, from source: SourceConfig) -> Event {
        var e = event
        if e.organizer?.name == nil, let name = source.organizer {
            e.organizer = Organizer(name: name, url: e.organizer?.url)
        }
        if e.location == nil || e.location?.isEmpty == true, let place = source.location {
            e.location = place
        }
        if e.language == nil, let lang = source.language { e.language = lang }
        return e
    }
}
