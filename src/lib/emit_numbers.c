/* emit_numbers.c — JSON for `mubiao numbers` (owns: the field names and
 * layout of the quantity and time objects; see README "numbers JSON").
 * Numbers here are in cJSON's format (mb_jsonw_number_g15), as they always
 * were. */
#include "emit.h"

#include "error.h"

static void num_or_null(mb_jsonw *w, const char *k, int set, double v)
{
    if (set)
        mb_jsonw_knumber_g15(w, k, v);
    else
        mb_jsonw_knull(w, k);
}

/* A member left out when its value is NULL (a name out of its table). */
static void string_if(mb_jsonw *w, const char *k, const char *v)
{
    if (v)
        mb_jsonw_kstring(w, k, v);
}

/* The common head, in an object left open (nothing written when the span
 * is not in the paragraph): doc, paragraph, sentence, type,
 * start, end, text. */
static mb_status head(mb_jsonw *w, const mb_doc *doc, size_t para, size_t sentence, const char *type,
                      size_t a, size_t b, const mb_text **pt, mb_error *err)
{
    const mb_paragraph *p = mb_doc_paragraph(doc, para);
    if (!p)
        return mb_error_set(err, MB_EARG, "%s: no paragraph %zu", mb_doc_path(doc), para);
    if (a >= b || b > p->text.len)
        return mb_error_set(err, MB_EARG, "%s: paragraph %zu: span %zu-%zu outside its text (%zu bytes)",
                            mb_doc_path(doc), para, a, b, p->text.len);
    uint32_t sa, sb;
    mb_text_source_range(&p->text, a, b, &sa, &sb);
    mb_jsonw_object_begin(w);
    string_if(w, "doc", mb_doc_path(doc));
    mb_jsonw_knumber_g15(w, "paragraph", (double)p->index); /* its number in the file */
    mb_jsonw_knumber_g15(w, "sentence", (double)sentence);
    mb_jsonw_kstring(w, "type", type);
    mb_jsonw_knumber_g15(w, "start", sa);
    mb_jsonw_knumber_g15(w, "end", sb);
    mb_jsonw_kstring_n(w, "text", p->text.s + a, b - a);
    *pt = &p->text;
    return MB_OK;
}

mb_status mb_emit_quantity_to(mb_jsonw *w, const mb_doc *doc, size_t para, size_t sentence, size_t base,
                              const mb_quantity *q, mb_error *err)
{
    const mb_text *t;
    mb_status st = head(w, doc, para, sentence, "quantity", base + q->start, base + q->end, &t, err);
    if (st)
        return st;
    if (q->num_end > q->num_start && base + q->num_end <= t->len)
        mb_jsonw_kstring_n(w, "number", t->s + base + q->num_start, q->num_end - q->num_start);
    num_or_null(w, "value", q->has_value, q->value);
    num_or_null(w, "min", q->has_range, q->min);
    num_or_null(w, "max", q->has_range, q->max);
    mb_jsonw_kstring(w, "unit", q->unit);
    mb_jsonw_kstring(w, "comparator", mb_comparator_name(q->comparator));
    string_if(w, "qkind", mb_qkind_name(q->qkind));
    mb_jsonw_kbool(w, "skip", q->skip != MB_SKIP_NONE);
    mb_jsonw_kstring(w, "reason", mb_skip_name(q->skip));
    mb_jsonw_object_end(w);
    return MB_OK;
}

mb_status mb_emit_timex_to(mb_jsonw *w, const mb_doc *doc, size_t para, size_t sentence, size_t base,
                           const mb_timex *t, mb_error *err)
{
    const mb_text *pt;
    mb_status st = head(w, doc, para, sentence, "time", base + t->start, base + t->end, &pt, err);
    if (st)
        return st;
    string_if(w, "kind", mb_timex_kind_name(t->kind));
    num_or_null(w, "year_from", t->year_from != 0, t->year_from);
    num_or_null(w, "year_to", t->year_to != 0, t->year_to);
    num_or_null(w, "month_from", t->month_from != 0, t->month_from);
    num_or_null(w, "month_to", t->month_to != 0, t->month_to);
    num_or_null(w, "day", t->day != 0, t->day);
    num_or_null(w, "count", t->count != 0, t->count);
    mb_jsonw_kstring(w, "marker", mb_time_marker_name(t->marker));
    mb_jsonw_kbool(w, "relative", t->relative != 0);
    mb_jsonw_kbool(w, "resolved", !t->unresolved);
    mb_jsonw_object_end(w);
    return MB_OK;
}

/* The text of a fresh buffer once the writer is done with it. */
static mb_status take(mb_status st, mb_jsonw *w, mb_strbuf *b, char **out, mb_error *err)
{
    if (!st)
        st = mb_jsonw_status(w, err);
    if (st) {
        mb_strbuf_free(b);
        return st;
    }
    return mb_strbuf_take(b, out, NULL, err);
}

mb_status mb_emit_quantity(const mb_doc *doc, size_t para, size_t sentence, size_t base, const mb_quantity *q,
                           char **out, mb_error *err)
{
    *out = NULL;
    mb_strbuf b = {0};
    mb_jsonw w;
    mb_jsonw_init(&w, &b, 0);
    return take(mb_emit_quantity_to(&w, doc, para, sentence, base, q, err), &w, &b, out, err);
}

mb_status mb_emit_timex(const mb_doc *doc, size_t para, size_t sentence, size_t base, const mb_timex *t,
                        char **out, mb_error *err)
{
    *out = NULL;
    mb_strbuf b = {0};
    mb_jsonw w;
    mb_jsonw_init(&w, &b, 0);
    return take(mb_emit_timex_to(&w, doc, para, sentence, base, t, err), &w, &b, out, err);
}
