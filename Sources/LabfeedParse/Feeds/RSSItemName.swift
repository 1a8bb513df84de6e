// The element names the RSS item reader dispatches on, recognised from the name's bytes by
// length then spelling: no String is made for each child of each item (the reader's `switch`
// on `child.name` made one, then compared it with each case in turn).

import LabfeedMarkup

/// A child element's local name, as far as ``RSSReader`` cares: `.other` for every name it
/// does not read. `RSSItemName(node) == .title` exactly when `node.name == "title"`.
enum RSSItemName: Sendable, Hashable {
    case title, link, guid, description, pubDate, author, category, enclosure
    case date, subject, language, creator, issued, created, modified, encoded, body
    case updated, published, thumbnail, group, image
    case other

    init(_ node: MarkupNode) {
        self = node.withLocalNameBytes { b in
            /// Whether the name is exactly `s`, once its length is known to match.
            func eq(_ s: StaticString) -> Bool {
                let p = s.utf8Start
                for i in 0..<b.count where b[i] != p[i] { return false }
                return true
            }
            switch b.count {
            case 4: return eq("link") ? .link : eq("guid") ? .guid : eq("date") ? .date : eq("body") ? .body : .other
            case 5: return eq("title") ? .title : eq("group") ? .group : eq("image") ? .image : .other
            case 6: return eq("author") ? .author : eq("issued") ? .issued : .other
            case 7:
                return eq("pubDate") ? .pubDate : eq("subject") ? .subject : eq("creator") ? .creator
                    : eq("created") ? .created : eq("updated") ? .updated : eq("encoded") ? .encoded : .other
            case 8: return eq("category") ? .category : eq("language") ? .language : eq("modified") ? .modified : .other
            case 9: return eq("enclosure") ? .enclosure : eq("published") ? .published : eq("thumbnail") ? .thumbnail : .other
            case 11: return eq("description") ? .description : .other
            default: return .other
            }
        }
    }

    /// Every name with its case (for tests: each must be recognised, and nothing else).
    static let spelled: [(String, RSSItemName)] = [
        ("title", .title), ("link", .link), ("guid", .guid), ("description", .description), ("pubDate", .pubDate),
        ("author", .author), ("category", .category), ("enclosure", .enclosure), ("date", .date), ("subject", .subject),
        ("language", .language), ("creator", .creator), ("issued", .issued), ("created", .created),
        ("modified", .modified), ("encoded", .encoded), ("body", .body), ("updated", .updated),
        ("published", .published), ("thumbnail", .thumbnail), ("group", .group), ("image", .image),
    ]
}
