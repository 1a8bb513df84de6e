// Stable identities for feed entries: the guid when it is trustworthy, else the link, else a
// hash of title and date, so that no item of a feed is lost to a repeated or missing guid.

/// Assigns each entry of one feed an id that is unique within the feed.
///
/// Rules: an entry keeps its guid (`guid`, `atom:id`, JSON Feed `id`) unless another entry of
/// the same feed has the same one. Entries without a usable guid take their link when no other
/// entry shares it, else `hash:` and 16 hex digits of FNV-1a over title and date (stable across
/// runs and machines). Ids that still collide (identical items) get `#2`, `#3`. Each fallback
/// caused by a repeat is reported in the warnings.
enum FeedIdentity {
    struct Candidate {
        var guid: String?
        var link: String?
        var title: String
        var date: String?
        var place: String
    }

    static func assign(_ candidates: [Candidate], warnings: inout [String]) -> [String] {
        if let ids = distinctGuids(candidates) { return ids }
        return assignByRules(candidates, warnings: &warnings)
    }

    /// ``assign(_:warnings:)`` by the rules above, step by step (what the fast path must equal).
    static func assignByRules(_ candidates: [Candidate], warnings: inout [String]) -> [String] {
        var guidCount: [String: Int] = [:]
        var linkCount: [String: Int] = [:]
        guidCount.reserveCapacity(candidates.count)
        linkCount.reserveCapacity(candidates.count)
        for c in candidates {
            if let g = c.guid { guidCount[g, default: 0] += 1 }
            if let l = c.link { linkCount[l, default: 0] += 1 }
        }
        var reported: Set<String> = []
        var ids: [String] = []
        ids.reserveCapacity(candidates.count)
        for c in candidates {
            if let g = c.guid, guidCount[g] == 1 {
                ids.append(g)
                continue
            }
            if let g = c.guid, !reported.contains(g) {
                reported.insert(g)
                let places = candidates.filter { $0.guid == g }.prefix(5).map(\.place).joined(separator: ", ")
                warnings.append("guid \(g.debugDescription) is repeated by \(guidCount[g]!) items (\(places)); their ids fall back to the link, else a hash of title and date")
            }
            if let l = c.link, linkCount[l] == 1 {
                ids.append(l)
            } else {
                ids.append(hashID(title: c.title, date: c.date))
            }
        }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(ids.count)
        for i in ids.indices {
            let n = seen[ids[i], default: 0] + 1
            seen[ids[i]] = n
            if n > 1 {
                warnings.append("\(candidates[i].place): same id as an earlier item (\(ids[i].debugDescription)); kept as \(ids[i])#\(n)")
                ids[i] += "#\(n)"
            }
        }
        return ids
    }

    /// The guids, when every candidate has one and no two share it (most feeds): then each
    /// entry keeps its guid, the ids are unique and nothing is reported, which is what the
    /// general rules give, with one hashing of each guid instead of five of guids and links.
    static func distinctGuids(_ candidates: [Candidate]) -> [String]? {
        var seen = Set<String>(minimumCapacity: candidates.count)
        var ids: [String] = []
        ids.reserveCapacity(candidates.count)
        for c in candidates {
            guard let g = c.guid, seen.insert(g).inserted else { return nil }
            ids.append(g)
        }
        return ids
    }

    /// `hash:` + FNV-1a 64 of the title and the date text, in hex.
    static func hashID(title: String, date: String?) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in title.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        h = (h ^ 0x1F) &* 0x0000_0100_0000_01B3
        for byte in (date ?? "").utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hex = String(h, radix: 16)
        return "hash:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
