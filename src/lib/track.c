/* track.c — targets against outcomes (owns: the verdict rule, the pairing
 * of a target with the outcome reported for its year, revisions across
 * documents, absent targets, and the track output: table, JSON Lines
 * (mubiao/track/v1), CSV and the HTML page with its charts).
 *
 * The store gives the records (mb_store_select) and the documents
 * (mb_store_documents); nothing here knows SQL. */
#include "error.h"
#include "indid.h"
#include "jsonw.h"
#include "lexicon.h"
#include "present.h"
#include "store.h"
#include "strbuf.h"
#include "tabular.h"
#include "track_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *mb_track_verdict_name(mb_track_verdict v)
{
    static const char *const names[] = {"met", "missed", "pending", "no-data", "not-comparable", "absent"};
    return (unsigned)v < sizeof names / sizeof names[0] ? names[v] : "?";
}

mb_status mb_track_format_parse(const char *name, mb_track_format *out)
{
    static const char *const names[] = {"table", "jsonl", "csv", "html"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(name, names[i])) {
            *out = (mb_track_format)i;
            return MB_OK;
        }
    return MB_EARG;
}

/* ---- the verdict rule ---- */

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

mb_track_verdict mb_track_compare(const mb_track_quantity *t, const mb_track_quantity *o, int lower,
                                  double *diff, double *tol)
{
    double d = 0, tl = 0;
    mb_track_verdict v = MB_TRACK_NOT_COMPARABLE;
    const char *tc = t->change ? t->change : "level", *oc = o->change ? o->change : "level";
    if (diff)
        *diff = 0;
    if (tol)
        *tol = 0;
    if (!same_str(t->unit, o->unit) || strcmp(tc, oc) || !(t->has_value || t->has_range) ||
        !(o->has_value || o->has_range))
        return v;
    double ov = o->has_range ? (o->min + o->max) / 2 : o->value;
    const char *cmp = t->comparator ? t->comparator : "eq";
    /* which way is better: a decrease is better larger; otherwise more is
     * better unless the indicator is one of which less is better */
    int up = !strcmp(tc, "decrease") ? 1 : !lower;
    if (!strcmp(cmp, "ge") || !strcmp(cmp, "gt")) {
        d = ov - t->value;
        v = (!strcmp(cmp, "ge") ? ov >= t->value : ov > t->value) ? MB_TRACK_MET : MB_TRACK_MISSED;
    } else if (!strcmp(cmp, "le") || !strcmp(cmp, "lt")) {
        d = ov - t->value;
        v = (!strcmp(cmp, "le") ? ov <= t->value : ov < t->value) ? MB_TRACK_MET : MB_TRACK_MISSED;
    } else if (t->has_range) {
        double bound = up ? t->min : t->max;
        d = ov - bound;
        v = (up ? ov >= bound : ov <= bound) ? MB_TRACK_MET : MB_TRACK_MISSED;
    } else {
        if (!strcmp(cmp, "approx")) {
            tl = t->points ? 0.1 : fabs(t->value) * 0.02;
        }
        d = ov - t->value;
        /* a little slack for numbers written to one decimal */
        double eps = 1e-9 * (fabs(t->value) + 1);
        v = (up ? ov >= t->value - tl - eps : ov <= t->value + tl + eps) ? MB_TRACK_MET : MB_TRACK_MISSED;
    }
    /* no binary noise in what people read: 7.8 - 7.5 is 0.3 */
    if (diff)
        *diff = round(d * 1e9) / 1e9;
    if (tol)
        *tol = tl;
    return v;
}

/* ---- what is read from the store ---- */

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* The year of a stored date (YYYY-MM-DD or YYYY); 0 when none. */
static int year_of_date(const char *date)
{
    mb_date d;
    return date && !mb_date_parse(date, &d) ? d.year : 0;
}

static void trec_free(mb_trec *r)
{
    free(r->id);
    free(r->indicator);
    free(r->indicator_id);
    free(r->unit);
    free(r->comparator);
    free(r->change);
    free(r->period);
    free(r->region);
    free(r->text);
    free(r->sentence);
    free(r->key);
    free(r->coarse);
}

void mb_track_data_free(mb_track_data *t)
{
    for (size_t i = 0; i < t->nrecs; i++)
        trec_free(&t->recs[i]);
    free(t->recs);
    for (size_t i = 0; i < t->ndocs; i++) {
        free(t->docs[i].path);
        free(t->docs[i].date);
        free(t->docs[i].issuer);
        free(t->docs[i].region);
    }
    free(t->docs);
    for (size_t i = 0; i < t->nrows; i++) {
        free(t->rows[i].statements);
        free(t->rows[i].outcomes);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

static mb_status doc_cb(void *ctx, const mb_store_doc *d)
{
    mb_track_data *t = ctx;
    if (t->ndocs == t->capdocs) {
        size_t cap = t->capdocs ? t->capdocs * 2 : 64;
        mb_tdoc *v = realloc(t->docs, cap * sizeof *v);
        if (!v)
            return MB_ENOMEM;
        t->docs = v;
        t->capdocs = cap;
    }
    mb_tdoc *x = &t->docs[t->ndocs];
    memset(x, 0, sizeof *x);
    x->id = d->id;
    x->path = dup_or_null(d->path);
    x->date = dup_or_null(d->date);
    x->issuer = dup_or_null(d->issuer);
    x->region = dup_or_null(d->region);
    x->year = year_of_date(d->date);
    x->own_targets = d->own_targets;
    t->ndocs++;
    if ((d->path && !x->path) || (d->date && !x->date) || (d->issuer && !x->issuer) ||
        (d->region && !x->region))
        return MB_ENOMEM;
    return MB_OK;
}

static int doc_by_id(const void *a, const void *b)
{
    long long x = ((const mb_tdoc *)a)->id, y = ((const mb_tdoc *)b)->id;
    return x < y ? -1 : x > y;
}

const mb_tdoc *mb_track_doc(const mb_track_data *t, long long id)
{
    mb_tdoc key = {.id = id};
    return bsearch(&key, t->docs, t->ndocs, sizeof *t->docs, doc_by_id);
}

/* "indicator \x1f region \x1f unit \x1f change \x1f period" (coarse: without
 * unit and change), malloc'ed. */
static char *make_key(const mb_trec *r, int coarse)
{
    const char *ind = r->indicator_id ? r->indicator_id : r->indicator;
    /* a change over several years (比2010年增长30%) is another series
     * than one over the year before */
    char base[16] = "";
    if (!coarse && r->base_year && r->base_year != r->year - 1)
        snprintf(base, sizeof base, "%d", r->base_year);
    const char *parts[6] = {ind,
                            r->region ? r->region : "",
                            r->period ? r->period : "",
                            coarse ? "" : (r->unit ? r->unit : ""),
                            coarse ? "" : (r->change ? r->change : ""),
                            base};
    size_t n = 0;
    for (int i = 0; i < 6; i++)
        n += strlen(parts[i]) + 1;
    char *k = malloc(n);
    if (!k)
        return NULL;
    size_t o = 0;
    for (int i = 0; i < 6; i++) {
        size_t l = strlen(parts[i]);
        memcpy(k + o, parts[i], l);
        o += l;
        k[o++] = i < 5 ? '\x1f' : '\0';
    }
    return k;
}

typedef struct sel_ctx {
    mb_track_data *t;
    const mb_lexicon *lex;
} sel_ctx;

static mb_status add_store_row(mb_track_data *t, const mb_lexicon *lex, const mb_store_row *row)
{
    if (!row->has_year || !(row->has_value || row->has_range) || !row->indicator || !row->kind)
        return MB_OK;
    if (t->nrecs == t->caprecs) {
        size_t cap = t->caprecs ? t->caprecs * 2 : 256;
        mb_trec *v = realloc(t->recs, cap * sizeof *v);
        if (!v)
            return MB_ENOMEM;
        t->recs = v;
        t->caprecs = cap;
    }
    mb_trec *r = &t->recs[t->nrecs];
    memset(r, 0, sizeof *r);
    t->nrecs++;
    r->doc_id = row->doc_id;
    r->seq = row->seq;
    r->target = !strcmp(row->kind, "target");
    r->has_value = row->has_value && !row->has_range;
    r->has_range = row->has_range;
    r->value = row->value;
    r->min = row->min;
    r->max = row->max;
    r->year = row->year;
    r->base_year = row->base_year;
    r->id = dup_or_null(row->id);
    r->indicator = dup_or_null(row->indicator);
    r->indicator_id = dup_or_null(row->indicator_id);
    r->unit = dup_or_null(row->unit);
    r->comparator = dup_or_null(row->comparator);
    r->change = dup_or_null(row->change);
    r->period = dup_or_null(row->period);
    r->region = dup_or_null(row->region);
    r->text = dup_or_null(row->span_text);
    r->sentence = dup_or_null(row->sentence);
    r->timed = row->time_text && row->time_text[0];
    /* a unit of percent or percentage points, as the unit lexicon says */
    const mb_lexword *uw =
        lex && row->unit ? mb_lex_get(lex, MB_LX_UNIT, row->unit, strlen(row->unit)) : NULL;
    r->points = uw && (mb_lex_value_is(uw, "cat", "percent") || mb_lex_value_is(uw, "cat", "ppoint"));
    /* a rate that is the growth of another indicator (经济增长速度8%) is
     * that indicator's increase (国内生产总值增长8%) */
    const mb_lexword *cw = lex && row->indicator_id ? mb_lex_get(lex, MB_LX_INDICATOR, row->indicator_id,
                                                                 strlen(row->indicator_id))
                                                    : NULL;
    size_t gn;
    const char *g = cw ? mb_lex_value(cw, "growth_of", &gn) : NULL;
    /* a rate word ends the indicator (居民消费价格涨幅2.6%): its level is a
     * change, as 涨幅控制在4%左右 */
    const mb_lexword *rw =
        lex ? mb_lex_longest_before(lex, MB_LX_RATE_WORD, row->indicator, 0, strlen(row->indicator)) : NULL;
    if (rw && row->unit && !strcmp(row->unit, "%") && row->change && !strcmp(row->change, "level")) {
        free(r->change);
        if (!(r->change = strdup("increase")))
            return MB_ENOMEM;
    }
    if (g && row->unit && !strcmp(row->unit, "%") && (!row->change || strcmp(row->change, "decrease"))) {
        free(r->indicator_id);
        free(r->change);
        r->indicator_id = strndup(g, gn);
        r->change = strdup("increase");
        if (!r->indicator_id || !r->change)
            return MB_ENOMEM;
    }
    if (!r->id || !r->indicator || (row->indicator_id && !r->indicator_id) || (row->unit && !r->unit) ||
        (row->comparator && !r->comparator) || (row->change && !r->change) || (row->period && !r->period) ||
        (row->region && !r->region) || (row->span_text && !r->text) || (row->sentence && !r->sentence))
        return MB_ENOMEM;
    if (!(r->key = make_key(r, 0)) || !(r->coarse = make_key(r, 1)))
        return MB_ENOMEM;
    return MB_OK;
}

static mb_status rec_cb(void *ctx, const mb_store_row *row)
{
    sel_ctx *c = ctx;
    return add_store_row(c->t, c->lex, row);
}

static char *slice(const char *s, size_t a, size_t b)
{
    return strndup(s + a, b - a);
}

mb_status mb_track_add_document(mb_track_data *t, const mb_lexicon *lex, const mb_doc *doc,
                                const mb_records *rs)
{
    long long id = (long long)t->ndocs + 1;
    char date[16];
    mb_date_format(&rs->date, date);
    long long own = 0;
    for (size_t i = 0; i < rs->n; i++)
        own += rs->v[i].kind == MB_KIND_TARGET && !rs->v[i].period && rs->date.year &&
               rs->v[i].year == rs->date.year;
    mb_store_doc d = {
        id, mb_doc_path(doc), date[0] ? date : NULL, rs->issuer, rs->region.name[0] ? rs->region.name : NULL,
        own};
    mb_status st = doc_cb(t, &d);
    for (size_t i = 0; i < rs->n && !st; i++) {
        const mb_record *r = &rs->v[i];
        const mb_paragraph *p = mb_doc_paragraph_by_index(doc, r->paragraph);
        if (!p || !p->text.s)
            continue;
        char *span = slice(p->text.s, r->span_start, r->span_end);
        char *sent = slice(p->text.s, r->sent_start, r->sent_end);
        mb_store_row row;
        memset(&row, 0, sizeof row);
        row.doc_id = id;
        row.path = mb_doc_path(doc);
        row.seq = (long long)i;
        row.id = r->id;
        row.kind = r->kind == MB_KIND_TARGET ? "target" : "achievement";
        row.indicator = r->indicator;
        row.indicator_id = r->indicator_id;
        row.unit = r->unit;
        row.comparator = r->comparator;
        row.change = r->change ? r->change : "level";
        row.time_text = r->time_text;
        row.period = r->period;
        row.span_text = span;
        row.sentence = sent;
        row.has_value = r->has_value && !r->has_range;
        row.value = r->value;
        row.has_range = r->has_range;
        row.min = r->min;
        row.max = r->max;
        row.has_year = r->year != 0;
        row.year = r->year;
        row.base_year = r->base_year;
        row.region = r->region.name[0] ? r->region.name : (rs->region.name[0] ? rs->region.name : NULL);
        st = span && sent ? add_store_row(t, lex, &row) : MB_ENOMEM;
        free(span);
        free(sent);
    }
    return st;
}

/* ---- pairing ---- */

/* Sort docs by id and give each record its document's date and path (no
 * global state: the comparators read only their arguments). */
static void link_docs(mb_track_data *t)
{
    if (t->ndocs > 1)
        qsort(t->docs, t->ndocs, sizeof *t->docs, doc_by_id);
    for (size_t i = 0; i < t->nrecs; i++) {
        const mb_tdoc *d = mb_track_doc(t, t->recs[i].doc_id);
        t->recs[i].ddate = d ? d->date : NULL;
        t->recs[i].dpath = d && d->path ? d->path : "";
    }
}

static int rec_order(const void *a, const void *b)
{
    const mb_trec *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    if (!x->ddate != !y->ddate)
        return x->ddate ? -1 : 1;
    if (x->ddate && (c = strcmp(x->ddate, y->ddate)))
        return c;
    if ((c = strcmp(x->dpath, y->dpath)))
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static double middle(const mb_trec *r)
{
    return r->has_range ? (r->min + r->max) / 2 : r->value;
}

static int doc_year_of(const mb_track_data *t, const mb_trec *r)
{
    const mb_tdoc *d = mb_track_doc(t, r->doc_id);
    return d ? d->year : 0;
}

static mb_status add_row(mb_track_data *t, const mb_trow *row)
{
    if (t->nrows == t->caprows) {
        size_t cap = t->caprows ? t->caprows * 2 : 64;
        mb_trow *v = realloc(t->rows, cap * sizeof *v);
        if (!v)
            return MB_ENOMEM;
        t->rows = v;
        t->caprows = cap;
    }
    t->rows[t->nrows++] = *row;
    return MB_OK;
}

/* The latest year any document of issuer (NULL: any document) is dated. */
static int latest_year(const mb_track_data *t, const mb_tdoc *d)
{
    return d && d->issuer ? d->issuer_latest : t->latest;
}

static int issuer_order(const void *a, const void *b)
{
    return strcmp((*(const mb_tdoc *const *)a)->issuer, (*(const mb_tdoc *const *)b)->issuer);
}

/* Each document's issuer_latest and t->latest, once: the latest year of the
 * issuer's documents, of all documents. */
static mb_status set_latest(mb_track_data *t)
{
    mb_tdoc **v = malloc((t->ndocs ? t->ndocs : 1) * sizeof *v);
    if (!v)
        return MB_ENOMEM;
    size_t n = 0;
    t->latest = 0;
    for (size_t i = 0; i < t->ndocs; i++) {
        if (t->docs[i].year > t->latest)
            t->latest = t->docs[i].year;
        if (t->docs[i].issuer)
            v[n++] = &t->docs[i];
    }
    if (n > 1)
        qsort(v, n, sizeof *v, issuer_order);
    for (size_t a = 0; a < n;) {
        size_t b = a;
        int y = 0;
        for (; b < n && !strcmp(v[b]->issuer, v[a]->issuer); b++)
            if (v[b]->year > y)
                y = v[b]->year;
        for (size_t k = a; k < b; k++)
            v[k]->issuer_latest = y;
        a = b;
    }
    free(v);
    return MB_OK;
}

static int lower_is_better(const mb_lexicon *lex, const mb_trec *r)
{
    if (!lex || !r->indicator_id)
        return 0;
    const mb_lexword *w = mb_lex_get(lex, MB_LX_INDICATOR, r->indicator_id, strlen(r->indicator_id));
    return w && mb_lex_value_is(w, "polarity", "lower");
}

static mb_track_quantity quantity_of(const mb_trec *r)
{
    mb_track_quantity q = {r->has_value,  r->has_range, r->value,  r->min,   r->max,
                           r->comparator, r->unit,      r->change, r->points};
    return q;
}

/* One group: the records [a, b) of one key and year. */
static mb_status pair_group(mb_track_data *t, const mb_lexicon *lex, size_t a, size_t b,
                            const mb_trec *const *by_coarse, size_t ncoarse, const char *issuer)
{
    mb_trow row;
    memset(&row, 0, sizeof row);
    row.statements = malloc((b - a) * sizeof *row.statements);
    row.outcomes = malloc((b - a) * sizeof *row.outcomes);
    if (!row.statements || !row.outcomes) {
        free(row.statements);
        free(row.outcomes);
        return MB_ENOMEM;
    }
    int year = t->recs[a].year;
    long long last_doc = -1;
    for (size_t i = a; i < b; i++) { /* the target, once per document, in date order */
        const mb_trec *r = &t->recs[i];
        if (!r->target || r->doc_id == last_doc)
            continue;
        last_doc = r->doc_id;
        /* of a document's statements, the first whose time is written in its
         * sentence (今年的预期目标是…) before one dated by its section */
        size_t pick = i;
        for (size_t k = i; k < b && t->recs[k].doc_id == r->doc_id && !t->recs[pick].timed; k++)
            if (t->recs[k].target && t->recs[k].timed)
                pick = k;
        mb_tstatement *st = &row.statements[row.nstatements];
        st->rec = pick;
        r = &t->recs[pick];
        st->revision = "first";
        if (row.nstatements) {
            double m0 = middle(&t->recs[row.statements[row.nstatements - 1].rec]), m1 = middle(r);
            st->revision = fabs(m1 - m0) <= 1e-9 * (fabs(m0) + 1) ? "restated"
                           : m1 > m0                              ? "raised"
                                                                  : "lowered";
        }
        row.nstatements++;
    }
    if (!row.nstatements) { /* outcomes without a target: nothing to track */
        free(row.statements);
        free(row.outcomes);
        return MB_OK;
    }
    /* the target in force: the last one stated in a document of the year or
     * before (a later document looks back) */
    size_t cur = 0;
    for (size_t k = 0; k < row.nstatements; k++) {
        int dy = doc_year_of(t, &t->recs[row.statements[k].rec]);
        if (!dy || dy <= year)
            cur = k;
    }
    row.target = row.statements[cur].rec;
    row.revision = row.statements[cur].revision;
    for (size_t i = a; i < b; i++) { /* outcomes: reported in a later year */
        const mb_trec *r = &t->recs[i];
        int dy = doc_year_of(t, r);
        if (r->target || (dy && dy <= year))
            continue;
        row.outcomes[row.noutcomes++] = i;
    }
    const mb_trec *tg = &t->recs[row.target];
    const mb_tdoc *td = mb_track_doc(t, tg->doc_id);
    if (issuer && (!td || !td->issuer || strcmp(td->issuer, issuer))) { /* another body's target */
        free(row.statements);
        free(row.outcomes);
        return MB_OK;
    }
    row.lower = lower_is_better(lex, tg);
    if (row.noutcomes) {
        /* of the first later document's outcomes, the one that reads most
         * like a reported figure: an exact value (not 左右, 以上) first, then
         * one whose time is written in its sentence (去年, 2012年) rather than
         * dated by its section (a five-year review), then document order */
        long long d0 = t->recs[row.outcomes[0]].doc_id;
        size_t best = 0;
        int best_score = -1;
        for (size_t k = 0; k < row.noutcomes && t->recs[row.outcomes[k]].doc_id == d0; k++) {
            const mb_trec *r = &t->recs[row.outcomes[k]];
            int exact = !r->comparator || !strcmp(r->comparator, "eq");
            int score = 2 * exact + r->timed;
            if (score > best_score) {
                best_score = score;
                best = k;
            }
        }
        size_t x = row.outcomes[best];
        memmove(row.outcomes + 1, row.outcomes, best * sizeof *row.outcomes);
        row.outcomes[0] = x;
        row.outcome = row.outcomes[0];
        mb_track_quantity tq = quantity_of(tg), oq = quantity_of(&t->recs[row.outcome]);
        row.verdict = mb_track_compare(&tq, &oq, row.lower, &row.diff, &row.tol);
        row.has_outcome = 1;
    } else {
        /* an outcome of another unit or change: not comparable */
        size_t other = (size_t)-1;
        for (size_t k = 0; k < ncoarse && other == (size_t)-1; k++) {
            const mb_trec *r = by_coarse[k];
            int dy = doc_year_of(t, r);
            if (!r->target && r->year == year && !strcmp(r->coarse, tg->coarse) && strcmp(r->key, tg->key) &&
                !(dy && dy <= year))
                other = (size_t)(r - t->recs);
        }
        if (other != (size_t)-1) {
            row.verdict = MB_TRACK_NOT_COMPARABLE;
            row.outcome = other;
            row.has_outcome = 1;
            row.outcomes[row.noutcomes++] = other;
        } else {
            row.verdict = latest_year(t, td) > year ? MB_TRACK_NO_DATA : MB_TRACK_PENDING;
        }
    }
    return add_row(t, &row);
}

static int coarse_order(const void *a, const void *b)
{
    const mb_trec *x = *(const mb_trec *const *)a, *y = *(const mb_trec *const *)b;
    int c = strcmp(x->coarse, y->coarse);
    if (c)
        return c;
    return x->year != y->year ? (x->year < y->year ? -1 : 1) : 0;
}

/* Targets of a document for its own year (period none): the issuer's list. */
static int own_year_target(const mb_track_data *t, const mb_trec *r, const mb_tdoc **d)
{
    *d = mb_track_doc(t, r->doc_id);
    return r->target && !r->period && *d && (*d)->year && r->year == (*d)->year;
}

/* An own-year target (own_year_target) by key and document. */
typedef struct own_target {
    const char *key;
    long long doc;
    size_t rec;
} own_target;

static int own_order(const void *a, const void *b)
{
    const own_target *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/* The first of v[0..n) with key and doc at or after them; n when none. */
static size_t own_lower(const own_target *v, size_t n, const char *key, long long doc)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(v[mid].key, key);
        if (c < 0 || (!c && v[mid].doc < doc))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Documents that state a target list, by issuer, year and id. */
static int list_doc_order(const void *a, const void *b)
{
    const mb_tdoc *x = *(const mb_tdoc *const *)a, *y = *(const mb_tdoc *const *)b;
    int c = strcmp(x->issuer, y->issuer);
    if (c)
        return c;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int size_order(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Absent: a key among the own-year targets of the issuer's document of
 * year Y-1 and not among those of its document of year Y. Sorted look-ups,
 * not a scan of every record for every record: O(n log n). */
static mb_status find_absent(mb_track_data *t, const char *issuer)
{
    own_target *v = malloc((t->nrecs ? t->nrecs : 1) * sizeof *v);
    size_t *first = malloc((t->nrecs ? t->nrecs : 1) * sizeof *first);
    const mb_tdoc **ld = malloc((t->ndocs ? t->ndocs : 1) * sizeof *ld);
    if (!v || !first || !ld) {
        free(v);
        free(first);
        free(ld);
        return MB_ENOMEM;
    }
    size_t n = 0, nf = 0, nl = 0;
    for (size_t i = 0; i < t->nrecs; i++) {
        const mb_tdoc *d;
        if (own_year_target(t, &t->recs[i], &d) && d->issuer)
            v[n++] = (own_target){t->recs[i].key, t->recs[i].doc_id, i};
    }
    if (n > 1)
        qsort(v, n, sizeof *v, own_order);
    /* once per key and document: the first such record; only indicators of
     * the lexicon (an id): a text written otherwise the next year is no
     * absence */
    for (size_t k = 0; k < n; k++) {
        const mb_trec *r = &t->recs[v[k].rec];
        const mb_tdoc *d = mb_track_doc(t, r->doc_id);
        if ((k && v[k].doc == v[k - 1].doc && !strcmp(v[k].key, v[k - 1].key)) || !r->indicator_id ||
            (issuer && strcmp(d->issuer, issuer)))
            continue;
        first[nf++] = v[k].rec;
    }
    if (nf > 1)
        qsort(first, nf, sizeof *first, size_order); /* in record order, as the rows were always made */
    for (size_t j = 0; j < t->ndocs; j++)
        if (t->docs[j].issuer && t->docs[j].own_targets)
            ld[nl++] = &t->docs[j];
    if (nl > 1)
        qsort(ld, nl, sizeof *ld, list_doc_order);
    mb_status st = MB_OK;
    for (size_t f = 0; f < nf && !st; f++) {
        const mb_trec *r = &t->recs[first[f]];
        const mb_tdoc *d = mb_track_doc(t, r->doc_id);
        /* the issuer's documents of the next year that state a target list */
        mb_tdoc probe = {.issuer = d->issuer, .year = d->year + 1, .id = -1};
        const mb_tdoc *pp = &probe;
        size_t lo = 0, hi = nl;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (list_doc_order(&ld[mid], &pp) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        int stated = 0;
        const mb_tdoc *next = NULL;
        for (size_t j = lo; j < nl && ld[j]->year == d->year + 1 && !strcmp(ld[j]->issuer, d->issuer); j++) {
            const mb_tdoc *x = ld[j];
            if (!next || x->own_targets > next->own_targets) /* the fullest list: the annual report */
                next = x;
            size_t at = own_lower(v, n, r->key, x->id);
            stated |= at < n && v[at].doc == x->id && !strcmp(v[at].key, r->key);
        }
        if (!next || stated)
            continue;
        mb_trow row;
        memset(&row, 0, sizeof row);
        row.absent = 1;
        row.verdict = MB_TRACK_ABSENT;
        row.target = first[f]; /* the last statement, a year before */
        row.year = d->year + 1;
        row.absent_doc = next->id;
        st = add_row(t, &row);
    }
    free(v);
    free(first);
    free(ld);
    return st;
}

static int row_order(const void *a, const void *b)
{
    const mb_trow *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->sort_year != y->sort_year)
        return x->sort_year < y->sort_year ? -1 : 1;
    return x->absent - y->absent;
}

int mb_track_row_year(const mb_track_data *t, const mb_trow *r)
{
    return r->absent ? r->year : t->recs[r->target].year;
}

mb_status mb_track_pair(mb_track_data *t, const mb_lexicon *lex, int year_filter, const char *issuer)
{
    link_docs(t);
    if (set_latest(t))
        return MB_ENOMEM;
    if (t->nrecs > 1)
        qsort(t->recs, t->nrecs, sizeof *t->recs, rec_order);
    const mb_trec **by_coarse = malloc((t->nrecs ? t->nrecs : 1) * sizeof *by_coarse);
    if (!by_coarse)
        return MB_ENOMEM;
    for (size_t i = 0; i < t->nrecs; i++)
        by_coarse[i] = &t->recs[i];
    if (t->nrecs > 1)
        qsort(by_coarse, t->nrecs, sizeof *by_coarse, coarse_order);
    mb_status st = MB_OK;
    for (size_t a = 0; a < t->nrecs && !st;) {
        size_t b = a + 1;
        while (b < t->nrecs && t->recs[b].year == t->recs[a].year && !strcmp(t->recs[b].key, t->recs[a].key))
            b++;
        /* the records of the same indicator, region, period and year */
        mb_trec probe = t->recs[a];
        size_t lo = 0, hi = t->nrecs;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            const mb_trec *m = by_coarse[mid];
            int c = strcmp(m->coarse, probe.coarse);
            if (c < 0 || (!c && m->year < probe.year))
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t e = lo;
        while (e < t->nrecs && by_coarse[e]->year == probe.year &&
               !strcmp(by_coarse[e]->coarse, probe.coarse))
            e++;
        if (!year_filter || t->recs[a].year == year_filter)
            st = pair_group(t, lex, a, b, by_coarse + lo, e - lo, issuer);
        a = b;
    }
    free(by_coarse);
    if (!st)
        st = find_absent(t, issuer);
    if (!st && year_filter) { /* absent rows of other years out */
        size_t k = 0;
        for (size_t i = 0; i < t->nrows; i++) {
            if (mb_track_row_year(t, &t->rows[i]) == year_filter) {
                t->rows[k++] = t->rows[i];
            } else {
                free(t->rows[i].statements);
                free(t->rows[i].outcomes);
            }
        }
        t->nrows = k;
    }
    for (size_t i = 0; i < t->nrows && !st; i++) {
        t->rows[i].key = t->recs[t->rows[i].target].key;
        t->rows[i].sort_year = mb_track_row_year(t, &t->rows[i]);
    }
    if (!st && t->nrows > 1)
        qsort(t->rows, t->nrows, sizeof *t->rows, row_order);
    return st;
}

/* ---- reading the store ---- */

static mb_status collect(mb_store *s, const mb_track_query *q, mb_track_data *t, mb_error *err)
{
    mb_status st = mb_store_documents(s, doc_cb, t, err);
    if (st)
        return st == MB_ENOMEM ? mb_error_set(err, st, "out of memory") : st;
    const mb_lexicon *lex = mb_store_lexicon(s);
    sel_ctx c = {t, lex};
    size_t n = q->nindicators ? q->nindicators : 1, selects = 0;
    mb_lexlist rates = mb_lex_words(lex, MB_LX_INDICATOR); /* none without a lexicon */
    for (size_t i = 0; i < n && !st; i++) {
        mb_query sq = {0};
        sq.indicator = q->nindicators ? q->indicators[i] : NULL;
        sq.exact = q->exact;
        sq.region = q->region; /* the issuer filters targets only: an outcome may come from
                                  another body (a statistics bureau's communiqué) */
        st = mb_store_select(s, &sq, 1, rec_cb, &c, err);
        selects++;
        /* and the rates that are its growth (国内生产总值: 经济增长率) */
        char *qid = sq.indicator && lex ? mb_indicator_id(lex, sq.indicator, strlen(sq.indicator)) : NULL;
        for (size_t k = 0; qid && k < rates.n && !st; k++) {
            const mb_lexword *w = mb_lexlist_at(rates, k);
            size_t gn;
            const char *g = mb_lex_value(w, "growth_of", &gn);
            if (!g || gn != strlen(qid) || memcmp(g, qid, gn))
                continue;
            mb_query rq = sq;
            rq.indicator = mb_lexw_word(w);
            rq.exact = 1;
            st = mb_store_select(s, &rq, 1, rec_cb, &c, err);
            selects++;
        }
        free(qid);
    }
    if (st == MB_ENOMEM)
        return mb_error_set(err, st, "out of memory");
    if (st || selects < 2)
        return st;
    /* several indicators may select one record twice */
    link_docs(t);
    if (t->nrecs > 1)
        qsort(t->recs, t->nrecs, sizeof *t->recs, rec_order);
    size_t k = 0;
    for (size_t i = 0; i < t->nrecs; i++) {
        if (k && t->recs[k - 1].doc_id == t->recs[i].doc_id && t->recs[k - 1].seq == t->recs[i].seq) {
            trec_free(&t->recs[i]);
            continue;
        }
        t->recs[k++] = t->recs[i];
    }
    t->nrecs = k;
    return MB_OK;
}

/* ---- output ---- */

void mb_track_quantity_text(const mb_lexicon *lex, const mb_trec *r, char *buf, size_t n)
{
    mb_present_q q = {r->has_value, r->value, r->has_range,  r->min,
                      r->max,       r->unit,  r->comparator, r->period && !strcmp(r->period, "annual")};
    mb_present_quantity(lex, &q, buf, n);
}

static void doc_value(mb_jsonw *w, const mb_tdoc *d)
{
    mb_jsonw_object_begin(w);
    mb_jsonw_kstring(w, "path", d ? d->path : NULL);
    mb_jsonw_kstring(w, "date", d ? d->date : NULL);
    mb_jsonw_object_end(w);
}

/* A member left out when its value is NULL. */
static void string_if(mb_jsonw *w, const char *key, const char *s)
{
    if (s)
        mb_jsonw_kstring(w, key, s);
}

static void rec_value(mb_jsonw *w, const mb_track_data *t, const mb_trec *r, const char *revision)
{
    mb_jsonw_object_begin(w);
    string_if(w, "id", r->id);
    string_if(w, "indicator", r->indicator);
    mb_jsonw_knumber_or_null(w, "value", r->has_value, r->value);
    mb_jsonw_knumber_or_null(w, "min", r->has_range, r->min);
    mb_jsonw_knumber_or_null(w, "max", r->has_range, r->max);
    mb_jsonw_kstring(w, "comparator", r->comparator);
    string_if(w, "revision", revision);
    mb_jsonw_kstring(w, "text", r->text);
    mb_jsonw_kstring(w, "sentence", r->sentence);
    mb_jsonw_key(w, "doc");
    doc_value(w, mb_track_doc(t, r->doc_id));
    mb_jsonw_object_end(w);
}

/* One row of track JSON Lines (mubiao/track/v1), without its newline. */
static void row_value(mb_jsonw *w, const mb_track_data *t, const mb_trow *row)
{
    const mb_trec *tg = &t->recs[row->target];
    const mb_tdoc *td = mb_track_doc(t, tg->doc_id);
    mb_jsonw_object_begin(w);
    mb_jsonw_kstring(w, "schema", "mubiao/track/v1");
    string_if(w, "indicator", tg->indicator_id ? tg->indicator_id : tg->indicator);
    mb_jsonw_kstring(w, "indicator_id", tg->indicator_id);
    mb_jsonw_kstring(w, "region", tg->region);
    mb_jsonw_kstring(w, "issuer", td ? td->issuer : NULL);
    mb_jsonw_knumber_g15(w, "year", mb_track_row_year(t, row));
    mb_jsonw_kstring(w, "period", tg->period);
    mb_jsonw_knumber_or_null(w, "base_year", tg->base_year && tg->base_year != tg->year - 1, tg->base_year);
    mb_jsonw_kstring(w, "unit", tg->unit);
    mb_jsonw_kstring(w, "change", tg->change ? tg->change : "level");
    mb_jsonw_kstring(w, "verdict", mb_track_verdict_name(row->verdict));
    mb_jsonw_kstring(w, "revision", row->revision);
    int compared = row->verdict == MB_TRACK_MET || row->verdict == MB_TRACK_MISSED;
    mb_jsonw_knumber_or_null(w, "difference", compared, row->diff);
    mb_jsonw_knumber_or_null(w, "tolerance", compared, row->tol);
    mb_jsonw_kstring(w, "better", row->lower ? "lower" : "higher");
    mb_jsonw_key(w, row->absent ? "last_target" : "target");
    rec_value(w, t, tg, NULL);
    if (row->absent) {
        mb_jsonw_knull(w, "target");
        mb_jsonw_key(w, "absent_from");
        doc_value(w, mb_track_doc(t, row->absent_doc));
    }
    mb_jsonw_key(w, "outcome");
    if (row->has_outcome)
        rec_value(w, t, &t->recs[row->outcome], NULL);
    else
        mb_jsonw_null(w);
    mb_jsonw_key(w, "statements");
    mb_jsonw_array_begin(w);
    for (size_t k = 0; k < row->nstatements; k++)
        rec_value(w, t, &t->recs[row->statements[k].rec], row->statements[k].revision);
    mb_jsonw_array_end(w);
    mb_jsonw_key(w, "outcomes");
    mb_jsonw_array_begin(w);
    for (size_t k = 0; k < row->noutcomes; k++)
        rec_value(w, t, &t->recs[row->outcomes[k]], NULL);
    mb_jsonw_array_end(w);
    mb_jsonw_object_end(w);
}

/* The verdict as a short phrase for people: "met (+0.2)", "missed (-0.2)". */
static void verdict_text(const mb_lexicon *lex, const mb_trow *w, char *buf, size_t n)
{
    char d[40];
    if (w->verdict == MB_TRACK_MET || w->verdict == MB_TRACK_MISSED) {
        mb_present_number(lex, w->diff, d, sizeof d);
        snprintf(buf, n, "%s (%s%s)", mb_track_verdict_name(w->verdict), w->diff > 0 ? "+" : "",
                 w->diff == 0 ? "0" : d);
    } else {
        snprintf(buf, n, "%s", mb_track_verdict_name(w->verdict));
    }
}

static const char *path_of(const mb_track_data *t, long long doc)
{
    const mb_tdoc *d = mb_track_doc(t, doc);
    return d && d->path ? d->path : "";
}

static mb_status write_table(const mb_track_data *t, const mb_lexicon *lex, mb_out *o)
{
    mb_table tb = {9,
                   {"indicator", "region", "year", "target", "outcome", "verdict", "revision", "target doc",
                    "outcome doc"},
                   {24, 14, 4, 20, 20, 24, 9, 32, 32},
                   {0, 0, 0, 0, 0, 0, 0, 1, 1},
                   NULL,
                   0,
                   0};
    for (size_t i = 0; i < t->nrows; i++) {
        const mb_trow *w = &t->rows[i];
        const mb_trec *tg = &t->recs[w->target];
        char y[16], tq[96], oq[96] = "", v[64];
        snprintf(y, sizeof y, "%d", mb_track_row_year(t, w));
        mb_track_quantity_text(lex, tg, tq, sizeof tq);
        if (w->has_outcome)
            mb_track_quantity_text(lex, &t->recs[w->outcome], oq, sizeof oq);
        verdict_text(lex, w, v, sizeof v);
        const char *cells[9] = {tg->indicator_id ? tg->indicator_id : tg->indicator,
                                tg->region ? tg->region : "",
                                y,
                                w->absent ? "" : tq,
                                oq,
                                v,
                                w->revision ? w->revision : "",
                                w->absent ? path_of(t, w->absent_doc) : path_of(t, tg->doc_id),
                                w->has_outcome ? path_of(t, t->recs[w->outcome].doc_id) : ""};
        if (mb_table_add(&tb, cells)) {
            mb_table_free(&tb);
            return MB_ENOMEM;
        }
    }
    mb_table_render(o, &tb);
    mb_table_free(&tb);
    return MB_OK;
}

static const char csv_header[] =
    "indicator,indicator_id,region,issuer,year,period,base_year,unit,change,verdict,revision,difference,"
    "tolerance,"
    "target_comparator,target_value,target_min,target_max,outcome_value,outcome_min,outcome_max,target_id,"
    "target_path,target_date,outcome_id,outcome_path,outcome_date,target_text,outcome_text,absent_from\r\n";

static void write_csv_row(const mb_track_data *t, const mb_trow *w, mb_out *o)
{
    const mb_trec *tg = &t->recs[w->target];
    const mb_tdoc *td = mb_track_doc(t, tg->doc_id);
    const mb_trec *oc = w->has_outcome ? &t->recs[w->outcome] : NULL;
    const mb_tdoc *od = oc ? mb_track_doc(t, oc->doc_id) : NULL;
    char y[16];
    snprintf(y, sizeof y, "%d", mb_track_row_year(t, w));
    int compared = w->verdict == MB_TRACK_MET || w->verdict == MB_TRACK_MISSED;
    mb_csv_field(o, tg->indicator_id ? tg->indicator_id : tg->indicator, 1);
    mb_csv_field(o, tg->indicator_id, 0);
    mb_csv_field(o, tg->region, 0);
    mb_csv_field(o, td ? td->issuer : NULL, 0);
    mb_csv_field(o, y, 0);
    mb_csv_field(o, tg->period, 0);
    mb_csv_number(o, tg->base_year && tg->base_year != tg->year - 1, tg->base_year);
    mb_csv_field(o, tg->unit, 0);
    mb_csv_field(o, tg->change, 0);
    mb_csv_field(o, mb_track_verdict_name(w->verdict), 0);
    mb_csv_field(o, w->revision, 0);
    mb_csv_number(o, compared, w->diff);
    mb_csv_number(o, compared, w->tol);
    mb_csv_field(o, w->absent ? NULL : tg->comparator, 0);
    mb_csv_number(o, !w->absent && tg->has_value, tg->value);
    mb_csv_number(o, !w->absent && tg->has_range, tg->min);
    mb_csv_number(o, !w->absent && tg->has_range, tg->max);
    mb_csv_number(o, oc && oc->has_value, oc ? oc->value : 0);
    mb_csv_number(o, oc && oc->has_range, oc ? oc->min : 0);
    mb_csv_number(o, oc && oc->has_range, oc ? oc->max : 0);
    mb_csv_field(o, tg->id, 0);
    mb_csv_field(o, td ? td->path : NULL, 0);
    mb_csv_field(o, td ? td->date : NULL, 0);
    mb_csv_field(o, oc ? oc->id : NULL, 0);
    mb_csv_field(o, od ? od->path : NULL, 0);
    mb_csv_field(o, od ? od->date : NULL, 0);
    mb_csv_field(o, tg->text, 0);
    mb_csv_field(o, oc ? oc->text : NULL, 0);
    const mb_tdoc *ad = w->absent ? mb_track_doc(t, w->absent_doc) : NULL;
    mb_csv_field(o, ad ? ad->path : NULL, 0);
    mb_out_put(o, "\r\n", 2);
}

mb_status mb_track_write(const mb_track_data *t, const mb_lexicon *lex, mb_track_format f, int bom,
                         mb_write_fn w, void *ctx, mb_error *err)
{
    mb_out o = {w, ctx, NULL, 0, 0, 0};
    mb_status st = MB_OK;
    if (f == MB_TRACK_TABLE) {
        st = write_table(t, lex, &o);
    } else if (f == MB_TRACK_CSV) {
        if (bom)
            mb_out_puts(&o, "\xef\xbb\xbf");
        mb_out_puts(&o, csv_header);
        for (size_t i = 0; i < t->nrows; i++)
            write_csv_row(t, &t->rows[i], &o);
    } else if (f == MB_TRACK_JSONL) {
        mb_strbuf b = {0};
        for (size_t i = 0; i < t->nrows && !st; i++) {
            mb_jsonw j;
            mb_strbuf_clear(&b);
            mb_jsonw_init(&j, &b, 0);
            row_value(&j, t, &t->rows[i]);
            mb_strbuf_putc(&b, '\n');
            st = mb_jsonw_status(&j, NULL);
            if (!st)
                mb_out_put(&o, b.s, b.len);
        }
        mb_strbuf_free(&b);
    } else {
        char *page = NULL;
        size_t len = 0;
        st = mb_track_html(t, lex, &page, &len);
        if (!st)
            mb_out_put(&o, page, len);
        free(page);
    }
    if (st) {
        free(o.b);
        return mb_error_set(err, st, "out of memory");
    }
    return mb_out_finish(&o, err);
}

mb_status mb_store_track(mb_store *s, const mb_track_query *q, mb_track_format f, mb_write_fn w, void *ctx,
                         size_t *nrows, mb_error *err)
{
    if (nrows)
        *nrows = 0;
    mb_track_data t;
    memset(&t, 0, sizeof t);
    mb_status st = collect(s, q, &t, err);
    if (!st && (st = mb_track_pair(&t, mb_store_lexicon(s), q->year, q->issuer)))
        mb_error_set(err, st, "out of memory");
    if (!st)
        st = mb_track_write(&t, mb_store_lexicon(s), f, mb_store_bom(s), w, ctx, err);
    if (!st && nrows)
        *nrows = t.nrows;
    mb_track_data_free(&t);
    return st;
}
