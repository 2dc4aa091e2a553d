/* test_numeral.c — the hand-written numeral parser: values, consumed bytes,
 * flags, and safety on long or malformed input. */
#include "numeral.h"
#include "t.h"

#include <stdlib.h>
#include <string.h>

/* Parse s and check the value (exactly: every value here is a double that
 * strtod or integer arithmetic gives exactly) and the consumed length. */
static void check(const char *s, double want, size_t want_len, unsigned want_flags, const char *what)
{
    mb_numeral n;
    int ok = mb_numeral_parse(s, strlen(s), 0, &n);
    char d[256];
    snprintf(d, sizeof d, "%s: ok=%d value=%.17g len=%zu flags=%#x; want %.17g len=%zu flags>=%#x", s, ok,
             n.value, n.len, n.flags, want, want_len, want_flags);
    t_report(ok && n.value == want && n.len == want_len && (n.flags & want_flags) == want_flags, __FILE__,
             __LINE__, what, d);
}

static void none(const char *s, const char *what)
{
    mb_numeral n;
    T_OK(!mb_numeral_parse(s, strlen(s), 0, &n), what);
}

int main(void)
{
    /* Chinese numerals */
    check("十", 10, 3, MB_NUM_CHINESE, "十");
    check("十一", 11, 6, MB_NUM_CHINESE, "十一");
    check("一十", 10, 6, MB_NUM_CHINESE, "一十");
    check("十五个", 15, 6, MB_NUM_CHINESE, "十五 stops before 个");
    check("三十", 30, 6, MB_NUM_CHINESE, "三十");
    check("一百零五", 105, 12, MB_NUM_CHINESE, "一百零五");
    check("一千二百", 1200, 12, MB_NUM_CHINESE, "一千二百");
    check("一千零五十", 1050, 15, MB_NUM_CHINESE, "一千零五十");
    check("两千", 2000, 6, MB_NUM_CHINESE, "两千");
    check("两万", 20000, 6, MB_NUM_CHINESE | MB_NUM_MAGNITUDE, "两万");
    check("二十万零五", 200005, 15, MB_NUM_CHINESE | MB_NUM_MAGNITUDE, "二十万零五");
    check("一万五", 15000, 9, MB_NUM_CHINESE, "一万五 = 15000 (colloquial)");
    check("三千五", 3500, 9, MB_NUM_CHINESE, "三千五 = 3500");
    check("壹仟贰佰", 1200, 12, MB_NUM_CHINESE, "壹仟贰佰 (financial forms)");
    check("三亿五千万", 350000000, 15, MB_NUM_CHINESE | MB_NUM_MAGNITUDE, "三亿五千万");
    check("一万亿", 1e12, 9, MB_NUM_CHINESE | MB_NUM_MAGNITUDE, "一万亿");
    check("两万五千亿", 2.5e12, 15, MB_NUM_CHINESE | MB_NUM_MAGNITUDE, "两万五千亿");
    check("六万万", 6e8, 9, MB_NUM_CHINESE | MB_NUM_MAGNITUDE, "六万万 = 6亿");
    check("十四五", 14, 6, MB_NUM_CHINESE, "十四五: 十四, then 五 is another number");
    check("二十七万千瓦", 270000, 12, MB_NUM_CHINESE, "二十七万 stops before 千瓦");
    check("三千瓦", 3, 3, MB_NUM_CHINESE, "三 stops before 千瓦");
    check("零点五", 0.5, 9, MB_NUM_CHINESE | MB_NUM_DECIMAL, "零点五");
    check("三点五", 3.5, 9, MB_NUM_CHINESE | MB_NUM_DECIMAL, "三点五");
    check("一點八倍", 1.8, 9, MB_NUM_CHINESE | MB_NUM_DECIMAL, "一點八 (traditional point)");
    check("三点", 3, 3, MB_NUM_CHINESE, "三点 without digits is not a decimal");
    check("一点五亿", 1.5e8, 12, MB_NUM_CHINESE | MB_NUM_DECIMAL | MB_NUM_MAGNITUDE, "一点五亿");
    check("二十多万", 200000, 12, MB_NUM_CHINESE | MB_NUM_MORE, "二十多万");
    check("十几", 10, 6, MB_NUM_CHINESE | MB_NUM_MORE, "十几");
    check("一百多个", 100, 6, MB_NUM_CHINESE, "一百, 多 is left to the suffix");
    check("千亿", 1e11, 6, MB_NUM_CHINESE | MB_NUM_BARE, "千亿 is a bare magnitude");
    check("万亿级", 1e12, 6, MB_NUM_CHINESE | MB_NUM_BARE, "万亿 bare");
    check("百万", 1e6, 6, MB_NUM_CHINESE | MB_NUM_BARE, "百万 bare");
    check("万一", 10000, 3, MB_NUM_CHINESE | MB_NUM_BARE, "万一: no digit after a bare magnitude");
    check("亿万", 1e8, 3, MB_NUM_CHINESE | MB_NUM_BARE, "亿万: 万 after 亿 without digits stops");
    /* digit by digit */
    check("二〇二五年", 2025, 12, MB_NUM_CHINESE | MB_NUM_POSITIONAL, "二〇二五");
    check("二○○一", 2001, 12, MB_NUM_CHINESE | MB_NUM_POSITIONAL, "二○○一 with U+25CB");
    check("一九五八年", 1958, 12, MB_NUM_CHINESE | MB_NUM_POSITIONAL, "一九五八");
    check("八〇", 80, 6, MB_NUM_CHINESE | MB_NUM_POSITIONAL, "八〇: two digits with a zero");
    check("三五年", 0, 6, MB_NUM_CHINESE | MB_NUM_VAGUE, "三五 is vague");
    check("二三十个", 0, 9, MB_NUM_CHINESE | MB_NUM_VAGUE, "二三十 is vague, consumed whole");
    none("零售", "a lone 零 is not a number");
    none("〇", "a lone 〇 is not a number");
    none("是", "not a numeral");
    none("", "empty input");

    /* Arabic numbers */
    check("1200", 1200, 4, MB_NUM_ARABIC, "1200");
    check("1,200", 1200, 5, MB_NUM_ARABIC | MB_NUM_GROUPED, "1,200");
    check("12,345,678", 12345678, 10, MB_NUM_ARABIC | MB_NUM_GROUPED, "12,345,678");
    check("1,2", 1, 1, MB_NUM_ARABIC, "1,2 is not a thousands group");
    check("1,2345", 1, 1, MB_NUM_ARABIC, "1,2345 is not a thousands group");
    check("1234,567", 1234, 4, MB_NUM_ARABIC, "four digits before a comma: no group");
    check("8，725，483，000元", 8725483000, 19, MB_NUM_ARABIC | MB_NUM_GROUPED, "full-width comma groups");
    check("134.9", 134.9, 5, MB_NUM_ARABIC | MB_NUM_DECIMAL, "134.9");
    check("0.09", 0.09, 4, MB_NUM_ARABIC | MB_NUM_DECIMAL, "0.09");
    check("007", 7, 3, MB_NUM_ARABIC, "leading zeros");
    check("1.", 1, 1, MB_NUM_ARABIC, "1. (a heading) has no fraction");
    check("3万亿", 3e12, 7, MB_NUM_ARABIC | MB_NUM_MAGNITUDE, "3万亿");
    check("1.42万亿", 1420000000000, 10, MB_NUM_ARABIC | MB_NUM_MAGNITUDE, "1.42万亿 exactly");
    check("134.9万亿元", 134900000000000, 11, MB_NUM_ARABIC | MB_NUM_MAGNITUDE, "134.9万亿 exactly");
    check("4.4万亿元", 4400000000000, 9, MB_NUM_ARABIC | MB_NUM_MAGNITUDE, "4.4万亿 exactly");
    check("1.5 万名", 15000, 7, MB_NUM_ARABIC | MB_NUM_MAGNITUDE, "1.5 万 with a space");
    check("5000亿", 5e11, 7, MB_NUM_ARABIC | MB_NUM_MAGNITUDE, "5000亿");
    check("2千万", 2e7, 7, MB_NUM_ARABIC | MB_NUM_MAGNITUDE, "2千万");
    check("6600多万", 66000000, 10, MB_NUM_ARABIC | MB_NUM_MAGNITUDE | MB_NUM_MORE, "6600多万");
    check("2000多公里", 2000, 4, MB_NUM_ARABIC, "2000多公里: 多 is not before a magnitude");
    check("27万千瓦", 270000, 5, MB_NUM_ARABIC | MB_NUM_MAGNITUDE, "27万 stops before 千瓦");
    check("3 千瓦", 3, 1, MB_NUM_ARABIC, "3 千瓦: 千 is part of the unit");
    check("2023 年", 2023, 4, MB_NUM_ARABIC, "the space before 年 is not consumed");
    check("1 9 9 9 年", 1999, 7, MB_NUM_ARABIC, "spaced digits (PDF extraction)");
    check("1 .1 亿门", 1.1e8, 8, MB_NUM_ARABIC | MB_NUM_DECIMAL | MB_NUM_MAGNITUDE, "spaced decimal");
    {
        mb_numeral n;
        T_OK(mb_numeral_parse("1.5万", 7, MB_NUMERAL_NO_MAGNITUDE, &n) && n.value == 1.5 && n.len == 3,
             "NO_MAGNITUDE leaves 万 alone");
    }

    /* percent, per mille, fractions */
    check("百分之五", 5, 12, MB_NUM_PERCENT, "百分之五");
    check("百分之三点五", 3.5, 18, MB_NUM_PERCENT | MB_NUM_DECIMAL, "百分之三点五");
    check("百分之一百零四点一", 104.1, 27, MB_NUM_PERCENT, "百分之一百零四点一");
    check("百分之百", 100, 12, MB_NUM_PERCENT, "百分之百");
    check("千分之三", 3, 12, MB_NUM_PERMILLE, "千分之三");
    check("三分之一", 1.0 / 3.0, 12, MB_NUM_FRACTION, "三分之一");
    check("十分之一", 0.1, 12, MB_NUM_FRACTION, "十分之一");
    check("万分之五", 0.0005, 12, MB_NUM_FRACTION, "万分之五");
    none("百分之", "百分之 with nothing after");
    check("十分重要", 10, 3, MB_NUM_CHINESE, "十分 is not a fraction");

    /* huge and long inputs: no overflow, no undefined behaviour */
    {
        size_t big = 100000;
        char *s = malloc(big + 1);
        memset(s, '9', big);
        s[big] = '\0';
        mb_numeral n;
        T_OK(mb_numeral_parse(s, big, 0, &n) && n.len == big && (n.flags & MB_NUM_TOOBIG),
             "100000 digits: consumed whole, flagged TOOBIG");
        free(s);
    }
    {
        char s[200];
        memset(s, '9', 30);
        strcpy(s + 30, ".5");
        mb_numeral n;
        T_OK(mb_numeral_parse(s, strlen(s), 0, &n) && !(n.flags & MB_NUM_TOOBIG) && n.value > 9.9e29 &&
                 n.value < 1.1e30,
             "30 digits: still a value");
    }
    {
        /* 4000 Chinese digits one after another */
        size_t k = 4000;
        char *s = malloc(3 * k + 1);
        for (size_t i = 0; i < k; i++)
            memcpy(s + 3 * i, "九", 3);
        s[3 * k] = '\0';
        mb_numeral n;
        T_OK(mb_numeral_parse(s, 3 * k, 0, &n) && n.len == 3 * k && (n.flags & MB_NUM_TOOBIG),
             "4000 Chinese digits: consumed, TOOBIG");
        free(s);
    }
    {
        const char *s = "九千九百九十九万九千九百九十九亿九千九百九十九万亿";
        mb_numeral n;
        int ok = mb_numeral_parse(s, strlen(s), 0, &n);
        T_OK(ok && n.len > 0 && n.len <= strlen(s), "a numeral past 2^62 stops or is flagged, no overflow");
    }
    {
        /* truncated UTF-8 and stray bytes */
        const char s[] = {'\xe4', '\xb8'};
        mb_numeral n;
        T_OK(!mb_numeral_parse(s, 2, 0, &n), "truncated UTF-8: no number");
        T_OK(mb_numeral_parse("5\xff", 2, 0, &n) && n.len == 1 && n.value == 5, "5 then a bad byte");
        T_OK(mb_numeral_parse("三\xe4", 4, 0, &n) && n.len == 3 && n.value == 3, "三 then a cut character");
    }
    T_OK(mb_numeral_is_cn(0x4E07) && !mb_numeral_is_cn('5'), "mb_numeral_is_cn");
    T_EQ_INT(mb_numeral_cn_digit(0x25CB), 0, "○ is zero");
    T_EQ_INT(mb_numeral_cn_digit(0x4E24), 2, "两 is two");
    /* mb_numeral_cn_chars lists exactly the characters mb_numeral_is_cn
     * accepts (the time recognizer's trigger set is built from it) */
    {
        const int32_t *cn;
        size_t ncn = mb_numeral_cn_chars(&cn), listed = 0, accepted = 0;
        for (size_t i = 0; i < ncn; i++)
            listed += mb_numeral_is_cn(cn[i]) != 0;
        for (int32_t cp = 0; cp < 0x110000; cp++)
            accepted += mb_numeral_is_cn(cp) != 0;
        T_EQ_INT((long)ncn, 34, "34 numeral characters listed");
        T_EQ_INT((long)listed, 34, "every listed one accepted");
        T_EQ_INT((long)accepted, 34, "and no other code point");
    }
    return t_done();
}
