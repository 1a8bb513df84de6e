// Which feed vocabulary an element belongs to, found by comparing its namespace URI's bytes
// with the known ones: no String is made and no Set hashed for every child of every item.

import LabfeedMarkup

/// The namespace of an element, as one of the vocabularies of ``FeedNS`` (exact URIs).
enum FeedNamespace: Sendable, Hashable {
    /// No namespace at all.
    case none
    case atom, atom03, rdf, rss1, rss090, userland, harvard, dc, dcterms, content, media, event, xcal, gd, xhtml, xml, itunes
    /// A namespace labfeed has no name for.
    case other

    init(_ node: MarkupNode) {
        self = node.withNamespaceURIBytes { bytes in
            guard let bytes else { return .none }
            return FeedNamespace.known(bytes)
        }
    }

    /// The URIs and their cases, in the order they are tried (commonest first).
    private static let uris: [(String, FeedNamespace)] = [
        (FeedNS.dc, .dc), (FeedNS.atom, .atom), (FeedNS.content, .content), (FeedNS.event, .event),
        (FeedNS.media, .media), (FeedNS.dcterms, .dcterms), (FeedNS.xcal, .xcal), (FeedNS.gd, .gd),
        (FeedNS.rdf, .rdf), (FeedNS.rss1, .rss1), (FeedNS.atom03, .atom03), (FeedNS.xhtml, .xhtml),
        (FeedNS.itunes, .itunes), (FeedNS.xml, .xml), (FeedNS.rss090, .rss090),
        (FeedNS.userland, .userland), (FeedNS.harvard, .harvard),
    ]

    /// Every URI's bytes one after the other, and where each one is: plain integers to loop over
    /// (an array of arrays costs a retain and a release per entry tried).
    private static let blob: [UInt8] = uris.flatMap { Array($0.0.utf8) }
    private static let entries: [(start: Int, count: Int, kind: FeedNamespace)] = {
        var start = 0
        return uris.map { uri, kind in
            defer { start += uri.utf8.count }
            return (start, uri.utf8.count, kind)
        }
    }()

    private static func known(_ bytes: UnsafeBufferPointer<UInt8>) -> FeedNamespace {
        guard let uri = bytes.baseAddress else { return .other }  // empty: no URI is
        return blob.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return .other }
            for entry in entries where entry.count == bytes.count {
                if same(base + entry.start, uri, entry.count) { return entry.kind }
            }
            return .other
        }
    }

    /// Whether the `count` bytes at `a` and `b` are equal, compared eight at a time (the
    /// generic `elementsEqual` went byte by byte through iterators).
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// Core RSS: no namespace, RSS 1.0, RSS 0.90, and the namespaces some RSS 2.0 generators put
    /// on the root.
    var isCoreRSS: Bool {
        switch self {
        case .none, .rss1, .rss090, .userland, .harvard: true
        default: false
        }
    }

    /// Atom 1.0, Atom 0.3, or no namespace: where the Atom reader looks for its elements.
    var isAtomOrNone: Bool { self == .atom || self == .atom03 || self == .none }
}
