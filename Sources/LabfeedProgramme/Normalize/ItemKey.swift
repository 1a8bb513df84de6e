// The identity of an item inside one source, kept from fetch to fetch.

public import LabfeedCore
import LabfeedHash

/// labfeed's key for an item inside its source: the source's own id (UID, guid, @id) when it
/// gives one, else the canonical URL plus the start day, else the folded title plus the start day.
///
/// Feeds that repeat one guid for several items (seen in the wild) are handled by
/// ``unique(_:)``: later items with a key already taken get the start day and a hash of the
/// folded title appended, so every item of one fetch has its own key.
public enum ItemKey {
    public static func of(_ event: Event) -> String {
        if let id = TextFolding.clean(event.sourceID) { return "id:" + id }
        let day = event.start.date.iso
        if let url = event.url.flatMap(CanonicalURL.canonical) { return "url:\(url)@\(day)" }
        return "title:\(TextFolding.fold(event.title))@\(day)"
    }

    /// One key per event, in order; duplicates disambiguated deterministically.
    public static func unique(_ events: [Event]) -> [String] {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(events.count)  // grown from empty: 2,600 rehashes for a cold sync's 600 sources
        var out: [String] = []
        out.reserveCapacity(events.count)
        for event in events {
            var key = of(event)
            if seen[key] != nil {
                key += "@\(event.start.date.iso)#\(SHA256.hex(TextFolding.fold(event.title)).prefix(12))"
                var n = 2
                let base = key
                while seen[key] != nil { key = "\(base)#\(n)"; n += 1 }
            }
            seen[key, default: 0] += 1
            out.append(key)
        }
        return out
    }
}
