// An owned libxml2 document: parsed from bytes with safe options, freed in deinit.
// Not thread-safe: a document and its nodes stay on the task that parsed them.

internal import CLibXML2

/// libxml2 is initialised once per process, before the first parse (xmlInitParser is not
/// safe to race).
private let libxml2Initialised: Bool = {
    xmlInitParser()
    return true
}()

/// Whether to read bytes as XML (feeds, Atom, XHTML served as XML) or as HTML (web pages).
public enum MarkupSyntax: String, Sendable, Hashable {
    case xml, html
}

/// A parsed document that owns its libxml2 tree.
///
/// Parsing never touches the network or the file system: no DTD is loaded, no external entity
/// is read, entities are not substituted (so XXE and "billion laughs" documents stay inert), and
/// recover mode keeps what can be read, reporting each fault in ``diagnostics``.
/// A document must not cross threads; give other tasks the values read from it.
public final class MarkupDocument {
    let pointer: xmlDocPtr
    /// Whether this is an XML or an HTML tree.
    public let syntax: MarkupSyntax
    /// What libxml2 stepped over while reading, in document order (at most ``maxDiagnostics``).
    public let diagnostics: [MarkupDiagnostic]
    /// How many diagnostics there were in all, including those past the cap.
    public let diagnosticCount: Int
    /// The encoding the bytes were read in, and why it was chosen.
    public let charset: Charset.Decision
    /// Why libxml2 read only part of an XML document, or nil when it read to the end: the input
    /// ends inside an open element (a cut download), or the parser halted (an entity reference
    /// loop or amplification, excessive depth). The tree then holds only what came before.
    /// Always nil for HTML, which has no end to miss.
    public let endedEarly: String?
    /// How many bytes were parsed: a reader copying the tree can size its buffers from it.
    public let byteCount: Int

    /// The most diagnostics kept per document: broken pages produce thousands.
    public static let maxDiagnostics = 50

    private init(pointer: xmlDocPtr, syntax: MarkupSyntax, collector: DiagnosticCollector, charset: Charset.Decision, byteCount: Int) {
        self.pointer = pointer
        self.syntax = syntax
        self.diagnostics = collector.items
        self.diagnosticCount = collector.count
        self.charset = charset
        self.endedEarly = collector.endedEarly
        self.byteCount = byteCount
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// Parses `bytes` as XML.
    /// - Parameters:
    ///   - url: the document's address, used as the base for relative references (or nil).
    ///   - charset: the HTTP Content-Type charset, if the bytes came with one.
    /// - Throws: ``MarkupError`` when nothing could be read (empty input, no root element).
    public static func xml(_ bytes: [UInt8], url: String? = nil, charset: String? = nil) throws(MarkupError) -> MarkupDocument {
        try parse(bytes, syntax: .xml, url: url, charset: charset)
    }

    /// Parses `bytes` as HTML, as browsers would read a broken page (recover mode, implied tags).
    public static func html(_ bytes: [UInt8], url: String? = nil, charset: String? = nil) throws(MarkupError) -> MarkupDocument {
        try parse(bytes, syntax: .html, url: url, charset: charset)
    }

    /// Parses `bytes` with the given syntax. See ``xml(_:url:charset:)``.
    public static func parse(_ bytes: [UInt8], syntax: MarkupSyntax, url: String? = nil, charset: String? = nil) throws(MarkupError) -> MarkupDocument {
        try parse(bytes, syntax: syntax, url: url, charset: charset, builtinLatin1: true, inPlace: true)
    }

    /// ``parse(_:syntax:url:charset:)``, with libxml2's built-in ISO-8859-1 converter for
    /// windows-1252 pages without C1 bytes (`builtinLatin1`, see
    /// ``Charset/libxml2Encoding(for:bytes:builtinLatin1:)``) or iconv's windows-1252 for all
    /// (false: the reference the tests compare with); an HTML page handed to libxml2 as UTF-8 or
    /// ISO-8859-1 read in place (`inPlace`, `cxml_html_read_in_place`) or copied first by
    /// `htmlCtxtReadMemory` (false: the reference).
    static func parse(_ bytes: [UInt8], syntax: MarkupSyntax, url: String?, charset: String?, builtinLatin1: Bool,
                      inPlace: Bool = true) throws(MarkupError) -> MarkupDocument {
        _ = libxml2Initialised
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw .emptyDocument
        }
        let decision = Charset.decide(bytes, http: charset, html: syntax == .html)
        let first = read(bytes, syntax: syntax, url: url, decision: decision,
                         encoding: Charset.libxml2Encoding(for: decision, bytes: bytes, builtinLatin1: builtinLatin1), inPlace: inPlace)
        // A document that says (or is assumed to be) UTF-8 but is not: read it again as
        // windows-1252 rather than lose everything after the first bad byte. A page found UTF-8
        // by its content has just passed the same check (Charset.decide): not run twice.
        if decision.encoding == "UTF-8" && decision.source != Charset.utf8ByContent && !Charset.isValidUTF8(bytes) {
            let retry = Charset.Decision(encoding: "windows-1252", source: "\(decision.source), not valid UTF-8: read as windows-1252")
            let second = read(bytes, syntax: syntax, url: url, decision: retry,
                              encoding: Charset.libxml2Encoding(for: retry, bytes: bytes, builtinLatin1: builtinLatin1), inPlace: inPlace)
            second.collector.prepend(MarkupDiagnostic(
                level: .warning, line: 0, column: 0,
                message: "the document is declared or assumed UTF-8 but is not valid UTF-8; read as windows-1252"))
            if let doc = second.doc {
                if let old = first.doc { xmlFreeDoc(old) }
                return MarkupDocument(pointer: doc, syntax: syntax, collector: second.collector, charset: retry, byteCount: bytes.count)
            }
        }
        guard let doc = first.doc else {
            throw .unreadable("the document could not be parsed", diagnostics: first.collector.items)
        }
        guard xmlDocGetRootElement(doc) != nil else {
            xmlFreeDoc(doc)
            throw .unreadable("the document has no root element", diagnostics: first.collector.items)
        }
        return MarkupDocument(pointer: doc, syntax: syntax, collector: first.collector, charset: decision, byteCount: bytes.count)
    }

    /// Reads `bytes` with libxml2, forcing `encoding` (``Charset/libxml2Encoding(for:bytes:builtinLatin1:)``
    /// of `decision`) when not nil.
    private static func read(_ bytes: [UInt8], syntax: MarkupSyntax, url: String?, decision: Charset.Decision, encoding forced: String?,
                             inPlace: Bool) -> (doc: xmlDocPtr?, collector: DiagnosticCollector)
    {
        let result = readWithLibxml2(bytes, syntax: syntax, url: url, decision: decision, encoding: forced, inPlace: inPlace)
        // Read as ISO-8859-1 in place of windows-1252: the document reports the encoding it
        // was decided in, as when iconv read it (``declaredEncoding``).
        if let doc = result.doc, forced != decision.encoding, let label = decision.encoding,
           let reported = doc.pointee.encoding, String(cString: reported) == forced {
            cxml_free(UnsafeMutableRawPointer(mutating: reported))
            doc.pointee.encoding = UnsafePointer(xmlStrdup(label))
        }
        return result
    }

    private static func readWithLibxml2(_ bytes: [UInt8], syntax: MarkupSyntax, url: String?, decision: Charset.Decision, encoding forced: String?,
                                        inPlace: Bool) -> (doc: xmlDocPtr?, collector: DiagnosticCollector)
    {
        let collector = DiagnosticCollector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        let count = Int32(clamping: bytes.count)
        switch syntax {
        case .xml:
            guard let ctxt = xmlNewParserCtxt() else { return (nil, collector) }
            defer { xmlFreeParserCtxt(ctxt) }
            // No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR (nothing external read).
            var options = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue
            // UTF-8 that libxml2 would choose by itself (no other declaration) is not forced:
            // forcing it runs the whole input through a UTF-8 "conversion" into a second buffer,
            // about one more copy of the document in memory (measured: 10 MB on a 10 MB feed).
            let declared = Charset.xmlDeclaredEncoding(bytes).flatMap(Charset.normalise)
            let encoding = decision.encoding == "UTF-8" && (declared == nil || declared == "UTF-8") ? nil : forced
            // A forced encoding (BOM absent) must win over the declaration it was derived from.
            if encoding != nil { options |= XML_PARSE_IGNORE_ENC.rawValue }
            let doc = withCollector(box) { bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlCtxtReadMemory(ctxt, chars, count, url, encoding, Int32(options))
                }
            } }
            // In recover mode libxml2 sets disableSAX only when it halts the parse for good.
            if ctxt.pointee.disableSAX != 0, collector.endedEarly == nil {
                collector.endedEarly = collector.lastFatal.map { "parsing stopped at \($0)" } ?? "parsing stopped early"
            }
            return (doc, collector)
        case .html:
            guard let ctxt = htmlNewParserCtxt() else { return (nil, collector) }
            defer { htmlFreeParserCtxt(ctxt) }
            var options = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
            if forced != nil { options |= HTML_PARSE_IGNORE_ENC.rawValue }
            // An ISO-8859-1 page read in place is turned into UTF-8 here (``Charset/latin1ToUTF8(_:)``,
            // eight bytes at a time) and handed over as UTF-8, which libxml2 copies into its
            // buffer as it is: its ISO-8859-1 converter (`isolat1ToUTF8`, a byte at a time) would
            // have written the same bytes there (33.4 M instructions on the corpus's 40 Latin-1
            // pages, against 10.2 M for the conversion and 4 M for the copy). The document still
            // reports ISO-8859-1.
            var source = bytes
            var handed = forced
            if inPlace, forced == Charset.latin1, readsInPlace(encoding: Charset.latin1, count: bytes.count) {
                let utf8 = Charset.latin1ToUTF8(bytes)
                if readsInPlace(encoding: "UTF-8", count: utf8.count) {
                    source = utf8
                    handed = "UTF-8"
                }
            }
            let doc = withCollector(box) { source.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    if inPlace, let forced, let handed, readsInPlace(encoding: handed, count: buffer.count) {
                        return cxml_html_read_in_place(ctxt, chars, Int32(buffer.count), url, handed, forced, Int32(options))
                    }
                    return htmlCtxtReadMemory(ctxt, chars, count, url, forced, Int32(options))
                }
            } }
            return (doc, collector)
        }
    }

    /// Whether an HTML page of `count` bytes handed to libxml2 as `encoding` is read in place
    /// (`cxml_html_read_in_place`): UTF-8 and ISO-8859-1, whose built-in converters take any
    /// bytes and turn all of them into the parser's buffer when the encoding is switched, where
    /// `htmlCtxtReadMemory` first copies the page into a buffer of its own (as much as the
    /// UTF-8 conversion costs again); at least four bytes (the switch looks at three for a
    /// byte-order mark) and no more than libxml2's `int` size.
    static func readsInPlace(encoding: String, count: Int) -> Bool {
        (encoding == "UTF-8" || encoding == Charset.latin1) && count >= 4 && count <= Int(Int32.max)
    }

    /// Routes libxml2's structured errors on this thread to `collector` (and not to stderr)
    /// for the duration of one parse. libxml2 keeps this handler per thread, and a parse runs
    /// start to end on the calling thread, so parses on other threads are not affected.
    private static func withCollector<T>(_ collector: Unmanaged<DiagnosticCollector>, _ body: () -> T) -> T {
        xmlSetStructuredErrorFunc(collector.toOpaque()) { userData, error in
            guard let userData, let error else { return }
            Unmanaged<DiagnosticCollector>.fromOpaque(userData).takeUnretainedValue().add(error.pointee)
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return body()
    }

    // MARK: - Reading

    /// The root element, if the document has one.
    public var root: MarkupNode? {
        xmlDocGetRootElement(pointer).map { MarkupNode($0, in: self) }
    }

    /// The encoding libxml2 reports for the document (as declared or as forced), if any.
    public var declaredEncoding: String? {
        pointer.pointee.encoding.map { String(cString: $0) }
    }

    /// The document's URL as given when parsing.
    public var url: String? {
        pointer.pointee.URL.map { String(cString: $0) }
    }
}

/// Gathers libxml2's structured errors for one parse.
final class DiagnosticCollector {
    private(set) var items: [MarkupDiagnostic] = []
    private(set) var count = 0
    /// Set when the input ended inside an open element, or the parse was halted.
    var endedEarly: String?
    /// The last fatal error, kept past the cap on `items`.
    private(set) var lastFatal: MarkupDiagnostic?

    func add(_ error: xmlError) {
        count += 1
        let level: MarkupDiagnostic.Level
        switch error.level {
        case XML_ERR_WARNING: level = .warning
        case XML_ERR_FATAL: level = .fatal
        default: level = .error
        }
        let capped = items.count >= MarkupDocument.maxDiagnostics
        guard !capped || level == .fatal else { return }
        let message = error.message.map { Self.trimmedMessage($0) } ?? "unknown error"
        let diagnostic = MarkupDiagnostic(level: level, line: Int(error.line), column: Int(error.int2), message: message)
        if level == .fatal {
            lastFatal = diagnostic
            // "Premature end of data in tag ...": the input stopped inside an open element.
            if error.domain == Int32(XML_FROM_PARSER.rawValue), error.code == Int32(XML_ERR_TAG_NOT_FINISHED.rawValue), endedEarly == nil {
                endedEarly = "the document ends before its elements are closed (\(diagnostic))"
            }
        }
        if !capped { items.append(diagnostic) }
    }

    /// libxml2's message without its trailing line feeds and spaces, made from its bytes
    /// (``trimmedMessageByCharacters(_:)``'s answer: HTML pages raise dozens of errors each, and
    /// the Character walk from the end cost more than the rest of collecting one). Trailing
    /// bytes 0x0A and 0x20 are Characters of their own unless the first of them joins the one
    /// before: a line feed after a carriage return (CR LF), or a space after a non-ASCII
    /// "prepend" character; those, rare, take the Character walk.
    static func trimmedMessage(_ raw: UnsafePointer<CChar>) -> String {
        raw.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
            var length = 0
            while bytes[length] != 0 { length += 1 }
            var end = length
            while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x20) { end -= 1 }
            if end < length && end > 0 && (bytes[end - 1] >= 0x80 || bytes[end - 1] == 0x0D) {
                return trimmedMessageByCharacters(raw)
            }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: end), as: UTF8.self)
        }
    }

    /// The reference: the message as a String, then its last Characters removed while they
    /// are "\n" or " ".
    static func trimmedMessageByCharacters(_ raw: UnsafePointer<CChar>) -> String {
        var message = String(cString: raw)
        while let last = message.last, last == "\n" || last == " " { message.removeLast() }
        return message
    }

    func prepend(_ diagnostic: MarkupDiagnostic) {
        items.insert(diagnostic, at: 0)
        count += 1
    }
}

@available(*, unavailable, message: "a libxml2 document must stay on the thread that parsed it")
extension MarkupDocument: Sendable {}
