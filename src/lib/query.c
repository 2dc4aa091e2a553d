/* query.c — records from the store as JSON Lines, CSV or a table, and the
 * history of an indicator with its revisions (owns: mb_store_query,
 * mb_store_history, the CSV and table layouts, the revision rule). */
#include "error.h"
#include "present.h"
#include "store.h"

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

/* ---- output buffer ---- */

typedef struct out {
    mb_write_fn w;
    void *ctx;
    char *b;
    size_t n, cap;
    int failed;
} out;

static int put(out *o, const char *s, size_t n)
{
    if (o->n + n > o->cap) {
        size_t cap = o->cap ? o->cap : 65536;
        while (cap < o->n + n)
            cap *= 2;
        char *nb = realloc(o->b, cap);
        if (!nb)
            return o->failed = -1;
        o->b = nb;
        o->cap = cap;
    }
    memcpy(o->b + o->n, s, n);
    o->n += n;
    if (o->n >= 65536 && !o->failed) {
        if (o->w(o->ctx, o->b, o->n))
            o->failed = 1;
        o->n = 0;
    }
    return 0;
}

static void puts_(out *o, const char *s)
{
    put(o, s, strlen(s));
}

static mb_status out_finish(out *o, mb_error *err)
{
    if (!o->failed && o->n && o->w(o->ctx, o->b, o->n))
        o->failed = 1;
    free(o->b);
    o->b = NULL;
    if (o->failed < 0)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    if (o->failed)
        return mb_error_set(err, MB_EIO, "cannot write the output");
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

/* ---- CSV (RFC 4180) ---- */

static void csv_field(out *o, const char *s, int first)
{
    if (!first)
        put(o, ",", 1);
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        puts_(o, s);
        return;
    }
    put(o, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            put(o, "\"", 1);
        put(o, p, 1);
    }
    put(o, "\"", 1);
}

static void csv_number(out *o, int has, double v)
{
    char buf[64];
    put(o, ",", 1);
    if (has) {
        mb_present_shortest(v, buf, sizeof buf);
        puts_(o, buf);
    }
}

static const char csv_header[] = "date,path,kind,indicator,value,min,max,unit,comparator,change,year,period,"
                                 "modality,time_text,span_start,span_end,span_text,sentence,id,sha256,"
                                 "paragraph,quote_prefix,quote_exact,quote_suffix";

static void csv_row(out *o, const mb_store_row *r)
{
    char buf[32];
    csv_field(o, r->date, 1);
    csv_field(o, r->path, 0);
    csv_field(o, r->kind, 0);
    csv_field(o, r->indicator, 0);
    csv_number(o, r->has_value, r->value);
    csv_number(o, r->has_range, r->min);
    csv_number(o, r->has_range, r->max);
    csv_field(o, r->unit, 0);
    csv_field(o, r->comparator, 0);
    csv_field(o, r->change, 0);
    snprintf(buf, sizeof buf, "%d", r->year);
    csv_field(o, r->has_year ? buf : NULL, 0);
    csv_field(o, r->period, 0);
    csv_field(o, r->modality, 0);
    csv_field(o, r->time_text, 0);
    snprintf(buf, sizeof buf, "%lld", r->span_start);
    csv_field(o, buf, 0);
    snprintf(buf, sizeof buf, "%lld", r->span_end);
    csv_field(o, buf, 0);
    csv_field(o, r->span_text, 0);
    csv_field(o, r->sentence, 0);
    csv_field(o, r->id, 0);
    csv_field(o, r->sha256, 0);
    snprintf(buf, sizeof buf, "%lld", r->paragraph);
    csv_field(o, buf, 0);
    csv_field(o, r->quote_prefix, 0);
    csv_field(o, r->quote_exact, 0);
    csv_field(o, r->quote_suffix, 0);
}

/* ---- aligned table ---- */

#define MAXCOLS 8

typedef struct table {
    int ncols;
    const char *head[MAXCOLS];
    size_t maxw[MAXCOLS];  /* cells wider than this are cut with … */
    int left_cut[MAXCOLS]; /* cut at the start (paths) instead of the end */
    char **cells;
    size_t n, cap; /* cells */
} table;

static size_t width_of(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 1) {
            k = 1;
            cp = 0xFFFD;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        i += (size_t)k;
    }
    return w;
}

/* s cut to at most maxw columns, with … where text was taken out. */
static char *fit(const char *s, size_t maxw, int left)
{
    size_t len = strlen(s);
    if (width_of(s, len) <= maxw)
        return strdup(s);
    /* character starts and widths */
    size_t keep_w = maxw - 1, w = 0, a = 0, b = len;
    if (!left) {
        size_t i = 0;
        while (i < len) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k =
                utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (k < 1)
                k = 1;
            size_t cw = width_of(s + i, (size_t)k);
            if (w + cw > keep_w)
                break;
            w += cw;
            i += (size_t)k;
        }
        b = i;
    } else {
        size_t i = len;
        while (i > 0) {
            size_t j = i - 1;
            while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
                j--;
            size_t cw = width_of(s + j, i - j);
            if (w + cw > keep_w)
                break;
            w += cw;
            i = j;
        }
        a = i;
    }
    char *o = malloc(b - a + 4);
    if (!o)
        return NULL;
    if (left) {
        memcpy(o, "…", 3);
        memcpy(o + 3, s + a, b - a);
    } else {
        memcpy(o, s + a, b - a);
        memcpy(o + (b - a), "…", 3);
    }
    o[b - a + 3] = '\0';
    return o;
}

static int table_add(table *t, const char *const *row)
{
    if (t->n + (size_t)t->ncols > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        while (cap < t->n + (size_t)t->ncols)
            cap *= 2;
        char **c = realloc(t->cells, cap * sizeof *c);
        if (!c)
            return -1;
        t->cells = c;
        t->cap = cap;
    }
    for (int i = 0; i < t->ncols; i++) {
        char *c = fit(row[i] ? row[i] : "", t->maxw[i], t->left_cut[i]);
        if (!c)
            return -1;
        t->cells[t->n++] = c;
    }
    return 0;
}

static void pad(out *o, size_t n)
{
    static const char sp[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
        put(o, sp, k);
        n -= k;
    }
}

static void table_render(out *o, const table *t)
{
    size_t w[MAXCOLS];
    for (int c = 0; c < t->ncols; c++)
        w[c] = width_of(t->head[c], strlen(t->head[c]));
    for (size_t i = 0; i < t->n; i++) {
        size_t cw = width_of(t->cells[i], strlen(t->cells[i]));
        int c = (int)(i % (size_t)t->ncols);
        if (cw > w[c])
            w[c] = cw;
    }
    for (int row = -1; row < (int)(t->n / (size_t)t->ncols); row++) {
        for (int c = 0; c < t->ncols; c++) {
            const char *s = row < 0 ? t->head[c] : t->cells[(size_t)row * (size_t)t->ncols + (size_t)c];
            puts_(o, s);
            if (c + 1 < t->ncols)
                pad(o, w[c] - width_of(s, strlen(s)) + 2);
        }
        put(o, "\n", 1);
        if (row < 0) {
            for (int c = 0; c < t->ncols; c++) {
                for (size_t k = 0; k < w[c]; k++)
                    put(o, "-", 1);
                if (c + 1 < t->ncols)
                    pad(o, 2);
            }
            put(o, "\n", 1);
        }
    }
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->cells[i]);
    free(t->cells);
}

/* ---- query ---- */

typedef struct qctx {
    mb_out_format f;
    out o;
    table t;
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
        puts_(&q->o, r->json);
        put(&q->o, "\n", 1);
    } else if (q->f == MB_OUT_CSV) {
        csv_row(&q->o, r);
        put(&q->o, "\r\n", 2);
    } else {
        char value[160], year[16];
        fmt_value(q->lex, r, value, sizeof value);
        snprintf(year, sizeof year, "%d", r->year);
        const char *row[] = {
            r->date ? r->date : "",  r->kind, r->indicator ? r->indicator : "", value, change_word(r->change),
            r->has_year ? year : "", r->path};
        if (table_add(&q->t, row))
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
    c.t = (table){7,
                  {"date", "kind", "indicator", "value", "change", "year", "doc"},
                  {10, 11, 24, 24, 8, 4, 40},
                  {0, 0, 0, 0, 0, 0, 1},
                  NULL,
                  0,
                  0};
    if (f == MB_OUT_CSV) {
        if (mb_store_bom(s))
            puts_(&c.o, "\xEF\xBB\xBF");
        puts_(&c.o, csv_header);
        puts_(&c.o, "\r\n");
    }
    mb_status st = mb_store_select(s, q, 0, query_row, &c, err);
    if (st == MB_ENOMEM)
        mb_error_set(err, st, "out of memory");
    if (!st && f == MB_OUT_TABLE)
        table_render(&c.o, &c.t);
    table_free(&c.t);
    mb_status st2 = out_finish(&c.o, err);
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
    out o;
    table t;
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
                puts_(&h->o, js);
                put(&h->o, "\n", 1);
                free(js);
            }
        }
    } else if (h->f == MB_OUT_CSV) {
        csv_row(&h->o, r);
        csv_field(&h->o, status, 0);
        csv_field(&h->o, pid, 0);
        csv_number(&h->o, pid != NULL, pv);
        put(&h->o, "\r\n", 2);
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
        if (table_add(&h->t, row))
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
    h.t = (table){8,
                  {"indicator", "date", "kind", "value", "change", "year", "revision", "doc"},
                  {20, 10, 11, 20, 8, 4, 32, 40},
                  {0, 0, 0, 0, 0, 0, 0, 1},
                  NULL,
                  0,
                  0};
    if (f == MB_OUT_CSV) {
        if (mb_store_bom(s))
            puts_(&h.o, "\xEF\xBB\xBF");
        puts_(&h.o, csv_header);
        puts_(&h.o, ",revision,previous_id,previous_value\r\n");
    }
    mb_query q = {0};
    q.indicator = indicator;
    q.exact = exact;
    mb_status st = mb_store_select(s, &q, 1, history_row, &h, err);
    if (st == MB_ENOMEM)
        mb_error_set(err, st, "out of memory");
    if (!st && f == MB_OUT_TABLE)
        table_render(&h.o, &h.t);
    seen_clear(&h);
    free(h.k);
    free(h.indicator);
    table_free(&h.t);
    mb_status st2 = out_finish(&h.o, err);
    if (nrows)
        *nrows = h.rows;
    return st ? st : st2;
}
