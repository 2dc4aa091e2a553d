/* emit_numbers.c — JSON for `mubiao numbers` (owns: the field names and
 * layout of the quantity and time objects; see README "numbers JSON"). */
#include "emit.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>


static void add_num_or_null(cJSON *o, const char *k, int set, double v)
{
    if (set)
        cJSON_AddNumberToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

static void add_str_or_null(cJSON *o, const char *k, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

/* The common head: doc, paragraph, sentence, type, start, end, text. */
static mb_status head(const mb_doc *doc, size_t para, size_t sentence, const char *type, size_t a, size_t b,
                      cJSON **out, const mb_text **pt, mb_error *err)
{
    *out = NULL;
    const mb_paragraph *p = mb_doc_paragraph(doc, para);
    if (!p)
        return mb_error_set(err, MB_EARG, "%s: no paragraph %zu", mb_doc_path(doc), para);
    if (a >= b || b > p->text.len)
        return mb_error_set(err, MB_EARG, "%s: paragraph %zu: span %zu-%zu outside its text (%zu bytes)",
                            mb_doc_path(doc), para, a, b, p->text.len);
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    uint32_t sa, sb;
    mb_text_source_range(&p->text, a, b, &sa, &sb);
    cJSON_AddStringToObject(o, "doc", mb_doc_path(doc));
    cJSON_AddNumberToObject(o, "paragraph", (double)para);
    cJSON_AddNumberToObject(o, "sentence", (double)sentence);
    cJSON_AddStringToObject(o, "type", type);
    cJSON_AddNumberToObject(o, "start", sa);
    cJSON_AddNumberToObject(o, "end", sb);
    cJSON *txt = mb_emit_slice(&p->text, a, b);
    if (!txt) {
        cJSON_Delete(o);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    cJSON_AddItemToObject(o, "text", txt);
    *out = o;
    *pt = &p->text;
    return MB_OK;
}

static mb_status finish(cJSON *o, char **out, mb_error *err)
{
    char *js = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!js)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    *out = js;
    return MB_OK;
}

mb_status mb_emit_quantity(const mb_doc *doc, size_t para, size_t sentence, size_t base, const mb_quantity *q,
                           char **out, mb_error *err)
{
    cJSON *o;
    const mb_text *t;
    *out = NULL;
    mb_status st = head(doc, para, sentence, "quantity", base + q->start, base + q->end, &o, &t, err);
    if (st)
        return st;
    if (q->num_end > q->num_start && base + q->num_end <= t->len) {
        cJSON *num = mb_emit_slice(t, base + q->num_start, base + q->num_end);
        if (num)
            cJSON_AddItemToObject(o, "number", num);
    }
    add_num_or_null(o, "value", q->has_value, q->value);
    add_num_or_null(o, "min", q->has_range, q->min);
    add_num_or_null(o, "max", q->has_range, q->max);
    add_str_or_null(o, "unit", q->unit);
    add_str_or_null(o, "comparator", mb_comparator_name(q->comparator));
    cJSON_AddStringToObject(o, "qkind", mb_qkind_name(q->qkind));
    cJSON_AddBoolToObject(o, "skip", q->skip != MB_SKIP_NONE);
    add_str_or_null(o, "reason", mb_skip_name(q->skip));
    return finish(o, out, err);
}

mb_status mb_emit_timex(const mb_doc *doc, size_t para, size_t sentence, size_t base, const mb_timex *t,
                        char **out, mb_error *err)
{
    cJSON *o;
    const mb_text *pt;
    *out = NULL;
    mb_status st = head(doc, para, sentence, "time", base + t->start, base + t->end, &o, &pt, err);
    if (st)
        return st;
    cJSON_AddStringToObject(o, "kind", mb_timex_kind_name(t->kind));
    add_num_or_null(o, "year_from", t->year_from != 0, t->year_from);
    add_num_or_null(o, "year_to", t->year_to != 0, t->year_to);
    add_num_or_null(o, "month_from", t->month_from != 0, t->month_from);
    add_num_or_null(o, "month_to", t->month_to != 0, t->month_to);
    add_num_or_null(o, "day", t->day != 0, t->day);
    add_num_or_null(o, "count", t->count != 0, t->count);
    add_str_or_null(o, "marker", mb_time_marker_name(t->marker));
    cJSON_AddBoolToObject(o, "relative", t->relative != 0);
    cJSON_AddBoolToObject(o, "resolved", !t->unresolved);
    return finish(o, out, err);
}
