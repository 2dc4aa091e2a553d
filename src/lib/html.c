/* html.c — HTML pages: charset, libxml2 parse, article body, paragraphs. */
#include "html.h"

#include "lexicon.h"

#include "decode.h"
#include "docdate.h"
#include "error.h"
#include "grow.h"
#include "html_align.h"
#include "normalize.h"
#include "reflow.h"

#include <ctype.h>
#include "xmlapi.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* libxml2, loaded on first use (xmlapi.h): the entry points set X, one
 * per thread (documents are read by several threads at once: --jobs) */
static _Thread_local const mb_xml_api *X;
#define xmlInitParser()         X->InitParser()
#define htmlReadMemory(...)     X->ReadMemory(__VA_ARGS__)
#define htmlNewParserCtxt()     X->NewParserCtxt()
#define htmlCtxtReadMemory(...) X->CtxtReadMemory(__VA_ARGS__)
#define htmlFreeParserCtxt(c)   X->FreeParserCtxt(c)
#define htmlEntityLookup(n)     X->EntityLookup(n)
#define xmlFreeDoc(d)           X->FreeDoc(d)
#define xmlNodeGetContent(n)    X->NodeGetContent(n)
#define xmlGetProp(n, a)        X->GetProp(n, a)
#undef xmlFree
#define xmlFree(p) mb_xml_free(X, p)

/* XML_PARSE_HUGE (libxml2's HTML parser honours it): without it, text
 * nested deeper than 256 elements and everything after it is dropped, and
 * a text node is cut at 10 MB */
#define PARSE_FLAGS                                                                                          \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |                     \
     HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE)

/* ---- what the parser repaired ---- */

/* The parser's reports during one parse (libxml2's handler is per thread). */
typedef struct repairs {
    size_t n;     /* reports that may have cost text */
    size_t first; /* byte offset of the first, in the UTF-8 given to the parser */
    char msg[160];
} repairs;

static _Thread_local repairs *cur_repairs;

/* Reports of markup repaired without losing text: an end tag that does not
 * match or is out of place, an unknown tag, a misplaced html/body tag, an
 * entity reference without its ';' or a bare '&' (kept as text). */
static int harmless(int code)
{
    return code == XML_ERR_TAG_NAME_MISMATCH || code == XML_HTML_UNKNOWN_TAG ||
           code == XML_HTML_STRUCURE_ERROR || code == XML_ERR_ENTITYREF_SEMICOL_MISSING ||
           code == XML_ERR_NAME_REQUIRED;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    repairs *r = cur_repairs;
    if (!r || !e || harmless(e->code))
        return;
    if (r->n++ == 0) {
        xmlParserCtxtPtr c = e->ctxt;
        r->first = 0;
        if (c && c->input && c->input->base && c->input->cur >= c->input->base)
            r->first = (size_t)c->input->consumed + (size_t)(c->input->cur - c->input->base);
        snprintf(r->msg, sizeof r->msg, "%s", e->message ? e->message : "error");
        r->msg[strcspn(r->msg, "\r\n")] = '\0'; /* libxml2 may quote the input on more lines */
        size_t k = strlen(r->msg);
        while (k && (r->msg[k - 1] == '\n' || r->msg[k - 1] == ' '))
            r->msg[--k] = '\0';
    }
}

/* ---- detection and charset ---- */

static int ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcasecmp(s + n - m, suffix);
}

static int starts_with_ci(const unsigned char *p, size_t n, const char *w)
{
    size_t m = strlen(w);
    return n >= m && !strncasecmp((const char *)p, w, m);
}

int mb_html_sniff(const char *name, const unsigned char *src, size_t n)
{
    if (name && (ends_with_ci(name, ".html") || ends_with_ci(name, ".htm")))
        return 1;
    size_t i = 0;
    if (n >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF)
        i = 3;
    while (i < n && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n'))
        i++;
    const unsigned char *p = src + i;
    size_t m = n - i;
    if (starts_with_ci(p, m, "<!doctype html") || starts_with_ci(p, m, "<head") ||
        starts_with_ci(p, m, "<meta"))
        return 1;
    return starts_with_ci(p, m, "<html") &&
           (m == 5 || p[5] == '>' || p[5] == ' ' || p[5] == '\t' || p[5] == '\r' || p[5] == '\n');
}

/* Charset names a page may declare, beyond mubiao's own aliases. */
static const char *page_charset(const char *name)
{
    static const char *const gb[] = {"x-gbk",     "gb_2312-80", "gb_2312", "csgb2312",    "chinese",
                                     "iso-ir-58", "ms936",      "euc-cn",  "windows-936", NULL};
    static const char *const big5[] = {"big5-hkscs", "cn-big5", "x-x-big5", "csbig5", NULL};
    static const char *const utf8[] = {"unicode-1-1-utf-8", "utf-16",  "utf-16le",
                                       "utf-16be",          "unicode", NULL};
    for (size_t i = 0; gb[i]; i++)
        if (!strcasecmp(name, gb[i]))
            return "gb18030";
    for (size_t i = 0; big5[i]; i++)
        if (!strcasecmp(name, big5[i]))
            return "big5";
    for (size_t i = 0; utf8[i]; i++) /* a page that declares UTF-16 in ASCII is not UTF-16 */
        if (!strcasecmp(name, utf8[i]))
            return "utf-8";
    return mb_encoding_canonical(name);
}

/* The value after "charset=" in an http-equiv content attribute. */
static void charset_from_content(const char *c, char *out, size_t size)
{
    out[0] = '\0';
    for (const char *p = c; *p; p++) {
        if (strncasecmp(p, "charset", 7))
            continue;
        p += 7;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '=') { /* look at this character again (it may be the end: no p++ past it) */
            p--;
            continue;
        }
        p++;
        while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')
            p++;
        size_t k = 0;
        while (*p && k + 1 < size && (isalnum((unsigned char)*p) || strchr("-_.:", *p)))
            out[k++] = *p++;
        out[k] = '\0';
        return;
    }
}

static char *prop(xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static xmlNode *next_in_doc(xmlNode *n, xmlNode *stop)
{
    if (n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    while (n && n != stop && !n->next)
        n = n->parent;
    return n && n != stop ? n->next : NULL;
}

const char *mb_html_declared_charset(const unsigned char *src, size_t n, char *declared, size_t size)
{
    if (size)
        declared[0] = '\0';
    size_t m = n < 65536 ? n : 65536;
    if (m == 0 || !(X = mb_xml_api_get(NULL)))
        return NULL;
    /* Every byte is a character in ISO-8859-1: the ASCII markup parses
     * whatever the real encoding is. */
    htmlDocPtr doc = htmlReadMemory((const char *)src, (int)m, NULL, "ISO-8859-1", PARSE_FLAGS);
    if (!doc)
        return NULL;
    char buf[64] = "";
    for (xmlNode *x = doc->children; x && !buf[0]; x = next_in_doc(x, (xmlNode *)doc)) {
        if (x->type != XML_ELEMENT_NODE || strcmp((const char *)x->name, "meta"))
            continue;
        char *cs = prop(x, "charset");
        if (cs) {
            snprintf(buf, sizeof buf, "%s", cs);
            xmlFree(cs);
            continue;
        }
        char *he = prop(x, "http-equiv"), *ct = prop(x, "content");
        if (he && ct && !strcasecmp(he, "content-type"))
            charset_from_content(ct, buf, sizeof buf);
        xmlFree(he);
        xmlFree(ct);
    }
    xmlFreeDoc(doc);
    /* trim the white space a value may carry */
    size_t a = 0, b = strlen(buf);
    while (a < b && (buf[a] == ' ' || buf[a] == '\t'))
        a++;
    while (b > a && (buf[b - 1] == ' ' || buf[b - 1] == '\t'))
        b--;
    buf[b] = '\0';
    if (size)
        snprintf(declared, size, "%s", buf + a);
    return buf[a] ? page_charset(buf + a) : NULL;
}

static int has_bom(const unsigned char *s, size_t n)
{
    return (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ||
           (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)));
}

static int has_non_ascii(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x80)
            return 1;
    return 0;
}

static mb_status move_warnings(mb_strlist *from, mb_strlist *to)
{
    mb_status st = MB_OK;
    for (size_t i = 0; i < from->n && !st; i++)
        st = mb_strlist_addf(to, "%s", from->items[i]);
    mb_strlist_free(from);
    return st;
}

mb_status mb_html_decode(const char *name, const unsigned char *src, size_t n, const char *forced,
                         int lenient, const mb_lexicon *lex, mb_text *out, const char **encoding,
                         mb_strlist *warnings, mb_error *err)
{
    if (forced || has_bom(src, n))
        return mb_decode(name, src, n, forced, lenient, lex, out, encoding, warnings, err);
    char declared[64];
    const char *decl = mb_html_declared_charset(src, n, declared, sizeof declared);
    mb_strlist w = {0};
    mb_status st = mb_decode(name, src, n, NULL, lenient, lex, out, encoding, &w, err);
    if (st || !decl || !strcmp(decl, *encoding)) {
        mb_status st2 = move_warnings(&w, warnings);
        return st ? st : st2;
    }
    if (!strcmp(*encoding, "utf-8") || !strcmp(decl, "utf-8")) {
        /* valid UTF-8 is read as UTF-8 whatever the page says; a page that
         * says UTF-8 but is not is read as detected */
        if (has_non_ascii(src, n))
            st = mb_strlist_addf(&w, "%s: the page declares charset %s but is %s; read as %s", name, declared,
                                 strcmp(*encoding, "utf-8") ? "not valid UTF-8" : "valid UTF-8", *encoding);
        mb_status st2 = move_warnings(&w, warnings);
        return st ? st : st2;
    }
    /* GB18030 and Big5 both decode most byte pairs: the declaration decides */
    mb_strlist_free(&w);
    mb_text_free(out);
    return mb_decode(name, src, n, decl, lenient, lex, out, encoding, warnings, err);
}

/* ---- the parsed page ---- */

enum kind { K_INLINE, K_CONTAINER, K_PARA, K_LIST, K_BLOCK };

typedef struct elem {
    xmlNode *node;
    int parent;
    enum kind kind;
    unsigned drop_name : 1;  /* this element or an ancestor is dropped by name */
    unsigned drop_class : 1; /* ... by class or id */
    unsigned link : 1;       /* inside <a> */
    unsigned heading : 1;    /* h1-h3 or a "title" class/id */
    unsigned in_article : 1; /* inside <article> or <main> */
    int box;                 /* the element its text counts for (itself, or the container above) */
    size_t enter, leave;     /* document order */
    size_t own, sub;         /* text counted for it; for it and its descendants */
    size_t chars;            /* any text below it */
} elem;

typedef struct tnode {
    xmlNode *node;
    int parent; /* element index or -1 */
    size_t order;
    size_t map; /* offset in the map pool; SIZE_MAX when not found in the source */
    size_t len;
} tnode;

typedef struct page {
    const char *name;
    const mb_text *dec;
    elem *e;
    size_t ne, cape;
    tnode *t;
    size_t nt, capt;
    /* where the bytes of the text nodes come from in the decoded text, all
     * nodes one after the other: a map kept per run as mb_text's (textmap.c,
     * "source" offsets being decoded-text offsets; pool.s is not used,
     * pool.len counts the bytes mapped); mb_html_align's per-byte arrays
     * hold one node at a time */
    mb_text pool;
    uint32_t *ma, *mb;
    size_t capnode;
    char *title;
    char *site;            /* <meta name="SiteName"> or og:site_name */
    char meta_date[5][11]; /* by priority; "" when absent */
    int use_class;
    const mb_lexicon *lex; /* the date words (class dateline_word) */
} page;

static const char *const drop_names[] = {"script", "style",  "noscript", "template", "head",     "nav",
                                         "aside",  "iframe", "select",   "button",   "textarea", "svg",
                                         "object", "menu",   "input",    "frameset", NULL};
static const char *const drop_words[] = {"nav",    "navbar",    "navigation", "menu",       "header",
                                         "footer", "foot",      "bottom",     "breadcrumb", "breadcrumbs",
                                         "crumb",  "crumbs",    "location",   "position",   "sidebar",
                                         "share",  "copyright", "toolbar",    "topbar",     NULL};
static const char *const container_names[] = {"div",    "section", "article", "main", "blockquote",
                                              "center", "td",      "th",      "body", NULL};
static const char *const para_names[] = {"p",  "h1", "h2", "h3",  "h4",      "h5",      "h6",
                                         "li", "dt", "dd", "pre", "caption", "address", NULL};
static const char *const list_names[] = {"ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "tr", NULL};
static const char *const block_names[] = {
    "html",   "hr",   "figure", "figcaption", "fieldset", "legend", "details", "summary",  "dialog", "dir",
    "hgroup", "form", "header", "footer",     "nav",      "aside",  "menu",    "noscript", NULL};

static int in_list(const char *s, const char *const *l)
{
    for (size_t i = 0; l[i]; i++)
        if (!strcmp(s, l[i]))
            return 1;
    return 0;
}

static enum kind kind_of(const char *name)
{
    if (in_list(name, container_names))
        return K_CONTAINER;
    if (in_list(name, para_names))
        return K_PARA;
    if (in_list(name, list_names))
        return K_LIST;
    if (in_list(name, block_names))
        return K_BLOCK;
    return K_INLINE;
}

/* 1 if a class or id token of x has a word (split on - and _) in words. */
static int attr_has_word(xmlNode *x, const char *const *words)
{
    static const char *const attrs[] = {"class", "id"};
    int hit = 0;
    for (int k = 0; k < 2 && !hit; k++) {
        char *v = prop(x, attrs[k]);
        if (!v)
            continue;
        for (char *p = v; *p && !hit;) {
            while (*p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '-' || *p == '_'))
                p++;
            char w[32];
            size_t k2 = 0;
            while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '-' || *p == '_')) {
                if (k2 + 1 < sizeof w)
                    w[k2++] = (char)tolower((unsigned char)*p);
                p++;
            }
            w[k2] = '\0';
            if (k2 && in_list(w, words))
                hit = 1;
        }
        xmlFree(v);
    }
    return hit;
}

static int32_t entity_value(const char *name, size_t len)
{
    char buf[32];
    if (len >= sizeof buf)
        return -1;
    memcpy(buf, name, len);
    buf[len] = '\0';
    const htmlEntityDesc *d = htmlEntityLookup((const xmlChar *)buf);
    return d ? (int32_t)d->value : -1;
}

/* Room for need entries in both per-node map arrays. */
static int node_reserve(page *pg, size_t need)
{
    if (need <= pg->capnode)
        return 1;
    size_t c = pg->capnode ? pg->capnode : 4096;
    while (c < need)
        c *= 2;
    uint32_t *a = realloc(pg->ma, c * sizeof *a);
    if (!a)
        return 0;
    pg->ma = a;
    uint32_t *b = realloc(pg->mb, c * sizeof *b);
    if (!b)
        return 0;
    pg->mb = b;
    pg->capnode = c;
    return 1;
}

/* Append a node's per-byte map a[0..n), b[0..n) to the pool, a unit per
 * character (the bytes that share their range). */
static int pool_add(page *pg, const uint32_t *a, const uint32_t *b, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && a[j] == a[i] && b[j] == b[i])
            j++;
        if (mb_text_map(&pg->pool, j - i, a[i], b[i]))
            return 0;
        pg->pool.len += j - i;
        i = j;
    }
    return 1;
}

static size_t count_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80 && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            n++;
    return n;
}

/* The word of class dateline_word with role= role at s, or NULL. */
static const mb_lexword *date_word(const mb_lexicon *lex, const char *s, size_t n, const char *role)
{
    const mb_lexword *w = mb_lex_longest_at(lex, MB_LX_DATELINE_WORD, s, n, 0);
    return w && mb_lex_value_is(w, "role", role) ? w : NULL;
}

/* A full date at the start of s (after white space), or anywhere in s
 * when anywhere is set: YYYY-M-D, YYYY/M/D, YYYY.M.D or YYYY年M月D日. */
static int find_date(const mb_lexicon *lex, const char *s, int anywhere, char out[11])
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (!anywhere && i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t' && s[i - 1] != '\n' && s[i - 1] != '\r')
            return 0;
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        if (i + 4 > n || !((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')))
            continue;
        int ok = 1, y = 0, m = 0, d = 0;
        for (int k = 0; k < 4; k++) {
            if (s[i + k] < '0' || s[i + k] > '9')
                ok = 0;
            else
                y = y * 10 + s[i + k] - '0';
        }
        if (!ok)
            continue;
        size_t q = i + 4;
        const char *sep1, *sep2, *tail = "";
        char one[2] = {0, 0};
        if (q < n && (s[q] == '-' || s[q] == '/' || s[q] == '.')) {
            one[0] = s[q];
            sep1 = sep2 = one;
        } else if (date_word(lex, s + q, n - q, "year")) {
            const mb_lexword *m = NULL, *dw = NULL;
            mb_lexlist all = mb_lex_words_in_order(lex, MB_LX_DATELINE_WORD);
            for (size_t nd = 0; nd < all.n; nd++) {
                const mb_lexword *x = mb_lexlist_at(all, nd);
                if (!m && mb_lex_value_is(x, "role", "month"))
                    m = x;
                if (!dw && mb_lex_value_is(x, "role", "day"))
                    dw = x;
            }
            if (!m || !dw)
                continue;
            sep1 = mb_lexw_word(date_word(lex, s + q, n - q, "year"));
            sep2 = mb_lexw_word(m);
            tail = mb_lexw_word(dw);
        } else {
            continue;
        }
        q += strlen(sep1);
        while (q < n && s[q] == ' ')
            q++;
        int digits = 0;
        while (q < n && s[q] >= '0' && s[q] <= '9' && digits < 3)
            m = m * 10 + s[q++] - '0', digits++;
        if (digits < 1 || digits > 2 || strncmp(s + q, sep2, strlen(sep2)))
            continue;
        q += strlen(sep2);
        while (q < n && s[q] == ' ')
            q++;
        digits = 0;
        while (q < n && s[q] >= '0' && s[q] <= '9' && digits < 3)
            d = d * 10 + s[q++] - '0', digits++;
        if (digits < 1 || digits > 2 || (*tail && strncmp(s + q, tail, strlen(tail))))
            continue;
        char buf[24];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
        mb_date dt;
        if (mb_date_parse(buf, &dt) == MB_OK) {
            memcpy(out, buf, 11);
            return 1;
        }
    }
    return 0;
}

static char *collapse_ws(const char *s);

static void meta_date(page *pg, xmlNode *x)
{
    static const char *const names[] = {"pubdate", "firstpublishedtime", "publishdate",
                                        "article:published_time", "dc.date"};
    char *nm = prop(x, "name");
    if (!nm)
        nm = prop(x, "property");
    char *ct = nm ? prop(x, "content") : NULL;
    if (nm && ct) {
        for (int k = 0; k < 5; k++)
            if (!strcasecmp(nm, names[k]) && !pg->meta_date[k][0])
                find_date(pg->lex, ct, 0, pg->meta_date[k]);
        /* the site's name (苏州市人民政府): issuer.c reads whose page it is */
        if (!pg->site && (!strcasecmp(nm, "sitename") || !strcasecmp(nm, "og:site_name")) && strlen(ct) < 256)
            pg->site = collapse_ws(ct);
    }
    xmlFree(nm);
    xmlFree(ct);
}

static char *collapse_ws(const char *s)
{
    size_t n = strlen(s), k = 0;
    char *o = malloc(n + 1);
    if (!o)
        return NULL;
    int ws = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            ws = 1;
            continue;
        }
        if (ws && k)
            o[k++] = ' ';
        ws = 0;
        o[k++] = (char)c;
    }
    o[k] = '\0';
    return o;
}

/* Pass 1: every element and text node in document order; text nodes are
 * found in the source. */
static mb_status collect(page *pg, htmlDocPtr doc, mb_error *err)
{
    mb_html_aligner al = {pg->dec->s, pg->dec->len, 0, entity_value};
    size_t order = 0;
    int cur = -1; /* the element we are in */
    xmlNode *x = doc->children;
    while (x) {
        order++;
        if (x->type == XML_ELEMENT_NODE) {
            if (!mb_grow((void **)&pg->e, &pg->cape, pg->ne + 1, sizeof *pg->e))
                return mb_error_set(err, MB_ENOMEM, "%s: out of memory", pg->name);
            elem *e = &pg->e[pg->ne];
            memset(e, 0, sizeof *e);
            const char *name = (const char *)x->name;
            e->node = x;
            e->parent = cur;
            e->kind = kind_of(name);
            e->enter = order;
            const elem *up = cur >= 0 ? &pg->e[cur] : NULL;
            /* inherited from the parent, never by climbing: a page nested
             * 100,000 deep stays linear */
            int in_article = up && (up->in_article || !strcmp((const char *)up->node->name, "article") ||
                                    !strcmp((const char *)up->node->name, "main"));
            e->in_article = in_article;
            e->box = e->kind == K_INLINE || e->kind == K_PARA || e->kind == K_LIST ? (up ? up->box : -1)
                                                                                   : (int)pg->ne;
            e->drop_name = (up && up->drop_name) || in_list(name, drop_names) ||
                           ((!strcmp(name, "header") || !strcmp(name, "footer")) && !in_article);
            e->drop_class = (up && up->drop_class) || attr_has_word(x, drop_words);
            e->link = (up && up->link) || !strcmp(name, "a");
            static const char *const title_words[] = {"title", NULL};
            e->heading = !strcmp(name, "h1") || !strcmp(name, "h2") || !strcmp(name, "h3") ||
                         attr_has_word(x, title_words);
            x->_private = (void *)(uintptr_t)(pg->ne + 1);
            if (!strcmp(name, "meta"))
                meta_date(pg, x);
            if (!strcmp(name, "title") && !pg->title) {
                xmlChar *c = xmlNodeGetContent(x);
                pg->title = c ? collapse_ws((const char *)c) : NULL;
                xmlFree(c);
                if (pg->title && !pg->title[0]) {
                    free(pg->title);
                    pg->title = NULL;
                }
            }
            cur = (int)pg->ne++;
        } else if ((x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) && x->content) {
            if (!mb_grow((void **)&pg->t, &pg->capt, pg->nt + 1, sizeof *pg->t))
                return mb_error_set(err, MB_ENOMEM, "%s: out of memory", pg->name);
            tnode *t = &pg->t[pg->nt];
            t->node = x;
            t->parent = cur;
            t->order = order;
            t->len = strlen((const char *)x->content);
            if (!node_reserve(pg, t->len + 1))
                return mb_error_set(err, MB_ENOMEM, "%s: out of memory", pg->name);
            if (mb_html_align(&al, (const char *)x->content, t->len, pg->ma, pg->mb)) {
                t->map = pg->pool.len;
                if (!pool_add(pg, pg->ma, pg->mb, t->len))
                    return mb_error_set(err, MB_ENOMEM, "%s: out of memory", pg->name);
            } else {
                t->map = SIZE_MAX;
            }
            x->_private = (void *)(uintptr_t)(pg->nt + 1);
            if (cur >= 0) /* added up the tree after the walk */
                pg->e[cur].chars += count_chars((const char *)x->content);
            pg->nt++;
        }
        /* next node in document order; leave the elements we climb out of */
        if (x->type == XML_ELEMENT_NODE && x->children) {
            x = x->children;
            continue;
        }
        if (x->type == XML_ELEMENT_NODE) {
            pg->e[cur].leave = ++order;
            cur = pg->e[cur].parent;
        }
        while (x && !x->next) {
            x = x->parent;
            if (!x || x == (xmlNode *)doc) {
                x = NULL;
                break;
            }
            pg->e[cur].leave = ++order;
            cur = pg->e[cur].parent;
        }
        if (x)
            x = x->next;
    }
    for (size_t i = pg->ne; i-- > 0;) /* parents come before their children */
        if (pg->e[i].parent >= 0)
            pg->e[pg->e[i].parent].chars += pg->e[i].chars;
    return MB_OK;
}

static int dropped(const page *pg, int i)
{
    return i >= 0 && (pg->e[i].drop_name || (pg->use_class && pg->e[i].drop_class));
}

static int is_root(const page *pg, int i)
{
    const char *n = (const char *)pg->e[i].node->name;
    return !strcmp(n, "body") || !strcmp(n, "html");
}

/* Pass 2: count text for containers; the article element, or -1. */
static int choose_body(page *pg)
{
    for (size_t i = 0; i < pg->ne; i++)
        pg->e[i].own = pg->e[i].sub = 0;
    for (size_t k = 0; k < pg->nt; k++) {
        const tnode *t = &pg->t[k];
        int b = t->parent;
        if (b < 0 || dropped(pg, b) || pg->e[b].link)
            continue;
        /* past inline, paragraph and list elements to the container (collect) */
        b = pg->e[b].box;
        if (b >= 0)
            pg->e[b].own += count_chars((const char *)t->node->content);
    }
    for (size_t i = pg->ne; i-- > 0;) {
        pg->e[i].sub += pg->e[i].own;
        if (pg->e[i].parent >= 0)
            pg->e[pg->e[i].parent].sub += pg->e[i].sub;
    }
    int best = -1;
    for (size_t i = 0; i < pg->ne; i++)
        if (pg->e[i].own > 0 && !dropped(pg, (int)i) && (best < 0 || pg->e[i].own > pg->e[best].own))
            best = (int)i;
    if (best < 0)
        return -1;
    for (;;) { /* grow to an ancestor holding clearly more text */
        int q = pg->e[best].parent;
        while (q >= 0 && pg->e[q].sub == pg->e[best].sub && !is_root(pg, q))
            q = pg->e[q].parent;
        if (q < 0 || is_root(pg, q) || dropped(pg, q) || pg->e[q].sub * 5 < pg->e[best].sub * 6)
            break;
        best = q;
    }
    return best;
}

/* The heading kept before the article: the last h1-h3 or "title" element
 * before it, within three levels above it. */
static int choose_heading(const page *pg, int body)
{
    int top = body;
    for (int k = 0; k < 3 && pg->e[top].parent >= 0 && !is_root(pg, pg->e[top].parent); k++)
        top = pg->e[top].parent;
    if (top == body)
        return -1;
    for (int i = body - 1; i > top; i--) {
        const elem *e = &pg->e[i];
        /* inside top (by document order), before the body */
        if (e->heading && e->chars > 0 && !dropped(pg, i) && e->enter > pg->e[top].enter &&
            e->leave < pg->e[top].leave && e->leave < pg->e[body].enter)
            return i;
    }
    return -1;
}

/* ---- paragraphs ---- */

typedef struct builder {
    page *pg;
    mb_text raw; /* the paragraph so far: white space collapsed, maps to file bytes */
    size_t first_dec;
    int ws, ws_nl, hard;
    uint32_t ws_so, ws_eo, last_eo;
    int32_t last_cp;
    size_t line_pos, line;            /* line counting cache over the decoded text */
    mb_text_cursor dec_cur, pool_cur; /* the maps are read in text order */
    mb_html_page *out;
    size_t cap;
    size_t lost; /* text nodes not found in the source */
} builder;

static int is_space(int32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c != 0xA0 && (c < 0x1680 || c > 0x3000))
        return 0;
    int32_t o[4];
    return mb_normalize_cp(c, o) == 1 && o[0] == ' ';
}

static int is_wide(int32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
           (c >= 0x20000 && c <= 0x3FFFD);
}

static size_t line_at(builder *b, size_t pos)
{
    const char *s = b->pg->dec->s;
    if (pos < b->line_pos) {
        b->line_pos = 0;
        b->line = 1;
    }
    for (size_t i = b->line_pos; i < pos; i++)
        if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
            b->line++;
    b->line_pos = pos;
    return b->line;
}

static mb_status flush(builder *b)
{
    b->ws = b->hard = 0;
    if (b->raw.len == 0)
        return MB_OK;
    mb_text nt;
    mb_text_init(&nt);
    mb_error e2;
    mb_status st = mb_normalize(&b->raw, &nt, &e2);
    mb_text_clear(&b->raw);
    if (st)
        return st;
    size_t a = 0, z = nt.len; /* characters dropped by normalization can leave a space at an end */
    while (a < z && nt.s[a] == ' ')
        a++;
    while (z > a && nt.s[z - 1] == ' ')
        z--;
    if (a == z) {
        mb_text_free(&nt);
        return MB_OK;
    }
    if (a > 0 || z < nt.len) {
        mb_text tr;
        mb_text_init(&tr);
        st = mb_text_append_slice(&tr, &nt, a, z);
        mb_text_free(&nt);
        if (st) {
            mb_text_free(&tr);
            return st;
        }
        nt = tr;
    }
    mb_html_page *o = b->out;
    if (!mb_grow((void **)&o->paras, &b->cap, o->npara + 1, sizeof *o->paras)) {
        mb_text_free(&nt);
        return MB_ENOMEM;
    }
    mb_paragraph *p = &o->paras[o->npara];
    memset(p, 0, sizeof *p);
    p->index = o->npara;
    p->text = nt;
    mb_text_source_range(&nt, 0, nt.len, &p->src_start, &p->src_end);
    p->line = (unsigned)line_at(b, b->first_dec);
    o->npara++;
    st = mb_split_sentences(p->text.s, p->text.len, &p->sentences, &p->nsentences);
    if (!st)
        st = mb_text_append_slice(&o->norm, &p->text, 0, p->text.len);
    if (!st)
        st = mb_text_append(&o->norm, "\n", 1, p->src_end, p->src_end);
    return st;
}

static mb_status add_char(builder *b, const char *s, size_t n, int32_t cp, size_t dec_a, size_t dec_b)
{
    const mb_text *dec = b->pg->dec;
    uint32_t so, eo, x;
    b->dec_cur.t = dec;
    mb_text_cursor_source(&b->dec_cur, dec_a, &so, &x);
    mb_text_cursor_source(&b->dec_cur, dec_b - 1, &x, &eo);
    if (is_space(cp)) {
        if (b->raw.len == 0)
            return MB_OK;
        if (!b->ws) {
            b->ws = 1;
            b->ws_nl = 0;
            b->ws_so = so;
        }
        b->ws_eo = eo;
        if (cp == '\n' || cp == '\r')
            b->ws_nl = 1;
        return MB_OK;
    }
    mb_status st = MB_OK;
    if (b->raw.len == 0) {
        b->first_dec = dec_a;
    } else if (b->hard) {
        st = mb_text_append(&b->raw, " ", 1, b->last_eo, so > b->last_eo ? so : b->last_eo);
    } else if (b->ws && !(b->ws_nl && (is_wide(b->last_cp) || is_wide(cp)))) {
        st = mb_text_append(&b->raw, " ", 1, b->ws_so, b->ws_eo);
    }
    b->ws = b->hard = 0;
    if (!st)
        st = mb_text_append(&b->raw, s, n, so, eo);
    b->last_cp = cp;
    b->last_eo = eo;
    return st;
}

static mb_status add_text(builder *b, const tnode *t)
{
    if (t->map == SIZE_MAX) {
        if (count_chars((const char *)t->node->content) > 0)
            b->lost++;
        return MB_OK;
    }
    const char *s = (const char *)t->node->content;
    for (size_t i = 0; i < t->len;) {
        int32_t cp;
        int k = mb_utf8_decode((const unsigned char *)s + i, t->len - i, &cp);
        if (k < 1)
            k = 1;
        uint32_t da, db;
        b->pool_cur.t = &b->pg->pool;
        mb_text_cursor_source(&b->pool_cur, t->map + i, &da, &db);
        mb_status st = add_char(b, s + i, (size_t)k, cp, da, db);
        if (st)
            return st;
        i += (size_t)k;
    }
    return MB_OK;
}

/* Elements that end a paragraph (table cells only separate with a space). */
static int breaks(const char *name, enum kind k)
{
    if (!strcmp(name, "td") || !strcmp(name, "th"))
        return 0;
    return k == K_CONTAINER || k == K_PARA || k == K_LIST || k == K_BLOCK || !strcmp(name, "br");
}

/* Paragraphs of the subtree of element root (skipping dropped elements). */
static mb_status build(builder *b, int root)
{
    page *pg = b->pg;
    xmlNode *top = pg->e[root].node, *x = top;
    mb_status st = flush(b);
    while (x && !st) {
        int skip = 0;
        if (x->type == XML_ELEMENT_NODE) {
            int i = (int)(uintptr_t)x->_private - 1;
            const char *name = (const char *)x->name;
            if (i >= 0 && dropped(pg, i) && x != top) {
                skip = 1;
            } else if (!strcmp(name, "td") || !strcmp(name, "th")) {
                if (b->raw.len)
                    b->hard = 1;
            } else if (breaks(name, pg->e[i].kind)) {
                st = flush(b);
            }
        } else if ((x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) && x->_private) {
            st = add_text(b, &pg->t[(uintptr_t)x->_private - 1]);
        }
        if (st)
            break;
        if (!skip && x->type == XML_ELEMENT_NODE && x->children) {
            x = x->children;
            continue;
        }
        /* leave x and the ancestors we climb out of */
        for (;;) {
            if (x->type == XML_ELEMENT_NODE && !skip) {
                int i = (int)(uintptr_t)x->_private - 1;
                if (i >= 0 && breaks((const char *)x->name, pg->e[i].kind))
                    st = flush(b);
            }
            skip = 0;
            if (x == top) {
                x = NULL;
                break;
            }
            if (x->next) {
                x = x->next;
                break;
            }
            x = x->parent;
        }
    }
    if (!st)
        st = flush(b);
    return st;
}

void mb_html_page_free(mb_html_page *p)
{
    if (!p)
        return;
    mb_text_free(&p->norm);
    mb_paragraphs_free(p->paras, p->npara);
    free(p->title);
    free(p->site);
    memset(p, 0, sizeof *p);
}

static void page_free(page *pg)
{
    free(pg->e);
    free(pg->t);
    mb_text_free(&pg->pool);
    free(pg->ma);
    free(pg->mb);
    free(pg->title);
    free(pg->site);
}

static mb_status page_date(page *pg, int body, mb_date *out)
{
    memset(out, 0, sizeof *out);
    out->source = "none";
    const char *found = NULL;
    char buf[11];
    for (int k = 0; k < 5 && !found; k++)
        if (pg->meta_date[k][0])
            found = pg->meta_date[k];
    char last[11] = "";
    if (!found && body >= 0) {
        for (size_t k = 0; k < pg->nt && pg->t[k].order < pg->e[body].enter; k++) {
            const tnode *t = &pg->t[k];
            if (t->len >= 200 || t->parent < 0 || dropped(pg, t->parent))
                continue;
            if (find_date(pg->lex, (const char *)t->node->content, 1, buf))
                memcpy(last, buf, sizeof buf);
        }
        if (last[0])
            found = last;
    }
    if (found && mb_date_parse(found, out) == MB_OK)
        out->source = "text";
    return MB_OK;
}

mb_status mb_html_parse(const char *name, const mb_text *dec, const mb_lexicon *lex, mb_html_page *out,
                        mb_strlist *warnings, mb_error *err)
{
    memset(out, 0, sizeof *out);
    out->date.source = "none";
    if (dec->len == 0)
        return MB_OK;
    if (dec->len > INT_MAX)
        return mb_error_set(err, MB_ETOOBIG, "%s: HTML larger than 2 GiB", name);
    mb_error xe = {0};
    if (!(X = mb_xml_api_get(&xe)))
        return mb_error_set(err, MB_EHTML, "%s: %s", name, xe.message);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
    repairs rep = {0, 0, ""};
    cur_repairs = &rep;
    X->SetStructuredErrorFunc(NULL, on_error);
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, dec->s, (int)dec->len, NULL, "UTF-8", PARSE_FLAGS);
    X->SetStructuredErrorFunc(NULL, NULL);
    cur_repairs = NULL;
    htmlFreeParserCtxt(ctxt);
    if (!doc)
        return mb_error_set(err, MB_EHTML, "%s: byte 0: not parsable as HTML", name);
    page pg;
    memset(&pg, 0, sizeof pg);
    pg.name = name;
    pg.dec = dec;
    pg.lex = lex;
    pg.use_class = 1;
    mb_status st = collect(&pg, doc, err);
    int body = -1, head = -1;
    if (!st) {
        body = choose_body(&pg);
        if (body < 0) { /* the class/id rule dropped everything: do without it */
            pg.use_class = 0;
            body = choose_body(&pg);
        }
        if (body >= 0)
            head = choose_heading(&pg, body);
    }
    builder b;
    memset(&b, 0, sizeof b);
    b.pg = &pg;
    b.out = out;
    b.line = 1;
    mb_text_init(&b.raw);
    if (!st && head >= 0)
        st = build(&b, head);
    if (!st && body >= 0)
        st = build(&b, body);
    mb_text_free(&b.raw);
    if (!st && b.lost)
        st = mb_strlist_addf(warnings, "%s: %zu pieces of text not found in the source bytes; left out", name,
                             b.lost);
    if (!st && rep.n) { /* the source byte of the first report */
        uint32_t so, eo;
        mb_text_byte_source(dec, rep.first, &so, &eo);
        size_t at = rep.first < dec->len ? so : eo;
        if (rep.n == 1)
            st = mb_strlist_addf(
                warnings, "%s: byte %zu: the HTML parser repaired the markup here (%s); text may be lost",
                name, at, rep.msg);
        else
            st = mb_strlist_addf(
                warnings,
                "%s: byte %zu: the HTML parser repaired the markup here (%s) and at %zu more places; "
                "text may be lost",
                name, at, rep.msg, rep.n - 1);
    }
    if (!st) {
        page_date(&pg, body, &out->date);
        out->title = pg.title;
        pg.title = NULL;
        out->site = pg.site;
        pg.site = NULL;
    }
    page_free(&pg);
    xmlFreeDoc(doc);
    if (st) {
        mb_html_page_free(out);
        return st == MB_ENOMEM ? mb_error_set(err, st, "%s: out of memory", name) : st;
    }
    return MB_OK;
}
