/* track_html.c — the page of `mubiao track --format html` (owns: one
 * chart in inline SVG per series — an indicator in one region, unit,
 * change and period — with targets as bars or ranges, outcomes as points
 * coloured by verdict and years along the axis; the table of every
 * verdict under it). Self-contained: no script, no network; printable. */
#include "present.h"
#include "report.h"
#include "strbuf.h"
#include "track_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W  1200
#define H  280
#define ML 80 /* margins */
#define MR 20
#define MT 16
#define MB 36

static void esc(mb_strbuf *b, const char *s)
{
    if (s)
        mb_html_escape(b, s, strlen(s));
}

static const char *colour(mb_track_verdict v)
{
    switch (v) {
    case MB_TRACK_MET: return "#2e7d32";
    case MB_TRACK_MISSED: return "#c62828";
    case MB_TRACK_NOT_COMPARABLE: return "#8d6e63";
    default: return "#757575";
    }
}

static double outcome_value(const mb_trec *r)
{
    return r->has_range ? (r->min + r->max) / 2 : r->value;
}

typedef struct scale {
    int y0, y1;    /* years shown */
    double lo, hi; /* values shown */
    double step;   /* pixels a year */
} scale;

static double px(const scale *s, int year)
{
    return ML + ((double)(year - s->y0) + 0.5) * s->step;
}

static double py(const scale *s, double v)
{
    return MT + (s->hi - v) / (s->hi - s->lo) * (H - MT - MB);
}

/* Rows [a, b) are one series. */
static void chart(mb_strbuf *b, const mb_track_data *t, const mb_lexicon *lex, size_t a, size_t e)
{
    scale s = {0, 0, 0, 0, 0};
    int first = 1;
    for (size_t i = a; i < e; i++) {
        const mb_trow *w = &t->rows[i];
        const mb_trec *tg = &t->recs[w->target];
        int y = mb_track_row_year(t, w);
        if (first || y < s.y0)
            s.y0 = y;
        if (first || y > s.y1)
            s.y1 = y;
        double vals[4];
        int nv = 0;
        if (!w->absent) {
            if (tg->has_range) {
                vals[nv++] = tg->min;
                vals[nv++] = tg->max;
            } else {
                vals[nv++] = tg->value;
            }
        }
        if (w->has_outcome && w->verdict != MB_TRACK_NOT_COMPARABLE)
            vals[nv++] = outcome_value(&t->recs[w->outcome]);
        for (int k = 0; k < nv; k++) {
            if (first || vals[k] < s.lo)
                s.lo = vals[k];
            if (first || vals[k] > s.hi)
                s.hi = vals[k];
            first = 0;
        }
        first = 0;
    }
    double pad = (s.hi - s.lo) * 0.12;
    if (pad <= 0)
        pad = fabs(s.hi) * 0.1 + 1;
    s.lo -= pad;
    s.hi += pad;
    if (s.lo < 0 && s.lo + pad >= 0)
        s.lo = 0;
    int nyears = s.y1 - s.y0 + 1;
    s.step = (double)(W - ML - MR) / nyears;
    mb_strbuf_printf(b, "<svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\">\n", W, H);
    /* value axis: five lines */
    for (int k = 0; k <= 4; k++) {
        double v = s.lo + (s.hi - s.lo) * k / 4;
        char num[48];
        mb_present_number(lex, round(v * 100) / 100, num, sizeof num);
        double y = py(&s, v);
        mb_strbuf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>", ML, y,
                         W - MR, y);
        mb_strbuf_printf(b, "<text x=\"%d\" y=\"%.1f\" class=\"yl\">", ML - 6, y + 4);
        esc(b, num);
        mb_strbuf_puts(b, "</text>\n");
    }
    int every = nyears > 40 ? 5 : nyears > 20 ? 2 : 1;
    for (int y = s.y0; y <= s.y1; y++)
        if ((y - s.y0) % every == 0)
            mb_strbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" class=\"xl\">%d</text>", px(&s, y), H - MB + 18,
                             y);
    mb_strbuf_puts(b, "\n");
    double bw = s.step * 0.6 > 40 ? 40 : s.step * 0.6;
    for (size_t i = a; i < e; i++) {
        const mb_trow *w = &t->rows[i];
        const mb_trec *tg = &t->recs[w->target];
        int year = mb_track_row_year(t, w);
        double x = px(&s, year);
        char tq[96], oq[96] = "";
        mb_track_quantity_text(lex, tg, tq, sizeof tq);
        mb_strbuf_printf(b, "<g class=\"v-%s\">", mb_track_verdict_name(w->verdict));
        if (w->absent) {
            mb_strbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" class=\"absent\">&#215;<title>%d: ", x, H - MB - 4,
                             year);
            mb_strbuf_puts(b, "absent (last target ");
            esc(b, tq);
            mb_strbuf_puts(b, ")</title></text></g>\n");
            continue;
        }
        if (tg->has_range) {
            double y1 = py(&s, tg->max), y2 = py(&s, tg->min);
            mb_strbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"range\">",
                             x - bw / 2, y1, bw, y2 - y1 < 2 ? 2 : y2 - y1);
        } else {
            mb_strbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"3\" class=\"bar\">",
                             x - bw / 2, py(&s, tg->value) - 1.5, bw);
        }
        mb_strbuf_printf(b, "<title>%d target ", year);
        esc(b, tq);
        mb_strbuf_puts(b, "</title></rect>");
        const char *c = tg->comparator ? tg->comparator : "";
        if (!tg->has_range &&
            (!strcmp(c, "ge") || !strcmp(c, "gt") || !strcmp(c, "le") || !strcmp(c, "lt"))) {
            double y = py(&s, tg->value);
            int up = c[0] == 'g';
            mb_strbuf_printf(b, "<path d=\"M%.1f %.1f l-5 %d h10 z\" class=\"cmp\"/>", x, y + (up ? -4 : 4),
                             up ? 7 : -7);
        }
        if (w->has_outcome && w->verdict != MB_TRACK_NOT_COMPARABLE) {
            const mb_trec *oc = &t->recs[w->outcome];
            mb_track_quantity_text(lex, oc, oq, sizeof oq);
            mb_strbuf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" fill=\"%s\"><title>%d outcome ", x,
                             py(&s, outcome_value(oc)), colour(w->verdict), year);
            esc(b, oq);
            mb_strbuf_printf(b, " against ");
            esc(b, tq);
            mb_strbuf_printf(b, ": %s</title></circle>", mb_track_verdict_name(w->verdict));
        } else {
            mb_strbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"nodata\">?<title>%d: %s</title></text>",
                             x, py(&s, tg->has_range ? tg->max : tg->value) - 8, year,
                             mb_track_verdict_name(w->verdict));
        }
        mb_strbuf_puts(b, "</g>\n");
    }
    mb_strbuf_puts(b, "</svg>\n");
}

static void table(mb_strbuf *b, const mb_track_data *t, const mb_lexicon *lex, size_t a, size_t e)
{
    mb_strbuf_puts(b, "<table><thead><tr><th>year</th><th>target</th><th>outcome</th><th>verdict</th>"
                      "<th>revision</th><th>target: text, document</th><th>outcome: text, document</th>"
                      "</tr></thead><tbody>\n");
    for (size_t i = a; i < e; i++) {
        const mb_trow *w = &t->rows[i];
        const mb_trec *tg = &t->recs[w->target];
        const mb_tdoc *td = mb_track_doc(t, w->absent ? w->absent_doc : tg->doc_id);
        char tq[96], oq[96] = "", d[64] = "";
        mb_track_quantity_text(lex, tg, tq, sizeof tq);
        const mb_trec *oc = w->has_outcome ? &t->recs[w->outcome] : NULL;
        if (oc)
            mb_track_quantity_text(lex, oc, oq, sizeof oq);
        if (w->verdict == MB_TRACK_MET || w->verdict == MB_TRACK_MISSED) {
            char n[40];
            mb_present_number(lex, w->diff, n, sizeof n);
            snprintf(d, sizeof d, " (%s%s)", w->diff > 0 ? "+" : "", w->diff == 0 ? "0" : n);
        }
        mb_strbuf_printf(b, "<tr><td>%d</td><td>", mb_track_row_year(t, w));
        if (!w->absent)
            esc(b, tq);
        mb_strbuf_puts(b, "</td><td>");
        esc(b, oq);
        mb_strbuf_printf(b, "</td><td class=\"v-%s\">%s%s</td><td>", mb_track_verdict_name(w->verdict),
                         mb_track_verdict_name(w->verdict), d);
        esc(b, w->revision);
        mb_strbuf_puts(b, "</td><td>");
        if (w->absent)
            mb_strbuf_puts(b, "no target in ");
        else {
            esc(b, tg->text);
            mb_strbuf_puts(b, " — ");
        }
        esc(b, td && td->path ? td->path : "");
        if (td && td->date) {
            mb_strbuf_puts(b, " (");
            esc(b, td->date);
            mb_strbuf_puts(b, ")");
        }
        mb_strbuf_puts(b, "</td><td>");
        if (oc) {
            const mb_tdoc *od = mb_track_doc(t, oc->doc_id);
            esc(b, oc->text);
            mb_strbuf_puts(b, " — ");
            esc(b, od && od->path ? od->path : "");
            if (od && od->date) {
                mb_strbuf_puts(b, " (");
                esc(b, od->date);
                mb_strbuf_puts(b, ")");
            }
        }
        mb_strbuf_puts(b, "</td></tr>\n");
    }
    mb_strbuf_puts(b, "</tbody></table>\n");
}

/* scoped under .mbtrack: the report page embeds the same section */
const char mb_track_css[] =
    ".mbtrack h2{font-size:17px;margin:28px 0 4px}.mbtrack p.sub{color:#616161;margin:0 0 8px}"
    ".mbtrack svg{background:#fafafa;border:1px solid #e0e0e0}.mbtrack .grid{stroke:#e0e0e0}"
    ".mbtrack .yl{font-size:12px;text-anchor:end;fill:#616161}"
    ".mbtrack .xl{font-size:12px;text-anchor:middle;fill:#616161}.mbtrack .bar{fill:#424242}"
    ".mbtrack .range{fill:#9e9e9e;fill-opacity:.55;stroke:#424242}.mbtrack .cmp{fill:#424242}"
    ".mbtrack .nodata{font-size:14px;text-anchor:middle;fill:#757575}"
    ".mbtrack .absent{font-size:18px;text-anchor:middle;fill:#757575}"
    ".mbtrack table{border-collapse:collapse;width:100%;font-size:13px;margin-top:6px}"
    ".mbtrack th,.mbtrack td{border-bottom:1px solid #e0e0e0;padding:3px 6px;text-align:left;"
    "vertical-align:top}.mbtrack td.v-met{color:#2e7d32;font-weight:600}"
    ".mbtrack td.v-missed{color:#c62828;font-weight:600}.mbtrack .legend span{margin-right:18px}"
    ".mbtrack .dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px}"
    "@media print{.mbtrack section{break-inside:avoid}}\n";

static const char page_style[] =
    "body{font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;margin:24px auto;max-width:1240px;"
    "color:#212121}h1{font-size:22px}@media print{body{margin:0}}\n";

typedef struct series {
    size_t a, e; /* rows [a, e) */
} series;

static int longest_first(const void *x, const void *y)
{
    const series *p = x, *q = y;
    size_t np = p->e - p->a, nq = q->e - q->a;
    if (np != nq)
        return np > nq ? -1 : 1;
    return p->a < q->a ? -1 : p->a > q->a;
}

/* 1 when a series of rows [a, e) is worth a chart in a report: an outcome,
 * or targets for two years at least */
static int worth_a_chart(const mb_track_data *t, size_t a, size_t e)
{
    if (e - a >= 2)
        return 1;
    return t->rows[a].has_outcome || t->rows[a].verdict == MB_TRACK_ABSENT;
}

mb_status mb_track_html_body(mb_strbuf *b, const mb_track_data *t, const mb_lexicon *lex, int report)
{
    size_t count[6] = {0};
    for (size_t i = 0; i < t->nrows; i++)
        if ((unsigned)t->rows[i].verdict < 6)
            count[t->rows[i].verdict]++;
    mb_strbuf_puts(b, "<p class=\"legend\">");
    static const mb_track_verdict order[] = {MB_TRACK_MET,     MB_TRACK_MISSED,         MB_TRACK_PENDING,
                                             MB_TRACK_NO_DATA, MB_TRACK_NOT_COMPARABLE, MB_TRACK_ABSENT};
    for (int k = 0; k < 6; k++)
        mb_strbuf_printf(b, "<span><i class=\"dot\" style=\"background:%s\"></i>%s: %zu</span>",
                         colour(order[k]), mb_track_verdict_name(order[k]), count[order[k]]);
    mb_strbuf_puts(b, "<span>bar: target, shaded: a target range, &#9650;/&#9660;: at least / at most, "
                      "?: no outcome, &#215;: no target stated</span></p>\n");
    /* the series, the longest first (then in key order) */
    size_t nser = 0, shown = 0;
    series *ser = malloc((t->nrows ? t->nrows : 1) * sizeof *ser);
    if (!ser)
        return MB_ENOMEM;
    for (size_t a = 0; a < t->nrows;) {
        size_t e = a + 1;
        while (e < t->nrows && !strcmp(t->recs[t->rows[e].target].key, t->recs[t->rows[a].target].key))
            e++;
        ser[nser].a = a;
        ser[nser++].e = e;
        a = e;
    }
    qsort(ser, nser, sizeof *ser, longest_first);
    for (size_t si = 0; si < nser; si++) {
        size_t a = ser[si].a, e = ser[si].e;
        if (report && !worth_a_chart(t, a, e))
            continue;
        shown++;
        const mb_trec *k0 = &t->recs[t->rows[a].target];
        mb_strbuf_puts(b, "<section>\n<h2>");
        esc(b, k0->indicator_id ? k0->indicator_id : k0->indicator);
        if (k0->region) {
            mb_strbuf_puts(b, " — ");
            esc(b, k0->region);
        }
        mb_strbuf_puts(b, "</h2>\n<p class=\"sub\">");
        mb_strbuf_printf(b, "%s", k0->change ? k0->change : "level");
        if (k0->unit) {
            mb_strbuf_puts(b, ", ");
            esc(b, k0->unit);
        }
        if (k0->period)
            mb_strbuf_printf(b, ", %s", k0->period);
        mb_strbuf_printf(b, "; better %s</p>\n", t->rows[a].lower ? "lower" : "higher");
        chart(b, t, lex, a, e);
        table(b, t, lex, a, e);
        mb_strbuf_puts(b, "</section>\n");
    }
    free(ser);
    if (report && shown < nser)
        mb_strbuf_printf(b,
                         "<p class=\"sub\">%zu more target%s of one year each, with no outcome yet: "
                         "mubiao track lists them all.</p>\n",
                         nser - shown, nser - shown == 1 ? "" : "s");
    if (!t->nrows)
        mb_strbuf_puts(b, "<p>No target with a year and a value matches.</p>\n");
    return MB_OK;
}

mb_status mb_track_html(const mb_track_data *t, const mb_lexicon *lex, char **out, size_t *len)
{
    mb_strbuf b = {0};
    mb_strbuf_puts(&b, "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width\">\n"
                       "<title>mubiao track: targets and outcomes</title>\n<style>");
    mb_strbuf_puts(&b, page_style);
    mb_strbuf_puts(&b, mb_track_css);
    mb_strbuf_puts(&b, "</style>\n</head>\n<body class=\"mbtrack\">\n<h1>Targets and outcomes</h1>\n");
    if (mb_track_html_body(&b, t, lex, 0)) {
        mb_strbuf_free(&b);
        return MB_ENOMEM;
    }
    mb_strbuf_puts(&b, "</body>\n</html>\n");
    return mb_strbuf_take(&b, out, len, NULL);
}
