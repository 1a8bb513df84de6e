// HTML's named character references, from libxml2's own HTML 4 table.
// Feeds written by hand or by old CMSs put `&eacute;` in XML, where it is undefined; the feed
// layer rewrites such names as numeric references before parsing, using this table.

internal import CLibXML2

/// Looks up HTML named character references (`eacute` → U+00E9).
public enum HTMLEntities {
    /// The character `&name;` stands for in HTML 4, or nil when the name is unknown.
    /// Names are case-sensitive, as in HTML (`Eacute` and `eacute` differ).
    public static func scalar(named name: String) -> Unicode.Scalar? {
        guard !name.isEmpty, name.utf8.count < 32 else { return nil }
        guard let desc = htmlEntityLookup(name) else { return nil }
        return Unicode.Scalar(desc.pointee.value)
    }
}
