/* dompos.c — an HTML page's characters in its DOM text (see dompos.h). One
 * pass over the decoded page: a checkpoint where counting starts or stops
 * and about every KiB of counted text, so the table stays small. */
#include "dompos.h"

#include "html_entities.h"

#include <string.h>
#include <strings.h>

#define STEP 1024 /* bytes of counted text between checkpoints */

enum { RAW_NONE, RAW_TEXT, RAW_SCRIPT, RAW_RCDATA, RAW_PLAIN };

typedef struct scan {
    const char *s; /* the decoded page (UTF-8) */
    size_t n;
    mb_text_cursor cur; /* decoded offsets to source bytes */
    mb_charpos *cp;
    uint32_t count; /* characters of the DOM text so far */
    int last;       /* the last checkpoint: -1 none, 0 counted text, 1 flat */
    size_t last_at; /* its offset in s */
    int body;       /* in the body: text counts */
    int origin;     /* the body has just started: the next checkpoint is its first byte */
    int frameset;   /* a frameset page: no body */
    int tmpl;       /* <template> depth: its content is no text of the DOM */
    int foreign;    /* <svg>/<math> depth */
    int skip_lf;    /* a line feed as the next token is dropped (after <pre>) */
    int raw;        /* RAW_*: the text of an element read to its end tag */
    char rawname[16];
    const mb_html_entity *ent;
    size_t nent;
    int failed;
} scan;

static int ws(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int alnum(unsigned char c)
{
    return alpha(c) || (c >= '0' && c <= '9');
}

static int counting(const scan *sc)
{
    return sc->body && !sc->tmpl;
}

/* A checkpoint at s[i]: flat, or counted text (one a STEP). */
static void mark(scan *sc, size_t i, int flat)
{
    if (sc->failed)
        return;
    if (sc->last == flat && !sc->origin) {
        if (flat && sc->cp->count[sc->cp->n - 1] == sc->count)
            return;
        if (!flat && i - sc->last_at < STEP)
            return;
    }
    uint32_t so, eo;
    mb_text_cursor_source(&sc->cur, i, &so, &eo);
    if (sc->origin) {
        sc->cp->origin = so;
        sc->origin = 0;
    }
    if (sc->cp->n && sc->cp->byte[sc->cp->n - 1] == so) /* nothing between: replaced */
        sc->cp->n--;
    if (mb_charpos_push(sc->cp, so, sc->count, flat))
        sc->failed = 1;
    sc->last = flat;
    sc->last_at = i;
}

static void start_body(scan *sc)
{
    if (!sc->body) {
        sc->body = 1;
        sc->origin = 1;
    }
}

static size_t utf8_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The entity whose name is s[0..len), or NULL. */
static const mb_html_entity *entity(const scan *sc, const char *s, size_t len)
{
    size_t lo = 0, hi = sc->nent;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *nm = sc->ent[mid].name;
        int c = strncmp(nm, s, len);
        if (!c && nm[len])
            c = 1;
        if (c < 0)
            lo = mid + 1;
        else if (c > 0)
            hi = mid;
        else
            return &sc->ent[mid];
    }
    return NULL;
}

/* A character reference at s[i] ('&') as the tokenizer reads one in text:
 * the number of characters it stands for (0: none, the '&' is text), *end
 * past it and its first code point in *cp. */
static int reference(const scan *sc, size_t i, size_t e, size_t *end, int32_t *cp)
{
    const char *s = sc->s;
    size_t j = i + 1;
    if (j < e && s[j] == '#') {
        j++;
        int hex = j < e && (s[j] == 'x' || s[j] == 'X');
        j += (size_t)hex;
        size_t d = j;
        int32_t v = 0;
        for (; j < e; j++) {
            unsigned char c = (unsigned char)s[j];
            int x = c >= '0' && c <= '9'                            ? c - '0'
                    : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                    : -1;
            if (x < 0)
                break;
            v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + x;
        }
        if (j == d)
            return 0;
        if (j < e && s[j] == ';')
            j++;
        *end = j;
        *cp = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : v;
        return 1;
    }
    size_t run = 0; /* the longest name that is there: with its ';', else a legacy one */
    while (j + run < e && run < 32 && alnum((unsigned char)s[j + run]))
        run++;
    const mb_html_entity *x = NULL;
    if (run && j + run < e && s[j + run] == ';')
        x = entity(sc, s + j, run + 1);
    if (x) {
        *end = j + run + 1;
    } else {
        for (; run > 0 && !(x = entity(sc, s + j, run)); run--)
            ;
        if (!x)
            return 0;
        *end = j + run;
    }
    *cp = x->cp[0];
    return x->cp[1] ? 2 : 1;
}

/* Text s[i..e): in the data state (data: may start the body) or the text
 * of a raw element; refs: character references are read. */
static void text(scan *sc, size_t i, size_t e, int data, int refs)
{
    const char *s = sc->s;
    while (i < e && !sc->failed) {
        unsigned char c = (unsigned char)s[i];
        if (counting(sc) && !sc->skip_lf && c != '\r' && !(refs && c == '&')) {
            /* a run of plain characters */
            size_t j = i;
            uint32_t k = 0;
            mark(sc, i, 0);
            for (; j < e && j - sc->last_at < STEP; j++) {
                unsigned char d = (unsigned char)s[j];
                if (d == '\r' || (refs && d == '&'))
                    break;
                k += (d & 0xC0) != 0x80;
            }
            while (j < e && ((unsigned char)s[j] & 0xC0) == 0x80)
                j++;
            sc->count += k;
            i = j;
            continue;
        }
        size_t next = i + utf8_len(c);
        int32_t cp = c;
        uint32_t k = 1;
        int ref = 0; /* a reference: flat, the characters it stands for in the count after it */
        if (c == '\r' && i + 1 < e && s[i + 1] == '\n') { /* CR LF: the line feed counts */
            mark(sc, i, 1);
            i++;
            continue;
        }
        if (c == '\r') /* a lone CR is a line feed */
            cp = '\n';
        if (refs && c == '&') {
            size_t end;
            int32_t rc;
            int nr = reference(sc, i, e, &end, &rc);
            if (nr) {
                next = end;
                cp = rc;
                k = (uint32_t)nr;
                ref = 1;
            }
        }
        if (sc->skip_lf) {
            sc->skip_lf = 0;
            if (cp == '\n' && k == 1) {
                mark(sc, i, 1);
                i = next;
                continue;
            }
        }
        if (!counting(sc) && data && !sc->tmpl && !(k == 1 && ws(cp)))
            start_body(sc);
        if (counting(sc)) {
            mark(sc, i, ref);
            sc->count += k;
        } else {
            mark(sc, i, 1);
        }
        i = next;
    }
}

/* s[i..) starts with the tag name name (any case) and then white space,
 * '/' or '>'. */
static int named(const scan *sc, size_t i, const char *name)
{
    size_t l = strlen(name);
    return i + l < sc->n && !strncasecmp(sc->s + i, name, l) &&
           (ws(sc->s[i + l]) || sc->s[i + l] == '/' || sc->s[i + l] == '>');
}

/* Where the raw text from s[i] ends: its end tag's '<', or n. */
static size_t raw_end(const scan *sc, size_t i)
{
    const char *s = sc->s;
    size_t n = sc->n;
    if (sc->raw == RAW_PLAIN)
        return n;
    int esc = 0; /* script: 1 escaped (after <!--), 2 double escaped (<!-- <script>) */
    for (size_t p = i; p < n; p++) {
        if (s[p] == '-' && esc && p + 2 < n && s[p + 1] == '-' && s[p + 2] == '>') {
            esc = 0;
            p += 2;
            continue;
        }
        if (s[p] != '<')
            continue;
        if (sc->raw == RAW_SCRIPT && !esc && p + 3 < n && !strncmp(s + p, "<!--", 4)) {
            esc = 1;
            p++; /* from the first '-': <!--> ends it at once */
            continue;
        }
        if (p + 1 < n && s[p + 1] == '/' && named(sc, p + 2, sc->rawname)) {
            if (esc == 2)
                esc = 1;
            else
                return p;
        } else if (esc == 1 && named(sc, p + 1, "script")) {
            esc = 2;
        }
    }
    return n;
}

static size_t find(const char *s, size_t n, size_t from, const char *what)
{
    size_t l = strlen(what);
    for (size_t p = from; p + l <= n; p++)
        if (s[p] == what[0] && !memcmp(s + p, what, l))
            return p;
    return n;
}

/* Past the next '>' at or after p (bogus comments, <!DOCTYPE>), or n. */
static size_t past_gt(const char *s, size_t n, size_t p)
{
    const char *g = p < n ? memchr(s + p, '>', n - p) : NULL;
    return g ? (size_t)(g - s) + 1 : n;
}

/* Past the end of a comment whose "<!--" ends at p: "-->", "--!>", or at
 * once for "<!-->" and "<!--->"; n when it does not end. */
static size_t comment_end(const char *s, size_t n, size_t p)
{
    if (p < n && s[p] == '>')
        return p + 1;
    if (p + 1 < n && s[p] == '-' && s[p + 1] == '>')
        return p + 2;
    for (size_t q = p; q + 2 < n; q++)
        if (s[q] == '-' && s[q + 1] == '-') {
            if (s[q + 2] == '>')
                return q + 3;
            if (q + 3 < n && s[q + 2] == '!' && s[q + 3] == '>')
                return q + 4;
        }
    return n;
}

/* Past a tag whose name starts at s[p]: its name (lower case, cut to the
 * buffer) into name, attributes skipped as the tokenizer reads them
 * (quoted values may hold '>'); *self for "/>". n when the page ends in it
 * (the tag is dropped). */
static size_t tag(const scan *sc, size_t p, char name[16], int *self)
{
    const char *s = sc->s;
    size_t n = sc->n, k = 0;
    *self = 0;
    for (; p < n && !ws(s[p]) && s[p] != '/' && s[p] != '>'; p++)
        if (k + 1 < 16)
            name[k++] = (char)((s[p] >= 'A' && s[p] <= 'Z') ? s[p] | 0x20 : s[p]);
    name[k] = '\0';
    for (;;) {
        while (p < n && ws(s[p]))
            p++;
        if (p >= n)
            return n;
        if (s[p] == '>')
            return p + 1;
        if (s[p] == '/') {
            if (p + 1 < n && s[p + 1] == '>') {
                *self = 1;
                return p + 2;
            }
            p++;
            continue;
        }
        for (p++; p < n && !ws(s[p]) && s[p] != '/' && s[p] != '>' && s[p] != '='; p++)
            ; /* an attribute's name (its first character may be '=') */
        while (p < n && ws(s[p]))
            p++;
        if (p >= n || s[p] != '=')
            continue;
        for (p++; p < n && ws(s[p]); p++)
            ;
        if (p < n && (s[p] == '"' || s[p] == '\'')) {
            const char *q = memchr(s + p + 1, s[p], n - p - 1);
            if (!q)
                return n;
            p = (size_t)(q - s) + 1;
        } else {
            while (p < n && !ws(s[p]) && s[p] != '>')
                p++;
        }
    }
}

static int among(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(name, list[i]))
            return 1;
    return 0;
}

/* Tags of HTML that end <svg>/<math> content where they stand. */
static const char *const breakout[] = {
    "b",      "big",  "blockquote", "body",  "br",   "center", "code",    "dd",   "div",
    "dl",     "dt",   "em",         "embed", "h1",   "h2",     "h3",      "h4",   "h5",
    "h6",     "head", "hr",         "i",     "img",  "li",     "listing", "menu", "meta",
    "nobr",   "ol",   "p",          "pre",   "ruby", "s",      "small",   "span", "strong",
    "strike", "sub",  "sup",        "table", "tt",   "u",      "ul",      "var",  NULL};

static void start_tag(scan *sc, const char *name, int self)
{
    static const char *const head[] = {"html",  "head",   "base",     "basefont", "bgsound",
                                       "link",  "meta",   "title",    "noscript", "noframes",
                                       "style", "script", "template", NULL};
    static const char *const rawtext[] = {"style", "xmp", "iframe", "noembed", "noframes", "noscript", NULL};
    int svg = !strcmp(name, "svg") || !strcmp(name, "math");
    if (sc->foreign) {
        if (!among(name, breakout)) {
            sc->foreign += svg && !self;
            return;
        }
        sc->foreign = 0;
    }
    if (!sc->body && !sc->tmpl) {
        if (!strcmp(name, "frameset")) {
            sc->frameset = 1;
            return;
        }
        if (!strcmp(name, "body")) {
            start_body(sc);
            return;
        }
        if (!among(name, head))
            start_body(sc);
    }
    if (!strcmp(name, "script"))
        sc->raw = RAW_SCRIPT;
    else if (among(name, rawtext))
        sc->raw = RAW_TEXT;
    else if (!strcmp(name, "title") || !strcmp(name, "textarea"))
        sc->raw = RAW_RCDATA;
    else if (!strcmp(name, "plaintext"))
        sc->raw = RAW_PLAIN;
    if (sc->raw)
        memcpy(sc->rawname, name, strlen(name) + 1);
    if (!strcmp(name, "pre") || !strcmp(name, "listing") || !strcmp(name, "textarea"))
        sc->skip_lf = 1;
    if (svg && !self)
        sc->foreign = 1;
    if (!strcmp(name, "template"))
        sc->tmpl++;
}

static void end_tag(scan *sc, const char *name)
{
    if (!strcmp(name, "template") && sc->tmpl)
        sc->tmpl--;
    else if ((!strcmp(name, "svg") || !strcmp(name, "math")) && sc->foreign)
        sc->foreign--;
    else if (!sc->body && !sc->tmpl &&
             (!strcmp(name, "body") || !strcmp(name, "html") || !strcmp(name, "br")))
        start_body(sc);
}

/* Markup at s[i] = '<': past it. */
static size_t markup(scan *sc, size_t i)
{
    const char *s = sc->s;
    size_t n = sc->n, e;
    char name[16];
    int self;
    sc->skip_lf = 0;
    unsigned char c = i + 1 < n ? (unsigned char)s[i + 1] : 0;
    if (c == '!') {
        if (i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
            e = comment_end(s, n, i + 4);
        } else if (sc->foreign && i + 9 <= n && !memcmp(s + i, "<![CDATA[", 9)) {
            mark(sc, i, 1);
            e = find(s, n, i + 9, "]]>");
            text(sc, i + 9, e, 0, 0);
            if (e < n)
                mark(sc, e, 1);
            return e < n ? e + 3 : n;
        } else {
            e = past_gt(s, n, i + 2); /* <!DOCTYPE>, a bogus comment */
        }
        mark(sc, i, 1);
        return e;
    }
    if (c == '?') {
        mark(sc, i, 1);
        return past_gt(s, n, i + 2);
    }
    if (c == '/' && i + 2 < n) {
        mark(sc, i, 1);
        if (s[i + 2] == '>')
            return i + 3;
        if (!alpha((unsigned char)s[i + 2]))
            return past_gt(s, n, i + 2);
        e = tag(sc, i + 2, name, &self);
        if (e < n || s[n - 1] == '>')
            end_tag(sc, name);
        return e;
    }
    if (alpha(c)) {
        mark(sc, i, 1);
        e = tag(sc, i + 1, name, &self);
        if (e < n || s[n - 1] == '>')
            start_tag(sc, name, self);
        return e;
    }
    text(sc, i, i + 1, 1, 0); /* a '<' that starts nothing is text */
    return i + 1;
}

mb_status mb_dompos_build(mb_charpos *cp, const mb_text *dec, const char *enc)
{
    mb_charpos_init(cp, enc);
    scan sc;
    memset(&sc, 0, sizeof sc);
    sc.s = dec->s ? dec->s : "";
    sc.n = dec->len;
    sc.cur.t = dec;
    sc.cp = cp;
    sc.last = -1;
    sc.ent = mb_html_entities(&sc.nent);
    size_t i = 0;
    while (i < sc.n && !sc.failed && !sc.frameset) {
        if (sc.raw) {
            size_t e = raw_end(&sc, i);
            text(&sc, i, e, 0, sc.raw == RAW_RCDATA);
            sc.raw = RAW_NONE;
            i = e;
        } else if (sc.s[i] == '<') {
            i = markup(&sc, i);
        } else {
            const char *lt = memchr(sc.s + i, '<', sc.n - i);
            size_t e = lt ? (size_t)(lt - sc.s) : sc.n;
            text(&sc, i, e, 1, 1);
            i = e;
        }
    }
    if (sc.failed) {
        mb_charpos_free(cp);
        return MB_ENOMEM;
    }
    if (sc.frameset) {
        mb_charpos_free(cp);
        mb_charpos_init(cp, enc);
    }
    return MB_OK;
}
