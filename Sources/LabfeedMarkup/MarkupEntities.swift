// HTML named character references, looked up in libxml2's own table (HTML 4: 253 names).
// Pure lookup: no document, no state, safe from any thread.

internal import CLibXML2

/// The HTML named entities libxml2 knows, for text that arrives escaped outside a document
/// (JSON-LD strings written by CMSs carry `&eacute;`, `&rsquo;`, `&#8217;`).
public enum MarkupEntities {
    /// The Unicode scalar of `&name;` (without `&` and `;`), or nil when the name is unknown.
    /// Names are case-sensitive, as in HTML (`&Eacute;` is not `&eacute;`).
    public static func scalar(named name: String) -> Unicode.Scalar? {
        guard !name.isEmpty, name.utf8.count < 32 else { return nil }
        guard let entity = htmlEntityLookup(name) else { return nil }
        return Unicode.Scalar(entity.pointee.value)
    }
}
