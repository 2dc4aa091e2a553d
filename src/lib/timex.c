/* timex.c — time expressions: one pcre2 pattern, then resolution in C. */
#include "timex.h"

#include "lexicon.h"
#include "numeral.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* ---- the pattern ----
 * A template: @{class} and @[class] are lexicon classes (lexicon.h,
 * dict/lexicon/time.tsv), assembled when the recognizer is made. What
 * stays here is the grammar: the order of the parts and the numerals,
 * written as \\x{...} escapes (〇○零一二两三四五六七八九十百千万). */
static const char pattern_template[] =
    "(*MARK:P)(?:\\x{201c}(?<pq>@{plan})\\x{201d}|(?<pn>@{plan})(?=[ ]*@{plan_part/ahead}))[ ]*(?<ppa"
    "rt>@{plan_part/part})?|(*MARK:P2)@{time_word/role=ord}(?<pord>[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56"
    "db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}\\x{5341}]+)@{time_word/role=five_year}@{time_wo"
    "rd/role=plan_doc}(?:@{time_word/role=outline})?(?<p2part>@{plan_part/p2})?|(*MARK:D)(?<dec>[12]"
    "\\d{2}0|\\d0|[\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]\\x{5341}"
    "|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}][\\x{3007}\\"
    "x{25cb}\\x{96f6}])[ ]*@{time_word/role=decade}(?<dpart>@{decade_part})?|(*MARK:C)(?:(?<cthis>@{c"
    "entury_ref/rel=this})|(?<clast>@{century_ref/rel=last})|(?<cnum>\\d{2}|\\x{4e8c}\\x{5341}\\x{4e0"
    "0}|\\x{4e8c}\\x{5341}|\\x{5341}\\x{4e5d}))[ ]*@{time_word/role=century}(?:[ ]*(?<cdec>\\d0|[\\x{"
    "4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]\\x{5341})[ ]*@{time_word/r"
    "ole=decade})?(?<cpart>@{century_part})?|(*MARK:Y)(?<y1>(?:[12](?: ?\\d){3}|[\\x{4e00}\\x{4e8c}]["
    "\\x{3007}\\x{25cb}\\x{96f6}Oo0\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x"
    "{516b}\\x{4e5d}]{3}))[ ]*(?:(?:@{time_word/role=year}[ ]*)?(?:@{range_sep}|@{time_word/role=list"
    "}|/)[ ]*(?<y2>(?:[12](?: ?\\d){3}|[\\x{4e00}\\x{4e8c}][\\x{3007}\\x{25cb}\\x{96f6}Oo0\\x{4e00}\\"
    "x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]{3}))[ ]*)?(?:@{time_word"
    "/role=year}|(?<=\\d)(?=@{time_word/role=years_ahead}))(?!@{year_not_next})(?:(?<ypart>@{year_par"
    "t}|@{time_word/role=ord}?[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}1-4][ ]*@{time_word/role=quarter}|"
    "@{time_word/role=du})|(?:[ ]*(?<yma>(?:1 ?[0-2]|0?[1-9]|\\x{5341}[\\x{4e00}\\x{4e8c}]?|[\\x{4e00"
    "}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]))[ ]*(?:@{time_word/r"
    "ole=month}(?:@{time_word/role=fen})?[ ]*)?@{range_sep}[ ]*(?<ymb>(?:1 ?[0-2]|0?[1-9]|\\x{5341}["
    "\\x{4e00}\\x{4e8c}]?|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\"
    "x{4e5d}]))[ ]*@{time_word/role=month}(?:@{time_word/role=fen})?|[ ]*(?<ymc>(?:1 ?[0-2]|0?[1-9]|"
    "\\x{5341}[\\x{4e00}\\x{4e8c}]?|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}"
    "\\x{516b}\\x{4e5d}]))[ ]*@{time_word/role=month}(?:@{time_word/role=fen})?(?:[ ]*(?<ymd>(?:3 ?[0"
    "1]|[12] ?[0-9]|0?[1-9]|\\x{4e09}\\x{5341}\\x{4e00}?|\\x{4e8c}\\x{5341}[\\x{4e00}\\x{4e8c}\\x{4e0"
    "9}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]?|\\x{5341}[\\x{4e00}\\x{4e8c}\\x{4e09}"
    "\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]?|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\"
    "x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]))[ ]*@{time_word/role=day})?))?(?<yvis>[ ]*@{time_w"
    "ord/role=vision})?(?<yrel2>@{time_rel2})?|(*MARK:M)(?:(?<ma>(?:1 ?[0-2]|0?[1-9]|\\x{5341}[\\x{4e"
    "00}\\x{4e8c}]?|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d"
    "}]))[ ]*(?:@{time_word/role=month}(?:@{time_word/role=fen})?[ ]*)?@{range_sep}[ ]*(?<mb>(?:1 ?[0"
    "-2]|0?[1-9]|\\x{5341}[\\x{4e00}\\x{4e8c}]?|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516"
    "d}\\x{4e03}\\x{516b}\\x{4e5d}]))[ ]*(?<mfen>@{time_word/role=month}(?:@{time_word/role=fen})?)|("
    "?<mc>(?:1 ?[0-2]|0?[1-9]|\\x{5341}[\\x{4e00}\\x{4e8c}]?|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x"
    "{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]))[ ]*(?<mfen2>@{time_word/role=month}(?:@{time_word/"
    "role=fen})?)(?:[ ]*(?<md>(?:3 ?[01]|[12] ?[0-9]|0?[1-9]|\\x{4e09}\\x{5341}\\x{4e00}?|\\x{4e8c}\\"
    "x{5341}[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]?|\\x{"
    "5341}[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]?|[\\x{4"
    "e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]))[ ]*@{time_word/r"
    "ole=day})?)(?<mrel2>@{time_rel2})?|(*MARK:Q)(?:@{time_word/role=ord}[ ]*)?(?<qn>[\\x{4e00}\\x{4e"
    "8c}\\x{4e09}\\x{56db}1-4])[ ]*@{time_word/role=quarter}(?<qrel2>@{time_rel2/q})?|(*MARK:Q3)@{tim"
    "e_word/role=first}(?<q3>[\\x{4e00}\\x{4e8c}\\x{4e09}])[ ]*@{time_word/role=quarter}|(*MARK:H)(?<"
    "half>@{half_year})(?<hrel2>@{time_rel2/q})?|(*MARK:R)(?<rel>@{rel_year})(?:@{time_word/role=du})"
    "?(?:(?<rpart>@{year_part}|@{time_word/role=ord}?[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}1-4][ ]*@{t"
    "ime_word/role=quarter})|(?:[ ]*(?<rma>(?:1 ?[0-2]|0?[1-9]|\\x{5341}[\\x{4e00}\\x{4e8c}]?|[\\x{4e"
    "00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]))[ ]*(?:@{time_word"
    "/role=month}(?:@{time_word/role=fen})?[ ]*)?@{range_sep}[ ]*(?<rmb>(?:1 ?[0-2]|0?[1-9]|\\x{5341}"
    "[\\x{4e00}\\x{4e8c}]?|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}"
    "\\x{4e5d}]))[ ]*@{time_word/role=month}(?:@{time_word/role=fen})?|[ ]*(?<rmc>(?:1 ?[0-2]|0?[1-9]"
    "|\\x{5341}[\\x{4e00}\\x{4e8c}]?|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}"
    "\\x{516b}\\x{4e5d}]))[ ]*@{time_word/role=month}(?:@{time_word/role=fen})?(?:[ ]*(?<rmd>(?:3 ?[0"
    "1]|[12] ?[0-9]|0?[1-9]|\\x{4e09}\\x{5341}\\x{4e00}?|\\x{4e8c}\\x{5341}[\\x{4e00}\\x{4e8c}\\x{4e0"
    "9}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]?|\\x{5341}[\\x{4e00}\\x{4e8c}\\x{4e09}"
    "\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]?|[\\x{4e00}\\x{4e8c}\\x{4e09}\\x{56db}\\"
    "x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}]))[ ]*@{time_word/role=day})?))?(?<rrel2>@{time_rel2"
    "})?|(*MARK:N)@{now}|(*MARK:S)(?<spre>@{span_pre})[ ]*(?<sn>(?:\\d(?: ?\\d)*(?:\\.\\d+)?|[\\x{300"
    "7}\\x{25cb}\\x{96f6}\\x{4e00}\\x{4e8c}\\x{4e24}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{"
    "516b}\\x{4e5d}\\x{5341}\\x{767e}\\x{5343}\\x{4e07}]+))[ ]*(?<smore>@{time_word/role=more})?[ ]*("
    "?<su>@{span_unit})(?!@{year_not_next})(?<spost>@{span_post})?(?:(?:@{time_word/role=de})?@{time_"
    "word/role=time})?|(*MARK:U)(?<un>(?:\\d(?: ?\\d)*(?:\\.\\d+)?|[\\x{3007}\\x{25cb}\\x{96f6}\\x{4e"
    "00}\\x{4e8c}\\x{4e24}\\x{4e09}\\x{56db}\\x{4e94}\\x{516d}\\x{4e03}\\x{516b}\\x{4e5d}\\x{5341}\\x"
    "{767e}\\x{5343}\\x{4e07}]+))[ ]*(?<umore>@{time_word/role=more})?[ ]*@{time_word/role=year}(?!@{"
    "year_not_next}|@{year_not_next_dur})(?<umore2>@{time_word/role=more})?(?<upost>@{dur_post})?(?:("
    "?:@{time_word/role=de})?@{time_word/role=time})?|(*MARK:A)@{annual}|(*MARK:B)(?<![@[bare_not_pre"
    "v]0-9])(?<bare>@{bare_year_part})(?<brel2>@{time_rel2/bare})?";

enum {
    G_PQ,
    G_PN,
    G_PPART,
    G_PORD,
    G_P2PART,
    G_DEC,
    G_DPART,
    G_CTHIS,
    G_CLAST,
    G_CNUM,
    G_CDEC,
    G_CPART,
    G_Y1,
    G_Y2,
    G_YPART,
    G_YMA,
    G_YMB,
    G_YMC,
    G_YMD,
    G_YVIS,
    G_YREL2,
    G_MA,
    G_MB,
    G_MFEN,
    G_MC,
    G_MFEN2,
    G_MD,
    G_MREL2,
    G_QN,
    G_QREL2,
    G_Q3,
    G_HALF,
    G_HREL2,
    G_REL,
    G_RPART,
    G_RMA,
    G_RMB,
    G_RMC,
    G_RMD,
    G_RREL2,
    G_SPRE,
    G_SN,
    G_SMORE,
    G_SU,
    G_SPOST,
    G_UN,
    G_UMORE,
    G_UPOST,
    G_UMORE2,
    G_BARE,
    G_BREL2,
    NGROUPS
};

static const char *const group_names[NGROUPS] = {
    "pq",    "pn",    "ppart", "pord",  "p2part", "dec",   "dpart", "cthis", "clast", "cnum",  "cdec",
    "cpart", "y1",    "y2",    "ypart", "yma",    "ymb",   "ymc",   "ymd",   "yvis",  "yrel2", "ma",
    "mb",    "mfen",  "mc",    "mfen2", "md",     "mrel2", "qn",    "qrel2", "q3",    "half",  "hrel2",
    "rel",   "rpart", "rma",   "rmb",   "rmc",    "rmd",   "rrel2", "spre",  "sn",    "smore", "su",
    "spost", "un",    "umore", "upost", "umore2", "bare",  "brel2",
};

struct mb_timex_rx {
    const mb_lexicon *lex;
    unsigned char trig[0x10000 / 8]; /* first characters of time words (BMP): mb_timex_trigger */
    pcre2_code *code;
    int g[NGROUPS];
};

static mb_status triggers(mb_timex_rx *rx, mb_error *err);

void mb_timex_jit(mb_timex_rx *rx)
{
    if (rx)
        mb_rx_jit(rx->code);
}

mb_status mb_timex_compile(const mb_lexicon *lex, mb_timex_rx **out, mb_error *err)
{
    *out = NULL;
    mb_timex_rx *rx = calloc(1, sizeof *rx);
    if (!rx)
        return mb_error_set(err, MB_ENOMEM, "recognizer: out of memory");
    rx->lex = lex;
    char *pattern = NULL;
    mb_status st = triggers(rx, err);
    if (!st)
        st = mb_lex_pattern(lex, pattern_template, &pattern, err);
    if (!st)
        st = mb_rx_compile("time", pattern, &rx->code, err);
    free(pattern);
    if (st) {
        mb_timex_rx_free(rx);
        return st;
    }
    for (int i = 0; i < NGROUPS; i++) {
        rx->g[i] = mb_rx_group(rx->code, "time", group_names[i], err);
        if (rx->g[i] < 0) {
            mb_timex_rx_free(rx);
            return MB_EPATTERN;
        }
    }
    *out = rx;
    return MB_OK;
}

void mb_timex_rx_free(mb_timex_rx *rx)
{
    if (!rx)
        return;
    pcre2_code_free(rx->code);
    free(rx);
}

unsigned mb_timex_captures(const mb_timex_rx *rx)
{
    return mb_rx_captures(rx->code);
}

const unsigned char *mb_timex_trigger_bits(const mb_timex_rx *rx)
{
    return rx->trig;
}

int mb_timex_trigger(const mb_timex_rx *rx, int32_t cp)
{
    /* every trigger is in the BMP (triggers) */
    return cp >= 0 && cp < 0x10000 && (rx->trig[cp >> 3] >> (cp & 7) & 1);
}

/* Mark cp in the trigger set. */
static void trig_set(mb_timex_rx *rx, int32_t cp)
{
    if (cp >= 0 && cp < 0x10000)
        rx->trig[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* The first characters that can start a time expression: of the words of
 * the classes that open an alternative of the pattern, and the digits, the
 * Chinese numerals and the opening quote (so that mb_timex_trigger, asked
 * for every character of a text, is one bit). */
static mb_status triggers(mb_timex_rx *rx, mb_error *err)
{
    static const mb_lexclass cls[] = {
        MB_LX_CENTURY_REF, MB_LX_HALF_YEAR, MB_LX_REL_YEAR,       MB_LX_NOW,
        MB_LX_SPAN_PRE,    MB_LX_ANNUAL,    MB_LX_BARE_YEAR_PART, MB_LX_TIME_WORD};
    (void)err;
    for (size_t k = 0; k < sizeof cls / sizeof cls[0]; k++) {
        mb_lexlist ws = mb_lex_words(rx->lex, cls[k]);
        for (size_t i = 0; i < ws.n; i++) {
            const mb_lexword *w = mb_lexlist_at(ws, i);
            /* of the fixed words, those that open a form: 第 (第一季度), 前 (前三季度) */
            if (cls[k] == MB_LX_TIME_WORD && !mb_lex_value_is(w, "role", "ord") &&
                !mb_lex_value_is(w, "role", "first"))
                continue;
            int32_t cp;
            if (mb_utf8_decode((const unsigned char *)mb_lexw_word(w), mb_lexw_len(w), &cp) > 0)
                trig_set(rx, cp);
        }
    }
    for (int32_t c = '0'; c <= '9'; c++)
        trig_set(rx, c);
    trig_set(rx, 0x201C); /* an opening quote */
    const int32_t *cn;
    size_t ncn = mb_numeral_cn_chars(&cn);
    for (size_t i = 0; i < ncn; i++)
        trig_set(rx, cn[i]);
    return MB_OK;
}

int mb_plan_years(int n, int *from, int *to)
{
    if (n < 1)
        return 0;
    if (n == 1)
        *from = 1953;
    else if (n == 2)
        *from = 1958;
    else
        *from = 1966 + 5 * (n - 3); /* 1963-1965 were years of readjustment */
    *to = *from + 4;
    return 1;
}

/* ---- reading the groups ---- */

typedef struct ctx {
    const mb_timex_rx *rx;
    pcre2_match_data *md;
    const char *s;
} ctx;

static int has(const ctx *c, int gi)
{
    return mb_rx_set(c->md, c->rx->g[gi]);
}

/* The word of lexicon class cls that group gi holds, or NULL. */
static const mb_lexword *word(const ctx *c, int gi, mb_lexclass cls)
{
    size_t a, b;
    if (!mb_rx_span(c->md, c->rx->g[gi], &a, &b))
        return NULL;
    return mb_lex_get(c->rx->lex, cls, c->s + a, b - a);
}

/* Item key of w as a NUL-terminated string in buf[16]; 0 when absent or too long. */
static int item_str(const mb_lexword *w, const char *key, char buf[16])
{
    size_t n;
    const char *v = mb_lex_value(w, key, &n);
    if (!v || n >= 16)
        return 0;
    memcpy(buf, v, n);
    buf[n] = '\0';
    return 1;
}

/* The integer value of item key of w (0 when absent). */
static int ival(const mb_lexword *w, const char *key)
{
    char buf[16];
    return item_str(w, key, buf) ? atoi(buf) : 0;
}

/* A range item "FROM-TO" of w: 1 when present. */
static int irange(const mb_lexword *w, const char *key, int *from, int *to)
{
    char buf[16];
    if (!item_str(w, key, buf))
        return 0;
    char *e;
    *from = (int)strtol(buf, &e, 10);
    if (*e != '-')
        return 0;
    *to = atoi(e + 1);
    return 1;
}

/* The whole integer in group gi (Arabic or Chinese); -1 if unset or not an
 * integer that fills the group. */
static int num(const ctx *c, int gi)
{
    size_t a, b;
    if (!mb_rx_span(c->md, c->rx->g[gi], &a, &b))
        return -1;
    /* a Chinese year typed with a Latin O or an Arabic 0 for 〇 (二O二三年,
     * 二0二0年): read those as 〇 */
    char buf[96];
    const char *p = c->s + a;
    size_t n0 = b - a;
    if ((unsigned char)c->s[a] >= 0x80 && n0 < sizeof buf / 3) {
        size_t k = 0;
        for (size_t i = a; i < b; i++) {
            if (c->s[i] == 'O' || c->s[i] == 'o' || c->s[i] == '0') {
                memcpy(buf + k, "\xe3\x80\x87", 3); /* U+3007 */
                k += 3;
            } else {
                buf[k++] = c->s[i];
            }
        }
        p = buf;
        n0 = k;
    }
    mb_numeral n;
    if (!mb_numeral_parse(p, n0, MB_NUMERAL_NO_MAGNITUDE | MB_NUMERAL_NO_FRACTION, &n))
        return -1;
    if (n.len != n0 || (n.flags & (MB_NUM_VAGUE | MB_NUM_TOOBIG | MB_NUM_DECIMAL)) || n.value > 100000)
        return -1;
    return (int)n.value;
}

/* 1 if the text of group gi is written in Chinese numerals. */
static int chinese(const ctx *c, int gi)
{
    size_t a, b;
    return mb_rx_span(c->md, c->rx->g[gi], &a, &b) && b > a && (unsigned char)c->s[a] >= 0x80;
}

static mb_time_marker rel2_marker(const ctx *c, int gi)
{
    const mb_lexword *w = word(c, gi, MB_LX_TIME_REL2);
    if (mb_lex_value_is(w, "marker", "by"))
        return MB_TM_BY;
    if (mb_lex_value_is(w, "marker", "since"))
        return MB_TM_SINCE;
    return MB_TM_NONE;
}

/* Months of a part of a year (一季度 1-3, 上半年 1-6 ...); 0 if none. */
static int part_months(const ctx *c, int gi, int *m0, int *m1)
{
    size_t a, b;
    if (!mb_rx_span(c->md, c->rx->g[gi], &a, &b))
        return 0;
    const char *p = c->s + a;
    size_t n = b - a;
    if (irange(mb_lex_get(c->rx->lex, MB_LX_YEAR_PART, p, n), "months", m0, m1))
        return 1; /* 上半年 1-6, 前三季度 1-9, 年中 6-7 */
    /* a quarter: 第?[一二三四1-4] *季度 */
    size_t i = 0;
    const mb_lexword *ord = mb_lex_longest_at(c->rx->lex, MB_LX_TIME_WORD, p, n, 0);
    if (ord && mb_lex_value_is(ord, "role", "ord"))
        i = mb_lexw_len(ord);
    int q = -1;
    if (i < n && p[i] >= '1' && p[i] <= '4') {
        q = p[i] - '0';
    } else if (i < n) {
        int32_t cp;
        if (mb_utf8_decode((const unsigned char *)p + i, n - i, &cp) > 0)
            q = mb_numeral_cn_digit(cp);
    }
    const mb_lexword *qw = mb_lex_longest_before(c->rx->lex, MB_LX_TIME_WORD, p, 0, n);
    if (q >= 1 && q <= 4 && qw && mb_lex_value_is(qw, "role", "quarter")) {
        *m0 = 3 * q - 2, *m1 = 3 * q;
        return 1;
    }
    return 0;
}

/* Read the month range (ga, gb) or month and day (gc, gd) groups: 1 when
 * present and valid, 0 when absent, -1 when invalid. */
static int months(const ctx *c, int ga, int gb, int gc, int gd, int *m0, int *m1, int *day)
{
    int a = num(c, ga), b = num(c, gb), mc = num(c, gc), d = num(c, gd);
    if (a > 0 && b > 0) {
        if (a < 1 || b > 12 || a >= b)
            return -1;
        *m0 = a, *m1 = b;
        return 1;
    }
    if (mc > 0) {
        if (mc > 12 || (has(c, gd) && (d < 1 || d > 31)))
            return -1;
        *m0 = *m1 = mc;
        if (d > 0)
            *day = d;
        return 1;
    }
    return 0;
}

/* A marker word (lexicon class time_marker) ending at pos (spaces
 * allowed), not before floor. */
static mb_time_marker marker_before(const mb_lexicon *lex, const char *s, size_t pos, size_t floor,
                                    size_t *mstart)
{
    static const char *const names[] = {NULL, "to", "by", "as_of", "since", "base"};
    size_t p = pos;
    while (p > floor && s[p - 1] == ' ')
        p--;
    /* the words ending at p, longest first: 截止到 before 到 */
    const mb_lexword *w;
    for (size_t max = SIZE_MAX; (w = mb_lex_longest_before_upto(lex, MB_LX_TIME_MARKER, s, floor, p, max));
         max = mb_lexw_len(w) - 1) {
        size_t q = p - mb_lexw_len(w);
        if (q >= floor + 3 && mb_lex_value_has_char(w, "not_prev", s + q - 3, 3))
            continue;
        *mstart = q;
        for (int m = 1; m < 6; m++)
            if (mb_lex_value_is(w, "marker", names[m]))
                return (mb_time_marker)m;
        return MB_TM_NONE;
    }
    return MB_TM_NONE;
}

static void set_years(mb_timex *t, int a, int b)
{
    t->year_from = a;
    t->year_to = b;
}

/* Relative: offsets from the document year. */
static void set_rel(mb_timex *t, int y, int off0, int off1, int dir)
{
    t->relative = 1;
    t->direction = dir;
    if (y) {
        set_years(t, y + off0, y + off1);
    } else {
        t->unresolved = 1;
        set_years(t, 0, 0);
    }
}

static int resolve(const ctx *c, const char *mark, int y, mb_timex *t)
{
    int m0 = 0, m1 = 0, day = 0, r;
    switch (mark[0]) {
    case 'P': {
        size_t a, b;
        if (mark[1] == '2') { /* 第六个五年计划 */
            int from, to;
            if (!mb_plan_years(num(c, G_PORD), &from, &to))
                return 0;
            t->kind = MB_TIME_PLAN;
            set_years(t, from, to);
            const mb_lexword *pp = word(c, G_P2PART, MB_LX_PLAN_PART);
            if (mb_lex_value_is(pp, "at", "end"))
                set_years(t, to, to);
            else if (mb_lex_value_is(pp, "at", "early"))
                set_years(t, from, from + 2);
            else if (mb_lex_value_is(pp, "at", "late"))
                set_years(t, to - 2, to);
            return 1;
        }
        int g = has(c, G_PQ) ? G_PQ : G_PN;
        if (!mb_rx_span(c->md, c->rx->g[g], &a, &b))
            return 0;
        /* the plan's number: “十四五” is the 14th */
        int from, to;
        if (!mb_plan_years(ival(word(c, g, MB_LX_PLAN), "n"), &from, &to))
            return 0;
        t->kind = MB_TIME_PLAN;
        set_years(t, from, to);
        const mb_lexword *pp = word(c, G_PPART, MB_LX_PLAN_PART);
        if (mb_lex_value_is(pp, "at", "end"))
            set_years(t, to, to);
        else if (mb_lex_value_is(pp, "at", "start"))
            set_years(t, from, from);
        else if (mb_lex_value_is(pp, "at", "early"))
            set_years(t, from, from + 2);
        else if (mb_lex_value_is(pp, "at", "late"))
            set_years(t, to - 2, to);
        else if (mb_lex_value_is(pp, "at", "by"))
            t->marker = MB_TM_BY;
        else if (mb_lex_value_is(pp, "at", "since"))
            t->marker = MB_TM_SINCE;
        return 1;
    }
    case 'D': {
        size_t a, b;
        if (!mb_rx_span(c->md, c->rx->g[G_DEC], &a, &b))
            return 0;
        int d = num(c, G_DEC);
        if (d < 0)
            return 0;
        if (d < 100)
            d = (y && 2000 + d <= y) ? 2000 + d : 1900 + d;
        t->kind = MB_TIME_CENTURY;
        set_years(t, d, d + 9);
        const mb_lexword *dp = word(c, G_DPART, MB_LX_DECADE_PART);
        if (dp)
            set_years(t, d + ival(dp, "from"), d + ival(dp, "to"));
        return 1;
    }
    case 'C': {
        int base; /* the year before the century's first */
        t->kind = MB_TIME_CENTURY;
        if (has(c, G_CNUM)) {
            int n = num(c, G_CNUM);
            if (n < 1 || n > 30)
                return 0;
            base = (n - 1) * 100;
        } else {
            t->relative = 1;
            t->direction = has(c, G_CLAST) ? -1 : 0;
            if (!y) {
                t->unresolved = 1;
                return 1;
            }
            base = ((y - 1) / 100) * 100 - (has(c, G_CLAST) ? 100 : 0);
        }
        set_years(t, base + 1, base + 100);
        if (has(c, G_CDEC)) {
            int d = num(c, G_CDEC);
            if (d < 0 || d > 90)
                return 0;
            set_years(t, base + d, base + d + 9);
        } else if (has(c, G_CPART)) {
            const mb_lexword *cp = word(c, G_CPART, MB_LX_CENTURY_PART);
            if (cp)
                set_years(t, base + ival(cp, "from"), base + ival(cp, "to"));
        }
        return 1;
    }
    case 'Y': {
        int y1 = num(c, G_Y1), y2 = has(c, G_Y2) ? num(c, G_Y2) : 0;
        if (y1 < 1000 || (has(c, G_Y2) && (y2 <= y1 || y2 - y1 > 100)))
            return 0;
        t->kind = y2 ? MB_TIME_YEAR_RANGE : MB_TIME_YEAR;
        set_years(t, y1, y2 ? y2 : y1);
        if (!y2 && part_months(c, G_YPART, &m0, &m1)) {
            t->kind = MB_TIME_PART;
            t->month_from = m0, t->month_to = m1;
        }
        r = y2 ? 0 : months(c, G_YMA, G_YMB, G_YMC, G_YMD, &m0, &m1, &day);
        if (r < 0)
            return 0;
        if (r > 0) {
            t->kind = MB_TIME_DATE;
            t->month_from = m0, t->month_to = m1, t->day = day;
        }
        if (has(c, G_YVIS))
            t->kind = MB_TIME_PLAN;
        t->marker = rel2_marker(c, G_YREL2);
        return 1;
    }
    case 'M': {
        r = months(c, G_MA, G_MB, G_MC, G_MD, &m0, &m1, &day);
        if (r <= 0)
            return 0;
        /* 十月革命: a Chinese month alone only with 份 or a day */
        const mb_lexword *mw = word(c, G_MFEN2, MB_LX_TIME_WORD); /* 月 alone, not 月份 */
        if (!has(c, G_MA) && chinese(c, G_MC) && !day && mb_lex_value_is(mw, "role", "month"))
            return 0;
        t->kind = MB_TIME_DATE;
        t->month_from = m0, t->month_to = m1, t->day = day;
        set_rel(t, y, 0, 0, 0);
        t->marker = rel2_marker(c, G_MREL2);
        return 1;
    }
    case 'Q': {
        t->kind = MB_TIME_PART;
        if (mark[1] == '3') {
            int q = num(c, G_Q3);
            if (q < 1 || q > 3)
                return 0;
            t->month_from = 1, t->month_to = 3 * q;
        } else {
            int q = num(c, G_QN);
            if (q < 1 || q > 4)
                return 0;
            t->month_from = 3 * q - 2, t->month_to = 3 * q;
            t->marker = rel2_marker(c, G_QREL2);
        }
        set_rel(t, y, 0, 0, 0);
        return 1;
    }
    case 'H':
        t->kind = MB_TIME_PART;
        if (!irange(word(c, G_HALF, MB_LX_HALF_YEAR), "months", &t->month_from, &t->month_to))
            return 0;
        t->marker = rel2_marker(c, G_HREL2);
        set_rel(t, y, 0, 0, 0);
        return 1;
    case 'R': {
        /* 明年 +1, 去年 -1 */
        int off = ival(word(c, G_REL, MB_LX_REL_YEAR), "offset");
        t->kind = MB_TIME_RELATIVE;
        if (part_months(c, G_RPART, &m0, &m1)) {
            t->kind = MB_TIME_PART;
            t->month_from = m0, t->month_to = m1;
        } else if (has(c, G_RPART)) {
            t->kind = MB_TIME_PART; /* 去年底, 今年初 */
        }
        r = months(c, G_RMA, G_RMB, G_RMC, G_RMD, &m0, &m1, &day);
        if (r < 0)
            return 0;
        if (r > 0) {
            t->kind = MB_TIME_DATE;
            t->month_from = m0, t->month_to = m1, t->day = day;
        }
        set_rel(t, y, off, off, off < 0 ? -1 : off);
        t->marker = rel2_marker(c, G_RREL2);
        return 1;
    }
    case 'N':
        t->kind = MB_TIME_RELATIVE;
        set_rel(t, y, 0, 0, 0);
        return 1;
    case 'S': {
        int n = num(c, G_SN);
        if (n < 1 || n > 1000)
            return 0;
        t->count = n;
        t->more = has(c, G_SMORE);
        const mb_lexword *pre = word(c, G_SPRE, MB_LX_SPAN_PRE);
        if (mb_lex_flag(word(c, G_SU, MB_LX_SPAN_UNIT), "month")) {
            if (mb_lex_value_is(pre, "kind", "first")) {
                if (n > 12)
                    return 0;
                t->kind = MB_TIME_DATE;
                t->month_from = 1, t->month_to = n;
                set_rel(t, y, 0, 0, 0);
            } else if (mb_lex_value_is(pre, "kind", "duration")) {
                t->kind = MB_TIME_DURATION;
            } else {
                t->kind = MB_TIME_SPAN;
                int fut = mb_lex_value_is(pre, "kind", "future") || mb_lex_value_is(pre, "kind", "use");
                set_rel(t, y, 0, 0, fut ? 1 : mb_lex_value_is(pre, "kind", "past") ? -1 : 0);
            }
            return 1;
        }
        t->kind = MB_TIME_SPAN;
        if (mb_lex_value_is(pre, "kind", "near"))
            set_rel(t, y, 1 - n, 0, 0);
        else if (mb_lex_value_is(pre, "kind", "past"))
            set_rel(t, y, -n, -1, -1);
        else if (mb_lex_value_is(pre, "kind", "future"))
            set_rel(t, y, 0, n - 1, 1);
        else if (mb_lex_value_is(pre, "kind", "use"))
            set_rel(t, y, 0, n, 1);
        else
            t->kind = MB_TIME_DURATION; /* 连续五年, 前三年 */
        return 1;
    }
    case 'U': {
        int n = num(c, G_UN);
        if (n < 1 || n > 10000)
            return 0;
        t->count = n;
        t->more = has(c, G_UMORE) || has(c, G_UMORE2);
        t->kind = MB_TIME_DURATION;
        const mb_lexword *post = word(c, G_UPOST, MB_LX_DUR_POST);
        if (mb_lex_value_is(post, "dir", "past")) {
            t->kind = MB_TIME_SPAN;
            set_rel(t, y, -n, -1, -1);
        } else if (mb_lex_value_is(post, "dir", "within")) {
            t->kind = MB_TIME_SPAN;
            set_rel(t, y, 0, n, 1);
        } else if (mb_lex_value_is(post, "dir", "after")) {
            t->kind = MB_TIME_SPAN;
            set_rel(t, y, n, n, 1);
        }
        return 1;
    }
    case 'A': t->kind = MB_TIME_ANNUAL; return 1;
    case 'B':
        t->kind = MB_TIME_PART;
        set_rel(t, y, 0, 0, 0);
        t->marker = rel2_marker(c, G_BREL2);
        return 1;
    default: return 0;
    }
}

int mb_timex_at(const mb_timex_rx *rx, pcre2_match_data *md, const char *text, size_t len, size_t pos,
                size_t floor, int doc_year, mb_timex *out)
{
    if (!mb_rx_match(rx->code, md, text, len, pos))
        return 0;
    const char *mark = (const char *)pcre2_get_mark(md);
    if (!mark)
        return 0;
    ctx c = {rx, md, text};
    mb_timex t;
    memset(&t, 0, sizeof t);
    t.start = pos;
    t.end = mb_rx_end(md);
    if (!resolve(&c, mark, doc_year, &t))
        return 0;
    size_t ms;
    mb_time_marker m = marker_before(rx->lex, text, pos, floor, &ms);
    if (m != MB_TM_NONE && t.kind != MB_TIME_ANNUAL && t.kind != MB_TIME_DURATION) {
        t.marker = m;
        t.start = ms;
    }
    *out = t;
    return 1;
}
