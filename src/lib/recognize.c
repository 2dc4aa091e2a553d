/* recognize.c — the recognizer: scan, quantities, skip marks (see recognize.h). */
#include "recognize.h"

#include "error.h"
#include "lexicon.h"
#include "numeral.h"
#include "rx.h"
#include "text.h"
#include "timex.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ---- */

const char *mb_comparator_name(mb_comparator c)
{
    static const char *const n[] = {NULL, "eq", "gt", "ge", "lt", "le", "approx", "range"};
    return (unsigned)c < sizeof n / sizeof n[0] ? n[c] : NULL;
}

const char *mb_qkind_name(mb_qkind k)
{
    static const char *const n[] = {"number",   "percent",  "permille", "ppoint",
                                    "multiple", "fraction", "ratio"};
    return (unsigned)k < sizeof n / sizeof n[0] ? n[k] : NULL;
}

const char *mb_skip_name(mb_skip s)
{
    static const char *const n[] = {NULL,    "name",   "slogan", "ordinal", "rhetorical",
                                    "phone", "docnum", "date",   "age"};
    return (unsigned)s < sizeof n / sizeof n[0] ? n[s] : NULL;
}

const char *mb_timex_kind_name(mb_timex_kind k)
{
    static const char *const n[] = {"year", "year_range", "date", "part",    "relative",
                                    "span", "duration",   "plan", "century", "annual"};
    return (unsigned)k < sizeof n / sizeof n[0] ? n[k] : NULL;
}

const char *mb_time_marker_name(mb_time_marker m)
{
    static const char *const n[] = {NULL, "to", "by", "as_of", "since", "base"};
    return (unsigned)m < sizeof n / sizeof n[0] ? n[m] : NULL;
}

/* ---- the unit table ---- */

/* unit categories (internal); the public MB_QF_* flags are derived */
enum {
    U_MEASURE = 1,
    U_CURRENCY,
    U_PHYSICAL,
    U_DURATION,
    U_PERCENT,
    U_PERMILLE,
    U_PPOINT,
    U_MULTIPLE,
    U_AGE,
    U_DATE,
    U_DOCNUM,
    U_ORDINAL,
    U_STREAK,
};
#define U_RHET    0x100 /* after a small Chinese numeral: a rhetorical count (三件事, 两个大局) */
#define U_DA      0x200 /* 大: 八大工程, 3大产业集群 */
#define U_DECIMAL 0x400 /* a unit only after a decimal number: 10.5年 */

typedef struct unit_def {
    const char *text; /* as written (the lexicon's word) */
    size_t len;
    char *unit; /* canonical (malloc'ed); NULL for none */
    unsigned cat;
    int more; /* the unit itself says more than: 个多月 */
} unit_def;

/* A unit's lexicon row and its place in the unit table. */
typedef struct unit_row {
    const mb_lexword *w;
    uint32_t i;
} unit_row;

/* The unit table of the recognizer: the lexicon's unit class, longest
 * first (the order of the suffix pattern's alternation). */
static const unit_def *find_unit(const mb_recognizer *r, const char *s, size_t n);

static unsigned unit_qflags(const unit_def *u)
{
    switch (u->cat & 0xFF) {
    case U_MEASURE: return MB_QF_MEASURE;
    case U_CURRENCY: return MB_QF_CURRENCY;
    case U_PHYSICAL: return MB_QF_PHYSICAL;
    case U_DURATION: return MB_QF_DURATION;
    case U_STREAK: return MB_QF_STREAK;
    default: return 0;
    }
}

const char *mb_unit_canonical(const mb_recognizer *r, const char *text, size_t len, unsigned *qflags)
{
    const unit_def *u = find_unit(r, text, len);
    if (qflags)
        *qflags = u ? unit_qflags(u) : 0;
    return u ? u->unit : NULL;
}

/* ---- comparator words before a number (lexicon class cmp_prefix) ---- */

static mb_comparator cmp_of(const mb_lexword *w)
{
    static const char *const n[] = {NULL, "eq", "gt", "ge", "lt", "le", "approx", "range"};
    for (int i = 1; i < 8; i++)
        if (mb_lex_value_is(w, "cmp", n[i]))
            return (mb_comparator)i;
    return MB_CMP_NONE;
}

/* The length of the particle le (le[0..ln): 了, the lexicon's fan/part=le,
 * the le of 翻了一番; ln 0 when there is none) ending at p after floor, or
 * 0: the particle between a verb and the number it governs (超过了4.8万公里,
 * 增长了1岁). */
static size_t le_before(const char *le, size_t ln, const char *s, size_t floor, size_t p)
{
    return ln && p >= floor + ln && s[p - ln] == le[0] && !memcmp(s + p - ln, le, ln) ? ln : 0;
}

static mb_comparator prefix_before(const mb_lexicon *lex, const char *le, size_t ln, const char *s,
                                   size_t pos, size_t floor, int bare, size_t *pstart)
{
    size_t p = pos;
    while (p > floor && s[p - 1] == ' ' && pos - p < 3)
        p--;
    /* the words ending at p, longest first: 不超过 before 超过 before 过;
     * then, after the particle 了 (超过了4.8万公里), words of two
     * characters or more ending before it */
    for (int past_le = 0; past_le < 2; past_le++) {
        if (past_le) {
            size_t l = le_before(le, ln, s, floor, p);
            if (!l)
                break;
            p -= l;
        }
        const mb_lexword *w;
        for (size_t max = SIZE_MAX; (w = mb_lex_longest_before_upto(lex, MB_LX_CMP_PREFIX, s, floor, p, max));
             max = mb_lexw_len(w) - 1) {
            size_t k = mb_lexw_len(w);
            if ((mb_lex_flag(w, "bare_only") && !bare) || (past_le && k < 6))
                continue;
            size_t q = p - k;
            if (q >= floor + 3 && mb_lex_value_has_char(w, "not_prev", s + q - 3, 3))
                continue;
            *pstart = q;
            return cmp_of(w);
        }
    }
    return MB_CMP_NONE;
}

/* ---- the recognizer object ---- */

enum { S_M1, S_UNIT, S_LVL, S_M2, S_POST, S_RSEP, S_RATIO, S_SLASH, NSG };
static const char *const sfx_names[NSG] = {"m1", "unit", "lvl", "m2", "post", "rsep", "ratio", "slash"};
enum { F_N, F_MORE, F_POST, NFG };
static const char *const fan_names[NFG] = {"fn", "fmore", "fpost"};

struct mb_recognizer {
    const mb_lexicon *lex; /* borrowed: outlives the recognizer */
    unit_def *units;       /* the lexicon's units, longest first */
    size_t nunits;
    unit_row *byrow;      /* the units by their lexicon row's address: find_unit */
    const char *multiple; /* the canonical unit of 翻一番 (the unit of category multiple) */
    int32_t fan_cp;       /* the first character of 翻一番 (fan/part=verb) */
    int32_t dbl_cp;       /* the first character of the doubling words (倍增) */
    /* the BMP characters the scan stops at: the time words' first
     * characters (mb_timex_trigger_bits), fan_cp and dbl_cp */
    unsigned char stop[0x10000 / 8];
    int32_t ord_cp; /* the ordinal prefix 第 (ordinal_prefix) */
    int32_t de_cp;  /* the particle 的 (de) */
    char le[8];     /* the particle 了 (fan/part=le), le_len bytes; none: 0 */
    size_t le_len;
    mb_timex_rx *tx;
    pcre2_code *suffix; /* after a number: 多, unit, 级, 以上, range/ratio/slash */
    pcre2_code *fan;    /* 翻一番 */
    pcre2_code *phone;  /* 0512-68881234, 400-820-8820 */
    pcre2_code *stamp;  /* 2024-03-18 09:30:12, 9:00~18:00: dates and clock times in digits */
    pcre2_code *docnum; /* 2024〕5号 (after 〔) */
    int sg[NSG];
    int fg[NFG];
    unsigned maxcap;
};

/* The unit s[0..n): the lexicon's hash finds its row (or none, mostly
 * without a probe: no unit has that length or first character), then the
 * row's unit, by a binary search of the rows' addresses (all in one
 * array: the lexicon's rows). */
static const unit_def *find_unit(const mb_recognizer *r, const char *s, size_t n)
{
    const mb_lexword *w = mb_lex_get(r->lex, MB_LX_UNIT, s, n);
    if (!w)
        return NULL;
    size_t lo = 0, hi = r->nunits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)r->byrow[mid].w < (uintptr_t)w)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->nunits && r->byrow[lo].w == w ? &r->units[r->byrow[lo].i] : NULL;
}

static int cmp_row(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const unit_row *)a)->w, y = (uintptr_t)((const unit_row *)b)->w;
    return x < y ? -1 : x > y;
}

/* The unit table from the lexicon. */
static mb_status load_units(mb_recognizer *r, mb_error *err)
{
    static const char *const cats[] = {"",        "measure",  "currency", "physical", "duration",
                                       "percent", "permille", "ppoint",   "multiple", "age",
                                       "date",    "docnum",   "ordinal",  "streak"};
    mb_lexlist ws = mb_lex_words(r->lex, MB_LX_UNIT);
    r->units = calloc(ws.n ? ws.n : 1, sizeof *r->units);
    if (!r->units)
        return mb_error_set(err, MB_ENOMEM, "recognizer: out of memory");
    for (size_t i = 0; i < ws.n; i++) {
        const mb_lexword *w = mb_lexlist_at(ws, i);
        unit_def *u = &r->units[r->nunits++];
        u->text = mb_lexw_word(w);
        u->len = mb_lexw_len(w);
        for (unsigned k = 1; k < sizeof cats / sizeof cats[0]; k++)
            if (mb_lex_value_is(w, "cat", cats[k]))
                u->cat = k;
        if (!u->cat)
            return mb_error_set(err, MB_EDICT,
                                "lexicon: unit '%s' has no known cat= (measure, currency, ...)", u->text);
        u->cat |= (mb_lex_flag(w, "rhet") ? U_RHET : 0u) | (mb_lex_flag(w, "da") ? U_DA : 0u) |
                  (mb_lex_flag(w, "decimal") ? U_DECIMAL : 0u);
        u->more = mb_lex_flag(w, "more");
        size_t ul;
        const char *cu = mb_lex_value(w, "unit", &ul);
        if (cu) {
            if (!(u->unit = malloc(ul + 1)))
                return mb_error_set(err, MB_ENOMEM, "recognizer: out of memory");
            memcpy(u->unit, cu, ul);
            u->unit[ul] = '\0';
        }
        if ((u->cat & 0xFF) == U_MULTIPLE && !r->multiple)
            r->multiple = u->unit;
    }
    if (!(r->byrow = malloc((r->nunits ? r->nunits : 1) * sizeof *r->byrow)))
        return mb_error_set(err, MB_ENOMEM, "recognizer: out of memory");
    for (size_t i = 0; i < r->nunits; i++) {
        r->byrow[i].w = mb_lexlist_at(ws, i);
        r->byrow[i].i = (uint32_t)i;
    }
    qsort(r->byrow, r->nunits, sizeof *r->byrow, cmp_row);
    return MB_OK;
}

/* The pattern of what follows a number; @{class} and @[class] are lexicon
 * classes (lexicon.h), \\x{...} the Chinese numerals (numeral grammar:
 * 〇○零一二两三四五六七八九十). */
#define CN_DIGITS                                                                                            \
    "\\x{3007}\\x{25cb}\\x{96f6}\\x{4e00}\\x{4e8c}\\x{4e24}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}"    \
    "\\x{516b}\\x{4e5d}"
#define CN_TEN "\\x{5341}"
static const char suffix_template[] =
    "(?<m1>[ ]*@{more})?(?:[ ]*[(\\x{ff08}][ ]*@{magnitude_gloss}[ ]*[)\\x{ff09}])?"
    "(?:[ ]*(?<unit>@{unit}))?(?<lvl>@{level})?(?<m2>@{more})?"
    "(?:[ ]*(?<post>@{cmp_post}))?"
    "(?:(?<rsep>[ ]*@{range_sep}[ ]*)(?=[0-9" CN_DIGITS CN_TEN
    "]|@{fraction_prefix/kind=percent}|@{fraction_prefix/kind=permille})"
    "|(?<ratio>[ ]*[:\\x{2236}\\x{ff1a}@[ratio]][ ]*)(?=[0-9])|(?<slash>/)(?=[0-9]))?";

static const char fan_template[] =
    "@{fan/part=verb}(?:@{fan/part=le})?[ "
    "]*(?<fn>[\\x{4e00}\\x{4e24}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}1-5])?[ ]*"
    "@{fan/part=fold}(?<fmore>@{fan/part=more})?(?:[ ]*(?<fpost>@{fan/part=post}))?";

static const char docnum_template[] = "(?<=\\x{3014}|\\[|\\x{3010})\\d{4}[\\x{3015}\\]\\x{3011}](?:[ "
                                      "]*@{docnum/part=ord}?[ ]*\\d+[ ]*@{docnum/part=num})?";

/* The code point of the first one-character word of cls (with part=part
 * when given), -1 when there is none. */
static int32_t first_cp(const mb_lexicon *lex, mb_lexclass cls, const char *part)
{
    mb_lexlist ws = mb_lex_words_in_order(lex, cls);
    for (size_t i = 0; i < ws.n; i++) {
        const mb_lexword *w = mb_lexlist_at(ws, i);
        int32_t cp;
        if ((!part || mb_lex_value_is(w, "part", part)) &&
            mb_utf8_decode((const unsigned char *)mb_lexw_word(w), mb_lexw_len(w), &cp) ==
                (int)mb_lexw_len(w))
            return cp;
    }
    return -1;
}

/* Compile a pattern template whose @{class} parts come from the lexicon. */
static mb_status compile_template(const mb_lexicon *lex, const char *what, const char *tmpl, pcre2_code **out,
                                  mb_error *err)
{
    char *p = NULL;
    mb_status st = mb_lex_pattern(lex, tmpl, &p, err);
    if (!st)
        st = mb_rx_compile(what, p, out, err);
    free(p);
    return st;
}

void mb_recognizer_free(mb_recognizer *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nunits; i++)
        free(r->units[i].unit);
    free(r->units);
    free(r->byrow);
    mb_timex_rx_free(r->tx);
    pcre2_code_free(r->suffix);
    pcre2_code_free(r->fan);
    pcre2_code_free(r->phone);
    pcre2_code_free(r->stamp);
    pcre2_code_free(r->docnum);
    free(r);
}

void mb_recognizer_jit(mb_recognizer *r)
{
    if (!r)
        return;
    mb_timex_jit(r->tx);
    pcre2_code *codes[] = {r->suffix, r->fan, r->phone, r->stamp, r->docnum};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        mb_rx_jit(codes[i]);
}

mb_status mb_recognizer_new(const mb_lexicon *lex, mb_recognizer **out, mb_error *err)
{
    return mb_recognizer_open(lex, 1, out, err);
}

mb_status mb_recognizer_open(const mb_lexicon *lex, int jit, mb_recognizer **out, mb_error *err)
{
    if (!out)
        return mb_error_set(err, MB_EARG, "mb_recognizer_new: out is NULL");
    *out = NULL;
    if (!lex)
        return mb_error_set(err, MB_EARG, "mb_recognizer_new: no lexicon");
    if (!mb_lexicon_size(lex))
        return mb_error_set(err, MB_EDICT,
                            "the dictionary has no lexicon: compile it with 'mubiao dict compile "
                            "--lexicon FILE...' (the files of dict/lexicon/, as make does)");
    mb_recognizer *r = calloc(1, sizeof *r);
    if (!r)
        return mb_error_set(err, MB_ENOMEM, "recognizer: out of memory");
    r->lex = lex;
    mb_status st = load_units(r, err);
    r->fan_cp = first_cp(lex, MB_LX_FAN, "verb");
    {
        mb_lexlist dws = mb_lex_words_in_order(lex, MB_LX_DOUBLING);
        const mb_lexword *dw = dws.n ? mb_lexlist_at(dws, 0) : NULL;
        r->dbl_cp = -1;
        if (dw && mb_utf8_decode((const unsigned char *)mb_lexw_word(dw), mb_lexw_len(dw), &r->dbl_cp) < 1)
            r->dbl_cp = -1;
    }
    r->ord_cp = first_cp(lex, MB_LX_ORDINAL_PREFIX, NULL);
    r->de_cp = first_cp(lex, MB_LX_DE, NULL);
    {
        mb_lexlist fw = mb_lex_words_in_order(lex, MB_LX_FAN);
        for (size_t i = 0; i < fw.n && !r->le_len; i++) {
            const mb_lexword *w = mb_lexlist_at(fw, i);
            if (mb_lex_value_is(w, "part", "le") && mb_lexw_len(w) < sizeof r->le) {
                memcpy(r->le, mb_lexw_word(w), mb_lexw_len(w));
                r->le_len = mb_lexw_len(w);
            }
        }
    }
    if (!st && !r->multiple)
        st = mb_error_set(err, MB_EDICT, "lexicon: no unit of cat=multiple");
    if (!st)
        st = mb_timex_compile(lex, &r->tx, err);
    if (!st) {
        memcpy(r->stop, mb_timex_trigger_bits(r->tx), sizeof r->stop);
        int32_t also[] = {r->fan_cp, r->dbl_cp};
        for (size_t i = 0; i < 2; i++)
            if (also[i] >= 0 && also[i] < 0x10000)
                r->stop[also[i] >> 3] |= (unsigned char)(1u << (also[i] & 7));
    }
    if (!st)
        st = compile_template(lex, "suffix", suffix_template, &r->suffix, err);
    if (!st)
        st = compile_template(lex, "fan", fan_template, &r->fan, err);
    if (!st)
        st = mb_rx_compile("phone", "(?:0\\d{2,3}-\\d{7,8}|400-\\d{3}-\\d{4}|1[3-9]\\d{9})(?![\\d.])",
                           &r->phone, err);
    if (!st)
        st = mb_rx_compile(
            "stamp",
            "(?:\\d{4}([-/.])\\d{1,2}\\1\\d{1,2}(?:[T ]?\\d{1,2}:\\d{2}(?::\\d{2})?)?"
            "|\\d{1,2}:\\d{2}(?::\\d{2})?(?: ?[~\\x{FF5E}\\x{2014}\\x{2013}-] ?\\d{1,2}:\\d{2}(?::\\d{2})?)?)"
            "(?![\\d])",
            &r->stamp, err);
    if (!st)
        st = compile_template(lex, "docnum", docnum_template, &r->docnum, err);
    for (int i = 0; !st && i < NSG; i++)
        if ((r->sg[i] = mb_rx_group(r->suffix, "suffix", sfx_names[i], err)) < 0)
            st = MB_EPATTERN;
    for (int i = 0; !st && i < NFG; i++)
        if ((r->fg[i] = mb_rx_group(r->fan, "fan", fan_names[i], err)) < 0)
            st = MB_EPATTERN;
    if (st) {
        mb_recognizer_free(r);
        return st;
    }
    unsigned m = mb_timex_captures(r->tx);
    const pcre2_code *codes[] = {r->suffix, r->fan, r->phone, r->stamp, r->docnum};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (mb_rx_captures(codes[i]) > m)
            m = mb_rx_captures(codes[i]);
    r->maxcap = m;
    if (jit)
        mb_recognizer_jit(r);
    *out = r;
    return MB_OK;
}

/* ---- one call ---- */

typedef struct work {
    pcre2_match_data *md;
    size_t capq, capt;
} work;

typedef struct scan {
    const mb_recognizer *r;
    pcre2_match_data *md;
    const char *s;
    size_t len;
    size_t floor; /* end of the last item: look-backs stop here */
    int year;
    mb_recognition *out;
    work *w;
} scan;

static mb_status add_q(scan *c, const mb_quantity *q)
{
    if (c->out->nq == c->w->capq) {
        size_t nc = c->w->capq ? 2 * c->w->capq : 16;
        mb_quantity *v = realloc(c->out->q, nc * sizeof *v);
        if (!v)
            return MB_ENOMEM;
        c->out->q = v;
        c->w->capq = nc;
    }
    c->out->q[c->out->nq++] = *q;
    c->floor = q->end;
    return MB_OK;
}

static mb_status add_t(scan *c, const mb_timex *t)
{
    if (c->out->nt == c->w->capt) {
        size_t nc = c->w->capt ? 2 * c->w->capt : 16;
        mb_timex *v = realloc(c->out->t, nc * sizeof *v);
        if (!v)
            return MB_ENOMEM;
        c->out->t = v;
        c->w->capt = nc;
    }
    c->out->t[c->out->nt++] = *t;
    c->floor = t->end;
    return MB_OK;
}

/* The code point before s[pos] (not before floor); -1 if none. */
static int32_t cp_before(const scan *c, size_t pos)
{
    if (pos == 0)
        return -1;
    size_t p = pos - 1;
    while (p > 0 && ((unsigned char)c->s[p] & 0xC0) == 0x80 && pos - p < 4)
        p--;
    int32_t cp;
    if (mb_utf8_decode((const unsigned char *)c->s + p, pos - p, &cp) != (int)(pos - p))
        return -1;
    return cp;
}

static int32_t cp_at(const scan *c, size_t pos)
{
    int32_t cp;
    if (pos >= c->len || mb_utf8_decode((const unsigned char *)c->s + pos, c->len - pos, &cp) <= 0)
        return -1;
    return cp;
}

static int is_latin(int32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

static int is_han(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static int is_open_quote(int32_t cp)
{
    return cp == 0x201C || cp == 0x2018 || cp == '"' || cp == '\'' || cp == 0x300C || cp == 0x300E;
}

static int is_close_quote(int32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == '"' || cp == '\'' || cp == 0x300D || cp == 0x300F;
}

/* 1 if a close quote follows pos after at most max Chinese characters
 * (“三颗明珠”: the quoted term goes on after the count). */
static int quote_closes_after(const scan *c, size_t pos, int max)
{
    for (int k = 0; k <= max; k++) {
        int32_t cp = cp_at(c, pos);
        if (is_close_quote(cp))
            return 1;
        if (!is_han(cp))
            return 0;
        pos += 3; /* a Han character of the BMP: three bytes */
    }
    return 0;
}

/* What follows a number. */
typedef struct sfx {
    size_t end; /* end of the last part read (spaces alone are not kept) */
    const unit_def *unit;
    int more, lvl;
    size_t lvl_a; /* where 级 starts */
    mb_comparator post;
    size_t rsep_end, ratio_end, slash_end; /* 0: none */
} sfx;

static mb_comparator post_cmp(const mb_lexicon *lex, const char *s, size_t a, size_t b)
{
    return cmp_of(mb_lex_get(lex, MB_LX_CMP_POST, s + a, b - a));
}

static void read_suffix(scan *c, size_t p, sfx *x)
{
    memset(x, 0, sizeof *x);
    x->end = p;
    if (!mb_rx_match(c->r->suffix, c->md, c->s, c->len, p))
        return;
    const int *g = c->r->sg;
    size_t a, b;
    if (mb_rx_span(c->md, g[S_M1], &a, &b))
        x->more = 1, x->end = b;
    if (mb_rx_span(c->md, g[S_UNIT], &a, &b)) {
        size_t u = a;
        while (u < b && c->s[u] == ' ')
            u++;
        x->unit = find_unit(c->r, c->s + u, b - u);
        x->end = b;
        if (x->unit && x->unit->more)
            x->more = 1; /* 八个多月, 一个多百分点 */
    }
    if (mb_rx_span(c->md, g[S_LVL], &a, &b))
        x->lvl = 1, x->lvl_a = a, x->end = b;
    if (mb_rx_span(c->md, g[S_M2], &a, &b))
        x->more = 1, x->end = b;
    if (mb_rx_span(c->md, g[S_POST], &a, &b)) {
        size_t u = a;
        while (u < b && c->s[u] == ' ')
            u++;
        x->post = post_cmp(c->r->lex, c->s, u, b);
        x->end = b;
    }
    if (mb_rx_span(c->md, g[S_RSEP], &a, &b))
        x->rsep_end = b;
    if (mb_rx_span(c->md, g[S_RATIO], &a, &b))
        x->ratio_end = b;
    if (mb_rx_span(c->md, g[S_SLASH], &a, &b))
        x->slash_end = b;
}

static int cat(const unit_def *u)
{
    return u ? (int)(u->cat & 0xFF) : 0;
}

/* Second number of a range at p; fills *b, *bs and returns 1 if usable. */
static int range_end(scan *c, size_t p, mb_numeral *b, sfx *bs)
{
    if (!mb_numeral_parse(c->s + p, c->len - p, 0, b))
        return 0;
    if (b->flags & (MB_NUM_TOOBIG | MB_NUM_VAGUE | MB_NUM_BARE | MB_NUM_FRACTION))
        return 0;
    mb_timex t;
    if (mb_timex_at(c->r->tx, c->md, c->s, c->len, p, p, c->year, &t))
        return 0; /* 5%到2025年: a time, not a range */
    read_suffix(c, p + b->len, bs);
    return 1;
}

static const char *numeral_unit(unsigned nf)
{
    if (nf & MB_NUM_PERCENT)
        return "%";
    if (nf & MB_NUM_PERMILLE)
        return "‰";
    return NULL;
}

static mb_qkind qkind_of(unsigned nf, const unit_def *u)
{
    if (nf & MB_NUM_PERCENT)
        return MB_Q_PERCENT;
    if (nf & MB_NUM_PERMILLE)
        return MB_Q_PERMILLE;
    if (nf & MB_NUM_FRACTION)
        return MB_Q_FRACTION;
    switch (cat(u)) {
    case U_PERCENT: return MB_Q_PERCENT;
    case U_PERMILLE: return MB_Q_PERMILLE;
    case U_PPOINT: return MB_Q_PPOINT;
    case U_MULTIPLE: return MB_Q_MULTIPLE;
    default: return MB_Q_NUMBER;
    }
}

static int same_unit(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* A quantity at pos (a digit or a Chinese numeral). Returns where the scan
 * goes on; *st is set on allocation failure. */
/* The length of a list separator (、 和 及) at pos that a digit follows,
 * or 0. */
static size_t list_item_before_number(const scan *c, size_t pos)
{
    const mb_lexword *w = mb_lex_longest_at(c->r->lex, MB_LX_LIST_CONJ, c->s, c->len, pos);
    if (!w || mb_lex_flag(w, "wide"))
        return 0;
    size_t e = pos + mb_lexw_len(w);
    return e < c->len && c->s[e] >= '0' && c->s[e] <= '9' ? mb_lexw_len(w) : 0;
}

/* 1 if an age at pos is a statistic (人均预期寿命达到78岁, 提高1岁, 增长了1岁):
 * a change verb, a linking verb or a statistic word (寿命) stands right
 * before it (or before its 了); else it is a person's age (60岁以上老人)
 * and no record. */
static int age_statistic(const scan *c, size_t pos, size_t end)
{
    static const mb_lexclass cls[] = {MB_LX_CHANGE_UP, MB_LX_CHANGE_DOWN, MB_LX_AGE_STAT, MB_LX_LINKER};
    while (pos > c->floor && c->s[pos - 1] == ' ')
        pos--;
    /* the particle 了 after the verb: 每5年都增长了1岁 */
    pos -= le_before(c->r->le, c->r->le_len, c->s, c->floor, pos);
    /* a linking verb only when the age ends its clause (为60岁以上老人: a preposition) */
    int32_t after = cp_at(c, end);
    int closes = after < 0 || after == 0xFF0C || after == 0x3002 || after == 0xFF1B || after == 0x3001 ||
                 after == ',' || after == ';' || after == 0xFF09 || after == ')';
    for (size_t k = 0; k < sizeof cls / sizeof cls[0]; k++)
        if ((cls[k] != MB_LX_LINKER || closes) &&
            mb_lex_longest_before(c->r->lex, cls[k], c->s, c->floor, pos))
            return 1;
    return 0;
}

/* 1 when the word right before a count at start is a name_prefix whose
 * unit= is the count's unit: the count names a document (新36条). */
static int named_by_count(const scan *c, size_t start, const char *unit)
{
    size_t floor = start >= 12 ? start - 12 : 0;
    const mb_lexword *w = mb_lex_longest_before(c->r->lex, MB_LX_NAME_PREFIX, c->s, floor, start);
    return w && unit && mb_lex_value_is(w, "unit", unit);
}

static size_t quantity_at(scan *c, size_t pos, mb_status *st)
{
    const char *s = c->s;
    mb_numeral a;
    int32_t cp0 = cp_at(c, pos);
    size_t clen = cp0 < 0x80 ? 1 : cp0 < 0x800 ? 2 : cp0 < 0x10000 ? 3 : 4;
    if (!mb_numeral_parse(s + pos, c->len - pos, 0, &a))
        return pos + clen;
    size_t aend = pos + a.len;
    if (a.flags & (MB_NUM_TOOBIG | MB_NUM_VAGUE))
        return aend;
    unsigned nf = a.flags;
    int chinese = (nf & MB_NUM_CHINESE) != 0;

    mb_quantity q;
    memset(&q, 0, sizeof q);
    q.start = q.num_start = pos;
    q.num_end = q.end = aend;
    if (chinese)
        q.flags |= MB_QF_CHINESE;

    if (!chinese) { /* stamps, phone and document numbers first */
        /* a date or clock time in digits (发布时间：2024-03-18 09:30:12,
         * 服务时间 9:00~18:00) is page furniture, never a quantity */
        if ((pos == 0 || s[pos - 1] < '0' || s[pos - 1] > '9') &&
            mb_rx_match(c->r->stamp, c->md, s, c->len, pos)) {
            q.end = q.num_end = mb_rx_end(c->md);
            q.skip = MB_SKIP_DATE;
            q.has_value = 1; /* its first number, as for other skipped dates */
            q.value = a.value;
            *st = add_q(c, &q);
            return q.end;
        }
        /* © 2025, a footnote mark [2] after a word */
        int32_t pb = cp_before(c, pos);
        if (pb == ' ' && pos >= 1)
            pb = cp_before(c, pos - 1);
        if (pb == 0xA9 ||
            ((pb == '[' || pb == 0xFF3B) && (cp_at(c, aend) == ']' || cp_at(c, aend) == 0xFF3D))) {
            q.skip = MB_SKIP_NAME;
            q.has_value = 1;
            q.value = a.value;
            *st = add_q(c, &q);
            return q.end;
        }
        if (mb_rx_match(c->r->phone, c->md, s, c->len, pos)) {
            q.end = q.num_end = mb_rx_end(c->md);
            q.skip = MB_SKIP_PHONE;
            *st = add_q(c, &q);
            return q.end;
        }
        if (pos > 0 && mb_rx_match(c->r->docnum, c->md, s, c->len, pos)) {
            q.end = q.num_end = mb_rx_end(c->md);
            int32_t ob = cp_before(c, pos);
            size_t ol = ob < 0x80 ? 1 : 3;
            if (pos >= c->floor + ol)
                q.start = pos - ol;
            q.skip = MB_SKIP_DOCNUM;
            *st = add_q(c, &q);
            return q.end;
        }
    }

    sfx x;
    read_suffix(c, aend, &x);
    if (x.lvl && !(nf & (MB_NUM_BARE | MB_NUM_MAGNITUDE))) {
        /* 三级, 5级: 级 marks an order of magnitude only after 万亿, 千亿元 */
        x.lvl = 0;
        x.end = x.lvl_a;
        x.post = MB_CMP_NONE;
        x.rsep_end = x.ratio_end = x.slash_end = 0;
    }
    if (nf & (MB_NUM_PERCENT | MB_NUM_PERMILLE | MB_NUM_FRACTION)) {
        if (x.unit) /* 百分之五 has its unit already */
            memset(&x, 0, sizeof x), x.end = aend;
    }
    /* 年 as a unit only after a decimal (平均受教育年限10.5年); 一百年 and
     * 七十多年 are spans and anniversaries, never records */
    if (x.unit && (x.unit->cat & U_DECIMAL) && !(nf & MB_NUM_DECIMAL))
        memset(&x, 0, sizeof x), x.end = aend;
    const unit_def *u = x.unit;
    const char *unit = numeral_unit(nf);
    if (!unit && u)
        unit = u->unit;
    q.qkind = qkind_of(nf, u);
    q.has_value = 1;
    q.value = a.value;
    q.end = x.end;
    if (u)
        q.flags |= unit_qflags(u);
    if (nf & MB_NUM_BARE)
        q.flags |= MB_QF_BARE;

    /* a range: 6%—6.5%, 6.5-7%, 5000到6000万, 百分之六到七 */
    mb_numeral b;
    sfx y;
    if (x.rsep_end && !x.post && !x.more && !x.lvl && !(nf & (MB_NUM_BARE | MB_NUM_FRACTION | MB_NUM_MORE)) &&
        cat(u) != U_DATE && range_end(c, x.rsep_end, &b, &y)) {
        const char *bunit = numeral_unit(b.flags);
        if (!bunit && y.unit)
            bunit = y.unit->unit;
        double av = a.value, bv = b.value;
        if (!(nf & MB_NUM_MAGNITUDE) && (b.flags & MB_NUM_MAGNITUDE))
            av *= pow(10.0, b.mag_exp);
        int units_ok = !unit || !bunit || same_unit(unit, bunit);
        if (units_ok && av < bv && cat(y.unit) != U_DATE) {
            q.has_value = 0;
            q.value = 0;
            q.has_range = 1;
            q.min = av;
            q.max = bv;
            q.comparator = MB_CMP_RANGE;
            q.num_end = x.rsep_end + b.len;
            q.end = y.end;
            if (!unit) {
                unit = bunit;
                u = y.unit;
                q.qkind = qkind_of(b.flags, y.unit);
                if (y.unit)
                    q.flags |= unit_qflags(y.unit);
            }
        }
    }
    /* a ratio: 1.79∶1 */
    if (!q.has_range && x.ratio_end && !unit && !x.post && !x.more && !(nf & MB_NUM_BARE)) {
        mb_numeral d;
        mb_timex tt;
        if (mb_numeral_parse(s + x.ratio_end, c->len - x.ratio_end, MB_NUMERAL_NO_MAGNITUDE, &d) &&
            !(d.flags & (MB_NUM_TOOBIG | MB_NUM_VAGUE)) && d.value > 0 &&
            !mb_timex_at(c->r->tx, c->md, s, c->len, x.ratio_end, x.ratio_end, c->year, &tt)) {
            q.num_end = q.end = x.ratio_end + d.len;
            int colon = s[x.ratio_end - 1] == ':' || s[aend] == ':';
            if (colon && !(nf & MB_NUM_DECIMAL) && a.value <= 24 && d.int_digits == 2 &&
                !(d.flags & MB_NUM_DECIMAL) && d.value < 60) {
                q.skip = MB_SKIP_DATE; /* 10:30 */
            } else {
                q.value = a.value / d.value;
                q.qkind = MB_Q_RATIO;
                unit = "ratio";
                /* 2:1以内: a comparator word after the ratio */
                size_t e = q.end;
                while (e < c->len && s[e] == ' ')
                    e++;
                const mb_lexword *pw = mb_lex_longest_at(c->r->lex, MB_LX_CMP_POST, s, c->len, e);
                if (pw) {
                    x.post = cmp_of(pw);
                    q.end = e + mb_lexw_len(pw);
                }
            }
        }
    }
    /* a date written with slashes: 2024/6/26 */
    if (!q.has_range && x.slash_end && !unit && !chinese && !(nf & (MB_NUM_DECIMAL | MB_NUM_MAGNITUDE))) {
        size_t e = x.slash_end;
        while (e < c->len && s[e] >= '0' && s[e] <= '9')
            e++;
        if (e + 1 < c->len && s[e] == '/' && s[e + 1] >= '0' && s[e + 1] <= '9') {
            e++;
            while (e < c->len && s[e] >= '0' && s[e] <= '9')
                e++;
            q.num_end = q.end = e;
            q.skip = MB_SKIP_DATE;
            x.slash_end = 0;
        }
    }
    /* a fraction: 1/3 */
    if (!q.has_range && x.slash_end && !unit && !chinese && !(nf & (MB_NUM_DECIMAL | MB_NUM_MAGNITUDE))) {
        mb_numeral d;
        if (mb_numeral_parse(s + x.slash_end, c->len - x.slash_end, MB_NUMERAL_NO_MAGNITUDE, &d) &&
            !(d.flags & (MB_NUM_TOOBIG | MB_NUM_DECIMAL | MB_NUM_CHINESE)) && d.value > a.value &&
            d.value <= 1000) {
            size_t e = x.slash_end + d.len;
            if (e >= c->len || (s[e] != '/' && !(s[e] >= '0' && s[e] <= '9'))) {
                q.value = a.value / d.value;
                q.qkind = MB_Q_FRACTION;
                q.num_end = q.end = e;
            }
        }
    }
    q.unit = unit;

    /* comparator words before: 超过, 近, 约, 上千万 ... */
    size_t pstart = pos;
    mb_comparator pre =
        prefix_before(c->r->lex, c->r->le, c->r->le_len, s, pos, c->floor, (nf & MB_NUM_BARE) != 0, &pstart);
    if (pre != MB_CMP_NONE)
        q.start = pstart;
    if (!q.has_range) {
        if (pre != MB_CMP_NONE)
            q.comparator = pre;
        else if (x.post != MB_CMP_NONE)
            q.comparator = x.post;
        else if (x.more || (nf & MB_NUM_MORE))
            q.comparator = MB_CMP_GT;
        else if (x.lvl)
            q.comparator = MB_CMP_GE;
        else
            q.comparator = MB_CMP_EQ;
    }
    if (x.lvl)
        q.flags |= MB_QF_LEVEL;

    /* what is not a quantity at all: no record, nothing reported */
    int has_unit = unit != NULL || cat(u) >= U_AGE;
    if (nf & MB_NUM_BARE) {
        /* 千家万户, 亿万人民: only 亿元以上, 万亿级, 上千万, 近万 */
        if (!(cat(u) == U_CURRENCY || x.lvl || pre != MB_CMP_NONE))
            return aend;
    }
    size_t o0 = pos;
    while (o0 > c->floor && s[o0 - 1] == ' ')
        o0--;
    int ordinal = cp_before(c, o0) == c->r->ord_cp; /* 第 */
    if (chinese && !has_unit && q.qkind == MB_Q_NUMBER && !(nf & MB_NUM_MAGNITUDE) && !x.lvl && !ordinal)
        return aend; /* 一些, 三农, 十分: words, not numbers (but 第一, 全国第四 are ordinals) */
    int32_t before = cp_before(c, pos);
    if (chinese && a.len == 3 && a.value == 1 && before > 0 && !ordinal) {
        char pb[5] = {0};
        int k = mb_utf8_encode(before, pb);
        if (k == 3 && mb_lex_is(c->r->lex, MB_LX_ONE_WORD_PREV, pb, 3))
            return aend; /* 统一, 唯一, 之一 */
    }

    /* marks: numbers that extraction must skip */
    int small_cn = chinese &&
                   !(nf & (MB_NUM_MAGNITUDE | MB_NUM_DECIMAL | MB_NUM_POSITIONAL | MB_NUM_FRACTION |
                           MB_NUM_PERCENT | MB_NUM_PERMILLE)) &&
                   a.value <= 10;
    int32_t after_unit = cp_at(c, q.end);
    int32_t after_digits = cp_at(c, pos + a.digit_len);
    size_t p0 = pos;
    while (p0 > c->floor && s[p0 - 1] == ' ')
        p0--;
    int32_t before_sp = cp_before(c, p0);
    if (q.skip || cat(u) == U_STREAK) {
        /* already marked (10:30), or 十二连增 */
    } else if (before_sp == c->r->ord_cp) { /* 第 */
        q.skip = MB_SKIP_ORDINAL;
        q.start = p0 - 3;
    } else if (cat(u) == U_ORDINAL) {
        q.skip = MB_SKIP_ORDINAL;
    } else if (cat(u) == U_DOCNUM) {
        q.skip = MB_SKIP_DOCNUM;
    } else if (cat(u) == U_AGE && !age_statistic(c, q.start, q.end)) {
        q.skip = MB_SKIP_AGE;
    } else if (cat(u) == U_DATE) {
        q.skip = MB_SKIP_DATE;
    } else if (!chinese && (is_latin(before) || (!(nf & MB_NUM_MAGNITUDE) && is_latin(after_digits)) ||
                            (!unit && before == ' ' && pos >= 2 && is_latin(cp_before(c, pos - 1))))) {
        q.skip = MB_SKIP_NAME; /* C919, 5G, PM2.5, PM 10 */
    } else if (before == '+' || after_digits == '+') {
        q.skip = MB_SKIP_SLOGAN; /* “1+3” */
    } else if (!unit && is_open_quote(cp_before(c, q.start)) && is_close_quote(after_unit)) {
        q.skip = MB_SKIP_NAME; /* “1030”产业体系 */
    } else if (u && (u->cat & U_DA) && chinese && (a.value >= 11 || before == c->r->de_cp)) {
        q.skip = MB_SKIP_NAME; /* 党的二十大 */
    } else if (u && ((u->cat & U_RHET) || (cat(u) == U_MEASURE && a.value == 1)) && small_cn && !x.more) {
        q.skip = MB_SKIP_RHETORICAL; /* 三件事, 两个大局, 八大工程, 一座, 突破一批 */
        q.start = pos;
        q.comparator = MB_CMP_EQ;
    } else if (u && (u->cat & U_RHET) && is_open_quote(after_unit)) {
        q.skip = MB_SKIP_RHETORICAL; /* 四个“新” */
    } else if (u && cat(u) == U_MEASURE && !x.more &&
               mb_lex_longest_at(c->r->lex, MB_LX_RHET_NOUN, s, c->len, q.end)) {
        q.skip = MB_SKIP_RHETORICAL; /* 5个方面, 14个方面的工作 */
    } else if (u && cat(u) == U_MEASURE && is_open_quote(cp_before(c, q.start)) &&
               (is_close_quote(after_unit) || (small_cn && !x.more && quote_closes_after(c, q.end, 4)))) {
        q.skip = MB_SKIP_NAME; /* “21条”, “一件事”: a policy named by its count; “三颗明珠”, a slogan
                                * that opens with a count */
    } else if (u && cat(u) == U_MEASURE && !x.more && !is_han(after_unit) &&
               named_by_count(c, q.start, unit)) {
        q.skip = MB_SKIP_NAME; /* 民间投资新36条: a document named by its count (name_prefix) */
    } else if (!chinese && !unit && !(nf & (MB_NUM_MAGNITUDE | MB_NUM_DECIMAL | MB_NUM_GROUPED)) &&
               a.int_digits >= 7 && q.qkind == MB_Q_NUMBER) {
        q.skip = MB_SKIP_PHONE;
    } else if (!chinese && !unit && q.qkind == MB_Q_NUMBER && !(nf & MB_NUM_MAGNITUDE) &&
               q.comparator == MB_CMP_EQ && !(nf & MB_NUM_DECIMAL) && a.int_digits <= 2 &&
               (before < 0 || before == ' ' || before == 0xFF08 || before == '(') &&
               (after_unit == 0xFF09 || after_unit == ')' || after_unit == 0x3001 ||
                (after_unit == '.' && !(q.end + 1 < c->len && s[q.end + 1] >= '0' && s[q.end + 1] <= '9')))) {
        q.skip = MB_SKIP_ORDINAL; /* (1), 1. and 1、 heading numbers */
    } else if (!chinese && !unit && q.qkind == MB_Q_NUMBER && !(nf & MB_NUM_MAGNITUDE) &&
               q.comparator == MB_CMP_EQ && !list_item_before_number(c, q.end) &&
               (is_han(after_unit) ||
                (is_han(before) && (is_close_quote(after_unit) || after_unit == 0x300B)))) {
        q.skip = MB_SKIP_NAME; /* 1030产业体系, 世界500强, 《中国制造2025》 */
    }
    if (cat(u) == U_STREAK)
        q.unit = NULL;
    *st = add_q(c, &q);
    return q.end > aend ? q.end : aend;
}

/* 翻一番 (2 倍), 翻两番 (4 倍), 翻番 */
/* A doubling stated by a word alone (经济总量实现倍增): 2 倍, an increase;
 * not before the words its not_next= names (倍增计划: a programme). */
static size_t doubling_at(scan *c, size_t pos, mb_status *st)
{
    const mb_lexword *w = mb_lex_longest_at(c->r->lex, MB_LX_DOUBLING, c->s, c->len, pos);
    if (!w)
        return 0;
    size_t e = pos + mb_lexw_len(w), n;
    const char *nn = mb_lex_value(w, "not_next", &n);
    while (nn && n) { /* alternatives a|b|c */
        size_t k = 0;
        while (k < n && nn[k] != '|')
            k++;
        if (k && e + k <= c->len && !memcmp(c->s + e, nn, k))
            return 0;
        size_t step = k < n ? k + 1 : k;
        nn += step;
        n -= step;
    }
    mb_quantity q;
    memset(&q, 0, sizeof q);
    q.start = q.num_start = pos;
    q.end = q.num_end = e;
    q.has_value = 1;
    q.value = 2;
    q.unit = c->r->multiple;
    q.qkind = MB_Q_MULTIPLE;
    q.flags |= MB_QF_FAN;
    q.comparator = MB_CMP_EQ;
    *st = add_q(c, &q);
    return e;
}

static size_t fan_at(scan *c, size_t pos, mb_status *st)
{
    if (!mb_rx_match(c->r->fan, c->md, c->s, c->len, pos))
        return 0;
    const int *g = c->r->fg;
    size_t a, b;
    int n = 1;
    if (mb_rx_span(c->md, g[F_N], &a, &b)) {
        if (c->s[a] >= '1' && c->s[a] <= '5') {
            n = c->s[a] - '0';
        } else {
            int32_t cp;
            if (mb_utf8_decode((const unsigned char *)c->s + a, b - a, &cp) > 0)
                n = mb_numeral_cn_digit(cp);
        }
    }
    if (n < 1 || n > 5)
        return 0;
    mb_quantity q;
    memset(&q, 0, sizeof q);
    q.start = q.num_start = pos;
    q.end = q.num_end = mb_rx_end(c->md);
    q.has_value = 1;
    q.value = (double)(1 << n);
    q.unit = c->r->multiple;
    q.qkind = MB_Q_MULTIPLE;
    q.flags |= MB_QF_FAN;
    q.comparator = MB_CMP_EQ;
    if (mb_rx_span(c->md, g[F_MORE], &a, &b))
        q.comparator = MB_CMP_GT;
    if (mb_rx_span(c->md, g[F_POST], &a, &b))
        q.comparator = post_cmp(c->r->lex, c->s, a, b);
    *st = add_q(c, &q);
    return q.end;
}

void mb_recognition_free(mb_recognition *out)
{
    if (!out)
        return;
    work *w = out->work;
    if (w) {
        pcre2_match_data_free(w->md);
        free(w);
    }
    free(out->q);
    free(out->t);
    memset(out, 0, sizeof *out);
}

/* The quantities of a list share the unit written after the last one
 * (拉动增长0.7、0.4和4.0个百分点; 快于工业8.2、5.0个百分点): a number with no
 * unit right before a list separator and a quantity with one takes its
 * unit and kind. */
static void share_list_units(scan *c)
{
    mb_recognition *o = c->out;
    for (size_t i = o->nq; i-- > 1;) {
        mb_quantity *p = &o->q[i - 1];
        const mb_quantity *n = &o->q[i];
        if (!n->unit || n->skip || p->unit || p->skip || p->qkind != MB_Q_NUMBER || !p->has_value ||
            (p->flags & MB_QF_CHINESE) != (n->flags & MB_QF_CHINESE))
            continue;
        size_t sep = list_item_before_number(c, p->end);
        if (!sep || p->end + sep != n->start)
            continue;
        p->unit = n->unit;
        p->qkind = n->qkind;
        p->flags |= n->flags & ~MB_QF_CHINESE;
    }
}

mb_status mb_recognize(const mb_recognizer *r, const char *text, size_t len, int doc_year,
                       mb_recognition *out, mb_error *err)
{
    if (!r || !out || (!text && len))
        return mb_error_set(err, MB_EARG, "mb_recognize: NULL argument");
    out->nq = out->nt = 0;
    if (doc_year < 0 || doc_year > 9999)
        return mb_error_set(err, MB_EARG, "mb_recognize: document year %d out of range (0 or 1-9999)",
                            doc_year);
    /* pcre2 runs with PCRE2_NO_UTF_CHECK: check the text once here (ASCII
     * and the 3-byte characters of Chinese text checked inline, the rest
     * by mb_utf8_decode) */
    const unsigned char *tu = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        unsigned char b0 = tu[i];
        if (b0 < 0x80) {
            i++;
            continue;
        }
        size_t run = mb_utf8_plain3_run(tu + i, len - i); /* always valid */
        if (run) {
            i += run;
            continue;
        }
        int32_t cp;
        int l = mb_utf8_decode(tu + i, len - i, &cp);
        if (l < 0)
            return mb_error_set(err, MB_EARG,
                                "recognize: invalid UTF-8 at byte %zu, expected normalized text", i);
        i += (size_t)l;
    }
    work *w = out->work;
    if (!w) {
        w = calloc(1, sizeof *w);
        if (!w)
            return mb_error_set(err, MB_ENOMEM, "recognize: out of memory");
        w->md = pcre2_match_data_create(r->maxcap + 1, NULL);
        if (!w->md) {
            free(w);
            return mb_error_set(err, MB_ENOMEM, "recognize: out of memory");
        }
        out->work = w;
    }
    scan c = {r, w->md, text, len, 0, doc_year, out, w};
    const unsigned char *s = (const unsigned char *)text;
    const unsigned char *stop = r->stop;
    mb_status st = MB_OK;
    size_t pos = 0;
    while (pos < len && !st) {
        /* the three-byte characters the scan does not stop at (most of a
         * Chinese text) in a loop of their own */
        while (len - pos >= 3 && (s[pos] & 0xF0) == 0xE0) {
            uint32_t c3 = (s[pos] & 0x0Fu) << 12 | (s[pos + 1] & 0x3Fu) << 6 | (s[pos + 2] & 0x3Fu);
            if (stop[c3 >> 3] >> (c3 & 7) & 1)
                break;
            pos += 3;
        }
        if (pos >= len)
            break;
        unsigned char b = s[pos];
        int32_t cp;
        size_t l;
        if (b < 0x80) {
            if (b < '0' || b > '9') {
                pos++;
                continue;
            }
            cp = b;
            l = 1;
        } else if ((b & 0xF0) ==
                   0xE0) { /* three bytes, valid (checked above): one the loop above stopped at */
            cp = (int32_t)((b & 0x0Fu) << 12 | (s[pos + 1] & 0x3Fu) << 6 | (s[pos + 2] & 0x3Fu));
            l = 3;
            if (!(stop[cp >> 3] >> (cp & 7) & 1)) {
                pos += 3;
                continue;
            }
        } else {
            int k = mb_utf8_decode(s + pos, len - pos, &cp);
            l = k > 0 ? (size_t)k : 1;
            if (cp != r->fan_cp && cp != r->dbl_cp && !mb_timex_trigger(r->tx, cp)) {
                pos += l;
                continue;
            }
        }
        mb_timex t;
        if (mb_timex_at(r->tx, w->md, text, len, pos, c.floor, doc_year, &t)) {
            st = add_t(&c, &t);
            pos = t.end;
            continue;
        }
        if (cp == r->fan_cp) { /* 翻一番 */
            size_t e = fan_at(&c, pos, &st);
            pos = e ? e : pos + l;
            continue;
        }
        if (cp == r->dbl_cp) { /* 经济总量实现倍增 */
            size_t e = doubling_at(&c, pos, &st);
            pos = e ? e : pos + l;
            continue;
        }
        if ((cp >= '0' && cp <= '9') || mb_numeral_is_cn(cp)) {
            pos = quantity_at(&c, pos, &st);
            continue;
        }
        pos += l;
    }
    if (st)
        return mb_error_set(err, st, "recognize: out of memory");
    share_list_units(&c);
    return MB_OK;
}
