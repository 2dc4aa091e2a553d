/* emit.c — the JSON of paragraphs, records and documents, written with the
 * streaming writer (jsonw.h) into one buffer: no tree is built. */
#include "emit.h"

#include "doc_internal.h"

#include "error.h"
#include "jsonw.h"
#include "recview.h"
#include "text.h"

/* "path", "sha256", "encoding" of a document (members of an open object). */
static void doc_members(mb_jsonw *w, const mb_doc *doc)
{
    mb_jsonw_kstring(w, "path", mb_doc_path(doc));
    mb_jsonw_kstring(w, "sha256", mb_doc_sha256(doc));
    mb_jsonw_kstring(w, "encoding", mb_doc_encoding(doc));
}

/* Bytes [a,b) of t as a JSON string ("" when b < a, which no caller gives). */
static void slice(mb_jsonw *w, const mb_text *t, size_t a, size_t b)
{
    mb_jsonw_string_n(w, t->s + a, b > a ? b - a : 0);
}

/* The four numbers of a paragraph's place (members of an open object). */
static void paragraph_place(mb_jsonw *w, const mb_paragraph *p)
{
    mb_jsonw_knumber(w, "index", (double)p->index);
    mb_jsonw_knumber(w, "start", p->src_start);
    mb_jsonw_knumber(w, "end", p->src_end);
    mb_jsonw_knumber(w, "line", p->line);
}

/* The text of a buffer once the writer is done with it. */
static mb_status take(mb_jsonw *w, mb_strbuf *b, char **out, mb_error *err)
{
    mb_status st = mb_jsonw_status(w, err);
    if (st) {
        mb_strbuf_free(b);
        return st;
    }
    return mb_strbuf_take(b, out, NULL, err);
}

/* The record's sentence as the view has it: its kept part, … at each cut. */
static void sentence_capped(mb_jsonw *w, const mb_record_view *v)
{
    if (!v->cut_before && !v->cut_after) {
        mb_jsonw_string_n(w, v->sentence.s, v->sentence.n);
        return;
    }
    mb_jsonw_string_begin(w);
    if (v->cut_before)
        mb_jsonw_string_chunk(w, MB_CUT_MARK, sizeof MB_CUT_MARK - 1);
    mb_jsonw_string_chunk(w, v->sentence.s, v->sentence.n);
    if (v->cut_after)
        mb_jsonw_string_chunk(w, MB_CUT_MARK, sizeof MB_CUT_MARK - 1);
    mb_jsonw_string_end(w);
}

mb_status mb_emit_paragraph(const mb_doc *doc, size_t i, char **out, mb_error *err)
{
    *out = NULL;
    const mb_paragraph *p = mb_doc_paragraph(doc, i);
    if (!p)
        return mb_error_set(err, MB_EARG, "%s: no paragraph %zu", mb_doc_path(doc), i);
    mb_strbuf b = {0};
    mb_jsonw w;
    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_object_begin(&w);
    mb_jsonw_key(&w, "doc");
    mb_jsonw_object_begin(&w);
    doc_members(&w, doc);
    mb_jsonw_object_end(&w);
    paragraph_place(&w, p);
    mb_jsonw_kstring(&w, "text", p->text.s ? p->text.s : "");
    mb_jsonw_key(&w, "sentences");
    mb_jsonw_array_begin(&w);
    for (size_t k = 0; k < p->nsentences; k++) {
        const mb_sentence *s = &p->sentences[k];
        uint32_t a, e;
        mb_text_source_range(&p->text, s->start, s->end, &a, &e);
        mb_jsonw_object_begin(&w);
        mb_jsonw_knumber(&w, "start", a);
        mb_jsonw_knumber(&w, "end", e);
        mb_jsonw_key(&w, "text");
        slice(&w, &p->text, s->start, s->end);
        mb_jsonw_object_end(&w);
    }
    mb_jsonw_array_end(&w);
    mb_jsonw_object_end(&w);
    return take(&w, &b, out, err);
}

/* ---- commitment records ---- */

#define MB_SCHEMA "mubiao/commitment/v1"

/* {"name", "level", "code"} of a region, null when unknown; code null when
 * the region has none. */
static void region_value(mb_jsonw *w, const mb_region *g)
{
    if (!g->name[0]) {
        mb_jsonw_null(w);
        return;
    }
    mb_jsonw_object_begin(w);
    mb_jsonw_kstring(w, "name", g->name);
    mb_jsonw_kstring(w, "level", g->level[0] ? g->level : NULL);
    mb_jsonw_kstring(w, "code", g->code[0] ? g->code : NULL);
    mb_jsonw_object_end(w);
}

/* The "doc" object of records and documents: the document, its date and
 * where the date came from, its issuer and region. */
static void doc_dated(mb_jsonw *w, const mb_doc *doc, const mb_records *rs)
{
    const mb_date *date = &rs->date;
    char buf[11];
    mb_date_format(date, buf);
    mb_jsonw_object_begin(w);
    doc_members(w, doc);
    mb_jsonw_kstring(w, "date", buf[0] ? buf : NULL);
    mb_jsonw_kstring(w, "date_source", date->source ? date->source : "none");
    mb_jsonw_kstring(w, "issuer", rs->issuer);
    mb_jsonw_key(w, "region");
    region_value(w, &rs->region);
    mb_jsonw_object_end(w);
}

/* One field's evidence: {"rule", "scope", "what", "text", "paragraph",
 * "start", "end"} with source byte offsets; null when none was recorded. */
static void evidence_value(mb_jsonw *w, const mb_doc *doc, const mb_evidence *e)
{
    if (!e->rule) {
        mb_jsonw_null(w);
        return;
    }
    mb_jsonw_object_begin(w);
    mb_jsonw_kstring(w, "rule", e->rule);
    mb_jsonw_kstring(w, "scope", e->scope);
    mb_jsonw_kstring(w, "what", e->what);
    const mb_paragraph *p = mb_doc_paragraph_by_index(doc, e->paragraph);
    if (p && e->end > e->start && e->end <= p->text.len) {
        uint32_t a, b;
        mb_text_source_range(&p->text, e->start, e->end, &a, &b);
        mb_jsonw_key(w, "text");
        slice(w, &p->text, e->start, e->end);
        mb_jsonw_knumber(w, "paragraph", (double)p->index);
        mb_jsonw_knumber(w, "start", a);
        mb_jsonw_knumber(w, "end", b);
    } else {
        mb_jsonw_knull(w, "text");
        mb_jsonw_knull(w, "paragraph");
        mb_jsonw_knull(w, "start");
        mb_jsonw_knull(w, "end");
    }
    mb_jsonw_object_end(w);
}

void mb_emit_doc_object(mb_strbuf *b, const mb_doc *doc, const mb_records *rs)
{
    mb_jsonw w;
    mb_jsonw_init(&w, b, 0);
    doc_dated(&w, doc, rs);
}

mb_status mb_emit_record_view(mb_jsonw *w, const mb_doc *doc, const mb_records *rs, const mb_record_view *v,
                              int flags)
{
    return mb_emit_record_view_doc(w, doc, rs, v, flags, NULL, 0);
}

mb_status mb_emit_record_view_doc(mb_jsonw *w, const mb_doc *doc, const mb_records *rs,
                                  const mb_record_view *v, int flags, const char *docjs, size_t docn)
{
    const mb_record *r = v->r;
    mb_jsonw_object_begin(w);
    mb_jsonw_kstring(w, "schema", MB_SCHEMA);
    mb_jsonw_kstring(w, "id", r->id);
    mb_jsonw_key(w, "doc");
    if (docjs && !w->pretty)
        mb_jsonw_raw(w, docjs, docn);
    else
        doc_dated(w, doc, rs);
    mb_jsonw_key(w, "paragraph");
    mb_jsonw_object_begin(w);
    paragraph_place(w, v->p);
    mb_jsonw_object_end(w);
    mb_jsonw_key(w, "sentence");
    sentence_capped(w, v);
    mb_jsonw_key(w, "span");
    mb_jsonw_object_begin(w);
    mb_jsonw_knumber(w, "start", v->src_start);
    mb_jsonw_knumber(w, "end", v->src_end);
    mb_jsonw_key(w, "text");
    mb_jsonw_string_n(w, v->span.s, v->span.n);
    mb_jsonw_object_end(w);
    /* the span in characters of the decoded file, of the DOM text on a page (a TextPositionSelector) */
    mb_jsonw_key(w, "position");
    if (v->has_position) {
        mb_jsonw_object_begin(w);
        mb_jsonw_knumber(w, "start", v->pos_start);
        mb_jsonw_knumber(w, "end", v->pos_end);
        mb_jsonw_object_end(w);
    } else {
        mb_jsonw_null(w);
    }
    mb_jsonw_key(w, "quote");
    mb_jsonw_object_begin(w);
    mb_jsonw_key(w, "exact");
    mb_jsonw_string_n(w, v->span.s, v->span.n);
    mb_jsonw_key(w, "prefix");
    mb_jsonw_string_n(w, v->prefix.s, v->prefix.n);
    mb_jsonw_key(w, "suffix");
    mb_jsonw_string_n(w, v->suffix.s, v->suffix.n);
    mb_jsonw_object_end(w);
    mb_jsonw_kstring(w, "kind", r->kind == MB_KIND_TARGET ? "target" : "achievement");
    mb_jsonw_kstring(w, "indicator", r->indicator);
    mb_jsonw_kstring(w, "indicator_id", r->indicator_id);
    mb_jsonw_knumber_or_null(w, "value", r->has_value && !r->has_range, r->value);
    mb_jsonw_knumber_or_null(w, "min", r->has_range, r->min);
    mb_jsonw_knumber_or_null(w, "max", r->has_range, r->max);
    mb_jsonw_kstring(w, "unit", r->unit);
    mb_jsonw_kstring(w, "comparator", r->comparator);
    mb_jsonw_kstring(w, "change", r->change ? r->change : "level");
    mb_jsonw_knumber_or_null(w, "year", r->year != 0, r->year);
    mb_jsonw_kstring(w, "time_text", r->time_text);
    mb_jsonw_kstring(w, "period", r->period);
    mb_jsonw_kstring(w, "modality", r->modality);
    mb_jsonw_key(w, "region");
    region_value(w, v->region);
    mb_jsonw_knumber_or_null(w, "base_year", r->base_year != 0, r->base_year);
    if (flags & MB_EMIT_EXPLAIN) {
        mb_jsonw_key(w, "evidence");
        mb_jsonw_object_begin(w);
        mb_jsonw_key(w, "kind");
        evidence_value(w, doc, &r->why_kind);
        mb_jsonw_key(w, "year");
        evidence_value(w, doc, &r->why_year);
        mb_jsonw_key(w, "change");
        evidence_value(w, doc, &r->why_change);
        mb_jsonw_key(w, "indicator");
        evidence_value(w, doc, &r->why_indicator);
        mb_jsonw_object_end(w);
    }
    mb_jsonw_object_end(w);
    return MB_OK;
}

mb_status mb_emit_record_to(mb_jsonw *w, const mb_doc *doc, const mb_records *r, size_t i, int flags,
                            mb_error *err)
{
    if (i >= r->n)
        return mb_error_set(err, MB_EARG, "no record %zu", i);
    mb_record_view v;
    mb_status st = mb_record_view_of(doc, r, i, &v, err);
    return st ? st : mb_emit_record_view(w, doc, r, &v, flags);
}

mb_status mb_emit_record(const mb_doc *doc, const mb_records *r, size_t i, int flags, char **out,
                         mb_error *err)
{
    *out = NULL;
    mb_strbuf b = {0};
    mb_strbuf_reserve(&b, 2047); /* most records fit: one allocation, not four */
    mb_jsonw w;
    mb_jsonw_init(&w, &b, flags & MB_EMIT_PRETTY);
    mb_status st = mb_emit_record_to(&w, doc, r, i, flags, err);
    if (st) {
        mb_strbuf_free(&b);
        return st;
    }
    return take(&w, &b, out, err);
}

mb_status mb_emit_records(const mb_doc *doc, const mb_records *r, int flags, mb_write_fn wr, void *ctx,
                          mb_error *err)
{
    if (!doc || !r || !wr)
        return mb_error_set(err, MB_EARG, "mb_emit_records: no document, records or sink");
    mb_strbuf docb = {0}, b = {0};
    if (!(flags & MB_EMIT_PRETTY))
        mb_emit_doc_object(&docb, doc, r);
    mb_strbuf_reserve(&b, 65536 + 4096);
    mb_jsonw w;
    mb_status st = MB_OK;
    for (size_t i = 0; i < r->n && !st; i++) {
        mb_record_view v;
        size_t mark = b.len;
        mb_jsonw_init(&w, &b, flags & MB_EMIT_PRETTY);
        st = mb_record_view_of(doc, r, i, &v, err);
        if (!st)
            st = mb_emit_record_view_doc(&w, doc, r, &v, flags, docb.s, docb.len);
        if (!st)
            st = mb_jsonw_status(&w, err);
        if (st) {
            b.len = mark; /* the lines before it are written below */
            break;
        }
        mb_strbuf_putc(&b, '\n');
        if (b.len >= 65536 || i + 1 == r->n) {
            if (b.failed) {
                st = mb_error_set(err, MB_ENOMEM, "out of memory");
                break;
            }
            if (wr(ctx, b.s, b.len)) {
                st = mb_error_set(err, MB_EIO, "cannot write output");
                break;
            }
            b.len = 0;
        }
    }
    if (st && st != MB_EIO && b.len && !b.failed && wr(ctx, b.s, b.len))
        st = mb_error_set(err, MB_EIO, "cannot write output");
    mb_strbuf_free(&b);
    mb_strbuf_free(&docb);
    return st;
}

mb_status mb_emit_document(const mb_doc *doc, const mb_records *r, int flags, char **out, mb_error *err)
{
    *out = NULL;
    mb_strbuf b = {0};
    mb_jsonw w;
    mb_jsonw_init(&w, &b, flags & MB_EMIT_PRETTY);
    mb_jsonw_object_begin(&w);
    mb_jsonw_kstring(&w, "schema", "mubiao/document/v1");
    mb_jsonw_key(&w, "doc");
    doc_dated(&w, doc, r);
    mb_jsonw_key(&w, "paragraphs");
    mb_jsonw_array_begin(&w);
    for (size_t i = 0; i < mb_doc_paragraph_count(doc); i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        mb_jsonw_object_begin(&w);
        paragraph_place(&w, p);
        mb_jsonw_kstring(&w, "text", p->text.s ? p->text.s : "");
        mb_jsonw_object_end(&w);
    }
    mb_jsonw_array_end(&w);
    mb_jsonw_key(&w, "records");
    mb_jsonw_array_begin(&w);
    /* a record whose paragraph is missing (none is) is left out */
    for (size_t i = 0; i < r->n; i++) {
        mb_record_view v;
        if (mb_record_view_of(doc, r, i, &v, NULL) == MB_OK)
            mb_emit_record_view(&w, doc, r, &v, flags);
    }
    mb_jsonw_array_end(&w);
    mb_jsonw_object_end(&w);
    return take(&w, &b, out, err);
}
