/* report.c — the HTML audit page: documents with highlighted spans and a
 * table of all records. */
#include "report.h"

#include "error.h"
#include "present.h"
#include "track_int.h"

#include "grow.h"
#include "hash.h"

#include <nettle/base64.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mb_report {
    char *title;
    mb_strbuf docs; /* the <article>s */
    mb_strbuf rows; /* the <tr>s */
    size_t ndocs, nrec, ntarget;
    mb_strbuf docopts;     /* <option>s of the document filter */
    const mb_lexicon *lex; /* magnitude words, the yearly suffix */
    int explain;           /* a "why" column: the evidence of kind, year and change */
    int kind;              /* the kind of the records shown (mb_report_set_kind), -1: both */
    mb_track_data track;   /* the targets and outcomes of the documents added (issue 12) */
    /* the verdict column (issue 15): vat[N-1] is where record N's cell goes
     * in rows; recno[recbase[D-1] + i] the number on the page of record i
     * of the track's document D (0: not shown) */
    size_t *vat, capvat;
    size_t *recno, nrecno, caprecno;
    size_t *recbase, nrecbase, caprecbase;
};

void mb_report_set_kind(mb_report *rep, int kind)
{
    if (rep)
        rep->kind = kind == MB_KIND_TARGET || kind == MB_KIND_ACHIEVEMENT ? kind : -1;
}

void mb_report_set_explain(mb_report *rep, int on)
{
    if (rep)
        rep->explain = on;
}

void mb_report_set_lexicon(mb_report *rep, const mb_lexicon *lex)
{
    if (rep)
        rep->lex = lex;
}

void mb_html_escape(mb_strbuf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e;
        switch (s[i]) {
        case '&': e = "&amp;"; break;
        case '<': e = "&lt;"; break;
        case '>': e = "&gt;"; break;
        case '"': e = "&quot;"; break;
        case '\'': e = "&#39;"; break;
        default: continue;
        }
        mb_strbuf_add(b, s + run, i - run);
        mb_strbuf_puts(b, e);
        run = i + 1;
    }
    mb_strbuf_add(b, s + run, n - run);
}

static void esc(mb_strbuf *b, const char *s)
{
    mb_html_escape(b, s, strlen(s));
}

mb_status mb_report_new(const char *title, mb_report **out, mb_error *err)
{
    *out = NULL;
    mb_report *r = calloc(1, sizeof *r);
    if (!r)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    if (!title)
        title = "mubiao report";
    size_t n = strlen(title) + 1;
    r->title = malloc(n);
    if (!r->title) {
        free(r);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    memcpy(r->title, title, n);
    r->kind = -1;
    *out = r;
    return MB_OK;
}

void mb_report_free(mb_report *r)
{
    if (!r)
        return;
    free(r->title);
    mb_strbuf_free(&r->docs);
    mb_strbuf_free(&r->rows);
    mb_strbuf_free(&r->docopts);
    mb_track_data_free(&r->track);
    free(r->vat);
    free(r->recno);
    free(r->recbase);
    free(r);
}

/* The last component of a path ("-" stays "-"). */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

static const char *kind_class(const mb_record *x)
{
    return x->kind == MB_KIND_TARGET ? "k-t" : "k-a";
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* One paragraph: text with marks for records rec[0..nrec) (indices into
 * r; record k is number base + k + 1). The spans are walked in sorted
 * order with the set of those open, so the work is linear in the text and
 * the records (times the spans nested at one place). */
static int put_paragraph(mb_strbuf *b, size_t d, const mb_paragraph *p, const mb_records *r,
                         const size_t *rec, size_t nrec, size_t base)
{
    const char *s = p->text.s ? p->text.s : "";
    size_t len = p->text.len;
    mb_strbuf_printf(b, "<p class=\"para\" id=\"d%zu-p%zu\"><span class=\"pn\">%zu</span>", d, p->index,
                     p->index);
    size_t nb = 0, *bd = malloc((2 * nrec + 2) * sizeof *bd);
    size_t *cov = malloc((nrec ? nrec : 1) * sizeof *cov);
    mb_span_ref *op = malloc((nrec ? nrec : 1) * sizeof *op);
    if (!bd || !cov || !op) {
        free(bd);
        free(cov);
        free(op);
        return 0;
    }
    bd[nb++] = 0;
    bd[nb++] = len;
    for (size_t k = 0; k < nrec; k++) {
        bd[nb++] = r->v[rec[k]].span_start;
        bd[nb++] = r->v[rec[k]].span_end;
        op[k] = (mb_span_ref){r->v[rec[k]].span_start, r->v[rec[k]].span_end, k};
    }
    qsort(bd, nb, sizeof *bd, cmp_size);
    if (nrec)
        qsort(op, nrec, sizeof *op, mb_span_by_opening);
    size_t oi = 0, nc = 0; /* cov[0..nc): the records open, innermost (shortest) first */
    for (size_t i = 0; i + 1 < nb; i++) {
        size_t x = bd[i], y = bd[i + 1];
        if (x == y)
            continue;
        /* records that ended before x leave the open set */
        size_t w = 0;
        for (size_t j = 0; j < nc; j++)
            if (r->v[rec[cov[j]]].span_end > x)
                cov[w++] = cov[j];
        nc = w;
        /* labels of the records starting here, longer spans first; they
         * join the open set in order of length */
        for (; oi < nrec && op[oi].start <= x; oi++) {
            if (op[oi].start != x)
                continue;
            size_t k = op[oi].k, n = base + rec[k] + 1;
            mb_strbuf_printf(b, "<sup class=\"lbl %s\" id=\"hl-%zu\" data-r=\"%zu\">%zu</sup>",
                             kind_class(&r->v[rec[k]]), n, n, n);
            if (op[oi].end <= x)
                continue;
            size_t lk = op[oi].end - op[oi].start, j = nc++;
            while (j > 0 && r->v[rec[cov[j - 1]]].span_end - r->v[rec[cov[j - 1]]].span_start > lk) {
                cov[j] = cov[j - 1];
                j--;
            }
            cov[j] = k;
        }
        /* the open records that cover [x,y): their kinds, then the mark */
        int kinds = 0;
        for (size_t j = 0; j < nc; j++) {
            const mb_record *a = &r->v[rec[cov[j]]];
            if (a->span_start <= x && y <= a->span_end)
                kinds |= a->kind == MB_KIND_TARGET ? 1 : 2;
        }
        if (kinds) {
            mb_strbuf_printf(b, "<mark class=\"%s\" data-r=\"",
                             kinds == 1   ? "k-t"
                             : kinds == 2 ? "k-a"
                                          : "k-m");
            size_t m = 0;
            for (size_t j = 0; j < nc; j++) {
                const mb_record *a = &r->v[rec[cov[j]]];
                if (a->span_start <= x && y <= a->span_end)
                    mb_strbuf_printf(b, "%s%zu", m++ ? " " : "", base + rec[cov[j]] + 1);
            }
            mb_strbuf_puts(b, "\">");
        }
        mb_html_escape(b, s + x, y - x);
        if (kinds)
            mb_strbuf_puts(b, "</mark>");
    }
    mb_strbuf_puts(b, "</p>\n");
    free(bd);
    free(cov);
    free(op);
    return 1;
}

static void put_num_cell(mb_strbuf *b, int has, double v, const char *shown)
{
    char num[40];
    if (has) /* the one formatter: 7.9, never 7.9000000000000004 */
        mb_strbuf_printf(b, "<td class=\"num\" data-v=\"%s\" title=\"%s\">",
                         mb_present_shortest(v, num, sizeof num), num);
    else
        mb_strbuf_puts(b, "<td class=\"num\" data-v=\"\">");
    esc(b, shown);
    mb_strbuf_puts(b, "</td>");
}

/* Record n's row; *vat: where its verdict cell goes (after the span's,
 * before the why column), written by mb_report_finish. */
static void put_row(mb_strbuf *b, const mb_lexicon *lex, int explain, const mb_doc *doc, size_t d,
                    const mb_records *r, size_t k, size_t n, size_t *vat)
{
    const mb_record *x = &r->v[k];
    const mb_paragraph *p = mb_doc_paragraph_by_index(doc, x->paragraph);
    const char *kind = x->kind == MB_KIND_TARGET ? "target" : "achievement";
    char v1[48], v2[48], shown[120];
    mb_strbuf_printf(b, "<tr id=\"row-%zu\" data-r=\"%zu\" data-kind=\"%s\" data-doc=\"%zu\" class=\"%s\">",
                     n, n, kind, d, kind_class(x));
    mb_strbuf_printf(b, "<td class=\"num\" data-v=\"%zu\">%zu</td><td>%s</td><td class=\"wrap\">", n, n,
                     kind);
    esc(b, x->indicator ? x->indicator : "");
    mb_strbuf_puts(b, "</td>");
    if (x->has_range) {
        snprintf(shown, sizeof shown, "%s-%s", mb_present_number(lex, x->min, v1, sizeof v1),
                 mb_present_number(lex, x->max, v2, sizeof v2));
        put_num_cell(b, 1, x->min, shown);
    } else {
        put_num_cell(b, x->has_value, x->value,
                     x->has_value ? mb_present_number(lex, x->value, v1, sizeof v1) : "");
    }
    mb_strbuf_puts(b, "<td>");
    esc(b, x->unit ? x->unit : "");
    if (x->period && !strcmp(x->period, "annual"))
        mb_strbuf_puts(b, mb_present_per_year(lex));
    mb_strbuf_puts(b, "</td><td>");
    esc(b, mb_present_sign(x->comparator)); /* as show, query and history write it */
    mb_strbuf_printf(b, "</td><td>%s</td>", mb_present_change(x));
    if (x->year)
        mb_strbuf_printf(b, "<td class=\"num\" data-v=\"%d\">%d</td>", x->year, x->year);
    else
        mb_strbuf_puts(b, "<td class=\"num\" data-v=\"\"></td>");
    mb_strbuf_puts(b, "<td class=\"path\" title=\"");
    esc(b, mb_doc_path(doc));
    mb_strbuf_puts(b, "\">");
    esc(b, base_name(mb_doc_path(doc)));
    mb_strbuf_printf(b, "</td><td class=\"num\" data-v=\"%zu\">%zu</td><td class=\"span wrap\">",
                     x->paragraph, x->paragraph);
    if (p && x->span_start <= x->span_end && x->span_end <= p->text.len)
        mb_html_escape(b, p->text.s + x->span_start, x->span_end - x->span_start);
    mb_strbuf_puts(b, "</td>");
    *vat = b->len;
    if (explain) { /* kind: rule «text» [p]; year: ...; change: ... (present.c's wording) */
        const char *field[3] = {"kind", "year", "change"};
        const mb_evidence *ev[3] = {&x->why_kind, &x->why_year, &x->why_change};
        mb_strbuf_puts(b, "<td class=\"why wrap\">");
        for (int i = 0; i < 3; i++) {
            mb_strbuf why = {0};
            mb_present_evidence(&why, doc, ev[i]);
            mb_strbuf_printf(b, "%s%s: ", i ? "; " : "", field[i]);
            if (why.failed)
                b->failed = 1;
            else if (why.s)
                esc(b, why.s);
            mb_strbuf_free(&why);
        }
        mb_strbuf_puts(b, "</td>");
    }
    mb_strbuf_puts(b, "</tr>\n");
}

/* The paragraphs and rows of the records r shown of doc. */
static mb_status add_shown(mb_report *rep, const mb_doc *doc, const mb_records *r, mb_error *err)
{
    size_t d = ++rep->ndocs, np = mb_doc_paragraph_count(doc), nt = 0;
    for (size_t k = 0; k < r->n; k++)
        nt += r->v[k].kind == MB_KIND_TARGET;
    mb_strbuf *b = &rep->docs;
    mb_strbuf_printf(b, "<article class=\"doc\" id=\"d%zu\">\n<h2>", d);
    esc(b, mb_doc_path(doc));
    mb_strbuf_printf(b, "</h2>\n<p class=\"meta\">%s · ", mb_doc_encoding(doc));
    char ymd[11];
    mb_date_format(&r->date, ymd);
    if (ymd[0])
        mb_strbuf_printf(b, "date %s (%s)", ymd, r->date.source ? r->date.source : "given");
    else if (r->date.year)
        mb_strbuf_printf(b, "year %d (%s)", r->date.year, r->date.source ? r->date.source : "given");
    else
        mb_strbuf_puts(b, "no date");
    size_t slen;
    mb_doc_source(doc, &slen);
    mb_strbuf_printf(
        b, " · %zu bytes · %zu paragraphs · %zu records (%zu target, %zu achievement) · sha256 %s</p>\n",
        slen, np, r->n, nt, r->n - nt, mb_doc_sha256(doc));
    size_t *rec = malloc((r->n ? r->n : 1) * sizeof *rec);
    if (!rec)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    for (size_t pi = 0; pi < np; pi++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, pi);
        size_t nrec = 0;
        for (size_t k = 0; k < r->n; k++) {
            const mb_record *x = &r->v[k];
            if (x->paragraph == pi && x->span_start < x->span_end && x->span_end <= p->text.len)
                rec[nrec++] = k;
        }
        if (!put_paragraph(b, d, p, r, rec, nrec, rep->nrec)) {
            free(rec);
            return mb_error_set(err, MB_ENOMEM, "out of memory");
        }
    }
    free(rec);
    mb_strbuf_puts(b, "</article>\n");
    for (size_t k = 0; k < r->n; k++)
        put_row(&rep->rows, rep->lex, rep->explain, doc, d, r, k, rep->nrec + k + 1,
                &rep->vat[rep->nrec + k]);
    mb_strbuf_printf(&rep->docopts, "<option value=\"%zu\" title=\"", d);
    esc(&rep->docopts, mb_doc_path(doc));
    mb_strbuf_puts(&rep->docopts, "\">");
    esc(&rep->docopts, base_name(mb_doc_path(doc)));
    mb_strbuf_puts(&rep->docopts, "</option>");
    rep->nrec += r->n;
    rep->ntarget += nt;
    if (b->failed || rep->rows.failed || rep->docopts.failed)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    return MB_OK;
}

/* The record numbers of the records of all (record i of the track's next
 * document): shown ones from rep->nrec + 1 on, others 0. */
static int number_records(mb_report *rep, const mb_records *all)
{
    size_t id = rep->track.ndocs; /* the document mb_track_add_document adds next, less one */
    if (!mb_grow((void **)&rep->recbase, &rep->caprecbase, id + 1, sizeof *rep->recbase) ||
        !mb_grow((void **)&rep->recno, &rep->caprecno, rep->nrecno + all->n + 1, sizeof *rep->recno))
        return 0;
    rep->recbase[id] = rep->nrecno;
    rep->nrecbase = id + 1;
    for (size_t k = 0, j = 0; k < all->n; k++)
        rep->recno[rep->nrecno++] = rep->kind < 0 || (int)all->v[k].kind == rep->kind ? rep->nrec + ++j : 0;
    return 1;
}

mb_status mb_report_add(mb_report *rep, const mb_doc *doc, const mb_records *all, mb_error *err)
{
    /* the records shown: all, or those of one kind (a shallow copy); the
     * targets and outcomes read them all */
    mb_records shown = *all;
    if (rep->kind >= 0) {
        shown.v = malloc((all->n ? all->n : 1) * sizeof *shown.v);
        if (!shown.v)
            return mb_error_set(err, MB_ENOMEM, "out of memory");
        shown.n = 0;
        for (size_t k = 0; k < all->n; k++)
            if ((int)all->v[k].kind == rep->kind)
                shown.v[shown.n++] = all->v[k];
        shown.cap = shown.n;
    }
    mb_status st = MB_OK;
    if (!number_records(rep, all) ||
        !mb_grow((void **)&rep->vat, &rep->capvat, rep->nrec + shown.n + 1, sizeof *rep->vat))
        st = mb_error_set(err, MB_ENOMEM, "out of memory");
    else
        st = add_shown(rep, doc, &shown, err);
    if (!st && mb_track_add_document(&rep->track, rep->lex, doc, all))
        st = mb_error_set(err, MB_ENOMEM, "out of memory");
    if (shown.v != all->v)
        free(shown.v);
    return st;
}

/* ---- the verdict column ---- */

/* A record's verdict on the page: a target's, of its indicator and year as
 * track gives it; an outcome's, of the target it is the outcome of. */
typedef struct vcell {
    int v;                  /* mb_track_verdict, -1: none */
    int outcome;            /* the record is the outcome of pair */
    const mb_trec *pair;    /* a target's outcome; an outcome's target in force */
    const mb_trec *inforce; /* a target's target in force, when another record */
} vcell;

/* The number on the page of a record of the track, 0 when not shown. */
static size_t number_of(const mb_report *rep, const mb_trec *r)
{
    if (r->doc_id < 1 || (size_t)r->doc_id > rep->nrecbase || r->seq < 0)
        return 0;
    size_t i = rep->recbase[r->doc_id - 1] + (size_t)r->seq;
    return i < rep->nrecno ? rep->recno[i] : 0;
}

/* The verdict of r's indicator and year (not an absent row), or NULL:
 * rows are sorted by key, year and absence (mb_track_pair). */
static const mb_trow *row_of(const mb_track_data *t, const mb_trec *r)
{
    size_t lo = 0, hi = t->nrows;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const mb_trow *w = &t->rows[mid];
        int c = strcmp(w->key, r->key);
        if (!c)
            c = w->sort_year < r->year ? -1 : w->sort_year > r->year ? 1 : w->absent;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const mb_trow *w = lo < t->nrows ? &t->rows[lo] : NULL;
    return w && !w->absent && w->sort_year == r->year && !strcmp(w->key, r->key) ? w : NULL;
}

static int decided(int v)
{
    return v == MB_TRACK_MET || v == MB_TRACK_MISSED;
}

/* The cells of records 1..rep->nrec (after mb_track_pair); NULL when out
 * of memory. */
static vcell *verdicts(const mb_report *rep)
{
    vcell *c = malloc((rep->nrec ? rep->nrec : 1) * sizeof *c);
    if (!c)
        return NULL;
    for (size_t i = 0; i < rep->nrec; i++)
        c[i] = (vcell){-1, 0, NULL, NULL};
    const mb_track_data *t = &rep->track;
    for (size_t i = 0; i < t->nrecs; i++) { /* targets: every statement of the indicator and year */
        const mb_trec *r = &t->recs[i];
        size_t n = r->target ? number_of(rep, r) : 0;
        const mb_trow *w = n ? row_of(t, r) : NULL;
        if (!w)
            continue;
        c[n - 1] = (vcell){(int)w->verdict, 0, w->has_outcome ? &t->recs[w->outcome] : NULL,
                           &t->recs[w->target] != r ? &t->recs[w->target] : NULL};
    }
    for (size_t k = 0; k < t->nrows; k++) { /* outcomes: met or missed before another verdict */
        const mb_trow *w = &t->rows[k];
        size_t n = !w->absent && w->has_outcome ? number_of(rep, &t->recs[w->outcome]) : 0;
        if (!n || (c[n - 1].v >= 0 && (decided(c[n - 1].v) || !decided((int)w->verdict))))
            continue;
        c[n - 1] = (vcell){(int)w->verdict, 1, &t->recs[w->target], NULL};
    }
    return c;
}

/* "text (file, date)" of a record of the track. */
static void put_trec(mb_strbuf *b, const mb_trec *r)
{
    esc(b, r->text ? r->text : "");
    mb_strbuf_puts(b, " (");
    esc(b, base_name(r->dpath && r->dpath[0] ? r->dpath : "-"));
    if (r->ddate) {
        mb_strbuf_puts(b, ", ");
        esc(b, r->ddate);
    }
    mb_strbuf_puts(b, ")");
}

static void put_verdict(mb_strbuf *b, const vcell *x)
{
    if (x->v < 0) {
        mb_strbuf_puts(b, "<td class=\"verdict\" data-v=\"\"></td>");
        return;
    }
    const char *name = mb_track_verdict_name((mb_track_verdict)x->v);
    mb_strbuf_printf(b, "<td class=\"verdict v-%s\" data-v=\"%s\"", name, name);
    if (x->pair || x->inforce) {
        mb_strbuf_puts(b, " title=\"");
        if (x->pair) {
            mb_strbuf_puts(b, x->outcome ? "the outcome of the target " : "outcome ");
            put_trec(b, x->pair);
        }
        if (x->inforce) {
            mb_strbuf_puts(b, x->pair ? "; the target in force " : "the target in force ");
            put_trec(b, x->inforce);
        }
        mb_strbuf_puts(b, "\"");
    }
    mb_strbuf_printf(b, ">%s</td>", name);
}

/* 'sha256-BASE64' of the script, for the Content-Security-Policy. */
static void script_hash(const char *js, char out[64])
{
    uint8_t dig[MB_SHA256_SIZE];
    mb_sha256(js, strlen(js), dig);
    char b64[BASE64_ENCODE_RAW_LENGTH(MB_SHA256_SIZE) + 1];
    base64_encode_raw(b64, sizeof dig, dig);
    b64[BASE64_ENCODE_RAW_LENGTH(MB_SHA256_SIZE)] = '\0';
    snprintf(out, 64, "'sha256-%s'", b64);
}

mb_status mb_report_finish(mb_report *rep, char **out, size_t *len, mb_error *err)
{
    *out = NULL;
    if (len)
        *len = 0;
    mb_strbuf b = {0};
    char hash[64];
    script_hash(mb_report_js, hash);
    /* targets against outcomes across the documents (as mubiao track): the
     * verdict column and the section under the documents */
    vcell *vc = NULL;
    if (mb_track_pair(&rep->track, rep->lex, 0, NULL) || !(vc = verdicts(rep)))
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    size_t nv[MB_TRACK_ABSENT + 1] = {0}, nnone = 0;
    for (size_t i = 0; i < rep->nrec; i++) {
        if (vc[i].v < 0)
            nnone++;
        else
            nv[vc[i].v]++;
    }
    mb_strbuf_puts(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    mb_strbuf_printf(&b,
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "style-src 'unsafe-inline'; script-src %s; img-src 'none'; form-action 'none'; "
                     "base-uri 'none'\">\n",
                     hash);
    mb_strbuf_puts(&b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta name=\"generator\" content=\"mubiao " MB_VERSION "\">\n<title>");
    esc(&b, rep->title);
    mb_strbuf_printf(&b, "</title>\n<style>%s%s</style>\n</head>\n<body>\n<header>\n<h1>", mb_report_css,
                     mb_track_css);
    esc(&b, rep->title);
    mb_strbuf_printf(
        &b,
        "</h1>\n<span class=\"sum\">%zu document%s, %zu records (%zu target, %zu achievement)</span>\n"
        "<input id=\"q\" type=\"search\" placeholder=\"filter: any text\" aria-label=\"filter\">\n"
        "<select id=\"kind\" aria-label=\"kind\"><option value=\"\">all kinds</option>"
        "<option value=\"target\">target</option><option value=\"achievement\">achievement</option>"
        "</select>\n<select id=\"docsel\" aria-label=\"document\"><option value=\"\">all documents"
        "</option>",
        rep->ndocs, rep->ndocs == 1 ? "" : "s", rep->nrec, rep->ntarget, rep->nrec - rep->ntarget);
    if (rep->docopts.s)
        mb_strbuf_add(&b, rep->docopts.s, rep->docopts.len);
    mb_strbuf_puts(
        &b,
        "</select>\n<select id=\"year\" aria-label=\"year\"><option value=\"\">all years</option></select>\n"
        "<input id=\"ind\" type=\"search\" placeholder=\"indicator\" aria-label=\"indicator\">\n"
        "<select id=\"verdict\" aria-label=\"verdict\"><option value=\"\">all verdicts</option>");
    for (int v = MB_TRACK_MET; v < MB_TRACK_ABSENT; v++) /* a record is never absent */
        mb_strbuf_printf(&b, "<option value=\"%s\">%s (%zu)</option>",
                         mb_track_verdict_name((mb_track_verdict)v),
                         mb_track_verdict_name((mb_track_verdict)v), nv[v]);
    mb_strbuf_printf(&b, "<option value=\"none\">no verdict (%zu)</option></select>\n", nnone);
    mb_strbuf_puts(
        &b, "<span id=\"count\"></span>\n"
            "<span>export shown: <button id=\"export-csv\" type=\"button\">CSV</button> "
            "<button id=\"export-json\" type=\"button\">JSON</button></span>\n"
            "<span class=\"legend\"><mark class=\"k-t\">target</mark> "
            "<mark class=\"k-a\">achievement</mark> <mark class=\"k-m\">both</mark></span>\n"
            "</header>\n<div id=\"tablepane\">\n<table id=\"records\">\n<thead><tr>"
            "<th data-type=\"num\">#</th><th>kind</th><th>indicator</th><th data-type=\"num\">value</th>"
            "<th>unit</th><th>comparator</th><th>change</th><th data-type=\"num\">year</th>"
            "<th>document</th><th data-type=\"num\">paragraph</th><th>span</th><th>verdict</th>");
    if (rep->explain)
        mb_strbuf_puts(&b, "<th>why (kind; year; change)</th>");
    mb_strbuf_puts(&b, "</tr></thead>\n<tbody>\n");
    size_t from = 0; /* the rows with their verdict cells */
    for (size_t i = 0; i < rep->nrec && rep->rows.s; i++) {
        mb_strbuf_add(&b, rep->rows.s + from, rep->vat[i] - from);
        put_verdict(&b, &vc[i]);
        from = rep->vat[i];
    }
    if (rep->rows.s)
        mb_strbuf_add(&b, rep->rows.s + from, rep->rows.len - from);
    free(vc);
    mb_strbuf_puts(&b, "</tbody>\n</table>\n</div>\n<div id=\"docs\">\n");
    if (rep->docs.s)
        mb_strbuf_add(&b, rep->docs.s, rep->docs.len);
    if (rep->track.nrows) {
        mb_strbuf_puts(&b, "<section class=\"mbtrack\" id=\"track\">\n<h2>Targets and outcomes</h2>\n");
        if (mb_track_html_body(&b, &rep->track, rep->lex, 1))
            b.failed = 1;
        mb_strbuf_puts(&b, "</section>\n");
    }
    mb_strbuf_printf(&b, "</div>\n<script>%s</script>\n</body>\n</html>\n", mb_report_js);
    return mb_strbuf_take(&b, out, len, err);
}
