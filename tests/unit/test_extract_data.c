/* test_extract_data.c — extraction tests as data: runs the blocks of
 * tests/data/extract.test (format in that file's header and in README.md,
 * "Tests as data") through the public API — mb_model_open with the
 * compiled dictionary ($MUBIAO_DICT, else mubiao.dict in the build folder,
 * one level above this binary), mb_doc_load_mem, mb_extract — and compares
 * each block's records with its %%EXPECT list, exactly: same count, same
 * order, every field.
 *
 * Prints one "ok"/"not ok" line per block, naming FILE:LINE of the block;
 * a failing block is followed by its expected and actual records. A block
 * marked %%XFAIL must fail: it prints "ok ... # XFAIL reason" (tests/run.sh
 * counts these apart), and "not ok ... XPASS" when it passes, so that it
 * gets promoted.
 *
 * usage: test_extract_data [--print] [FILE]
 *   --print  also print every block's actual records in the %%EXPECT
 *            format (for writing new blocks) */
#include "mubiao.h"
#include "t.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#define MAXF 9

typedef struct block {
    int line;       /* first line of the block (its first comment or directive) */
    int text_line;  /* first text line */
    char date[16];  /* "" when none */
    char *xfail;    /* reason, NULL when not marked */
    char *text;     /* the document: text lines joined by \n */
    int none;       /* %%NONE */
    int expect;     /* %%EXPECT seen */
    char **want;    /* record lines */
    int *want_line; /* their line numbers */
    size_t nwant;
    char *error; /* a malformed block: why */
} block;

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(p, s, n);
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    return q;
}

static void block_clear(block *b)
{
    free(b->xfail);
    free(b->text);
    for (size_t i = 0; i < b->nwant; i++)
        free(b->want[i]);
    free(b->want);
    free(b->want_line);
    free(b->error);
    memset(b, 0, sizeof *b);
}

static void block_error(block *b, int line, const char *msg)
{
    if (b->error)
        return;
    char buf[256];
    snprintf(buf, sizeof buf, "line %d: %s", line, msg);
    b->error = xstrdup(buf);
}

static void append_text(block *b, const char *s)
{
    size_t old = b->text ? strlen(b->text) : 0, n = strlen(s);
    b->text = xrealloc(b->text, old + n + 2);
    if (old)
        b->text[old++] = '\n';
    memcpy(b->text + old, s, n + 1);
}

/* Add one line to the block being read. */
static void block_line(block *b, int line, const char *s)
{
    if (!b->line)
        b->line = line;
    if (b->expect) {
        if (s[0] == '#')
            return;
        int tabs = 0;
        for (const char *q = s; *q; q++)
            tabs += *q == '\t';
        if (tabs != MAXF - 1)
            block_error(b, line, "a record line needs 9 tab-separated columns");
        b->want = xrealloc(b->want, (b->nwant + 1) * sizeof *b->want);
        b->want_line = xrealloc(b->want_line, (b->nwant + 1) * sizeof *b->want_line);
        b->want[b->nwant] = xstrdup(s);
        b->want_line[b->nwant++] = line;
        return;
    }
    if (b->none) {
        block_error(b, line, "nothing may follow %%NONE in a block");
        return;
    }
    if (!b->text && s[0] == '#')
        return;
    if (!strcmp(s, "%%") && b->text) { /* an empty line of the document */
        append_text(b, "");
        return;
    }
    if (!strncmp(s, "%%", 2)) {
        if (!strncmp(s, "%%DATE ", 7) && !b->text) {
            mb_date d;
            if (mb_date_parse(s + 7, &d) != MB_OK)
                block_error(b, line, "%%DATE needs a real YYYY-MM-DD date");
            snprintf(b->date, sizeof b->date, "%s", s + 7);
        } else if (!strncmp(s, "%%XFAIL", 7) && !b->text) {
            const char *r = s + 7;
            while (*r == ' ')
                r++;
            if (!*r)
                block_error(b, line, "%%XFAIL needs a reason");
            free(b->xfail);
            b->xfail = xstrdup(r);
        } else if (!strcmp(s, "%%EXPECT") && b->text) {
            b->expect = 1;
        } else if (!strcmp(s, "%%NONE") && b->text) {
            b->none = 1;
        } else {
            block_error(b, line,
                        "unknown or misplaced directive (%%DATE and %%XFAIL before the text, "
                        "%%EXPECT or %%NONE after it)");
        }
        return;
    }
    if (!b->text)
        b->text_line = line;
    append_text(b, s);
}

/* ---- comparing records ---- */

/* s without white space, in a new string */
static char *canon(const char *s, size_t n)
{
    char *o = xrealloc(NULL, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            o[k++] = s[i];
    o[k] = '\0';
    return o;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static void fmt_num(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.15g", v);
}

/* The record in the %%EXPECT format, quote = its span text. */
static void render(const mb_doc *doc, const mb_record *r, char *buf, size_t n)
{
    const mb_paragraph *p = mb_doc_paragraph(doc, r->paragraph);
    char val[80], year[16];
    if (r->has_range) {
        char a[32], b[32];
        fmt_num(a, sizeof a, r->min);
        fmt_num(b, sizeof b, r->max);
        snprintf(val, sizeof val, "%s~%s", a, b);
    } else if (r->has_value) {
        fmt_num(val, sizeof val, r->value);
    } else {
        snprintf(val, sizeof val, "null");
    }
    if (r->year)
        snprintf(year, sizeof year, "%d", r->year);
    else
        snprintf(year, sizeof year, "null");
    snprintf(buf, n, "%.*s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", (int)(r->span_end - r->span_start),
             p->text.s + r->span_start, r->kind == MB_KIND_TARGET ? "target" : "achievement",
             r->indicator ? r->indicator : "null", val, r->unit ? r->unit : "null",
             r->comparator ? r->comparator : "null", r->change ? r->change : "null", year,
             r->period ? r->period : "null");
}

static int same_num(double want, double got)
{
    return fabs(want - got) <= 1e-9 * fmax(1.0, fabs(want));
}

static int parse_num(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return end != s && !*end && !errno;
}

static int same_str(const char *want, const char *got)
{
    if (!strcmp(want, "null"))
        return got == NULL;
    return got && !strcmp(want, got);
}

/* NULL when the record fits the expected line; else what differs (in buf). */
static const char *compare(const mb_doc *doc, const mb_record *r, char *line, char *buf, size_t n)
{
    char *f[MAXF];
    size_t nf = 0;
    char *save = NULL;
    for (char *tok = strtok_r(line, "\t", &save); tok && nf < MAXF + 1; tok = strtok_r(NULL, "\t", &save)) {
        if (nf == MAXF) {
            snprintf(buf, n, "expected line has more than %d tab-separated columns", MAXF);
            return buf;
        }
        f[nf++] = tok;
    }
    if (nf != MAXF) {
        snprintf(buf, n, "expected line has %zu columns, not %d (tab-separated)", nf, MAXF);
        return buf;
    }
    const mb_paragraph *p = mb_doc_paragraph(doc, r->paragraph);
    char *span = canon(p->text.s + r->span_start, r->span_end - r->span_start);
    char *quote = canon(f[0], strlen(f[0]));
    int quote_ok = *span && *quote && (strstr(quote, span) || strstr(span, quote));
    free(span);
    free(quote);
    if (!quote_ok) {
        snprintf(buf, n, "span is not inside the quote");
        return buf;
    }
    if (strcmp(f[1], r->kind == MB_KIND_TARGET ? "target" : "achievement")) {
        snprintf(buf, n, "kind");
        return buf;
    }
    if (f[2][0] == '~') {
        /* the scorer's rule: the expected indicator inside the actual one,
         * which is at most max(2 × its length, its length + 8) characters */
        size_t w = utf8_chars(f[2] + 1), lim = 2 * w > w + 8 ? 2 * w : w + 8;
        if (!r->indicator || !strstr(r->indicator, f[2] + 1) || utf8_chars(r->indicator) > lim) {
            snprintf(buf, n, "indicator");
            return buf;
        }
    } else if (!same_str(f[2], r->indicator)) {
        snprintf(buf, n, "indicator");
        return buf;
    }
    char *tilde = strchr(f[3], '~');
    double a, b;
    if (tilde) {
        *tilde = '\0';
        int ok = parse_num(f[3], &a) && parse_num(tilde + 1, &b);
        *tilde = '~';
        if (!ok) {
            snprintf(buf, n, "bad expected range '%s'", f[3]);
            return buf;
        }
        if (!r->has_range || !same_num(a, r->min) || !same_num(b, r->max)) {
            snprintf(buf, n, "value");
            return buf;
        }
    } else if (!strcmp(f[3], "null")) {
        if (r->has_value || r->has_range) {
            snprintf(buf, n, "value");
            return buf;
        }
    } else {
        if (!parse_num(f[3], &a)) {
            snprintf(buf, n, "bad expected value '%s'", f[3]);
            return buf;
        }
        if (!r->has_value || r->has_range || !same_num(a, r->value)) {
            snprintf(buf, n, "value");
            return buf;
        }
    }
    if (!same_str(f[4], r->unit)) {
        snprintf(buf, n, "unit");
        return buf;
    }
    if (!same_str(f[5], r->comparator)) {
        snprintf(buf, n, "comparator");
        return buf;
    }
    if (!same_str(f[6], r->change)) {
        snprintf(buf, n, "change");
        return buf;
    }
    if (!strcmp(f[7], "null") ? r->year != 0 : (!parse_num(f[7], &a) || (int)a != r->year)) {
        snprintf(buf, n, "year");
        return buf;
    }
    if (!same_str(f[8], r->period)) {
        snprintf(buf, n, "period");
        return buf;
    }
    return NULL;
}

/* ---- running a block ---- */

typedef struct counts {
    int blocks, pass, xfail, fail, xpass;
} counts;

static void print_records(const char *label, const mb_doc *doc, const mb_records *recs)
{
    char buf[2048];
    if (!recs->n)
        printf("#   %s: (no records)\n", label);
    for (size_t i = 0; i < recs->n; i++) {
        render(doc, &recs->v[i], buf, sizeof buf);
        printf("#   %s: %s\n", label, buf);
    }
}

static void run_block(const mb_model *m, const char *file, block *b, int print, counts *c)
{
    char what[512], why[512] = "";
    c->blocks++;
    /* the label: FILE:LINE and the text's first 24 characters */
    const char *t = b->text ? b->text : "";
    size_t cut = 0, chars = 0;
    while (t[cut] && t[cut] != '\n' && chars < 24) {
        cut++;
        while (((unsigned char)t[cut] & 0xc0) == 0x80)
            cut++;
        chars++;
    }
    snprintf(what, sizeof what, "%s:%d: %.*s%s", file, b->line, (int)cut, t, t[cut] ? "…" : "");
    if (!b->error && !b->text)
        block_error(b, b->line, "no text");
    if (!b->error && !b->expect && !b->none)
        block_error(b, b->line, "no %%EXPECT or %%NONE");
    if (!b->error && b->expect && !b->nwant)
        block_error(b, b->line, "%%EXPECT with no record line (use %%NONE)");
    if (b->error) {
        c->fail++;
        t_report(0, file, b->line, what, b->error);
        return;
    }
    mb_doc *doc = NULL;
    mb_records recs = {0};
    mb_error err = {0};
    if (mb_doc_load_mem(file, b->text, strlen(b->text), NULL, &doc, &err) ||
        mb_extract(m, doc, b->date[0] ? b->date : NULL, &recs, &err)) {
        c->fail++;
        t_report(0, file, b->line, what, err.message);
        mb_doc_free(doc);
        return;
    }
    int bad_line = 0;
    if (recs.n != b->nwant) {
        snprintf(why, sizeof why, "%zu records, expected %zu", recs.n, b->nwant);
    } else {
        for (size_t i = 0; i < recs.n; i++) {
            char *line = xstrdup(b->want[i]), d[256];
            const char *diff = compare(doc, &recs.v[i], line, d, sizeof d);
            free(line);
            if (diff) {
                snprintf(why, sizeof why, "record %zu (line %d): %s", i + 1, b->want_line[i], diff);
                bad_line = diff[0] == 'b' || diff[0] == 'e'; /* bad/expected: malformed expectation */
                break;
            }
        }
    }
    int passed = !why[0];
    if (b->xfail && !passed && !bad_line) {
        c->xfail++;
        printf("ok %d - %s # XFAIL %s [%s]\n", ++t_n, what, b->xfail, why);
    } else if (b->xfail && passed) {
        c->xpass++;
        t_report(0, file, b->line, what, "XPASS: the block passes now; remove its %%XFAIL line");
    } else if (passed) {
        c->pass++;
        t_report(1, file, b->line, what, NULL);
    } else {
        c->fail++;
        t_report(0, file, b->line, what, why);
    }
    if ((!passed && !b->xfail) || bad_line || print) {
        for (size_t i = 0; i < b->nwant; i++)
            printf("#   want: %s\n", b->want[i]);
        if (b->none)
            printf("#   want: (no records)\n");
        print_records(" got", doc, &recs);
    }
    mb_records_free(&recs);
    mb_doc_free(doc);
}

static int run_file(const mb_model *m, const char *path, int print, counts *c)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int n = 0;
    block b = {0};
    while ((len = getline(&line, &cap, f)) >= 0) {
        n++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0) {
            if (b.line && (b.text || b.expect || b.none || b.xfail || b.date[0]))
                run_block(m, path, &b, print, c);
            block_clear(&b);
            continue;
        }
        block_line(&b, n, line);
    }
    if (b.line && (b.text || b.expect || b.none || b.xfail || b.date[0]))
        run_block(m, path, &b, print, c);
    block_clear(&b);
    free(line);
    fclose(f);
    return 1;
}

static const char *dict_path(char *buf, size_t n)
{
    const char *p = getenv("MUBIAO_DICT");
    if (p && *p)
        return p;
    ssize_t k = readlink("/proc/self/exe", buf, n - 32);
    if (k <= 0)
        return NULL;
    buf[k] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    strcpy(slash, "/../mubiao.dict");
    return buf;
}

int main(int argc, char **argv)
{
    int print = 0;
    const char *file = "tests/data/extract.test";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--print"))
            print = 1;
        else
            file = argv[i];
    }
    char buf[PATH_MAX];
    const char *dp = dict_path(buf, sizeof buf);
    mb_model *m = NULL;
    mb_error err = {0};
    if (!dp || mb_model_open(dp, NULL, 0, &m, &err)) {
        T_OK(0, err.message[0] ? err.message : "the compiled dictionary (make builds it) opens");
        return t_done();
    }
    counts c = {0};
    int read = run_file(m, file, print, &c);
    T_OK(read, "the test file is read (run from the project root)");
    printf("# %s: %d blocks: %d pass, %d xfail, %d fail, %d xpass\n", file, c.blocks, c.pass, c.xfail, c.fail,
           c.xpass);
    mb_model_free(m);
    return t_done();
}
