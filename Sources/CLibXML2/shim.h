// CLibXML2: libxml2's headers for LabfeedMarkup, the one Swift module allowed to import them.
//
// Every symbol added here starts with `cxml_`.
#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

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
