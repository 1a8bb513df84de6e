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

#endif
