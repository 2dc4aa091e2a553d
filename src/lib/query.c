/* query.c — records from the store as JSON Lines, CSV or a table, and the
 * history of an indicator with its revisions (owns: mb_store_query,
 * mb_store_history, the CSV and table layouts, the revision rule). */
#include "error.h"
#include "present.h"
#include "store.h"
#include "tabular.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

mb_status mb_out_format_parse(const char *name, mb_out_format *out)
{
    if (!strcmp(name, "jsonl"))
        *out = MB_OUT_JSONL;
    else if (!strcmp(name, "csv"))
        *out = MB_OUT_CSV;
    else if (!strcmp(name, "table"))
        *out = MB_OUT_TABLE;
    else
        return MB_EARG;
    return MB_OK;
}

/* ---- numbers and values ---- */

/* The value as show and report write it (present.c, the one formatter):
 * ">=1.5万名", "~5%", "6-6.5%"; "" when there is none. */
static void fmt_value(const mb_lexicon *lex, const mb_store_row *r, char *buf, size_t size)
{
    if (!r->has_value && !r->has_range) {
        buf[0] = '\0';
        return;
    }
    mb_present_q q = {r->has_value, r->value, r->has_range,  r->min,
                      r->max,       r->unit,  r->comparator, r->period && !strcmp(r->period, "annual")};
    mb_present_quantity(lex, &q, buf, size);
}

static const char csv_header[] = "date,path,kind,indicator,value,min,max,unit,comparator,change,year,period,"
                                 "modality,time_text,span_start,span_end,span_text,sentence,id,sha256,"
                                 "paragraph,quote_prefix,quote_exact,quote_suffix";

static void csv_row(mb_out *o, const mb_store_row *r)
{
    char buf[32];
    mb_csv_field(o, r->date, 1);
    mb_csv_field(o, r->path, 0);
    mb_csv_field(o, r->kind, 0);
    mb_csv_field(o, r->indicator, 0);
    mb_csv_number(o, r->has_value, r->value);
    mb_csv_number(o, r->has_range, r->min);
    mb_csv_number(o, r->has_range, r->max);
    mb_csv_field(o, r->unit, 0);
    mb_csv_field(o, r->comparator, 0);
    mb_csv_field(o, r->change, 0);
    snprintf(buf, sizeof buf, "%d", r->year);
    mb_csv_field(o, r->has_year ? buf : NULL, 0);
    mb_csv_field(o, r->period, 0);
    mb_csv_field(o, r->modality, 0);
    mb_csv_field(o, r->time_text, 0);
    snprintf(buf, sizeof buf, "%lld", r->span_start);
    mb_csv_field(o, buf, 0);
    snprintf(buf, sizeof buf, "%lld", r->span_end);
    mb_csv_field(o, buf, 0);
    mb_csv_field(o, r->span_text, 0);
    mb_csv_field(o, r->sentence, 0);
    mb_csv_field(o, r->id, 0);
    mb_csv_field(o, r->sha256, 0);
    snprintf(buf, sizeof buf, "%lld", r->paragraph);
    mb_csv_field(o, buf, 0);
    mb_csv_field(o, r->quote_prefix, 0);
    mb_csv_field(o, r->quote_exact, 0);
    mb_csv_field(o, r->quote_suffix, 0);
}

/* ---- query ---- */

typedef struct qctx {
    mb_out_format f;
    mb_out o;
    mb_table t;
    size_t rows;
    const mb_lexicon *lex;
} qctx;

static const char *change_word(const char *c)
{
    return c && strcmp(c, "level") ? c : "";
}

static mb_status query_row(void *vctx, const mb_store_row *r)
{
    qctx *q = vctx;
    q->rows++;
    if (q->f == MB_OUT_JSONL) {
        mb_out_puts(&q->o, r->json);
        mb_out_put(&q->o, "\n", 1);
    } else if (q->f == MB_OUT_CSV) {
        csv_row(&q->o, r);
        mb_out_put(&q->o, "\r\n", 2);
    } else {
        char value[160], year[16];
        fmt_value(q->lex, r, value, sizeof value);
        snprintf(year, sizeof year, "%d", r->year);
        const char *row[] = {
            r->date ? r->date : "",  r->kind, r->indicator ? r->indicator : "", value, change_word(r->change),
            r->has_year ? year : "", r->path};
        if (mb_table_add(&q->t, row))
            return MB_ENOMEM;
    }
    /* a failed write stops the query (out_finish says why) */
    return q->o.failed < 0 ? MB_ENOMEM : q->o.failed ? MB_EIO : MB_OK;
}

mb_status mb_store_query(mb_store *s, const mb_query *q, mb_out_format f, mb_write_fn w, void *ctx,
                         size_t *nrows, mb_error *err)
{
    qctx c;
    memset(&c, 0, sizeof c);
    c.f = f;
    c.lex = mb_store_lexicon(s);
    c.o.w = w;
    c.o.ctx = ctx;
    c.t = (mb_table){7,
                     {"date", "kind", "indicator", "value", "change", "year", "doc"},
                     {10, 11, 24, 24, 8, 4, 40},
                     {0, 0, 0, 0, 0, 0, 1},
                     NULL,
                     0,
                     0};
    if (f == MB_OUT_CSV) {
        if (mb_store_bom(s))
            mb_out_puts(&c.o, "\xEF\xBB\xBF");
        mb_out_puts(&c.o, csv_header);
        mb_out_puts(&c.o, "\r\n");
    }
    mb_status st = mb_store_select(s, q, 0, query_row, &c, err);
    if (st == MB_ENOMEM)
        mb_error_set(err, st, "out of memory");
    if (!st && f == MB_OUT_TABLE)
        mb_table_render(&c.o, &c.t);
    mb_table_free(&c.t);
    mb_status st2 = mb_out_finish(&c.o, err);
    if (nrows)
        *nrows = c.rows;
    return st ? st : st2;
}

/* ---- history ---- */

/* The last target of one key (unit, change, period, year) seen in the
 * current indicator, and the last one from a document before its own. */
typedef struct seen {
    char *unit, *change, *period;
    int year;
    long long doc[2]; /* [0] latest, [1] the one before it from another document */
    double v[2];
    char *id[2], *path[2], *shown[2];
    int has[2];
} seen;

typedef struct hctx {
    mb_out_format f;
    mb_out o;
    mb_table t;
    size_t rows;
    char *indicator; /* the current group */
    seen *k;
    size_t nk, capk;
    const mb_lexicon *lex;
} hctx;

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static void seen_clear(hctx *h)
{
    for (size_t i = 0; i < h->nk; i++) {
        seen *s = &h->k[i];
        free(s->unit);
        free(s->change);
        free(s->period);
        for (int j = 0; j < 2; j++) {
            free(s->id[j]);
            free(s->path[j]);
            free(s->shown[j]);
        }
    }
    h->nk = 0;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static double row_value(const mb_store_row *r)
{
    return r->has_range ? (r->min + r->max) / 2 : r->value;
}

static int same_value(double a, double b)
{
    return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b));
}

/* What a target is compared with: copies of the earlier record. */
typedef struct prevrec {
    char *id, *path, *shown;
    double v;
} prevrec;

static void prevrec_free(prevrec *p)
{
    free(p->id);
    free(p->path);
    free(p->shown);
}

/* The revision of target r ("first", "restated", "raised", "lowered"; NULL
 * for records that are not compared) and, when there is one, the earlier
 * record it is compared with (*prev, copies the caller frees). */
static mb_status revise(hctx *h, const mb_store_row *r, const char **status, prevrec *prev)
{
    *status = NULL;
    memset(prev, 0, sizeof *prev);
    if (strcmp(r->kind, "target") || !r->has_year || !(r->has_value || r->has_range))
        return MB_OK;
    seen *s = NULL;
    for (size_t i = 0; i < h->nk && !s; i++)
        if (h->k[i].year == r->year && same_str(h->k[i].unit, r->unit) &&
            same_str(h->k[i].change, r->change) && same_str(h->k[i].period, r->period))
            s = &h->k[i];
    if (!s) {
        if (h->nk == h->capk) {
            size_t cap = h->capk ? h->capk * 2 : 16;
            seen *nk = realloc(h->k, cap * sizeof *nk);
            if (!nk)
                return MB_ENOMEM;
            h->k = nk;
            h->capk = cap;
        }
        s = &h->k[h->nk++];
        memset(s, 0, sizeof *s);
        s->year = r->year;
        s->unit = dup_or_null(r->unit);
        s->change = dup_or_null(r->change);
        s->period = dup_or_null(r->period);
    }
    double v = row_value(r);
    int newdoc = s->has[0] && s->doc[0] != r->doc_id;
    int j = newdoc ? 0 : 1; /* the last target of this key from an earlier document */
    if (!s->has[j]) {
        *status = "first";
    } else {
        *status = same_value(v, s->v[j]) ? "restated" : v > s->v[j] ? "raised" : "lowered";
        prev->id = dup_or_null(s->id[j]);
        prev->path = dup_or_null(s->path[j]);
        prev->shown = dup_or_null(s->shown[j]);
        prev->v = s->v[j];
        if (!prev->id || !prev->path || !prev->shown)
            return MB_ENOMEM;
    }
    char shown[160];
    fmt_value(h->lex, r, shown, sizeof shown);
    if (newdoc) { /* the latest becomes the earlier document's */
        free(s->id[1]);
        free(s->path[1]);
        free(s->shown[1]);
        s->doc[1] = s->doc[0];
        s->v[1] = s->v[0];
        s->id[1] = s->id[0];
        s->path[1] = s->path[0];
        s->shown[1] = s->shown[0];
        s->has[1] = 1;
    } else {
        free(s->id[0]);
        free(s->path[0]);
        free(s->shown[0]);
    }
    s->doc[0] = r->doc_id;
    s->v[0] = v;
    s->id[0] = dup_or_null(r->id);
    s->path[0] = dup_or_null(r->path);
    s->shown[0] = strdup(shown);
    s->has[0] = 1;
    if (!s->id[0] || !s->path[0] || !s->shown[0])
        return MB_ENOMEM;
    return MB_OK;
}

static mb_status history_row(void *vctx, const mb_store_row *r)
{
    hctx *h = vctx;
    h->rows++;
    /* one group per indicator: its lexicon id, else its text */
    const char *key = r->indicator_id ? r->indicator_id : r->indicator;
    if (!same_str(h->indicator, key)) {
        seen_clear(h);
        free(h->indicator);
        h->indicator = dup_or_null(key);
    }
    const char *status;
    prevrec prev;
    mb_status st = revise(h, r, &status, &prev);
    if (st) {
        prevrec_free(&prev);
        return st;
    }
    const char *pid = prev.id, *ppath = prev.path, *pshown = prev.shown;
    double pv = prev.v;
    if (h->f == MB_OUT_JSONL) {
        cJSON *o = cJSON_Parse(r->json);
        cJSON *rev = status ? cJSON_CreateObject() : cJSON_CreateNull();
        if (!o || !rev) {
            cJSON_Delete(o);
            cJSON_Delete(rev);
            st = MB_ENOMEM;
        } else {
            if (status) {
                cJSON_AddStringToObject(rev, "status", status);
                if (pid) {
                    cJSON *p = cJSON_AddObjectToObject(rev, "previous");
                    if (p) {
                        cJSON_AddStringToObject(p, "id", pid);
                        cJSON_AddStringToObject(p, "path", ppath ? ppath : "");
                        cJSON_AddNumberToObject(p, "value", pv);
                    }
                } else {
                    cJSON_AddNullToObject(rev, "previous");
                }
            }
            cJSON_AddItemToObject(o, "revision", rev);
            char *js = cJSON_PrintUnformatted(o);
            cJSON_Delete(o);
            if (!js) {
                st = MB_ENOMEM;
            } else {
                mb_out_puts(&h->o, js);
                mb_out_put(&h->o, "\n", 1);
                free(js);
            }
        }
    } else if (h->f == MB_OUT_CSV) {
        csv_row(&h->o, r);
        mb_csv_field(&h->o, status, 0);
        mb_csv_field(&h->o, pid, 0);
        mb_csv_number(&h->o, pid != NULL, pv);
        mb_out_put(&h->o, "\r\n", 2);
    } else {
        char value[160], year[16], rev[224] = "";
        fmt_value(h->lex, r, value, sizeof value);
        snprintf(year, sizeof year, "%d", r->year);
        if (status && pshown && strcmp(status, "restated"))
            snprintf(rev, sizeof rev, "%s from %s", status, pshown);
        else if (status)
            snprintf(rev, sizeof rev, "%s", status);
        const char *row[] = {r->indicator ? r->indicator : "", r->date ? r->date : "",  r->kind, value,
                             change_word(r->change),           r->has_year ? year : "", rev,     r->path};
        if (mb_table_add(&h->t, row))
            st = MB_ENOMEM;
    }
    prevrec_free(&prev);
    if (!st && h->o.failed)
        st = h->o.failed < 0 ? MB_ENOMEM : MB_EIO; /* a failed write stops the query */
    return st;
}

mb_status mb_store_history(mb_store *s, const char *indicator, int exact, mb_out_format f, mb_write_fn w,
                           void *ctx, size_t *nrows, mb_error *err)
{
    hctx h;
    memset(&h, 0, sizeof h);
    h.f = f;
    h.lex = mb_store_lexicon(s);
    h.o.w = w;
    h.o.ctx = ctx;
    h.t = (mb_table){8,
                     {"indicator", "date", "kind", "value", "change", "year", "revision", "doc"},
                     {20, 10, 11, 20, 8, 4, 32, 40},
                     {0, 0, 0, 0, 0, 0, 0, 1},
                     NULL,
                     0,
                     0};
    if (f == MB_OUT_CSV) {
        if (mb_store_bom(s))
            mb_out_puts(&h.o, "\xEF\xBB\xBF");
        mb_out_puts(&h.o, csv_header);
        mb_out_puts(&h.o, ",revision,previous_id,previous_value\r\n");
    }
    mb_query q = {0};
    q.indicator = indicator;
    q.exact = exact;
    mb_status st = mb_store_select(s, &q, 1, history_row, &h, err);
    if (st == MB_ENOMEM)
        mb_error_set(err, st, "out of memory");
    if (!st && f == MB_OUT_TABLE)
        mb_table_render(&h.o, &h.t);
    seen_clear(&h);
    free(h.k);
    free(h.indicator);
    mb_table_free(&h.t);
    mb_status st2 = mb_out_finish(&h.o, err);
    if (nrows)
        *nrows = h.rows;
    return st ? st : st2;
}
