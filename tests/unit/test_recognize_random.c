/* test_recognize_random.c — the recognizer on random text made of the
 * pieces it reacts to (digits, Chinese numerals, units, comparator and
 * time words, separators, quotes, broken UTF-8): it must never crash, and
 * every result must be well formed: items in text order, not overlapping,
 * spans inside the text on character boundaries, the number inside its
 * expression, ranges with min < max, years only when resolvable. */
#include "mubiao.h"
#include "t.h"
#include "t_lex.h"

#include <stdlib.h>
#include <string.h>

static const char *const pieces[] = {
    "0",      "1",      "2",    "5",      "9",  ".",  ",",        "，",   " ",    "%",    "‰",
    "-",      "—",      "~",    "/",      ":",  "∶",  "+",        "一",   "二",   "两",   "三",
    "五",     "十",     "百",   "千",     "万", "亿", "零",       "〇",   "○",    "点",   "多",
    "余",     "几",     "分之", "百分之", "年", "月", "日",       "季度", "半年", "今年", "去年",
    "上年",   "近",     "过去", "未来",   "用", "内", "来",       "以来", "第",   "个",   "家",
    "人",     "元",     "美元", "吨",     "亩", "倍", "个百分点", "以上", "左右", "超过", "超",
    "约",     "不少于", "级",   "大",     "翻", "番", "“",        "”",    "〔",   "〕",   "号",
    "十四五", "世纪",   "年代", "周年",   "岁", "比", "到",       "至",   "截至", "每年", "底",
    "G",      "C",      "\xe4", "\xff",   "的", "是", "企业",     "增长", "。",
};
#define NP (sizeof pieces / sizeof pieces[0])

static int valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if (((unsigned char)s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

static int boundary(const char *s, size_t n, size_t i)
{
    return i == n || (i < n && ((unsigned char)s[i] & 0xC0) != 0x80);
}

int main(void)
{
    mb_recognizer *r = NULL;
    mb_error err = {0};
    mb_lexicon *lex = t_lexicon();
    T_OK(mb_recognizer_new(lex, &r, &err) == MB_OK, "recognizer");
    if (!r) {
        mb_lexicon_free(lex);
        return t_done();
    }
    mb_recognition res = {0};
    srand(12345);
    char buf[4096];
    int runs = 0, bad_input = 0, found = 0, malformed = 0, errors = 0;
    char first_bad[512] = "";
    for (int it = 0; it < 3000; it++) {
        size_t n = 0;
        int np = 1 + rand() % 40;
        for (int k = 0; k < np; k++) {
            const char *p = pieces[rand() % NP];
            size_t l = strlen(p);
            if (n + l >= sizeof buf)
                break;
            memcpy(buf + n, p, l);
            n += l;
        }
        buf[n] = '\0';
        int year = (it % 3) ? 2024 : 0;
        mb_status st = mb_recognize(r, buf, n, year, &res, &err);
        runs++;
        int utf8 = valid_utf8(buf, n);
        if (!utf8) {
            if (st == MB_EARG && strstr(err.message, "invalid UTF-8"))
                bad_input++;
            else
                errors++;
            continue;
        }
        if (st) {
            errors++;
            continue;
        }
        size_t last = 0;
        int ok = 1;
        for (size_t i = 0; i < res.nq; i++) {
            const mb_quantity *q = &res.q[i];
            ok &= q->start < q->end && q->end <= n && q->start >= last;
            ok &= q->start <= q->num_start && q->num_start < q->num_end && q->num_end <= q->end;
            ok &= boundary(buf, n, q->start) && boundary(buf, n, q->end);
            ok &= !q->has_range || (q->min < q->max && q->comparator == MB_CMP_RANGE && !q->has_value);
            ok &= q->comparator != MB_CMP_NONE || q->skip;
            last = q->end;
        }
        last = 0;
        for (size_t i = 0; i < res.nt; i++) {
            const mb_timex *t = &res.t[i];
            ok &= t->start < t->end && t->end <= n && t->start >= last;
            ok &= boundary(buf, n, t->start) && boundary(buf, n, t->end);
            ok &= t->year_from <= t->year_to;
            ok &= !t->unresolved || (year == 0 && t->year_from == 0);
            ok &= t->month_from >= 0 && t->month_to <= 12 && t->month_from <= t->month_to;
            last = t->end;
        }
        found += (int)(res.nq + res.nt);
        if (!ok) {
            malformed++;
            if (!first_bad[0])
                snprintf(first_bad, sizeof first_bad, "%s", buf);
        }
    }
    T_EQ_INT(runs, 3000, "3000 random texts");
    T_OK(bad_input > 0, "invalid UTF-8 is reported as MB_EARG naming the byte");
    T_EQ_INT(errors, 0, "no other errors");
    T_EQ_INT(malformed, 0, first_bad[0] ? first_bad : "every result well formed");
    T_OK(found > 3000, "random texts do contain quantities and times");
    /* the UTF-8 check before matching (3-byte characters checked inline):
     * the first bad byte named, every valid form accepted */
    static const struct {
        const char *s;
        long bad; /* the byte named, -1: valid */
    } u8[] = {
        {"\xe4\xb8\xad\xe5\x9b\xbd"
         "5%",
         -1}, /* 中国 */
        {"\xe0\xa4\x85 \xed\x9f\xbf \xee\x80\x80 \xef\xbf\xbd",
         -1},                             /* E0, ED below D800, private use, U+FFFD */
        {"\xc3\xa9\xf0\x9f\x98\x80", -1}, /* 2 and 4 bytes */
        {"ab\xe4\xb8", 2},                /* cut at the end */
        {"\xe4\xb8\xad\xed\xa0\x80", 3},  /* a surrogate */
        {"x\xe0\x80\x80", 1},             /* overlong */
        {"\xef\xbf\xbd\xe4\x28\xad", 3},  /* a bad continuation */
        {"\xe4\xb8\xad\x80", 3},          /* a lone continuation */
    };
    for (size_t k = 0; k < sizeof u8 / sizeof u8[0]; k++) {
        mb_error e = {0};
        mb_status st = mb_recognize(r, u8[k].s, strlen(u8[k].s), 2025, &res, &e);
        char want[96], what[160];
        snprintf(want, sizeof want, "invalid UTF-8 at byte %ld,", u8[k].bad);
        snprintf(what, sizeof what, "UTF-8 check %zu: %s", k, u8[k].bad < 0 ? "valid" : want);
        if (u8[k].bad < 0)
            T_EQ_INT(st, MB_OK, what);
        else
            T_OK(st == MB_EARG && strstr(e.message, want), what);
    }
    mb_recognition_free(&res);
    mb_recognition_free(&res); /* twice: the second is a no-op */
    mb_recognizer_free(r);
    mb_recognizer_free(NULL);
    mb_recognition_free(NULL);
    /* NULL arguments are errors, not crashes */
    T_EQ_INT(mb_recognize(NULL, "1", 1, 0, &res, &err), MB_EARG, "NULL recognizer");
    T_EQ_INT(mb_recognizer_new(lex, NULL, &err), MB_EARG, "NULL out");
    T_EQ_INT(mb_recognizer_new(NULL, &r, &err), MB_EARG, "no lexicon");
    mb_lexicon_free(lex);
    return t_done();
}
