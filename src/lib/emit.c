/* emit.c — JSON output with cJSON. */
#include "emit.h"

#include "doc_internal.h"

#include "error.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A number as cJSON prints it, without cJSON's printf/sscanf round trip for
 * every number: integers (offsets, years, most values) are written digit by
 * digit, other values with the shortest of %.15g and %.17g that reads back
 * exactly. The text goes in as a raw JSON value. */
cJSON *mb_emit_number(double v)
{
    char buf[40];
    if (v != v || v - v != 0) /* NaN, infinity: JSON has no such number */
        return cJSON_CreateNull();
    /* the range first: converting a double out of long long's range is
     * undefined (a fuzzed 1e22) */
    if (v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(long long)v) {
        long long i = (long long)v;
        char tmp[24];
        int n = 0, neg = i < 0;
        unsigned long long u = neg ? 0ULL - (unsigned long long)i : (unsigned long long)i;
        do {
            tmp[n++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        int k = 0;
        if (neg)
            buf[k++] = '-';
        while (n)
            buf[k++] = tmp[--n];
        buf[k] = '\0';
    } else {
        snprintf(buf, sizeof buf, "%.15g", v);
        if (strtod(buf, NULL) != v)
            snprintf(buf, sizeof buf, "%.17g", v);
    }
    return cJSON_CreateRaw(buf);
}

static int add_number(cJSON *o, const char *key, double v)
{
    cJSON *n = mb_emit_number(v);
    if (!n)
        return 0;
    cJSON_AddItemToObject(o, key, n);
    return 1;
}

cJSON *mb_emit_doc_object(const mb_doc *doc)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    if (!cJSON_AddStringToObject(o, "path", mb_doc_path(doc)) ||
        !cJSON_AddStringToObject(o, "sha256", mb_doc_sha256(doc)) ||
        !cJSON_AddStringToObject(o, "encoding", mb_doc_encoding(doc))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

cJSON *mb_emit_slice(const mb_text *t, size_t a, size_t b)
{
    char *s = malloc(b - a + 1);
    if (!s)
        return NULL;
    memcpy(s, t->s + a, b - a);
    s[b - a] = '\0';
    cJSON *j = cJSON_CreateString(s);
    free(s);
    return j;
}

/* The record's sentence as spec v1.1 has it: a sentence longer than
 * MB_SENTENCE_CAP characters is cut to at most MB_SENTENCE_SIDE characters
 * each side of the span, each cut marked with … (so the output stays linear
 * in the input however long a sentence is). */
#define MB_SENTENCE_CAP  400
#define MB_SENTENCE_SIDE 200

static cJSON *sentence_capped(const mb_text *t, const mb_record *r)
{
    size_t a = r->sent_start, b = r->sent_end;
    if (mb_utf8_count(t->s, a, b) <= MB_SENTENCE_CAP)
        return mb_emit_slice(t, a, b);
    size_t ca = mb_utf8_back(t->s, r->span_start, MB_SENTENCE_SIDE);
    size_t cb = mb_utf8_fwd(t->s, t->len, r->span_end, MB_SENTENCE_SIDE);
    if (ca < a)
        ca = a;
    if (cb > b)
        cb = b;
    static const char ell[] = "…";
    size_t el = sizeof ell - 1, n = cb - ca;
    char *out = malloc(n + 2 * el + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    if (ca > a) {
        memcpy(out, ell, el);
        o = el;
    }
    memcpy(out + o, t->s + ca, n);
    o += n;
    if (cb < b) {
        memcpy(out + o, ell, el);
        o += el;
    }
    out[o] = '\0';
    cJSON *j = cJSON_CreateString(out);
    free(out);
    return j;
}

mb_status mb_emit_paragraph(const mb_doc *doc, size_t i, char **out, mb_error *err)
{
    *out = NULL;
    const mb_paragraph *p = mb_doc_paragraph(doc, i);
    if (!p)
        return mb_error_set(err, MB_EARG, "%s: no paragraph %zu", mb_doc_path(doc), i);
    cJSON *o = cJSON_CreateObject();
    cJSON *d = mb_emit_doc_object(doc);
    cJSON *sents = cJSON_CreateArray();
    if (!o || !d || !sents) {
        cJSON_Delete(o);
        cJSON_Delete(d);
        cJSON_Delete(sents);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    cJSON_AddItemToObject(o, "doc", d);
    add_number(o, "index", (double)p->index);
    add_number(o, "start", p->src_start);
    add_number(o, "end", p->src_end);
    add_number(o, "line", p->line);
    cJSON_AddStringToObject(o, "text", p->text.s ? p->text.s : "");
    cJSON_AddItemToObject(o, "sentences", sents);
    for (size_t k = 0; k < p->nsentences; k++) {
        const mb_sentence *s = &p->sentences[k];
        uint32_t a, b;
        mb_text_source_range(&p->text, s->start, s->end, &a, &b);
        cJSON *so = cJSON_CreateObject();
        if (!so)
            break;
        cJSON_AddItemToArray(sents, so);
        add_number(so, "start", a);
        add_number(so, "end", b);
        cJSON *txt = mb_emit_slice(&p->text, s->start, s->end);
        if (txt)
            cJSON_AddItemToObject(so, "text", txt);
    }
    char *js = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!js)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    *out = js;
    return MB_OK;
}

/* ---- commitment records ---- */

#define MB_SCHEMA "mubiao/commitment/v1"

cJSON *mb_emit_number_or_null(int has, double v)
{
    return has ? mb_emit_number(v) : cJSON_CreateNull();
}

cJSON *mb_emit_string_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* {"name", "level", "code"} of a region, null when unknown; code null when
 * the region has none. */
static cJSON *region_object(const mb_region *g)
{
    if (!g->name[0])
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "name", g->name);
    cJSON_AddItemToObject(o, "level", mb_emit_string_or_null(g->level[0] ? g->level : NULL));
    cJSON_AddItemToObject(o, "code", mb_emit_string_or_null(g->code[0] ? g->code : NULL));
    return o;
}

static cJSON *doc_object_dated(const mb_doc *doc, const mb_records *rs)
{
    const mb_date *date = &rs->date;
    cJSON *d = mb_emit_doc_object(doc);
    if (!d)
        return NULL;
    char buf[11];
    mb_date_format(date, buf);
    if (buf[0])
        cJSON_AddStringToObject(d, "date", buf);
    else
        cJSON_AddNullToObject(d, "date");
    cJSON_AddStringToObject(d, "date_source", date->source ? date->source : "none");
    cJSON_AddItemToObject(d, "issuer", mb_emit_string_or_null(rs->issuer));
    cJSON_AddItemToObject(d, "region", region_object(&rs->region));
    return d;
}

/* One field's evidence: {"rule", "scope", "what", "text", "paragraph",
 * "start", "end"} with source byte offsets; null when none was recorded. */
static cJSON *evidence_object(const mb_doc *doc, const mb_evidence *e)
{
    if (!e->rule)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "rule", e->rule);
    cJSON_AddItemToObject(o, "scope", mb_emit_string_or_null(e->scope));
    cJSON_AddItemToObject(o, "what", mb_emit_string_or_null(e->what));
    const mb_paragraph *p = mb_doc_paragraph(doc, e->paragraph);
    if (p && e->end > e->start && e->end <= p->text.len) {
        uint32_t a, b;
        mb_text_source_range(&p->text, e->start, e->end, &a, &b);
        cJSON *txt = mb_emit_slice(&p->text, e->start, e->end);
        if (txt)
            cJSON_AddItemToObject(o, "text", txt);
        add_number(o, "paragraph", (double)p->index);
        add_number(o, "start", a);
        add_number(o, "end", b);
    } else {
        cJSON_AddNullToObject(o, "text");
        cJSON_AddNullToObject(o, "paragraph");
        cJSON_AddNullToObject(o, "start");
        cJSON_AddNullToObject(o, "end");
    }
    return o;
}

static cJSON *record_object(const mb_doc *doc, const mb_records *rs, size_t i, int flags)
{
    const mb_record *r = &rs->v[i];
    const mb_paragraph *p = mb_doc_paragraph(doc, r->paragraph);
    if (!p)
        return NULL;
    const mb_text *t = &p->text;
    uint32_t sa, sb;
    mb_text_source_range(t, r->span_start, r->span_end, &sa, &sb);

    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "schema", MB_SCHEMA);
    cJSON_AddStringToObject(o, "id", r->id);
    cJSON *d = doc_object_dated(doc, rs);
    if (d)
        cJSON_AddItemToObject(o, "doc", d);
    cJSON *po = cJSON_CreateObject();
    if (po) {
        add_number(po, "index", (double)p->index);
        add_number(po, "start", p->src_start);
        add_number(po, "end", p->src_end);
        add_number(po, "line", p->line);
        cJSON_AddItemToObject(o, "paragraph", po);
    }
    cJSON *sent = sentence_capped(t, r);
    if (sent)
        cJSON_AddItemToObject(o, "sentence", sent);
    cJSON *span = cJSON_CreateObject();
    if (span) {
        add_number(span, "start", sa);
        add_number(span, "end", sb);
        cJSON *st = mb_emit_slice(t, r->span_start, r->span_end);
        if (st)
            cJSON_AddItemToObject(span, "text", st);
        cJSON_AddItemToObject(o, "span", span);
    }
    /* the span in characters of the decoded file, of the DOM text on a page (a TextPositionSelector) */
    uint32_t cs, ce;
    if (mb_doc_char_range(doc, sa, sb, &cs, &ce)) {
        cJSON *pos = cJSON_CreateObject();
        if (pos) {
            add_number(pos, "start", cs);
            add_number(pos, "end", ce);
            cJSON_AddItemToObject(o, "position", pos);
        }
    } else {
        cJSON_AddNullToObject(o, "position");
    }
    cJSON *q = cJSON_CreateObject();
    if (q) {
        size_t pa = mb_utf8_back(t->s, r->span_start, 32), sb2 = mb_utf8_fwd(t->s, t->len, r->span_end, 32);
        cJSON *e = mb_emit_slice(t, r->span_start, r->span_end);
        cJSON *pre = mb_emit_slice(t, pa, r->span_start);
        cJSON *suf = mb_emit_slice(t, r->span_end, sb2);
        if (e)
            cJSON_AddItemToObject(q, "exact", e);
        if (pre)
            cJSON_AddItemToObject(q, "prefix", pre);
        if (suf)
            cJSON_AddItemToObject(q, "suffix", suf);
        cJSON_AddItemToObject(o, "quote", q);
    }
    cJSON_AddStringToObject(o, "kind", r->kind == MB_KIND_TARGET ? "target" : "achievement");
    cJSON_AddItemToObject(o, "indicator", mb_emit_string_or_null(r->indicator));
    cJSON_AddItemToObject(o, "indicator_id", mb_emit_string_or_null(r->indicator_id));
    cJSON_AddItemToObject(o, "value", mb_emit_number_or_null(r->has_value && !r->has_range, r->value));
    cJSON_AddItemToObject(o, "min", mb_emit_number_or_null(r->has_range, r->min));
    cJSON_AddItemToObject(o, "max", mb_emit_number_or_null(r->has_range, r->max));
    cJSON_AddItemToObject(o, "unit", mb_emit_string_or_null(r->unit));
    cJSON_AddItemToObject(o, "comparator", mb_emit_string_or_null(r->comparator));
    cJSON_AddStringToObject(o, "change", r->change ? r->change : "level");
    cJSON_AddItemToObject(o, "year", mb_emit_number_or_null(r->year != 0, r->year));
    cJSON_AddItemToObject(o, "time_text", mb_emit_string_or_null(r->time_text));
    cJSON_AddItemToObject(o, "period", mb_emit_string_or_null(r->period));
    cJSON_AddItemToObject(o, "modality", mb_emit_string_or_null(r->modality));
    cJSON_AddItemToObject(o, "region", region_object(r->region.name[0] ? &r->region : &rs->region));
    cJSON_AddItemToObject(o, "base_year", mb_emit_number_or_null(r->base_year != 0, r->base_year));
    if (flags & MB_EMIT_EXPLAIN) {
        cJSON *ev = cJSON_CreateObject();
        if (ev) {
            cJSON_AddItemToObject(ev, "kind", evidence_object(doc, &r->why_kind));
            cJSON_AddItemToObject(ev, "year", evidence_object(doc, &r->why_year));
            cJSON_AddItemToObject(ev, "change", evidence_object(doc, &r->why_change));
            cJSON_AddItemToObject(ev, "indicator", evidence_object(doc, &r->why_indicator));
            cJSON_AddItemToObject(o, "evidence", ev);
        }
    }
    return o;
}

static mb_status print_json(cJSON *o, int flags, char **out, mb_error *err)
{
    if (!o)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    char *js = flags & MB_EMIT_PRETTY ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!js)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    *out = js;
    return MB_OK;
}

mb_status mb_emit_record(const mb_doc *doc, const mb_records *r, size_t i, int flags, char **out,
                         mb_error *err)
{
    *out = NULL;
    if (i >= r->n)
        return mb_error_set(err, MB_EARG, "no record %zu", i);
    return print_json(record_object(doc, r, i, flags), flags, out, err);
}

mb_status mb_emit_document(const mb_doc *doc, const mb_records *r, int flags, char **out, mb_error *err)
{
    *out = NULL;
    cJSON *o = cJSON_CreateObject();
    cJSON *d = doc_object_dated(doc, r);
    cJSON *paras = cJSON_CreateArray();
    cJSON *recs = cJSON_CreateArray();
    if (!o || !d || !paras || !recs) {
        cJSON_Delete(o);
        cJSON_Delete(d);
        cJSON_Delete(paras);
        cJSON_Delete(recs);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    cJSON_AddStringToObject(o, "schema", "mubiao/document/v1");
    cJSON_AddItemToObject(o, "doc", d);
    cJSON_AddItemToObject(o, "paragraphs", paras);
    cJSON_AddItemToObject(o, "records", recs);
    for (size_t i = 0; i < mb_doc_paragraph_count(doc); i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        cJSON *po = cJSON_CreateObject();
        if (!po)
            break;
        add_number(po, "index", (double)p->index);
        add_number(po, "start", p->src_start);
        add_number(po, "end", p->src_end);
        add_number(po, "line", p->line);
        cJSON_AddStringToObject(po, "text", p->text.s ? p->text.s : "");
        cJSON_AddItemToArray(paras, po);
    }
    for (size_t i = 0; i < r->n; i++) {
        cJSON *ro = record_object(doc, r, i, flags);
        if (ro)
            cJSON_AddItemToArray(recs, ro);
    }
    return print_json(o, flags, out, err);
}
