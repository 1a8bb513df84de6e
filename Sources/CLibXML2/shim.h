// CLibXML2: libxml2's headers for LabfeedMarkup, the one Swift module allowed to import them.
//
// Every symbol added here starts with `cxml_`.
#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, so <libxml/encoding.h> includes <unicode/ucnv.h>, and with it
// the system ICU's types (UErrorCode...), which clash with Foundation's own copy of ICU in any
// Swift compilation that loads both modules ("'UErrorCode' has different definitions in
// different modules"; a clean build of LabfeedParse hit it once). Nothing here uses ICU: its
// header is skipped, and the two ICU types libxml2's structs name are declared under names of
// our own with the same layout (an opaque converter behind a pointer, a 16-bit code unit).
#define UCNV_H 1
#define UConverter cxml_UConverter
#define UChar cxml_UChar
typedef struct cxml_UConverter cxml_UConverter;
typedef unsigned short cxml_UChar;

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/encoding.h>
#include <libxml/uri.h>
#include <libxml/parserInternals.h>
#include <string.h>

#undef UChar
#undef UConverter
#undef UCNV_H

/// xmlFree is a global function pointer (a variable), which Swift cannot call directly.
static inline void cxml_free(void *pointer) {
    xmlFree(pointer);
}

/// XPath node sets: the count and the i-th node without pointer arithmetic in Swift.
static inline int cxml_nodeset_count(xmlNodeSetPtr set) {
    return set == NULL ? 0 : set->nodeNr;
}

static inline xmlNodePtr cxml_nodeset_item(xmlNodeSetPtr set, int index) {
    return (set == NULL || index < 0 || index >= set->nodeNr) ? NULL : set->nodeTab[index];
}

/// htmlCtxtReadMemory (libxml2 2.9.14, HTMLparser.c: the input set up, then htmlDoRead's steps)
/// with the caller's bytes read in place: xmlParserInputBufferCreateStatic instead of
/// xmlParserInputBufferCreateMem, which copies the whole document into libxml2's buffer first.
/// Only for an encoding whose built-in converter takes any bytes and turns all of them into the
/// parser's own (NUL-terminated) buffer when the encoding is switched, before the parse reads a
/// byte: "UTF-8" (a copy) and "ISO-8859-1"; the caller's bytes are then read only by that
/// converter, within this call. `size` must be at least 4 (the switch looks at the first bytes
/// for a byte-order mark). `reported` is the encoding the document reports (its `encoding`,
/// from the input's): `encoding`'s own name, or, for bytes the caller converted to UTF-8 from
/// ISO-8859-1 as libxml2's converter does, "ISO-8859-1" (libxml2's converter would have put
/// the same bytes in the same buffer). Returns NULL, having read nothing, for any other encoding.
static inline htmlDocPtr cxml_html_read_in_place(htmlParserCtxtPtr ctxt, const char *buffer, int size,
                                                 const char *url, const char *encoding, const char *reported, int options) {
    if (ctxt == NULL || buffer == NULL || encoding == NULL || reported == NULL || size < 4) return NULL;
    if (strcmp(encoding, "UTF-8") != 0 && strcmp(encoding, "ISO-8859-1") != 0) return NULL;
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
    if (handler == NULL) return NULL;
    xmlInitParser();
    htmlCtxtReset(ctxt);
    xmlParserInputBufferPtr input = xmlParserInputBufferCreateStatic(buffer, size, XML_CHAR_ENCODING_NONE);
    if (input == NULL) return NULL;
    xmlParserInputPtr stream = xmlNewIOInputStream(ctxt, input, XML_CHAR_ENCODING_NONE);
    if (stream == NULL) {
        xmlFreeParserInputBuffer(input);
        return NULL;
    }
    inputPush(ctxt, stream);
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    xmlSwitchToEncoding(ctxt, handler);
    if (ctxt->input->encoding != NULL) xmlFree((xmlChar *)ctxt->input->encoding);
    ctxt->input->encoding = xmlStrdup((const xmlChar *)reported);
    if (url != NULL && ctxt->input != NULL && ctxt->input->filename == NULL)
        ctxt->input->filename = (char *)xmlStrdup((const xmlChar *)url);
    htmlParseDocument(ctxt);
    htmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    return doc;
}

#endif
