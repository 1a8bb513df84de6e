// HTML's named character references, from libxml2's own HTML 4 table (253 names).
// Pure lookup: no document, no state, safe from any thread. Used for text that carries HTML
// entities outside an HTML document: feeds written by hand or by old CMSs put `&eacute;` in XML,
// where it is undefined (the feed layer rewrites such names as numeric references before
// parsing), and JSON-LD strings carry `&eacute;` and `&rsquo;`.

internal import CLibXML2

/// Looks up HTML named character references (`eacute` → U+00E9).
public enum HTMLEntities {
    /// The character `&name;` stands for in HTML 4 (`name` without `&` and `;`), or nil when the
    /// name is unknown. Names are case-sensitive, as in HTML (`Eacute` and `eacute` differ).
    public static func scalar(named name: String) -> Unicode.Scalar? {
        guard !name.isEmpty, name.utf8.count < 32 else { return nil }
        guard let entity = htmlEntityLookup(name) else { return nil }
        return Unicode.Scalar(entity.pointee.value)
    }
}
