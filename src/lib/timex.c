/* timex.c — time expressions: one pcre2 pattern, then resolution in C. */
#include "timex.h"

#include "numeral.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* ---- the pattern ---- */

#define NUM "(?:\\d(?: ?\\d)*(?:\\.\\d+)?|[〇○零一二两三四五六七八九十百千万]+)"
#define SEP "(?:——|—|–|-|－|~|～|至|到)"
#define MON "(?:1 ?[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
#define DAY                                                                                                              \
    "(?:3 ?[01]|[12] ?[0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[" \
    "一二三四五六七八九])"
#define YEAR  "(?:[12](?: ?\\d){3}|[一二][〇○零一二三四五六七八九]{3})"
#define PART  "年底|年末|年初|年中|底|末|初|上半年|下半年|前三季度|第?[一二三四1-4][ ]*季度"
#define REL2  "以前|之前|以来|以后|前|起|后"
#define NOTYR "(?!代|龄|级|纪|轻|薪|华)"
#define PLAN  "十[一二三四五]五|十五|[一二三四五六七八九]五"
#define MONTHS(p)                                                                                            \
    "(?:[ ]*(?<" p "ma>" MON ")[ ]*(?:月份?[ ]*)?" SEP "[ ]*(?<" p "mb>" MON ")[ ]*月份?"                  \
    "|[ ]*(?<" p "mc>" MON ")[ ]*月份?(?:[ ]*(?<" p "md>" DAY ")[ ]*[日号])?)"

static const char pattern[] =
    /* plan periods */
    "(*MARK:P)(?:“(?<pq>" PLAN ")”|(?<pn>" PLAN
    ")(?=[ ]*(?:时期|期间|规划|计划|纲要|期末|末期|末|初期|开局|收官|"
    "以来|中期|前期|后期)))[ "
    "]*(?<ppart>时期|期间|期末|末期|末|初期|初|规划|计划|纲要|以来|中期|前期|后期|前(?!["
    "一二三四五六七八九十两0-9])|"
    "开局之年|收官之年)?"
    "|(*MARK:P2)第(?<pord>[一二三四五六七八九十]+)个五年(?:计划|规划)(?:纲要)?(?<p2part>时期|期间|期末|末期|"
    "前期|后期)?"
    /* decades */
    "|(*MARK:D)(?<dec>[12]\\d{2}0|\\d0|[二三四五六七八九]十|[一二三四五六七八九][〇○零])[ "
    "]*年代(?<dpart>初|中期|末)?"
    /* centuries */
    "|(*MARK:C)(?:(?<cthis>本)|(?<clast>上)|(?<cnum>\\d{2}|二十一|二十|十九))[ ]*世纪"
    "(?:[ ]*(?<cdec>\\d0|[二三四五六七八九]十)[ ]*年代)?(?<cpart>中叶|上半叶|下半叶|中期|末期|末|初期|初)?"
    /* years, year ranges, their parts, months and days */
    "|(*MARK:Y)(?<y1>" YEAR ")[ ]*(?:(?:年[ ]*)?(?:" SEP "|、|/)[ ]*(?<y2>" YEAR
    ")[ ]*)?(?:年|(?<=\\d)(?=两年|三年))" NOTYR "(?:(?<ypart>" PART "|度)|" MONTHS(
        "y") ")?(?<yvis>[ ]*远景目标)?(?<yrel2>" REL2 ")?"
             /* months and days without a year */
             "|(*MARK:M)(?:(?<ma>" MON ")[ ]*(?:月份?[ ]*)?" SEP "[ ]*(?<mb>" MON ")[ ]*(?<mfen>月份?)"
             "|(?<mc>" MON ")[ ]*(?<mfen2>月份?)(?:[ ]*(?<md>" DAY ")[ ]*[日号])?)(?<mrel2>" REL2 ")?"
             /* quarters and halves */
             "|(*MARK:Q)(?:第[ ]*)?(?<qn>[一二三四1-4])[ ]*季度(?<qrel2>以来)?"
             "|(*MARK:Q3)(?<![提之以])前(?<q3>[一二三])[ ]*季度"
             "|(*MARK:H)(?<half>上|下)半年(?<hrel2>以来)?"
             /* relative years */
             "|(*MARK:R)(?<rel>(?<![至迄如当])今年|(?<!["
             "文透说光发证表声鲜分严清聪开英高阐申查标注载讲指显失黎昌精简神廉辨])明年"
             "|(?<![过失除离死回进出来上下])去年|(?<![以向])上一?年|(?<![提之以空])前年|本年度|本年)度?"
             "(?:(?<rpart>" PART
             ")|" MONTHS("r") ")?(?<rrel2>" REL2 ")?"
                              "|(*MARK:N)目前"
                              /* spans counted from the document year */
                              "|(*MARK:S)(?<spre>(?<!附)近|最近|过去|今后|未来|此后|再用|(?<!["
                              "使利应采运适费作占信租享可通专民军商公家日实效功试启])用|"
                              "连续|(?<![提之以超])前)[ ]*(?<sn>" NUM
                              ")[ ]*(?<smore>多)?[ ]*(?<su>个月|年)" NOTYR
                              "(?<spost>以来|之内|以内|来|内|间|里|左右)?(?:的?时间)?"
                              /* durations, or spans with a suffix: 三年内, 五年来 */
                              "|(*MARK:U)(?<un>" NUM
                              ")[ ]*(?<umore>多)?[ ]*年(?!代|龄|级|纪|轻|薪|度|底|末|初|华)(?<umore2>多)?"
                              "(?<upost>以来|之内|以内|以后|来|内|后|间|左右)?(?:的?时间)?"
                              /* yearly periods */
                              "|(*MARK:A)(?:每年度?|年均|年平均|每一年)"
                              /* a part of this year */
                              "|(*MARK:B)(?<!["
                              "青少老成童晚早当今明去上前后全每同近历多几百千万周一二三四五六七八九十0-9])"
                              "(?<bare>年底|年末|年初)(?<brel2>以前|之前|前)?";

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
    pcre2_code *code;
    int g[NGROUPS];
};

mb_status mb_timex_compile(const mb_lexicon *lex, mb_timex_rx **out, mb_error *err)
{
    *out = NULL;
    (void)lex;
    mb_timex_rx *rx = calloc(1, sizeof *rx);
    if (!rx)
        return mb_error_set(err, MB_ENOMEM, "recognizer: out of memory");
    mb_status st = mb_rx_compile("time", pattern, &rx->code, err);
    if (st) {
        free(rx);
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

int mb_timex_trigger(int32_t cp)
{
    if ((cp >= '0' && cp <= '9') || mb_numeral_is_cn(cp))
        return 1;
    switch (cp) {
    case 0x201C: /* “ */
    case 0x672C: /* 本 */
    case 0x4E0A: /* 上 */
    case 0x4E0B: /* 下 */
    case 0x4ECA: /* 今 */
    case 0x660E: /* 明 */
    case 0x53BB: /* 去 */
    case 0x524D: /* 前 */
    case 0x76EE: /* 目 */
    case 0x8FD1: /* 近 */
    case 0x6700: /* 最 */
    case 0x8FC7: /* 过 */
    case 0x672A: /* 未 */
    case 0x6B64: /* 此 */
    case 0x518D: /* 再 */
    case 0x7528: /* 用 */
    case 0x8FDE: /* 连 */
    case 0x7B2C: /* 第 */
    case 0x6BCF: /* 每 */
    case 0x5E74: /* 年 */ return 1;
    default: return 0;
    }
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

/* 1 if group gi is set and its text equals lit. */
static int is(const ctx *c, int gi, const char *lit)
{
    size_t a, b;
    if (!mb_rx_span(c->md, c->rx->g[gi], &a, &b))
        return 0;
    size_t k = strlen(lit);
    return b - a == k && memcmp(c->s + a, lit, k) == 0;
}

/* The whole integer in group gi (Arabic or Chinese); -1 if unset or not an
 * integer that fills the group. */
static int num(const ctx *c, int gi)
{
    size_t a, b;
    if (!mb_rx_span(c->md, c->rx->g[gi], &a, &b))
        return -1;
    mb_numeral n;
    if (!mb_numeral_parse(c->s + a, b - a, MB_NUMERAL_NO_MAGNITUDE | MB_NUMERAL_NO_FRACTION, &n))
        return -1;
    if (n.len != b - a || (n.flags & (MB_NUM_VAGUE | MB_NUM_TOOBIG | MB_NUM_DECIMAL)) || n.value > 100000)
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
    if (is(c, gi, "以前") || is(c, gi, "之前") || is(c, gi, "前"))
        return MB_TM_BY;
    if (is(c, gi, "以来") || is(c, gi, "起"))
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
#define PART_IS(lit) (n == strlen(lit) && memcmp(p, lit, n) == 0)
    if (PART_IS("上半年")) {
        *m0 = 1, *m1 = 6;
        return 1;
    }
    if (PART_IS("下半年")) {
        *m0 = 7, *m1 = 12;
        return 1;
    }
    if (PART_IS("前三季度")) {
        *m0 = 1, *m1 = 9;
        return 1;
    }
    if (PART_IS("年中")) {
        *m0 = 6, *m1 = 7;
        return 1;
    }
#undef PART_IS
    /* 第?[一二三四1-4] *季度 */
    size_t i = 0;
    if (n >= 3 && memcmp(p, "第", 3) == 0)
        i = 3;
    int q = -1;
    if (i < n && p[i] >= '1' && p[i] <= '4') {
        q = p[i] - '0';
    } else if (i < n) {
        int32_t cp;
        if (mb_utf8_decode((const unsigned char *)p + i, n - i, &cp) > 0)
            q = mb_numeral_cn_digit(cp);
    }
    if (q >= 1 && q <= 4 && n >= 6 && memcmp(p + n - 6, "季度", 6) == 0) {
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

typedef struct marker_word {
    const char *w;
    mb_time_marker m;
    const char *not_after; /* characters that make it part of another word */
} marker_word;

static const marker_word markers[] = {
    {"截止到", MB_TM_AS_OF, ""},
    {"截至", MB_TM_AS_OF, ""},
    {"截止", MB_TM_AS_OF, ""},
    {"直到", MB_TM_TO, ""},
    {"到", MB_TM_TO, "达得受看遇感想做提办收来回见找报用听谈"},
    {"至", MB_TM_TO, "甚乃以"},
    {"比", MB_TM_BASE, "无类对"},
    {"较", MB_TM_BASE, "比"},
    {"自", MB_TM_SINCE, "来各独亲擅"},
    {"从", MB_TM_SINCE, "服遵听随"},
};

/* A marker word ending at pos (spaces allowed), not before floor. */
static mb_time_marker marker_before(const char *s, size_t pos, size_t floor, size_t *mstart)
{
    size_t p = pos;
    while (p > floor && s[p - 1] == ' ')
        p--;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        size_t k = strlen(markers[i].w);
        if (p < floor + k || memcmp(s + p - k, markers[i].w, k) != 0)
            continue;
        size_t q = p - k;
        if (q >= floor + 3 && markers[i].not_after[0]) {
            char prev[4];
            memcpy(prev, s + q - 3, 3);
            prev[3] = '\0';
            if (strstr(markers[i].not_after, prev))
                continue;
        }
        *mstart = q;
        return markers[i].m;
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
            if (is(c, G_P2PART, "期末") || is(c, G_P2PART, "末期"))
                set_years(t, to, to);
            else if (is(c, G_P2PART, "前期"))
                set_years(t, from, from + 2);
            else if (is(c, G_P2PART, "后期"))
                set_years(t, to - 2, to);
            return 1;
        }
        int g = has(c, G_PQ) ? G_PQ : G_PN;
        if (!mb_rx_span(c->md, c->rx->g[g], &a, &b) || b - a < 6)
            return 0;
        mb_numeral n;
        /* the plan's number is everything before the final 五 */
        if (!mb_numeral_parse(c->s + a, b - a - 3, MB_NUMERAL_NO_MAGNITUDE | MB_NUMERAL_NO_FRACTION, &n) ||
            n.len != b - a - 3)
            return 0;
        int from, to;
        if (!mb_plan_years((int)n.value, &from, &to))
            return 0;
        t->kind = MB_TIME_PLAN;
        set_years(t, from, to);
        if (is(c, G_PPART, "末") || is(c, G_PPART, "期末") || is(c, G_PPART, "末期") ||
            is(c, G_PPART, "收官之年"))
            set_years(t, to, to);
        else if (is(c, G_PPART, "初") || is(c, G_PPART, "初期") || is(c, G_PPART, "开局之年"))
            set_years(t, from, from);
        else if (is(c, G_PPART, "前期"))
            set_years(t, from, from + 2);
        else if (is(c, G_PPART, "后期"))
            set_years(t, to - 2, to);
        else if (is(c, G_PPART, "前"))
            t->marker = MB_TM_BY;
        else if (is(c, G_PPART, "以来"))
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
        if (is(c, G_DPART, "初"))
            set_years(t, d, d + 3);
        else if (is(c, G_DPART, "中期"))
            set_years(t, d + 3, d + 6);
        else if (is(c, G_DPART, "末"))
            set_years(t, d + 7, d + 9);
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
        } else if (is(c, G_CPART, "中叶") || is(c, G_CPART, "中期")) {
            set_years(t, base + 50, base + 50);
        } else if (is(c, G_CPART, "末") || is(c, G_CPART, "末期")) {
            set_years(t, base + 100, base + 100);
        } else if (is(c, G_CPART, "初") || is(c, G_CPART, "初期")) {
            set_years(t, base + 1, base + 10);
        } else if (is(c, G_CPART, "上半叶")) {
            set_years(t, base + 1, base + 50);
        } else if (is(c, G_CPART, "下半叶")) {
            set_years(t, base + 51, base + 100);
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
        if (!has(c, G_MA) && chinese(c, G_MC) && !day && !is(c, G_MFEN2, "月份"))
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
        if (is(c, G_HALF, "上"))
            t->month_from = 1, t->month_to = 6;
        else
            t->month_from = 7, t->month_to = 12;
        t->marker = rel2_marker(c, G_HREL2);
        set_rel(t, y, 0, 0, 0);
        return 1;
    case 'R': {
        int off = 0;
        if (is(c, G_REL, "明年"))
            off = 1;
        else if (is(c, G_REL, "去年") || is(c, G_REL, "上年") || is(c, G_REL, "上一年"))
            off = -1;
        else if (is(c, G_REL, "前年"))
            off = -2;
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
        if (is(c, G_SU, "个月")) {
            if (is(c, G_SPRE, "前")) {
                if (n > 12)
                    return 0;
                t->kind = MB_TIME_DATE;
                t->month_from = 1, t->month_to = n;
                set_rel(t, y, 0, 0, 0);
            } else if (is(c, G_SPRE, "连续")) {
                t->kind = MB_TIME_DURATION;
            } else {
                t->kind = MB_TIME_SPAN;
                int fut = is(c, G_SPRE, "今后") || is(c, G_SPRE, "未来") || is(c, G_SPRE, "此后") ||
                          is(c, G_SPRE, "用") || is(c, G_SPRE, "再用");
                set_rel(t, y, 0, 0, fut ? 1 : is(c, G_SPRE, "过去") ? -1 : 0);
            }
            return 1;
        }
        t->kind = MB_TIME_SPAN;
        if (is(c, G_SPRE, "近") || is(c, G_SPRE, "最近"))
            set_rel(t, y, 1 - n, 0, 0);
        else if (is(c, G_SPRE, "过去"))
            set_rel(t, y, -n, -1, -1);
        else if (is(c, G_SPRE, "今后") || is(c, G_SPRE, "未来") || is(c, G_SPRE, "此后"))
            set_rel(t, y, 0, n - 1, 1);
        else if (is(c, G_SPRE, "用") || is(c, G_SPRE, "再用"))
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
        if (is(c, G_UPOST, "来") || is(c, G_UPOST, "以来")) {
            t->kind = MB_TIME_SPAN;
            set_rel(t, y, -n, -1, -1);
        } else if (is(c, G_UPOST, "内") || is(c, G_UPOST, "以内") || is(c, G_UPOST, "之内")) {
            t->kind = MB_TIME_SPAN;
            set_rel(t, y, 0, n, 1);
        } else if (is(c, G_UPOST, "后") || is(c, G_UPOST, "以后")) {
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
    mb_time_marker m = marker_before(text, pos, floor, &ms);
    if (m != MB_TM_NONE && t.kind != MB_TIME_ANNUAL && t.kind != MB_TIME_DURATION) {
        t.marker = m;
        t.start = ms;
    }
    *out = t;
    return 1;
}
