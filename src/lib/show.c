/* show.c — a document and its records as text for a terminal (owns:
 * mb_show_render: wrapping to a column width, span markers, the record
 * table under each paragraph).
 *
 * Layout:
 *   PATH
 *     ENCODING, dated DATE (SOURCE) | no date, N paragraphs
 *     N records: T target, A achievement
 *   then for each paragraph (only those with records with only_records):
 *   <blank>
 *   [INDEX] line LINE
 *   paragraph text wrapped to the width, spans marked ⟦N:…⟧
 *     #  kind    indicator  value  change  year
 *     N  target  …
 * The table's columns are as wide as their widest cell (indicator and
 * value cut with … to share what the others leave of the width).
 * With colours, a span is shown in reverse video (green for targets, cyan
 * for achievements) after its number [N] in bold yellow, instead of ⟦N:…⟧.
 * Lines break between characters, never inside a run of Latin letters
 * and digits, never before closing punctuation (，。、；：？！）” …) nor
 * after an opening marker; spaces at a break are dropped. */
#include "error.h"
#include "grow.h"
#include "present.h"
#include "strbuf.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { ST_NONE, ST_TARGET, ST_ACHIEVEMENT, ST_LABEL };

static const char *const style_on[] = {"", "\033[7;32m", "\033[7;36m", "\033[1;33m"};
#define STYLE_OFF "\033[0m"

/* One unbreakable piece of a line: a character or a marker. */
typedef struct unit {
    size_t off, len; /* bytes in the unit buffer */
    unsigned w;      /* display columns */
    unsigned char style;
    unsigned char glue_next;      /* no break after it */
    unsigned char nobreak_before; /* no break before it */
    unsigned char space;
} unit;

typedef struct layout {
    mb_strbuf text; /* the bytes of all units */
    unit *u;
    size_t n, cap;
    int failed;
} layout;

static unit *add_unit(layout *l, const char *s, size_t len, unsigned w, int style)
{
    if (!mb_grow((void **)&l->u, &l->cap, l->n + 1, sizeof *l->u)) {
        l->failed = 1;
        return NULL;
    }
    unit *u = &l->u[l->n++];
    memset(u, 0, sizeof *u);
    u->off = l->text.len;
    u->len = len;
    u->w = w;
    u->style = (unsigned char)style;
    mb_strbuf_add(&l->text, s, len);
    return u;
}

static unsigned str_width(const char *s, size_t n)
{
    unsigned w = 0;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        int k = mb_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k < 1) {
            i++;
            w++;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (unsigned)cw : 0;
        i += (size_t)k;
    }
    return w;
}

static int latin(int32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '.' ||
           cp == '%' || cp == ',' || cp == '-' || cp == '_' || cp == '/';
}

static int closing(int32_t cp)
{
    static const int32_t c[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x201D,
                                0x2019, 0x300D, 0x300F, 0x300B, 0x3009, 0x3011, 0x2026, 0x00B7, ',',
                                '.',    ';',    ':',    '?',    '!',    ')',    ']',    '%'};
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        if (c[i] == cp)
            return 1;
    return 0;
}

static int opening(int32_t cp)
{
    return cp == 0x201C || cp == 0x2018 || cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x300A ||
           cp == 0x3008 || cp == 0x3010 || cp == '(' || cp == '[';
}

/* Write units [a,b) as one line: leading and trailing spaces dropped. */
static void put_line(mb_strbuf *out, const layout *l, size_t a, size_t b, int color)
{
    while (a < b && l->u[a].space)
        a++;
    while (b > a && l->u[b - 1].space)
        b--;
    int cur = ST_NONE;
    for (size_t i = a; i < b; i++) {
        const unit *u = &l->u[i];
        if (color && u->style != cur) {
            if (cur != ST_NONE)
                mb_strbuf_puts(out, STYLE_OFF);
            if (u->style != ST_NONE)
                mb_strbuf_puts(out, style_on[u->style]);
            cur = u->style;
        }
        mb_strbuf_add(out, l->text.s + u->off, u->len);
    }
    if (color && cur != ST_NONE)
        mb_strbuf_puts(out, STYLE_OFF);
    mb_strbuf_putc(out, '\n');
}

static int can_break(const layout *l, size_t k)
{
    return !l->u[k - 1].glue_next && !l->u[k].nobreak_before;
}

/* Greedy filling, breaking at the last allowed point before an overflow. */
static void put_wrapped(mb_strbuf *out, const layout *l, unsigned width, int color)
{
    size_t ls = 0;
    unsigned col = 0;
    for (size_t i = 0; i < l->n; i++) {
        const unit *u = &l->u[i];
        if (i == ls && u->space) {
            ls = i + 1;
            continue;
        }
        if (col + u->w > width && i > ls) {
            size_t k = i;
            while (k > ls + 1 && !can_break(l, k))
                k--;
            if (!can_break(l, k))
                k = i; /* one long run: cut it */
            put_line(out, l, ls, k, color);
            ls = k;
            while (ls < i && l->u[ls].space)
                ls++;
            col = 0;
            for (size_t j = ls; j < i; j++)
                col += l->u[j].w;
            if (ls == i && u->space) {
                ls = i + 1;
                continue;
            }
        }
        col += u->w;
    }
    if (ls < l->n || l->n == 0)
        put_line(out, l, ls, l->n, color);
}

/* closings: by end, then record order */
static int by_closing(const void *x, const void *y)
{
    const mb_span_ref *a = x, *b = y;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

/* painting order: longer first, later records first, so that the shortest
 * span, and among equals the first record, is painted last */
static int by_painting(const void *x, const void *y)
{
    const mb_span_ref *a = x, *b = y;
    size_t la = a->end - a->start, lb = b->end - b->start;
    if (la != lb)
        return la > lb ? -1 : 1;
    return a->k > b->k ? -1 : a->k < b->k;
}

/* The paragraph's text as units, with the markers of records rec[0..nrec)
 * (indices into r, numbered from 1). Markers are found from sorted lists of
 * the spans, so that the work is linear in the text and the records. */
static void build_units(layout *l, const mb_paragraph *p, const mb_records *r, const size_t *rec, size_t nrec,
                        int color)
{
    const char *s = p->text.s ? p->text.s : "";
    size_t len = p->text.len;
    mb_span_ref *op = nrec ? malloc(nrec * sizeof *op) : NULL;
    mb_span_ref *cl = nrec ? malloc(nrec * sizeof *cl) : NULL;
    unsigned char *style_at = color && len ? calloc(len, 1) : NULL;
    if ((nrec && (!op || !cl)) || (color && len && !style_at)) {
        free(op);
        free(cl);
        free(style_at);
        l->failed = 1;
        return;
    }
    for (size_t k = 0; k < nrec; k++) {
        const mb_record *x = &r->v[rec[k]];
        op[k] = (mb_span_ref){x->span_start, x->span_end, k};
    }
    if (nrec) {
        memcpy(cl, op, nrec * sizeof *op);
        qsort(cl, nrec, sizeof *cl, by_closing);
    }
    if (style_at) { /* the style of the innermost (shortest) span on each byte */
        if (nrec)
            qsort(op, nrec, sizeof *op, by_painting);
        for (size_t k = 0; k < nrec; k++) {
            const mb_record *x = &r->v[rec[op[k].k]];
            int st = x->kind == MB_KIND_TARGET ? ST_TARGET : ST_ACHIEVEMENT;
            for (size_t i = op[k].start; i < op[k].end && i < len; i++)
                style_at[i] = (unsigned char)st;
        }
    }
    if (nrec)
        qsort(op, nrec, sizeof *op, mb_span_by_opening);
    size_t oi = 0, ci = 0;
    int32_t prev = -1;
    size_t i = 0;
    while (i <= len) {
        /* closing markers of spans ending here */
        for (; ci < nrec && cl[ci].end <= i; ci++)
            if (!color && cl[ci].end == i && cl[ci].start < i) {
                unit *u = add_unit(l, "\xe2\x9f\xa7", 3, 1, ST_NONE); /* ⟧ */
                if (u)
                    u->nobreak_before = 1;
            }
        /* opening markers of spans starting here, longer ones first */
        for (; oi < nrec && op[oi].start <= i; oi++) {
            if (op[oi].start != i || op[oi].end <= i)
                continue;
            size_t n1 = rec[op[oi].k] + 1;
            char lab[40];
            int n = color ? snprintf(lab, sizeof lab, "[%zu]", n1)
                          : snprintf(lab, sizeof lab, "\xe2\x9f\xa6%zu:", n1); /* ⟦N: */
            unit *u = add_unit(l, lab, (size_t)n, str_width(lab, (size_t)n), color ? ST_LABEL : ST_NONE);
            if (u) {
                u->glue_next = 1;
                u->nobreak_before = opening(prev) || latin(prev);
            }
        }
        if (i == len)
            break;
        int32_t cp;
        int k = mb_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (k < 1) {
            k = 1;
            cp = 0xFFFD;
        }
        int style = style_at ? style_at[i] : ST_NONE;
        int cw = utf8proc_charwidth(cp);
        unit *u = add_unit(l, s + i, (size_t)k, cw > 0 ? (unsigned)cw : 0, style);
        if (u) {
            u->space = cp == ' ';
            u->nobreak_before = closing(cp) || (latin(prev) && latin(cp)) || cw == 0;
            u->glue_next = opening(cp);
        }
        prev = cp;
        i += (size_t)k;
    }
    free(op);
    free(cl);
    free(style_at);
}

/* ---- the record table ---- */

#define NCOL 6
#define CELL 256

static void pad(mb_strbuf *out, unsigned n)
{
    while (n--)
        mb_strbuf_putc(out, ' ');
}

/* s cut to at most max columns (with "…" when cut); returns its width. */
static unsigned fit(const char *s, unsigned max, char *buf, size_t n)
{
    size_t len = strlen(s), i = 0;
    unsigned w = 0;
    if (str_width(s, len) <= max) {
        snprintf(buf, n, "%s", s);
        return str_width(s, len);
    }
    while (i < len) {
        int32_t cp;
        int k = mb_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (k < 1)
            break;
        int cw = utf8proc_charwidth(cp);
        if (w + (unsigned)(cw > 0 ? cw : 0) + 1 > max)
            break;
        w += (unsigned)(cw > 0 ? cw : 0);
        i += (size_t)k;
    }
    snprintf(buf, n, "%.*s\xe2\x80\xa6", (int)i, s);
    return w + 1;
}

/* One table line; the number is right-aligned, empty trailing cells are
 * left out so that lines end without spaces. */
static void put_row(mb_strbuf *out, char cell[NCOL][CELL], const unsigned cw[NCOL], const unsigned w[NCOL],
                    const char *const on[NCOL])
{
    mb_strbuf_puts(out, "  ");
    int last = NCOL - 1;
    while (last > 0 && !cell[last][0])
        last--;
    for (int c = 0; c <= last; c++) {
        if (c == 0)
            pad(out, w[0] - cw[0]);
        if (on && *on[c])
            mb_strbuf_puts(out, on[c]);
        mb_strbuf_puts(out, cell[c]);
        if (on && *on[c])
            mb_strbuf_puts(out, STYLE_OFF);
        if (c < last)
            pad(out, (c == 0 ? 0 : w[c] - cw[c]) + 2);
    }
    mb_strbuf_putc(out, '\n');
}

static int put_table(mb_strbuf *out, const mb_lexicon *lex, const mb_records *r, const size_t *rec,
                     size_t nrec, unsigned width, int color)
{
    static const char *const head[NCOL] = {"#", "kind", "indicator", "value", "change", "year"};
    /* indicator and value share what the other columns leave */
    unsigned rest = width - (2 + 4 + 11 + 6 + 4 + 10);
    unsigned capw[NCOL] = {4, 11, rest * 11 / 20, rest - rest * 11 / 20, 6, 6};
    char(*cell)[NCOL][CELL] = malloc((nrec + 1) * sizeof *cell);
    unsigned(*cw)[NCOL] = malloc((nrec + 1) * sizeof *cw);
    if (!cell || !cw) {
        free(cell);
        free(cw);
        return 0;
    }
    unsigned w[NCOL] = {0};
    for (size_t k = 0; k <= nrec; k++) {
        char num[32], val[200], year[16];
        const char *src[NCOL];
        if (k == 0) {
            memcpy(src, head, sizeof src);
        } else {
            const mb_record *x = &r->v[rec[k - 1]];
            snprintf(num, sizeof num, "%zu", rec[k - 1] + 1);
            mb_present_value(lex, x, val, sizeof val);
            if (x->year)
                snprintf(year, sizeof year, "%d", x->year);
            else
                snprintf(year, sizeof year, "-");
            src[0] = num;
            src[1] = x->kind == MB_KIND_TARGET ? "target" : "achievement";
            src[2] = x->indicator ? x->indicator : "-";
            src[3] = val;
            src[4] = mb_present_change(x);
            src[5] = year;
        }
        for (int c = 0; c < NCOL; c++) {
            cw[k][c] = fit(src[c], capw[c], cell[k][c], CELL);
            if (cw[k][c] > w[c])
                w[c] = cw[k][c];
        }
    }
    for (size_t k = 0; k <= nrec; k++) {
        const char *on[NCOL] = {"", "", "", "", "", ""};
        if (color && k > 0) {
            on[0] = style_on[ST_LABEL];
            on[1] = style_on[r->v[rec[k - 1]].kind == MB_KIND_TARGET ? ST_TARGET : ST_ACHIEVEMENT];
        }
        put_row(out, cell[k], cw[k], w, on);
    }
    free(cell);
    free(cw);
    return 1;
}

/* One field's evidence on a line: the field, then present.c's wording. */
static void put_evidence(mb_strbuf *out, const mb_doc *doc, const char *field, const mb_evidence *e)
{
    mb_strbuf_printf(out, "      %-7s ", field);
    mb_present_evidence(out, doc, e);
    mb_strbuf_putc(out, '\n');
}

static void put_explain(mb_strbuf *out, const mb_doc *doc, const mb_records *r, const size_t *rec,
                        size_t nrec)
{
    for (size_t k = 0; k < nrec; k++) {
        const mb_record *x = &r->v[rec[k]];
        mb_strbuf_printf(out, "  %zu why\n", rec[k] + 1);
        put_evidence(out, doc, "kind", &x->why_kind);
        put_evidence(out, doc, "year", &x->why_year);
        put_evidence(out, doc, "change", &x->why_change);
        put_evidence(out, doc, "indicator", &x->why_indicator);
    }
}

mb_status mb_show_render(const mb_doc *doc, const mb_records *r, const mb_show_options *opt, char **out,
                         mb_error *err)
{
    *out = NULL;
    mb_show_options o = {0, 0, 80, 0, NULL};
    if (opt)
        o = *opt;
    if (!o.width)
        o.width = 80;
    if (o.width < 40)
        return mb_error_set(err, MB_EARG, "show: width %u is too narrow (at least 40 columns)", o.width);
    mb_strbuf b = {0};
    size_t nt = 0, np = mb_doc_paragraph_count(doc);
    for (size_t i = 0; i < r->n; i++)
        nt += r->v[i].kind == MB_KIND_TARGET;
    mb_strbuf_printf(&b, "%s\n  %s, ", mb_doc_path(doc), mb_doc_encoding(doc));
    char ymd[11];
    mb_date_format(&r->date, ymd);
    if (ymd[0])
        mb_strbuf_printf(&b, "dated %s (%s), ", ymd, r->date.source ? r->date.source : "given");
    else if (r->date.year)
        mb_strbuf_printf(&b, "year %d (%s), ", r->date.year, r->date.source ? r->date.source : "given");
    else
        mb_strbuf_puts(&b, "no date, ");
    mb_strbuf_printf(&b, "%zu paragraph%s\n  %zu record%s: %zu target, %zu achievement\n", np,
                     np == 1 ? "" : "s", r->n, r->n == 1 ? "" : "s", nt, r->n - nt);
    size_t *rec = malloc((r->n ? r->n : 1) * sizeof *rec);
    if (!rec) {
        mb_strbuf_free(&b);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    layout l = {0};
    for (size_t pi = 0; pi < np && !b.failed && !l.failed && !l.text.failed; pi++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, pi);
        size_t nrec = 0;
        for (size_t k = 0; k < r->n; k++)
            if (r->v[k].paragraph == pi && r->v[k].span_end <= p->text.len &&
                r->v[k].span_start <= r->v[k].span_end)
                rec[nrec++] = k;
        if (o.only_records && !nrec)
            continue;
        mb_strbuf_printf(&b, "\n[%zu] line %u\n", p->index, p->line);
        l.n = 0;
        l.text.len = 0;
        build_units(&l, p, r, rec, nrec, o.color);
        put_wrapped(&b, &l, o.width, o.color);
        if (nrec && !put_table(&b, o.lexicon, r, rec, nrec, o.width, o.color))
            l.failed = 1;
        if (nrec && o.explain)
            put_explain(&b, doc, r, rec, nrec);
    }
    int failed = l.failed || l.text.failed;
    free(l.u);
    mb_strbuf_free(&l.text);
    free(rec);
    if (failed) {
        mb_strbuf_free(&b);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    return mb_strbuf_take(&b, out, NULL, err);
}
