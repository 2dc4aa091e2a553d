/* xmlapi.h — the part of libxml2 that the HTML reader uses, loaded with
 * dlopen on first use (owns: keeping libxml2, and the ICU and C++ runtimes
 * it pulls in, out of the start-up of every command that never reads HTML).
 * The types come from libxml2's own headers. */
#ifndef MB_XMLAPI_H
#define MB_XMLAPI_H

#include "mubiao.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

typedef struct mb_xml_api {
    void (*InitParser)(void);
    htmlDocPtr (*ReadMemory)(const char *, int, const char *, const char *, int);
    htmlParserCtxtPtr (*NewParserCtxt)(void);
    htmlDocPtr (*CtxtReadMemory)(htmlParserCtxtPtr, const char *, int, const char *, const char *, int);
    void (*FreeParserCtxt)(htmlParserCtxtPtr);
    const htmlEntityDesc *(*EntityLookup)(const xmlChar *);
    void (*FreeDoc)(xmlDocPtr);
    xmlChar *(*NodeGetContent)(const xmlNode *);
    xmlChar *(*GetProp)(const xmlNode *, const xmlChar *);
    xmlFreeFunc *(*FreeFuncOf)(void); /* __xmlFree: the deallocator of this thread, or NULL */
    xmlFreeFunc *FreeVar;             /* the deallocator variable, when there is no __xmlFree */
    void (*SetStructuredErrorFunc)(void *, xmlStructuredErrorFunc); /* per thread in libxml2 */
} mb_xml_api;

/* Free memory that libxml2 allocated (xmlFree); accepts NULL. */
void mb_xml_free(const mb_xml_api *x, void *p);

/* libxml2's functions, loaded once (thread-safe); NULL with a message in
 * err (naming the library) when it cannot be loaded. */
const mb_xml_api *mb_xml_api_get(mb_error *err);

#endif
