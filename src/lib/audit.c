/* audit.c — verdicts on commitment records against their source files. */
#include "audit.h"

#include "doc_internal.h"

#include "error.h"
#include "text.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NSLOTS      4
#define MIN_CONTEXT 6 /* characters of prefix + suffix needed to call a passage changed */

/* A paragraph's text without white space; pos[i] is the byte offset in the
 * paragraph text of byte i. */
typedef struct squeezed {
    char *s;
    size_t len;
    size_t *pos;
} squeezed;

/* One loaded (or failed) reading of a file. */
typedef struct slot {
    char *path;
    char enc[24]; /* "" when detected */
    int lenient;
    mb_doc *doc; /* NULL when loading failed */
    mb_status st;
    char msg[512];
    squeezed *sq; /* one per paragraph, built on first search */
    unsigned long used;
    struct stat st_file; /* to notice a file changed since it was loaded */
    int have_stat;
} slot;

struct mb_auditor {
    slot slots[NSLOTS];
    unsigned long tick;
    const mb_lexicon *lex; /* documents are read with it (Big5 detection, page dates) */
    char *root;            /* NULL: any path; else files are read only inside this folder */
};

/* What mb_audit.priv holds. */
typedef struct audit_priv {
    cJSON *rec;   /* the record as parsed */
    cJSON *fixed; /* moved: the corrected record; NULL otherwise */
} audit_priv;

/* The fields of a record that the audit reads. */
typedef struct rec_view {
    const char *id, *path, *sha256, *encoding;
    uint32_t start, end;
    const char *text, *exact, *prefix, *suffix;
} rec_view;

const char *mb_verdict_name(mb_verdict v)
{
    switch (v) {
    case MB_VERDICT_OK: return "ok";
    case MB_VERDICT_MOVED: return "moved";
    case MB_VERDICT_CHANGED: return "changed";
    case MB_VERDICT_MISSING: return "missing";
    case MB_VERDICT_UNREADABLE: return "unreadable";
    }
    return "unknown";
}

/* ---- the document cache ---- */

mb_status mb_auditor_new(mb_auditor **out, mb_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    return MB_OK;
}

void mb_auditor_set_lexicon(mb_auditor *a, const mb_lexicon *lex)
{
    if (a)
        a->lex = lex;
}

static void squeezed_free(squeezed *q, size_t n)
{
    if (!q)
        return;
    for (size_t i = 0; i < n; i++) {
        free(q[i].s);
        free(q[i].pos);
    }
    free(q);
}

static void slot_clear(slot *s)
{
    if (s->doc)
        squeezed_free(s->sq, mb_doc_paragraph_count(s->doc));
    mb_doc_free(s->doc);
    free(s->path);
    memset(s, 0, sizeof *s);
}

void mb_auditor_free(mb_auditor *a)
{
    if (!a)
        return;
    for (int i = 0; i < NSLOTS; i++)
        slot_clear(&a->slots[i]);
    free(a->root);
    free(a);
}

mb_status mb_auditor_set_root(mb_auditor *a, const char *root, mb_error *err)
{
    char *copy = NULL;
    if (root && !(copy = strdup(root)))
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    free(a->root);
    a->root = copy;
    for (int i = 0; i < NSLOTS; i++) /* read under another root: forget them */
        slot_clear(&a->slots[i]);
    return MB_OK;
}

/* 1 when path is still the file that was loaded into s (same inode, size
 * and modification time; or still missing). */
static int same_file(const slot *s, const char *path)
{
    struct stat now;
    int have = stat(path, &now) == 0;
    if (have != s->have_stat)
        return 0;
    if (!have)
        return 1;
    return now.st_ino == s->st_file.st_ino && now.st_dev == s->st_file.st_dev &&
           now.st_size == s->st_file.st_size && now.st_mtim.tv_sec == s->st_file.st_mtim.tv_sec &&
           now.st_mtim.tv_nsec == s->st_file.st_mtim.tv_nsec;
}

/* The reading of path with encoding enc (NULL: detect). Never NULL except
 * when out of memory; a failed load is cached as such. */
static slot *load(mb_auditor *a, const char *path, const char *enc, int lenient)
{
    const char *key = enc ? enc : "";
    slot *victim = &a->slots[0];
    for (int i = 0; i < NSLOTS; i++) {
        slot *s = &a->slots[i];
        if (s->path && !strcmp(s->path, path) && !strcmp(s->enc, key) && s->lenient == lenient) {
            if (!same_file(s, path)) {
                victim = s;
                break;
            }
            s->used = ++a->tick;
            return s;
        }
        if (!s->path || s->used < victim->used)
            victim = s;
    }
    slot_clear(victim);
    size_t n = strlen(path) + 1;
    victim->path = malloc(n);
    if (!victim->path)
        return NULL;
    memcpy(victim->path, path, n);
    snprintf(victim->enc, sizeof victim->enc, "%s", key);
    victim->lenient = lenient;
    victim->used = ++a->tick;
    victim->have_stat = stat(path, &victim->st_file) == 0;
    /* doc.path comes from the record, which may be hostile: a regular file
     * only, under the size limit, and inside the root when there is one */
    mb_doc_options opt = {
        .encoding = enc, .lenient = lenient, .lexicon = a->lex, .regular_only = 1, .root = a->root};
    mb_error err = {0};
    victim->st = mb_doc_load_file(path, &opt, &victim->doc, &err);
    if (victim->st)
        snprintf(victim->msg, sizeof victim->msg, "%s",
                 err.message[0] ? err.message : mb_strerror(victim->st));
    return victim;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s without white space, NUL-terminated; pos (may be NULL) maps back. */
static int squeeze(const char *s, size_t n, squeezed *q, int with_pos)
{
    q->s = malloc(n + 1);
    q->pos = with_pos ? malloc((n ? n : 1) * sizeof *q->pos) : NULL;
    q->len = 0;
    if (!q->s || (with_pos && !q->pos)) {
        free(q->s);
        free(q->pos);
        q->s = NULL;
        q->pos = NULL;
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (is_space((unsigned char)s[i]))
            continue;
        if (q->pos)
            q->pos[q->len] = i;
        q->s[q->len++] = s[i];
    }
    q->s[q->len] = '\0';
    return 1;
}

static int slot_squeeze(slot *s)
{
    if (s->sq)
        return 1;
    size_t n = mb_doc_paragraph_count(s->doc);
    s->sq = calloc(n ? n : 1, sizeof *s->sq);
    if (!s->sq)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const mb_paragraph *p = mb_doc_paragraph(s->doc, i);
        if (!squeeze(p->text.s ? p->text.s : "", p->text.len, &s->sq[i], 1)) {
            squeezed_free(s->sq, n);
            s->sq = NULL;
            return 0;
        }
    }
    return 1;
}

/* ---- reading the record ---- */

static const cJSON *member(const cJSON *o, const char *name)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, name) : NULL;
}

static mb_status need_string(const cJSON *o, const char *obj, const char *name, const char **out,
                             mb_error *err)
{
    const cJSON *v = member(o, name);
    if (!cJSON_IsString(v) || !v->valuestring) {
        if (obj)
            return mb_error_set(err, MB_EJSON, "not a mubiao record: %s.%s (a string) is %s", obj, name,
                                v ? "not a string" : "missing");
        return mb_error_set(err, MB_EJSON, "not a mubiao record: %s (a string) is %s", name,
                            v ? "not a string" : "missing");
    }
    *out = v->valuestring;
    return MB_OK;
}

static mb_status need_offset(const cJSON *o, const char *obj, const char *name, uint32_t *out, mb_error *err)
{
    const cJSON *v = member(o, name);
    double d = cJSON_IsNumber(v) ? v->valuedouble : -1;
    if (!(d >= 0 && d <= (double)UINT32_MAX && floor(d) == d))
        return mb_error_set(err, MB_EJSON, "not a mubiao record: %s.%s (a byte offset) is %s", obj, name,
                            v ? "not a whole number from 0 to 4294967295" : "missing");
    *out = (uint32_t)d;
    return MB_OK;
}

static mb_status need_object(const cJSON *o, const char *name, const cJSON **out, mb_error *err)
{
    *out = member(o, name);
    if (!cJSON_IsObject(*out))
        return mb_error_set(err, MB_EJSON, "not a mubiao record: %s (an object) is %s", name,
                            *out ? "not an object" : "missing");
    return MB_OK;
}

static mb_status view_record(const cJSON *rec, rec_view *v, mb_error *err)
{
    const cJSON *doc, *span, *quote;
    mb_status st;
    if (!cJSON_IsObject(rec))
        return mb_error_set(err, MB_EJSON, "not a mubiao record: not a JSON object");
    if ((st = need_string(rec, NULL, "id", &v->id, err)) || (st = need_object(rec, "doc", &doc, err)) ||
        (st = need_string(doc, "doc", "path", &v->path, err)) ||
        (st = need_string(doc, "doc", "sha256", &v->sha256, err)) ||
        (st = need_string(doc, "doc", "encoding", &v->encoding, err)) ||
        (st = need_object(rec, "span", &span, err)) ||
        (st = need_offset(span, "span", "start", &v->start, err)) ||
        (st = need_offset(span, "span", "end", &v->end, err)) ||
        (st = need_string(span, "span", "text", &v->text, err)) ||
        (st = need_object(rec, "quote", &quote, err)) ||
        (st = need_string(quote, "quote", "exact", &v->exact, err)) ||
        (st = need_string(quote, "quote", "prefix", &v->prefix, err)) ||
        (st = need_string(quote, "quote", "suffix", &v->suffix, err)))
        return st;
    if (v->end < v->start)
        return mb_error_set(err, MB_EJSON, "not a mubiao record: span.end %u is before span.start %u", v->end,
                            v->start);
    if (!v->path[0])
        return mb_error_set(err, MB_EJSON, "not a mubiao record: doc.path is empty");
    return MB_OK;
}

/* ---- checks ---- */

static int same_squeezed(const char *a, const char *b)
{
    for (;;) {
        while (is_space((unsigned char)*a))
            a++;
        while (is_space((unsigned char)*b))
            b++;
        if (*a != *b)
            return 0;
        if (!*a)
            return 1;
        a++;
        b++;
    }
}

/* 1 when the bytes of the span give its text back; *now gets that text. */
static int span_holds(const mb_doc *doc, const rec_view *v, char **now)
{
    *now = NULL;
    size_t n;
    mb_doc_source(doc, &n);
    if (v->end > n)
        return 0;
    if (mb_doc_source_text(doc, v->start, v->end, now, NULL))
        return 0;
    return same_squeezed(*now, v->text);
}

/* A place in the paragraph text: [a,b) bytes of paragraph para. */
typedef struct place {
    size_t para, a, b;
} place;

static place to_text(const squeezed *q, const mb_paragraph *p, size_t para, size_t a, size_t b)
{
    place r = {para, 0, 0};
    if (a < b) {
        r.a = q->pos[a];
        r.b = q->pos[b - 1] + 1;
    } else { /* empty: between two characters */
        r.a = r.b = a < q->len ? q->pos[a] : p->text.len;
    }
    return r;
}

typedef struct found {
    int n; /* matches (capped) */
    place at;
} found;

/* Every occurrence of prefix+exact+suffix (squeezed) in the paragraphs. */
static found find_quote(const slot *s, const char *pre, const char *ex, const char *suf)
{
    found f = {0, {0, 0, 0}};
    size_t lp = strlen(pre), le = strlen(ex), ls = strlen(suf);
    char *needle = malloc(lp + le + ls + 1);
    if (!needle)
        return f;
    memcpy(needle, pre, lp);
    memcpy(needle + lp, ex, le);
    memcpy(needle + lp + le, suf, ls);
    needle[lp + le + ls] = '\0';
    size_t np = mb_doc_paragraph_count(s->doc);
    for (size_t i = 0; i < np && f.n < 100; i++) {
        const squeezed *q = &s->sq[i];
        for (const char *h = strstr(q->s, needle); h && f.n < 100; h = strstr(h + 1, needle)) {
            if (f.n++ == 0) {
                size_t a = (size_t)(h - q->s) + lp;
                f.at = to_text(q, mb_doc_paragraph(s->doc, i), i, a, a + le);
            }
        }
    }
    free(needle);
    return f;
}

/* Prefix followed by suffix with something else between. */
static found find_frame(const slot *s, const char *pre, const char *ex, const char *suf)
{
    found f = {0, {0, 0, 0}};
    size_t lp = strlen(pre), le = strlen(ex), ls = strlen(suf);
    if (mb_utf8_count(pre, 0, lp) + mb_utf8_count(suf, 0, ls) < MIN_CONTEXT)
        return f;
    size_t maxgap = le + 64 > 4 * le ? le + 64 : 4 * le;
    size_t np = mb_doc_paragraph_count(s->doc);
    for (size_t i = 0; i < np && f.n < 100; i++) {
        const squeezed *q = &s->sq[i];
        const char *h = lp ? strstr(q->s, pre) : q->s;
        while (h && f.n < 100) {
            size_t j = (size_t)(h - q->s) + lp, k;
            int ok = 0;
            if (ls) {
                const char *t = strstr(q->s + j, suf);
                if (t && (size_t)(t - q->s) - j <= maxgap) {
                    k = (size_t)(t - q->s);
                    ok = 1;
                }
            } else {
                k = q->len;
                ok = k - j <= maxgap;
            }
            if (ok && f.n++ == 0)
                f.at = to_text(q, mb_doc_paragraph(s->doc, i), i, j, k);
            if (!lp)
                break;
            h = strstr(h + 1, pre);
        }
    }
    return f;
}

static char *slice(const char *s, size_t a, size_t b)
{
    char *r = malloc(b - a + 1);
    if (r) {
        memcpy(r, s + a, b - a);
        r[b - a] = '\0';
    }
    return r;
}

/* ---- the corrected record ---- */

/* Replace (keeping its place) or add member name of o. Takes v. */
static int put(cJSON *o, const char *name, cJSON *v)
{
    if (!v)
        return 0;
    if (cJSON_GetObjectItemCaseSensitive(o, name))
        return cJSON_ReplaceItemInObjectCaseSensitive(o, name, v);
    return cJSON_AddItemToObject(o, name, v);
}

static int put_slice(cJSON *o, const char *name, const char *s, size_t a, size_t b)
{
    char *t = slice(s, a, b);
    if (!t)
        return 0;
    int ok = put(o, name, cJSON_CreateString(t));
    free(t);
    return ok;
}

/* The record rec moved to at in doc: a copy with the document's hash and
 * encoding, the paragraph, sentence, span and quote of the new place. */
static cJSON *fixed_record(const cJSON *rec, const mb_doc *doc, place at)
{
    const mb_paragraph *p = mb_doc_paragraph(doc, at.para);
    const mb_text *t = &p->text;
    cJSON *o = cJSON_Duplicate(rec, 1);
    if (!o)
        return NULL;
    cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "doc");
    cJSON *po = cJSON_CreateObject(), *sp = cJSON_CreateObject(), *q = cJSON_CreateObject();
    int ok = po && sp && q;
    ok = ok && put(d, "sha256", cJSON_CreateString(mb_doc_sha256(doc)));
    ok = ok && put(d, "encoding", cJSON_CreateString(mb_doc_encoding(doc)));
    ok = ok && cJSON_AddNumberToObject(po, "index", (double)p->index);
    ok = ok && cJSON_AddNumberToObject(po, "start", p->src_start);
    ok = ok && cJSON_AddNumberToObject(po, "end", p->src_end);
    ok = ok && cJSON_AddNumberToObject(po, "line", p->line);
    if (ok) {
        ok = put(o, "paragraph", po);
        po = NULL;
    }
    size_t sa = 0, sb = t->len;
    for (size_t k = 0; k < p->nsentences; k++)
        if (p->sentences[k].start <= at.a && at.a < p->sentences[k].end) {
            sa = p->sentences[k].start;
            sb = p->sentences[k].end;
            break;
        }
    ok = ok && put_slice(o, "sentence", t->s, sa, sb);
    uint32_t a = 0, b = 0;
    if (at.a < at.b)
        mb_text_source_range(t, at.a, at.b, &a, &b);
    ok = ok && cJSON_AddNumberToObject(sp, "start", a);
    ok = ok && cJSON_AddNumberToObject(sp, "end", b);
    ok = ok && put_slice(sp, "text", t->s, at.a, at.b);
    if (ok) {
        ok = put(o, "span", sp);
        sp = NULL;
    }
    /* a record that has a position gets the new one (of the DOM text on a page) */
    if (ok && cJSON_GetObjectItemCaseSensitive(o, "position")) {
        uint32_t cs, ce;
        cJSON *pos = NULL;
        if (mb_doc_char_range(doc, a, b, &cs, &ce)) {
            pos = cJSON_CreateObject();
            ok = pos && cJSON_AddNumberToObject(pos, "start", cs) && cJSON_AddNumberToObject(pos, "end", ce);
        } else {
            pos = cJSON_CreateNull();
            ok = pos != NULL;
        }
        if (ok)
            ok = put(o, "position", pos);
        else
            cJSON_Delete(pos);
    }
    ok = ok && put_slice(q, "exact", t->s, at.a, at.b);
    ok = ok && put_slice(q, "prefix", t->s, mb_utf8_back(t->s, at.a, MB_QUOTE_CONTEXT), at.a);
    ok = ok && put_slice(q, "suffix", t->s, at.b, mb_utf8_fwd(t->s, t->len, at.b, MB_QUOTE_CONTEXT));
    if (ok) {
        ok = put(o, "quote", q);
        q = NULL;
    }
    cJSON_Delete(po);
    cJSON_Delete(sp);
    cJSON_Delete(q);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* ---- the verdict ---- */

void mb_audit_clear(mb_audit *r)
{
    if (!r)
        return;
    audit_priv *pv = r->priv;
    if (pv) {
        cJSON_Delete(pv->rec);
        cJSON_Delete(pv->fixed);
        free(pv);
    }
    free(r->new_text);
    memset(r, 0, sizeof *r);
}

/* Search the quote in the reading s; fills r (moved, changed or missing). */
static mb_status search(slot *s, const rec_view *v, const char *why, mb_audit *r, mb_error *err)
{
    audit_priv *pv = r->priv;
    squeezed pre = {0}, ex = {0}, suf = {0};
    if (!slot_squeeze(s) || !squeeze(v->prefix, strlen(v->prefix), &pre, 0) ||
        !squeeze(v->exact, strlen(v->exact), &ex, 0) || !squeeze(v->suffix, strlen(v->suffix), &suf, 0)) {
        free(pre.s);
        free(ex.s);
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", v->path);
    }
    found f = find_quote(s, pre.s, ex.s, suf.s);
    mb_verdict verdict = MB_VERDICT_MISSING;
    const char *side = NULL;
    if (f.n == 1) {
        verdict = MB_VERDICT_MOVED;
    } else if (f.n > 1) {
        snprintf(r->detail, sizeof r->detail, "%s; the quote occurs %d%s times: cannot tell which", why, f.n,
                 f.n >= 100 ? " or more" : "");
    } else {
        f = find_frame(s, pre.s, ex.s, suf.s);
        if (f.n == 1) {
            verdict = MB_VERDICT_CHANGED;
        } else if (f.n > 1) {
            snprintf(
                r->detail, sizeof r->detail,
                "%s; the quote is not there, and its prefix and suffix occur %d times: cannot tell which",
                why, f.n);
        } else {
            /* the exact text with one side of its context: a neighbour was edited */
            found fp = {0, {0, 0, 0}}, fs = {0, {0, 0, 0}};
            if (mb_utf8_count(pre.s, 0, pre.len) >= MIN_CONTEXT)
                fp = find_quote(s, pre.s, ex.s, "");
            if (mb_utf8_count(suf.s, 0, suf.len) >= MIN_CONTEXT)
                fs = find_quote(s, "", ex.s, suf.s);
            int pone = fp.n == 1, sone = fs.n == 1;
            if (pone && sone && (fp.at.para != fs.at.para || fp.at.a != fs.at.a))
                pone = sone = 0;
            if (pone || sone) {
                f = pone ? fp : fs;
                verdict = MB_VERDICT_MOVED;
                side = pone && sone ? NULL
                       : pone       ? "its suffix changed; the exact text and its prefix occur once"
                                    : "its prefix changed; the exact text and its suffix occur once";
            } else {
                snprintf(r->detail, sizeof r->detail,
                         "%s; neither the quote nor its prefix and suffix are there", why);
            }
        }
    }
    free(pre.s);
    free(ex.s);
    free(suf.s);
    r->verdict = verdict;
    if (verdict == MB_VERDICT_MISSING)
        return MB_OK;

    const mb_paragraph *p = mb_doc_paragraph(s->doc, f.at.para);
    r->found = 1;
    r->new_paragraph = f.at.para;
    r->new_start = r->new_end = 0;
    if (f.at.a < f.at.b) {
        mb_text_source_range(&p->text, f.at.a, f.at.b, &r->new_start, &r->new_end);
    } else if (f.at.a < p->text.len) {
        uint32_t e;
        mb_text_byte_source(&p->text, f.at.a, &r->new_start, &e);
        r->new_end = r->new_start;
    } else if (p->text.len) {
        mb_text_byte_source(&p->text, p->text.len, &r->new_start, &r->new_end);
    }
    r->new_text = slice(p->text.s, f.at.a, f.at.b);
    if (!r->new_text)
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", v->path);
    if (verdict == MB_VERDICT_MOVED) {
        pv->fixed = fixed_record(pv->rec, s->doc, f.at);
        if (!pv->fixed)
            return mb_error_set(err, MB_ENOMEM, "%s: out of memory", v->path);
        snprintf(r->detail, sizeof r->detail, "%s; %s, at %sbytes %u-%u (paragraph %zu)", why,
                 side ? side : "the quote occurs once",
                 r->new_start == v->start && r->new_end == v->end ? "the same " : "", r->new_start,
                 r->new_end, f.at.para);
    } else {
        snprintf(r->detail, sizeof r->detail,
                 "%s; prefix and suffix occur once, at bytes %u-%u (paragraph %zu), around \"%.160s\" "
                 "instead of \"%.160s\"",
                 why, r->new_start, r->new_end, f.at.para, r->new_text, v->exact);
    }
    return MB_OK;
}

mb_status mb_audit_record(mb_auditor *a, const char *json, size_t len, mb_audit *r, mb_error *err)
{
    mb_audit_clear(r);
    audit_priv *pv = calloc(1, sizeof *pv);
    if (!pv)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    r->priv = pv;
    const char *end = NULL;
    pv->rec = cJSON_ParseWithLengthOpts(json, len, &end, 0);
    if (!pv->rec) {
        size_t at = end && end >= json && end <= json + len ? (size_t)(end - json) : 0;
        snprintf(r->detail, sizeof r->detail, "not JSON (syntax error at byte %zu of the line)", at);
        return mb_error_set(err, MB_EJSON, "%s", r->detail);
    }
    for (size_t k = (size_t)(end - json); k < len; k++)
        if (!is_space((unsigned char)json[k])) {
            snprintf(r->detail, sizeof r->detail, "not one JSON value (more text at byte %zu of the line)",
                     k);
            return mb_error_set(err, MB_EJSON, "%s", r->detail);
        }
    rec_view v;
    mb_status st = view_record(pv->rec, &v, err);
    if (st) {
        snprintf(r->detail, sizeof r->detail, "%s", err ? err->message : mb_strerror(st));
        return st;
    }
    r->id = v.id;
    r->path = v.path;
    r->start = v.start;
    r->end = v.end;
    r->old_text = v.text;

    slot *s = load(a, v.path, NULL, 0);
    if (!s)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    if (s->st == MB_EDECODE || s->st == MB_EBINARY) {
        /* detection failed: the record's encoding, then (same file only) leniently */
        slot *s2 = load(a, v.path, v.encoding, 0);
        if (s2 && s2->st)
            s2 = load(a, v.path, v.encoding, 1);
        if (s2 && (s2->st || strcmp(mb_doc_sha256(s2->doc), v.sha256)))
            s2 = NULL;
        if (!s2)
            s = load(a, v.path, NULL, 0); /* keep the first error */
        else
            s = s2;
    }
    if (!s)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    if (s->st) {
        r->verdict = MB_VERDICT_UNREADABLE;
        snprintf(r->detail, sizeof r->detail, "%s", s->msg);
        return MB_OK;
    }
    int same = !strcmp(mb_doc_sha256(s->doc), v.sha256);
    if (same && strcmp(mb_doc_encoding(s->doc), v.encoding)) {
        slot *s2 = load(a, v.path, v.encoding, s->lenient);
        if (!s2)
            return mb_error_set(err, MB_ENOMEM, "out of memory");
        if (s2->st) {
            r->verdict = MB_VERDICT_UNREADABLE;
            snprintf(r->detail, sizeof r->detail, "%s", s2->msg);
            return MB_OK;
        }
        s = s2;
    }
    const char *why = "the file changed (sha256 differs)";
    if (same) {
        char *now = NULL;
        int holds = span_holds(s->doc, &v, &now);
        free(now);
        if (holds) {
            r->verdict = MB_VERDICT_OK;
            snprintf(r->detail, sizeof r->detail, "sha256 matches and bytes %u-%u give span.text", v.start,
                     v.end);
            return MB_OK;
        }
        why = "the sha256 matches but the span's bytes do not give span.text";
    }
    st = search(s, &v, why, r, err);
    if (st || r->verdict != MB_VERDICT_MISSING || same || !strcmp(mb_doc_encoding(s->doc), v.encoding))
        return st;
    /* the record's own encoding may read the changed file better */
    slot *s2 = load(a, v.path, v.encoding, 0);
    if (!s2 || s2->st)
        return MB_OK;
    mb_audit keep = *r;
    memset(r, 0, sizeof *r);
    r->priv = keep.priv;
    r->id = keep.id;
    r->path = keep.path;
    r->start = keep.start;
    r->end = keep.end;
    r->old_text = keep.old_text;
    st = search(s2, &v, why, r, err);
    if (!st && r->verdict == MB_VERDICT_MISSING) { /* no better: keep the first answer */
        free(r->new_text);
        *r = keep;
    } else {
        free(keep.new_text);
    }
    return st;
}

/* ---- output ---- */

static cJSON *span_object(uint32_t a, uint32_t b, const char *text)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddNumberToObject(o, "start", a);
    cJSON_AddNumberToObject(o, "end", b);
    if (text)
        cJSON_AddStringToObject(o, "text", text);
    return o;
}

mb_status mb_audit_verdict_json(const mb_audit *r, const char *where, char **out, mb_error *err)
{
    *out = NULL;
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    int ok = 1;
    if (where)
        ok = ok && cJSON_AddStringToObject(o, "record", where);
    ok = ok && (r->id ? cJSON_AddStringToObject(o, "id", r->id) : cJSON_AddNullToObject(o, "id"));
    ok = ok && cJSON_AddStringToObject(o, "status", r->id ? mb_verdict_name(r->verdict) : "invalid");
    ok = ok && (r->path ? cJSON_AddStringToObject(o, "path", r->path) : cJSON_AddNullToObject(o, "path"));
    if (r->path)
        ok = ok && put(o, "span", span_object(r->start, r->end, NULL));
    if (r->found)
        ok = ok && put(o, "new_span", span_object(r->new_start, r->new_end, r->new_text));
    if (r->verdict == MB_VERDICT_CHANGED && r->found) {
        ok = ok && cJSON_AddStringToObject(o, "old_text", r->old_text ? r->old_text : "");
        ok = ok && cJSON_AddStringToObject(o, "new_text", r->new_text ? r->new_text : "");
    }
    ok = ok && cJSON_AddStringToObject(o, "detail", r->detail);
    char *js = ok ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    if (!js)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    *out = js;
    return MB_OK;
}

mb_status mb_audit_fixed_json(const mb_audit *r, char **out, mb_error *err)
{
    *out = NULL;
    const audit_priv *pv = r->priv;
    const cJSON *o = NULL;
    if (pv && r->id && r->verdict == MB_VERDICT_OK)
        o = pv->rec;
    else if (pv && r->id && r->verdict == MB_VERDICT_MOVED)
        o = pv->fixed;
    if (!o)
        return mb_error_set(err, MB_EARG, "%s: record %s is %s: no corrected record", r->path ? r->path : "-",
                            r->id ? r->id : "(invalid)", r->id ? mb_verdict_name(r->verdict) : "invalid");
    char *js = cJSON_PrintUnformatted(o);
    if (!js)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    *out = js;
    return MB_OK;
}
