/* test_recognize.c — table-driven tests of the recognizer.
 *
 * Reads tests/data/numbers.tsv: one case a line,
 *   INPUT <TAB> DOC_YEAR <TAB> EXPECTED <TAB> SOURCE
 * where EXPECTED lists every quantity and time expression found in INPUT,
 * in text order, separated by " ; " ("-" for none). Each item is
 *   Q|text|key=value|...   a quantity:  v (value) or r (min..max), u (unit),
 *                          c (comparator, default eq), k (qkind, default
 *                          number), s (skip reason)
 *   T|text|key=value|...   a time:      k (kind), y (year or from-to; "?"
 *                          when unresolved), mo (months), d (day), n
 *                          (count, "+" when more), m (marker)
 * Keys left out must have their default (none / eq / number). Numbers are
 * compared with a relative tolerance of 1e-9; everything else exactly.
 * SOURCE names the file the phrase was copied from. A failure prints the
 * data file and line and both renderings.
 *
 * `test_recognize --render` reads "INPUT<TAB>YEAR<TAB>SOURCE" lines on
 * stdin and prints the rendering of each (to help write new cases; every
 * rendering must be checked by hand before it goes into the table). */
#include "mubiao.h"
#include "t.h"
#include "timex.h"
#include "t_lex.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define DATA "tests/data/numbers.tsv"

typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0)
            return;
        if (b->s && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        size_t nc = (b->cap + (size_t)k + 64) * 2;
        char *ns = realloc(b->s, nc);
        if (!ns)
            return;
        b->s = ns;
        b->cap = nc;
    }
}

static void put_span(buf *b, const char *text, size_t a, size_t e)
{
    put(b, "%.*s", (int)(e - a), text + a);
}

/* The rendering of one recognition, as in the data file. */
static void render(const mb_recognition *r, const char *text, buf *b)
{
    size_t iq = 0, it = 0;
    b->n = 0;
    put(b, "%s", "");
    if (r->nq == 0 && r->nt == 0) {
        put(b, "-");
        return;
    }
    while (iq < r->nq || it < r->nt) {
        if (b->n)
            put(b, " ; ");
        if (it >= r->nt || (iq < r->nq && r->q[iq].start < r->t[it].start)) {
            const mb_quantity *q = &r->q[iq++];
            put(b, "Q|");
            put_span(b, text, q->start, q->end);
            if (q->has_range)
                put(b, "|r=%.15g..%.15g", q->min, q->max);
            else if (q->has_value)
                put(b, "|v=%.15g", q->value);
            if (q->unit)
                put(b, "|u=%s", q->unit);
            if (q->comparator != MB_CMP_EQ && q->comparator != MB_CMP_RANGE && q->comparator != MB_CMP_NONE)
                put(b, "|c=%s", mb_comparator_name(q->comparator));
            if (q->qkind != MB_Q_NUMBER)
                put(b, "|k=%s", mb_qkind_name(q->qkind));
            if (q->skip)
                put(b, "|s=%s", mb_skip_name(q->skip));
        } else {
            const mb_timex *t = &r->t[it++];
            put(b, "T|");
            put_span(b, text, t->start, t->end);
            put(b, "|k=%s", mb_timex_kind_name(t->kind));
            if (t->unresolved)
                put(b, "|y=?");
            else if (t->year_from && t->year_from == t->year_to)
                put(b, "|y=%d", t->year_from);
            else if (t->year_from)
                put(b, "|y=%d-%d", t->year_from, t->year_to);
            if (t->month_from)
                put(b, "|mo=%d-%d", t->month_from, t->month_to);
            if (t->day)
                put(b, "|d=%d", t->day);
            if (t->count)
                put(b, "|n=%d%s", t->count, t->more ? "+" : "");
            if (t->marker)
                put(b, "|m=%s", mb_time_marker_name(t->marker));
        }
    }
}

/* ---- comparing renderings field by field ---- */

#define MAXF 12
typedef struct item {
    char kind[4];
    char text[256];
    char key[MAXF][8];
    char val[MAXF][64];
    int nf;
} item;

static int parse_items(const char *s, item *v, int max)
{
    if (!strcmp(s, "-"))
        return 0;
    int n = 0;
    const char *p = s;
    while (*p && n < max) {
        const char *e = strstr(p, " ; ");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char one[1024];
        if (len >= sizeof one)
            return -1;
        memcpy(one, p, len);
        one[len] = '\0';
        item *it = &v[n++];
        memset(it, 0, sizeof *it);
        char *save = NULL;
        char *tok = strtok_r(one, "|", &save);
        if (!tok || strlen(tok) >= sizeof it->kind)
            return -1;
        strcpy(it->kind, tok);
        tok = strtok_r(NULL, "|", &save);
        if (!tok || strlen(tok) >= sizeof it->text)
            return -1;
        strcpy(it->text, tok);
        while ((tok = strtok_r(NULL, "|", &save)) && it->nf < MAXF) {
            char *eq = strchr(tok, '=');
            if (!eq || eq - tok >= 8 || strlen(eq + 1) >= 64)
                return -1;
            memcpy(it->key[it->nf], tok, (size_t)(eq - tok));
            it->key[it->nf][eq - tok] = '\0';
            strcpy(it->val[it->nf], eq + 1);
            it->nf++;
        }
        p = e ? e + 3 : p + len;
    }
    return n;
}

static const char *get(const item *it, const char *k)
{
    for (int i = 0; i < it->nf; i++)
        if (!strcmp(it->key[i], k))
            return it->val[i];
    return "";
}

static int num_eq(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return 1;
    char *ea, *eb;
    double x = strtod(a, &ea), y = strtod(b, &eb);
    if (*ea || *eb || ea == a || eb == b)
        return 0;
    return fabs(x - y) <= 1e-9 * fmax(1.0, fmax(fabs(x), fabs(y)));
}

static int range_eq(const char *a, const char *b)
{
    const char *da = strstr(a, ".."), *db = strstr(b, "..");
    if (!da || !db)
        return !strcmp(a, b);
    char a1[64], b1[64];
    snprintf(a1, sizeof a1, "%.*s", (int)(da - a), a);
    snprintf(b1, sizeof b1, "%.*s", (int)(db - b), b);
    return num_eq(a1, b1) && num_eq(da + 2, db + 2);
}

static int items_equal(const item *a, const item *b)
{
    if (strcmp(a->kind, b->kind) || strcmp(a->text, b->text))
        return 0;
    const item *pair[2] = {a, b};
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < pair[w]->nf; i++) {
            const char *k = pair[w]->key[i];
            const char *x = get(a, k), *y = get(b, k);
            int ok = !strcmp(k, "v") ? num_eq(x, y) : !strcmp(k, "r") ? range_eq(x, y) : !strcmp(x, y);
            if (!ok)
                return 0;
        }
    return 1;
}

static int same(const char *got, const char *want)
{
    static item g[64], w[64];
    int ng = parse_items(got, g, 64), nw = parse_items(want, w, 64);
    if (ng < 0 || nw < 0 || ng != nw)
        return 0;
    for (int i = 0; i < ng; i++)
        if (!items_equal(&g[i], &w[i]))
            return 0;
    return 1;
}

static char *chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static int render_mode(mb_recognizer *rec)
{
    char line[4096];
    mb_recognition res = {0};
    buf b = {0};
    mb_error err = {0};
    while (fgets(line, sizeof line, stdin)) {
        chomp(line);
        char *save = NULL;
        char *in = strtok_r(line, "\t", &save), *yr = strtok_r(NULL, "\t", &save),
             *src = strtok_r(NULL, "\t", &save);
        if (!in || !yr)
            continue;
        if (mb_recognize(rec, in, strlen(in), atoi(yr), &res, &err)) {
            fprintf(stderr, "%s: %s\n", in, err.message);
            continue;
        }
        render(&res, in, &b);
        printf("%s\t%s\t%s\t%s\n", in, yr, b.s, src ? src : "");
    }
    free(b.s);
    mb_recognition_free(&res);
    return 0;
}

int main(int argc, char **argv)
{
    mb_recognizer *rec = NULL;
    mb_error err = {0};
    mb_lexicon *lex = t_lexicon();
    if (!lex)
        return 1;
    if (mb_recognizer_new(lex, &rec, &err)) {
        printf("not ok 1 - recognizer: %s\n", err.message);
        mb_lexicon_free(lex);
        return 1;
    }
    if (argc > 1 && !strcmp(argv[1], "--render")) {
        int rc = render_mode(rec);
        mb_recognizer_free(rec);
        mb_lexicon_free(lex);
        return rc;
    }
    {
        /* the scan tests the time triggers' bits inline: they are
         * mb_timex_trigger's for every BMP character */
        mb_timex_rx *tx = NULL;
        T_EQ_INT(mb_timex_compile(lex, &tx, &err), MB_OK, "the time patterns compile");
        int same = tx != NULL, any = 0;
        const unsigned char *bits = tx ? mb_timex_trigger_bits(tx) : NULL;
        for (int32_t cp = 0; tx && cp < 0x10000; cp++) {
            int bit = bits[cp >> 3] >> (cp & 7) & 1;
            same = same && bit == mb_timex_trigger(tx, cp);
            any += bit;
        }
        T_OK(same && any > 10, "the time triggers' bits are mb_timex_trigger's");
        mb_timex_rx_free(tx);
    }
    const char *path = argc > 1 ? argv[1] : DATA;
    FILE *f = fopen(path, "r");
    T_OK(f != NULL, "open the case table");
    if (!f) {
        mb_recognizer_free(rec);
        mb_lexicon_free(lex);
        return t_done();
    }
    char line[4096];
    int lineno = 0, cases = 0;
    mb_recognition res = {0};
    buf b = {0};
    while (fgets(line, sizeof line, f)) {
        lineno++;
        chomp(line);
        if (!line[0] || line[0] == '#')
            continue;
        char *save = NULL;
        char *in = strtok_r(line, "\t", &save), *yr = strtok_r(NULL, "\t", &save),
             *want = strtok_r(NULL, "\t", &save), *src = strtok_r(NULL, "\t", &save);
        char what[512];
        snprintf(what, sizeof what, "%s (%s)", in ? in : "", src ? src : "no source");
        if (!in || !yr || !want || !src) {
            t_report(0, path, lineno, what, "expected 4 tab-separated fields");
            continue;
        }
        cases++;
        if (mb_recognize(rec, in, strlen(in), atoi(yr), &res, &err)) {
            t_report(0, path, lineno, what, err.message);
            continue;
        }
        render(&res, in, &b);
        int ok = same(b.s, want);
        char detail[3000];
        snprintf(detail, sizeof detail, "\n  got:  %.1400s\n  want: %.1400s", b.s, want);
        t_report(ok, path, lineno, what, detail);
    }
    fclose(f);
    free(b.s);
    mb_recognition_free(&res);
    mb_recognizer_free(rec);
    mb_lexicon_free(lex);
    T_OK(cases >= 300, "at least 300 cases in " DATA);
    return t_done();
}
