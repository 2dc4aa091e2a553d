/* xmlapi.c — libxml2 loaded with dlopen on first use. */
#include "xmlapi.h"

#include "error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#define LIBXML2_SONAME "libxml2.so.2"

static mb_xml_api api;
static int loaded;
static char failure[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* dlsym returns an object pointer; its conversion to a function pointer is
 * what POSIX specifies for dlsym. */
#define LOAD(field, sym)                                                                                     \
    do {                                                                                                     \
        void *p_ = dlsym(h, sym);                                                                            \
        if (!p_) {                                                                                           \
            snprintf(failure, sizeof failure, "%s: no symbol %s", LIBXML2_SONAME, sym);                      \
            return;                                                                                          \
        }                                                                                                    \
        *(void **)&api.field = p_;                                                                           \
    } while (0)

static void load(void)
{
    void *h = dlopen(LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(failure, sizeof failure, "%s", e ? e : LIBXML2_SONAME ": cannot be loaded");
        return;
    }
    LOAD(InitParser, "xmlInitParser");
    LOAD(ReadMemory, "htmlReadMemory");
    LOAD(NewParserCtxt, "htmlNewParserCtxt");
    LOAD(CtxtReadMemory, "htmlCtxtReadMemory");
    LOAD(FreeParserCtxt, "htmlFreeParserCtxt");
    LOAD(EntityLookup, "htmlEntityLookup");
    LOAD(FreeDoc, "xmlFreeDoc");
    LOAD(NodeGetContent, "xmlNodeGetContent");
    LOAD(GetProp, "xmlGetProp");
    LOAD(SetStructuredErrorFunc, "xmlSetStructuredErrorFunc");
    void *g = dlsym(h, "__xmlFree"), *v = dlsym(h, "xmlFree");
    if (!g && !v) {
        snprintf(failure, sizeof failure, "%s: no symbol xmlFree", LIBXML2_SONAME);
        return;
    }
    *(void **)&api.FreeFuncOf = g;
    api.FreeVar = (xmlFreeFunc *)v;
    api.InitParser();
    loaded = 1; /* the handle stays open for the life of the process */
}

void mb_xml_free(const mb_xml_api *x, void *p)
{
    if (!p)
        return;
    xmlFreeFunc f = x->FreeFuncOf ? *x->FreeFuncOf() : *x->FreeVar;
    f(p);
}

const mb_xml_api *mb_xml_api_get(mb_error *err)
{
    pthread_once(&once, load);
    if (!loaded) {
        mb_error_set(err, MB_EHTML, "HTML input needs libxml2 (Debian package libxml2): %s", failure);
        return NULL;
    }
    return &api;
}
