/* reflow.c — lines to paragraphs (undoing PDF line wrapping) and paragraphs
 * to sentences.
 *
 * Every line is trimmed of leading and trailing spaces (a leading space
 * deeper than the document's usual margin marks indentation). Widths are
 * display columns (utf8proc_charwidth: CJK and full-width forms count 2).
 *
 * Layout, per document. Lines "long" relative to the document (at least 60%
 * of its 90th-percentile width) that end mid-sentence are the mark of
 * wrapping. When the 90th percentile is over 300 columns (no page column is
 * that wide) or fewer than 30% of the long lines end mid-sentence, the text
 * is already one paragraph per line (government work reports, pasted web
 * text): every non-blank line is a paragraph, exactly (vertical text
 * aside); so is a text with only one or two long lines unless every one
 * of them ends mid-sentence (too few to judge by a share). Otherwise the
 * text is wrapped and the rules below join lines.
 *
 * Local measures of wrapped text:
 *  - column width W of a line: the densest band of widths among the 8
 *    non-blank lines either side (a histogram mode, so a few headings or a
 *    wider block nearby do not move it); "slack" is W minus the line width;
 *  - wide line: at least W + max(4, W/8) columns: outside the column
 *    (headlines, a lede set across columns); a run of wide lines gets its
 *    own W;
 *  - blank lines: when most gaps between lines are blank (double-spaced
 *    output), only gaps larger than usual count as blank;
 *  - jitter J: 75th percentile of the slack of lines that end mid-sentence;
 *  - indent I: median slack of lines that open a paragraph after a clear
 *    break (a lost first-line indentation shows as a shorter first line).
 *
 * Between two consecutive non-blank lines A and B of wrapped text, the
 * first rule that applies decides:
 *  1. vertical text (3+ one-character lines in a row) is one paragraph,
 *     broken from what surrounds it;
 *  2. B starts with a heading marker (一、 （一） (1) 第一章 1. 1、 ①) or is
 *     indented: break; a page number line (3, — 3 —, 第3页) stands alone;
 *  3. A or B is in a title block (blank lines around it, at most 3 lines, no
 *     clause punctuation, and before the first sentence of the document or
 *     made of short or wide lines): break;
 *  4. one of A and B is wide: break (a tail shorter than W/2 right under a
 *     wide line that does not end a sentence is joined); two wide lines
 *     with a blank line between them: break;
 *  5. A ends a sentence (。！？；… or ： possibly followed by ” ’ 」 』 ））:
 *     break if a blank line follows, if B starts a "——" list item, if A is
 *     short (slack >= max(3, J+2), counting I for a first line), or if B is
 *     as short as an indented first line (slack >= max(3, J+2, I-2) when I
 *     is clear);
 *  6. A does not end a sentence: break only if A is clearly short (slack
 *     >= max(3, J+2, W/4), counting I for a first line): a title, a heading,
 *     the end of a paragraph without punctuation; otherwise join, across
 *     blank lines too.
 * Joined lines get no separator, except one space between two Latin
 * letters or digits (not between two digits in Chinese text: a number cut
 * by the wrap).
 *
 * Sentences end after 。！？；… (and ASCII ! ? ;), together with any closing
 * quotes or brackets that follow; a heading line without punctuation that
 * was joined to following text ends a sentence too. */
#include "reflow.h"

#include "error.h"
#include "grow.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { END_NONE, END_SENT, END_COLON };

typedef struct line {
    size_t b, e;       /* content (trimmed) in the normalized text */
    unsigned no;       /* 1-based line number */
    unsigned gap;      /* blank lines before this one */
    unsigned lead;     /* leading spaces */
    unsigned width;    /* display columns of the content */
    unsigned nchar;    /* code points of the content */
    unsigned W;        /* local column width */
    unsigned char end; /* END_* */
    unsigned char heading, dash, punct, term, folio;
    unsigned char sep; /* more blank lines before it than usual */
    unsigned char indent, wide, vert, title, blank, brk;
} line;

/* ---- characters ---- */

static inline int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline int is_terminator(int32_t c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0x2026 || c == '!' || c == '?' ||
           c == ';';
}

static inline int is_closer(int32_t c)
{
    switch (c) {
    case 0x201D: /* ” */
    case 0x2019: /* ’ */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
    case 0xFF09: /* ） */
    case 0x300B: /* 》 */
    case 0x3011: /* 】 */
    case 0x3009: /* 〉 */
    case ')':
    case '"':
    case '\'': return 1;
    default: return 0;
    }
}

static inline int is_colon(int32_t c)
{
    return c == 0xFF1A || c == ':';
}

/* Clause punctuation: a line holding none may be a title. */
static inline int is_clause_punct(int32_t c)
{
    return is_terminator(c) || is_colon(c) || c == 0xFF0C || c == 0x3001 || c == ',';
}

static int is_cn_numeral(int32_t c)
{
    switch (c) {
    case 0x4E00: /* 一 */
    case 0x4E8C: /* 二 */
    case 0x4E09: /* 三 */
    case 0x56DB: /* 四 */
    case 0x4E94: /* 五 */
    case 0x516D: /* 六 */
    case 0x4E03: /* 七 */
    case 0x516B: /* 八 */
    case 0x4E5D: /* 九 */
    case 0x5341: /* 十 */
    case 0x767E: /* 百 */
    case 0x96F6: /* 零 */
    case 0x3007: /* 〇 */ return 1;
    default: return 0;
    }
}

static inline unsigned cp_width(int32_t c)
{
    if (c < 0x300)
        return c < 0x20 ? 0 : 1;
    /* ideographs, CJK punctuation, full-width forms: the common cases */
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x303E) || (c >= 0xFF01 && c <= 0xFF60))
        return 2;
    int w = utf8proc_charwidth(c);
    return w < 0 ? 0 : (unsigned)w;
}

/* Decode the code point at s[*i] (s valid up to n), advancing *i. */
static inline int32_t next_cp(const char *s, size_t n, size_t *i)
{
    int32_t c;
    int len = mb_utf8_decode((const unsigned char *)s + *i, n - *i, &c);
    *i += len < 0 ? 1 : (size_t)len; /* malformed: U+FFFD for one byte */
    return len < 0 ? 0xFFFD : c;
}

/* Skip Chinese numerals (and ASCII digits if digits) at s[*i]; returns how
 * many, and the code point after them in *next (-1 at the end). */
static int numerals(const char *s, size_t n, size_t *i, int digits, int32_t *next)
{
    int k = 0;
    *next = -1;
    while (*i < n) {
        size_t j = *i;
        int32_t c = next_cp(s, n, &j);
        if (!(is_cn_numeral(c) || (digits && c >= '0' && c <= '9'))) {
            *next = c;
            *i = j;
            return k;
        }
        *i = j;
        k++;
    }
    return k;
}

/* Length in bytes of the heading or list marker that starts s[0..n), 0 if
 * none: 一、 十二、 （一） (1) 第一章 第3节 第二部分 1. 1、 ① ⑴ ⒈ */
static size_t heading_at(const char *s, size_t n)
{
    size_t i = 0;
    int32_t c = n ? next_cp(s, n, &i) : -1, d;
    if (c >= 0x2460 && c <= 0x249B) /* ① .. ⒛ */
        return i;
    if (is_cn_numeral(c)) {
        int k = 1 + numerals(s, n, &i, 0, &d);
        return d == 0x3001 && k <= 4 ? i : 0;
    }
    if (c == 0xFF08 || c == '(') {
        int k = numerals(s, n, &i, 1, &d);
        return k >= 1 && k <= 3 && (d == 0xFF09 || d == ')') ? i : 0;
    }
    if (c == 0x7B2C) { /* 第 */
        int k = numerals(s, n, &i, 1, &d);
        if (k < 1 || k > 4)
            return 0;
        if (d == 0x7AE0 || d == 0x8282 || d == 0x7BC7 || d == 0x7F16) /* 章 节 篇 编 */
            return i;
        return d == 0x90E8 && i < n && next_cp(s, n, &i) == 0x5206 ? i : 0; /* 部分 */
    }
    if (c >= '0' && c <= '9') {
        int k = 1 + numerals(s, n, &i, 1, &d);
        /* 1. 12、 but not 1.5 or 3、4月 */
        if (k > 2 || !(d == '.' || d == 0x3001) || i >= n)
            return 0;
        size_t j = i;
        int32_t e = next_cp(s, n, &j);
        return !(e >= '0' && e <= '9') && e != '.' ? i : 0;
    }
    return 0;
}

/* Is s[0..n) a page number: 1-4 digits, maybe between dashes (— 3 —,
 * - 12 -), or 第 3 页? */
static int is_folio(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    int32_t c = -1;
    int page = 0;
    while (i < n) { /* dashes, spaces, 第 */
        size_t j = i;
        c = next_cp(s, n, &j);
        if (!(c == ' ' || c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2500 || (c == 0x7B2C && !page)))
            break;
        page |= c == 0x7B2C;
        i = j;
    }
    while (i < n && is_digit(s[i]) && digits < 5) {
        i++;
        digits++;
    }
    if (digits == 0 || digits > 4)
        return 0;
    while (i < n) { /* spaces, dashes, 页 after 第 */
        size_t j = i;
        c = next_cp(s, n, &j);
        if (!(c == ' ' || c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2500 || (c == 0x9875 && page)))
            return 0;
        i = j;
    }
    return 1;
}

/* ---- lines ---- */

/* Fill l (b, e, lead, width, nchar, flags) from the line text[a..z). */
static void measure(const char *s, size_t a, size_t z, line *l)
{
    size_t b = a, e = z;
    while (b < e && s[b] == ' ')
        b++;
    while (e > b && s[e - 1] == ' ')
        e--;
    l->b = b;
    l->e = e;
    l->lead = (unsigned)(b - a);
    l->blank = b == e;
    if (l->blank)
        return;
    /* punctuation after a heading marker only: 一、 alone is not a clause */
    size_t hl = heading_at(s + b, e - b);
    l->heading = hl > 0;
    unsigned w = 0, nc = 0;
    size_t i = b;
    while (i < e) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (((u[0] >= 0xE5 && u[0] <= 0xE9) || (u[0] == 0xE4 && i + 1 < e && u[1] >= 0xB8)) && i + 2 < e) {
            w += 2; /* U+4E00..U+9FFF: an ideograph, no punctuation */
            nc++;
            i += 3;
            continue;
        }
        size_t at = i;
        int32_t c = next_cp(s, e, &i);
        w += cp_width(c);
        if (at >= b + hl && is_clause_punct(c))
            l->punct = 1;
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)
            l->term = 1;
        nc++;
    }
    l->width = w;
    l->nchar = nc;
    /* how the line ends: skip closing quotes and brackets back to a
     * terminator; a bare closer (“新”) does not end a sentence */
    size_t j = e;
    int32_t c = -1;
    int closers = 0;
    while (j > b) {
        size_t k = j - 1;
        while (k > b && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        size_t t = k;
        c = next_cp(s, e, &t);
        if (!is_closer(c))
            break;
        closers++;
        j = k;
    }
    if (j == b)
        l->end = END_NONE;
    else if (is_terminator(c) || (c == '.' && closers == 0 && j - 1 > b && !is_digit(s[j - 2])))
        l->end = END_SENT;
    else if (is_colon(c))
        l->end = END_COLON;
    else
        l->end = END_NONE;
    l->dash = e - b >= 6 && memcmp(s + b, "\xe2\x80\x94\xe2\x80\x94", 6) == 0;
    l->folio = is_folio(s + b, e - b);
}

/* Split norm into lines; only non-blank ones are kept, each with the count
 * of blank lines before it. */
static mb_status scan_lines(const mb_text *norm, line **out, size_t *n)
{
    size_t cap = 0, m = 0;
    line *ls = NULL;
    unsigned no = 1, gap = 0;
    size_t i = 0;
    const char *s = norm->s;
    while (i < norm->len) {
        const char *nl = memchr(s + i, '\n', norm->len - i);
        size_t z = nl ? (size_t)(nl - s) : norm->len;
        line l;
        memset(&l, 0, sizeof l);
        measure(s, i, z, &l);
        if (l.blank) {
            gap++;
        } else {
            if (!mb_grow((void **)&ls, &cap, m + 1, sizeof *ls)) {
                free(ls);
                return MB_ENOMEM;
            }
            l.no = no;
            l.gap = gap;
            gap = 0;
            ls[m++] = l;
        }
        i = z + 1;
        no++;
    }
    *out = ls;
    *n = m;
    return MB_OK;
}

/* ---- layout measures ---- */

enum { WINDOW = 8, MAXW = 64 };

static void sort_small(unsigned *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        unsigned v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* The usual width of a sorted set: the median of its densest band. */
static unsigned band_width(const unsigned *w, size_t m)
{
    size_t best_i = 0, best_c = 0, j = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned band = 3 + w[i] / 20;
        if (j < i)
            j = i;
        while (j < m && w[j] <= w[i] + band)
            j++;
        if (j - i >= best_c) {
            best_c = j - i;
            best_i = i;
        }
    }
    return best_c ? w[best_i + best_c / 2] : 0;
}

static int usable(const line *l)
{
    return l->nchar >= 4 && !l->vert && !l->folio;
}

/* Local column width of every line. */
static mb_status column_widths(line *ls, size_t n)
{
    unsigned buf[2 * WINDOW + 1];
    size_t *cand = malloc((n ? n : 1) * sizeof *cand); /* the usable lines */
    size_t nc = 0, p = 0;
    if (!cand)
        return MB_ENOMEM;
    for (size_t k = 0; k < n; k++)
        if (usable(&ls[k]))
            cand[nc++] = k;
    for (size_t k = 0; k < n; k++) {
        if (nc == 0) {
            ls[k].W = ls[k].width;
            continue;
        }
        while (p < nc && cand[p] < k)
            p++;
        size_t lo = p > WINDOW ? p - WINDOW : 0;
        size_t hi = p + WINDOW + 1 < nc ? p + WINDOW + 1 : nc;
        size_t m = 0;
        for (size_t q = lo; q < hi; q++)
            buf[m++] = ls[cand[q]].width;
        sort_small(buf, m);
        ls[k].W = band_width(buf, m);
    }
    free(cand);
    return MB_OK;
}

/* Lines wider than their column; runs of them get their own width. */
static void mark_wide(line *ls, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        unsigned W = ls[k].W, m = W / 8 > 4 ? W / 8 : 4;
        ls[k].wide = !ls[k].vert && ls[k].width >= W + m;
    }
    unsigned buf[2 * WINDOW + 1];
    for (size_t k = 0; k < n;) {
        if (!ls[k].wide) {
            k++;
            continue;
        }
        size_t z = k + 1;
        while (z < n && ls[z].wide && !ls[z].sep)
            z++;
        if (z - k >= 2) {
            for (size_t a = k; a < z; a++) {
                size_t lo = a >= k + WINDOW ? a - WINDOW : k;
                size_t hi = a + WINDOW + 1 < z ? a + WINDOW + 1 : z;
                size_t m = 0;
                for (size_t q = lo; q < hi; q++)
                    buf[m++] = ls[q].width;
                sort_small(buf, m);
                ls[a].W = band_width(buf, m);
            }
        }
        k = z;
    }
}

static unsigned slack(const line *l)
{
    return l->W > l->width ? l->W - l->width : 0;
}

/* Vertical text: runs of 3+ one-character lines with no blank line
 * between them. */
static void mark_vertical(line *ls, size_t n)
{
    for (size_t k = 0; k < n;) {
        if (ls[k].nchar != 1 || ls[k].punct) {
            k++;
            continue;
        }
        size_t z = k + 1;
        while (z < n && ls[z].nchar == 1 && !ls[z].punct && !ls[z].sep)
            z++;
        if (z - k >= 3)
            for (size_t q = k; q < z; q++)
                ls[q].vert = 1;
        k = z;
    }
}

/* Title blocks: between blank lines, at most 3 lines, no clause
 * punctuation; before the first sentence of the document, or all short,
 * or all wide. */
static void mark_titles(line *ls, size_t n)
{
    size_t first_term = n;
    for (size_t k = 0; k < n; k++)
        if (ls[k].term) {
            first_term = k;
            break;
        }
    for (size_t k = 0; k < n;) {
        size_t z = k + 1;
        while (z < n && !ls[z].sep)
            z++;
        /* block [k, z), blank lines (or the document's edges) around it */
        int ok = z - k <= 3;
        int all_short = 1, all_wide = 1;
        for (size_t q = k; ok && q < z; q++) {
            if (ls[q].punct || ls[q].vert || ls[q].heading)
                ok = 0;
            if (4 * ls[q].width >= 3 * ls[q].W)
                all_short = 0;
            if (!ls[q].wide)
                all_wide = 0;
        }
        if (ok && (z <= first_term || all_short || all_wide))
            for (size_t q = k; q < z; q++)
                ls[q].title = 1;
        k = z;
    }
}

static unsigned percentile(unsigned *hist, size_t total, unsigned pct)
{
    size_t want = (total * pct + 99) / 100, acc = 0;
    for (unsigned v = 0; v < MAXW; v++) {
        acc += hist[v];
        if (acc >= want && acc > 0)
            return v;
    }
    return MAXW - 1;
}

/* Does the document look wrapped? No page column is 300 columns wide; below
 * that, wrapped text shows as long lines that end mid-sentence. */
static int looks_wrapped(const line *ls, size_t n)
{
    enum { CAP = 512, MAX_COLUMN = 300 };
    unsigned hist[CAP] = {0};
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (ls[k].nchar >= 2) {
            hist[ls[k].width < CAP ? ls[k].width : CAP - 1]++;
            m++;
        }
    if (n < 2 || m == 0)
        return 0;
    size_t acc = 0;
    unsigned p90 = 0;
    while (p90 < CAP - 1 && (acc += hist[p90]) <= m * 9 / 10)
        p90++;
    if (p90 > MAX_COLUMN)
        return 0;
    size_t nlong = 0, nmid = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        if (ls[k].nchar < 2 || 10 * ls[k].width < 6 * p90)
            continue;
        nlong++;
        if (ls[k].end == END_NONE && !ls[k].heading)
            nmid++;
    }
    /* two long lines, one of them ending mid-sentence (a byline in
     * parentheses after a web page's paragraph), are too few to tell: a
     * handful of long lines is wrapped only when none ends a sentence */
    if (nlong < 3)
        return nlong > 0 && nmid == nlong;
    return 10 * nmid >= 3 * nlong;
}

/* ---- decisions ---- */

static unsigned umax(unsigned a, unsigned b)
{
    return a > b ? a : b;
}

/* Blank lines that mean something: any in one-paragraph-per-line text;
 * in wrapped text, only more than the usual count (double-spaced output
 * has one after every line). */
static void mark_separators(line *ls, size_t n, int wrapped)
{
    unsigned gap_hist[MAXW] = {0}, usual = 0;
    for (size_t k = 1; wrapped && k < n; k++)
        gap_hist[ls[k].gap < MAXW ? ls[k].gap : MAXW - 1]++;
    for (unsigned v = 1; wrapped && v < MAXW; v++)
        if (gap_hist[v] > gap_hist[usual])
            usual = v;
    for (size_t k = 0; k < n; k++)
        ls[k].sep = k == 0 || ls[k].gap > usual;
}

/* Set brk (a paragraph starts here) on the lines of wrapped text; vertical
 * runs are already decided. */
static mb_status decide_breaks(line *ls, size_t n)
{
    /* margin: the usual leading space */
    unsigned lead_hist[MAXW] = {0};
    for (size_t k = 0; k < n; k++)
        lead_hist[ls[k].lead < MAXW ? ls[k].lead : MAXW - 1]++;
    unsigned margin = 0;
    for (unsigned v = 1; v < MAXW; v++)
        if (lead_hist[v] > lead_hist[margin])
            margin = v;
    for (size_t k = 0; k < n; k++)
        ls[k].indent = ls[k].lead > margin;
    if (column_widths(ls, n))
        return MB_ENOMEM;
    mark_wide(ls, n);
    mark_titles(ls, n);

    /* jitter J: 75th percentile slack of lines ending mid-sentence */
    unsigned hist[MAXW] = {0};
    size_t tot = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        const line *l = &ls[k];
        if (l->end != END_NONE || l->wide || l->vert || l->title || 2 * l->width < l->W || l->nchar < 4)
            continue;
        unsigned s = slack(l);
        hist[s < MAXW ? s : MAXW - 1]++;
        tot++;
    }
    unsigned J = tot ? percentile(hist, tot, 75) : 2;
    /* indent I: median slack of lines opening a paragraph after a clear
     * break (a sentence end followed by a blank line, a heading, or a clearly
     * short line) */
    memset(hist, 0, sizeof hist);
    tot = 0;
    for (size_t k = 1; k + 1 < n; k++) {
        const line *a = &ls[k - 1], *b = &ls[k];
        if (a->end == END_NONE || b->end != END_NONE || b->wide || b->vert || b->indent || b->heading ||
            b->title || b->nchar < 4 || a->wide)
            continue;
        if (!(b->sep || a->heading || 4 * slack(a) >= a->W))
            continue;
        unsigned s = slack(b);
        if (3 * s > b->W)
            continue;
        hist[s < MAXW ? s : MAXW - 1]++;
        tot++;
    }
    unsigned I = tot >= 2 ? percentile(hist, tot, 50) : 0;
    /* clearly short: beyond the jitter; an indented first line: within 2
     * columns of I, when I itself is beyond the jitter */
    unsigned t_short = umax(3, J + 2);
    unsigned t_first = umax(t_short, I >= 2 ? I - 2 : 0);
    int use_first = I >= t_short;

    for (size_t k = 1; k < n; k++) {
        line *a = &ls[k - 1], *b = &ls[k];
        int brk;
        if (a->vert || b->vert)
            continue;
        if (b->heading || b->indent || a->folio || b->folio)
            brk = 1;
        else if (a->title != b->title || (a->title && b->sep))
            brk = 1;
        else if (a->title)
            brk = 0;
        else if (a->wide != b->wide)
            brk = !(a->wide && !b->sep && a->end == END_NONE && 2 * b->width < b->W);
        else if (b->sep && a->wide)
            brk = 1;
        else {
            /* slack of A, less the indentation of a first line */
            unsigned sa = slack(a);
            if (a->brk)
                sa = sa > I ? sa - I : 0;
            if (a->end != END_NONE)
                brk = b->sep || b->dash || sa >= t_short || (use_first && slack(b) >= t_first);
            else
                brk = sa >= umax(t_short, a->W / 4);
        }
        b->brk = (unsigned char)brk;
    }
    return MB_OK;
}

/* Set brk on every line that starts a paragraph. */
static mb_status layout(line *ls, size_t n)
{
    int wrapped = looks_wrapped(ls, n);
    mark_separators(ls, n, wrapped);
    mark_vertical(ls, n);
    /* every line starts a paragraph, except inside vertical text; wrapped
     * text is decided line by line */
    for (size_t k = 0; k < n; k++)
        ls[k].brk = !(k > 0 && ls[k].vert && ls[k - 1].vert && !ls[k].sep);
    return wrapped ? decide_breaks(ls, n) : MB_OK;
}

/* ---- sentences ---- */

static mb_status push_sentence(mb_sentence **v, size_t *n, size_t *cap, const char *s, size_t a, size_t z)
{
    while (a < z && s[a] == ' ')
        a++;
    while (z > a && s[z - 1] == ' ')
        z--;
    if (a >= z)
        return MB_OK;
    if (!mb_grow((void **)v, cap, *n + 1, sizeof **v))
        return MB_ENOMEM;
    (*v)[*n].start = a;
    (*v)[*n].end = z;
    (*n)++;
    return MB_OK;
}

/* Bytes that can start a terminator (。！？；… ! ? ;). */
static const unsigned char starts_terminator[256] = {
    ['!'] = 1, ['?'] = 1, [';'] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

/* Length of the UTF-8 character with lead byte u (1 for a stray byte). */
static size_t char_len(unsigned char u)
{
    return u < 0xC0 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
}

/* Split text[0..len); forced[0..nforced) are ascending offsets where a
 * sentence must end (line-level cases). */
static mb_status split(const char *s, size_t len, const size_t *forced, size_t nforced, mb_sentence **out,
                       size_t *n)
{
    mb_sentence *v = NULL;
    size_t nv = 0, cap = 0, start = 0, f = 0, i = 0;
    while (i < len) {
        while (f < nforced && forced[f] < i)
            f++;
        size_t lim = f < nforced && forced[f] < len ? forced[f] : len, j = i;
        int32_t c = 0;
        /* find the next terminator before lim */
        while (i < lim) {
            unsigned char u = (unsigned char)s[i];
            if (!starts_terminator[u]) {
                i += char_len(u);
                continue;
            }
            j = i;
            c = next_cp(s, len, &j);
            if (is_terminator(c))
                break;
            i = j;
        }
        if (i >= lim) { /* none: a forced boundary or the end */
            if (i >= len)
                break;
            if (i == lim && push_sentence(&v, &nv, &cap, s, start, i))
                goto nomem;
            start = i;
            f++;
            continue;
        }
        /* a run of terminators, then closing quotes and brackets */
        for (;;) {
            size_t t = j;
            if (t >= len)
                break;
            int32_t d = next_cp(s, len, &t);
            if (!is_terminator(d) && !is_closer(d))
                break;
            j = t;
        }
        if (push_sentence(&v, &nv, &cap, s, start, j))
            goto nomem;
        start = i = j;
    }
    if (push_sentence(&v, &nv, &cap, s, start, len))
        goto nomem;
    *out = v;
    *n = nv;
    return MB_OK;
nomem:
    free(v);
    return MB_ENOMEM;
}

mb_status mb_split_sentences(const char *text, size_t len, mb_sentence **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    return split(text, len, NULL, 0, out, n);
}

/* ---- paragraphs ---- */

void mb_paragraphs_free(mb_paragraph *p, size_t n)
{
    if (!p)
        return;
    for (size_t i = 0; i < n; i++) {
        mb_text_free(&p[i].text);
        free(p[i].sentences);
    }
    free(p);
}

static int latin_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Joining line a to line b, whose facing characters are x and y: one space
 * between Latin words, none between the digits of a number wrapped inside
 * Chinese text. */
static int needs_space(const line *a, const line *b, char x, char y)
{
    if (!latin_alnum(x) || !latin_alnum(y))
        return 0;
    int cjk = a->width > a->nchar || b->width > b->nchar;
    return !(is_digit(x) && is_digit(y) && cjk);
}

/* Build paragraph p from lines ls[k0..k1). */
static mb_status build(mb_paragraph *p, const mb_text *norm, const line *ls, size_t k0, size_t k1,
                       size_t **forced, size_t *fcap)
{
    size_t nf = 0, total = 0;
    for (size_t k = k0; k < k1; k++)
        total += ls[k].e - ls[k].b + 1; /* room for a space too */
    mb_status st = mb_text_reserve(&p->text, total);
    if (st)
        return st;
    for (size_t k = k0; k < k1; k++) {
        const line *l = &ls[k];
        if (k > k0 && needs_space(&ls[k - 1], l, p->text.s[p->text.len - 1], norm->s[l->b])) {
            /* the inserted space stands for the line break between them */
            uint32_t so, eo, x;
            mb_text_byte_source(norm, ls[k - 1].e - 1, &x, &so);
            mb_text_byte_source(norm, l->b, &eo, &x);
            st = mb_text_append(&p->text, " ", 1, so, eo);
            if (st)
                return st;
        }
        st = mb_text_append_slice(&p->text, norm, l->b, l->e);
        if (st)
            return st;
        if (k + 1 < k1 && l->heading && !l->punct) {
            if (!mb_grow((void **)forced, fcap, nf + 1, sizeof **forced))
                return MB_ENOMEM;
            (*forced)[nf++] = p->text.len;
        }
    }
    p->line = ls[k0].no;
    mb_text_source_range(&p->text, 0, p->text.len, &p->src_start, &p->src_end);
    return split(p->text.s, p->text.len, *forced, nf, &p->sentences, &p->nsentences);
}

mb_status mb_reflow(const mb_text *norm, mb_paragraph **out, size_t *n, mb_error *err)
{
    *out = NULL;
    *n = 0;
    line *ls = NULL;
    size_t nl = 0;
    if (scan_lines(norm, &ls, &nl))
        return mb_error_set(err, MB_ENOMEM, "reflow: out of memory");
    if (layout(ls, nl)) {
        free(ls);
        return mb_error_set(err, MB_ENOMEM, "reflow: out of memory");
    }
    size_t np = 0;
    for (size_t k = 0; k < nl; k++)
        np += ls[k].brk;
    mb_paragraph *ps = calloc(np ? np : 1, sizeof *ps);
    size_t *forced = NULL, fcap = 0;
    if (!ps) {
        free(ls);
        return mb_error_set(err, MB_ENOMEM, "reflow: out of memory");
    }
    size_t i = 0;
    for (size_t k = 0; k < nl;) {
        size_t z = k + 1;
        while (z < nl && !ls[z].brk)
            z++;
        ps[i].index = i;
        if (build(&ps[i], norm, ls, k, z, &forced, &fcap)) {
            mb_paragraphs_free(ps, i + 1);
            free(forced);
            free(ls);
            return mb_error_set(err, MB_ENOMEM, "reflow: out of memory");
        }
        i++;
        k = z;
    }
    free(forced);
    free(ls);
    *out = ps;
    *n = np;
    return MB_OK;
}
