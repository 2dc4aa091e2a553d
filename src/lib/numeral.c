/* numeral.c — the hand-written number reader (see numeral.h). */
#include "numeral.h"

#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chinese values are built in int64 and must stay below this. */
#define CN_LIMIT ((int64_t)1 << 62)

/* The Chinese digits and their values, and the unit and magnitude
 * characters and their powers of ten: one list for the look-ups below and
 * for mb_numeral_cn_chars. */
/* clang-format off */
#define CN_DIGITS(X)                                                        \
    X(0x3007, 0) /* 〇 */ X(0x25CB, 0) /* ○ */ X(0x96F6, 0) /* 零 */       \
    X(0x4E00, 1) /* 一 */ X(0x58F9, 1) /* 壹 */                             \
    X(0x4E8C, 2) /* 二 */ X(0x4E24, 2) /* 两 */ X(0x5169, 2) /* 兩 */       \
    X(0x8D30, 2) /* 贰 */ X(0x8CB3, 2) /* 貳 */                             \
    X(0x4E09, 3) /* 三 */ X(0x53C1, 3) /* 叁 */                             \
    X(0x56DB, 4) /* 四 */ X(0x8086, 4) /* 肆 */                             \
    X(0x4E94, 5) /* 五 */ X(0x4F0D, 5) /* 伍 */                             \
    X(0x516D, 6) /* 六 */ X(0x9646, 6) /* 陆 */                             \
    X(0x4E03, 7) /* 七 */ X(0x67D2, 7) /* 柒 */                             \
    X(0x516B, 8) /* 八 */ X(0x634C, 8) /* 捌 */                             \
    X(0x4E5D, 9) /* 九 */ X(0x7396, 9) /* 玖 */
#define CN_UNITS(X)                                                         \
    X(0x5341, 1) /* 十 */ X(0x62FE, 1) /* 拾 */                             \
    X(0x767E, 2) /* 百 */ X(0x4F70, 2) /* 佰 */                             \
    X(0x5343, 3) /* 千 */ X(0x4EDF, 3) /* 仟 */                             \
    X(0x4E07, 4) /* 万 */ X(0x842C, 4) /* 萬 */                             \
    X(0x4EBF, 8) /* 亿 */ X(0x5104, 8) /* 億 */
/* clang-format on */

#define CN_CASE(cp, v)                                                                                       \
    case cp:                                                                                                 \
        return v;
#define CN_CP(cp, v) cp,

int mb_numeral_cn_digit(int cp)
{
    switch (cp) {
        CN_DIGITS(CN_CASE)
    default: return -1;
    }
}

/* Power of ten of a unit or magnitude character, 0 if none. */
static int cn_unit_exp(int32_t cp)
{
    switch (cp) {
        CN_UNITS(CN_CASE)
    default: return 0;
    }
}

int mb_numeral_is_cn(int cp)
{
    return mb_numeral_cn_digit(cp) >= 0 || cn_unit_exp(cp) > 0;
}

size_t mb_numeral_cn_chars(const int32_t **out)
{
    static const int32_t chars[] = {CN_DIGITS(CN_CP) CN_UNITS(CN_CP)};
    *out = chars;
    return sizeof chars / sizeof chars[0];
}

#define CP_DIAN  0x70B9 /* 点 */
#define CP_DUO   0x591A /* 多 */
#define CP_YU    0x4F59 /* 余 */
#define CP_YU2   0x9918 /* 餘 */
#define CP_DIAN2 0x9EDE /* 點 */
#define CP_JI    0x51E0 /* 几 */
#define CP_FEN   0x5206 /* 分 */
#define CP_ZHI   0x4E4B /* 之 */

/* The code point at s[i..n) and its length; 0 at the end or on bad UTF-8. */
static int peek(const unsigned char *s, size_t n, size_t i, int32_t *cp)
{
    if (i >= n) {
        *cp = -1;
        return 0;
    }
    int l = mb_utf8_decode(s + i, n - i, cp);
    return l < 0 ? 0 : l;
}

/* After 千, these make a unit (千瓦, 千克, 千米 ...) rather than a magnitude. */
static int qian_unit_follows(int32_t cp)
{
    switch (cp) {
    case 0x74E6: /* 瓦 */
    case 0x514B: /* 克 */
    case 0x7C73: /* 米 */
    case 0x4F0F: /* 伏 */
    case 0x5E15: /* 帕 */
    case 0x5361: /* 卡 */
    case 0x7126: /* 焦 */
    case 0x8D6B: /* 赫 */
    case 0x5146: /* 兆 */
    case CP_FEN: return 1;
    default: return 0;
    }
}

/* digits (ASCII, no sign) times 10^exp, correctly rounded by strtod. */
static double dec_value(const char *digits, size_t nd, int exp)
{
    char buf[MB_NUMERAL_MAX_DIGITS * 2 + 16];
    if (nd == 0)
        return 0.0;
    if (nd > MB_NUMERAL_MAX_DIGITS * 2)
        nd = MB_NUMERAL_MAX_DIGITS * 2;
    memcpy(buf, digits, nd);
    snprintf(buf + nd, sizeof buf - nd, "e%d", exp);
    return strtod(buf, NULL);
}

/* Magnitude words after an Arabic number or a Chinese decimal: optional
 * spaces, optional 多/余 (only when a magnitude follows), then [百千]? 万?
 * 亿?. Returns the bytes consumed (0 when there is no magnitude word). */
static size_t read_magnitude(const unsigned char *s, size_t n, size_t i, int allow_small, int *exp, int *more)
{
    size_t j = i;
    int32_t cp;
    int l;
    *exp = 0;
    *more = 0;
    while (j < n && s[j] == ' ' && j - i < 4)
        j++;
    l = peek(s, n, j, &cp);
    if (l && (cp == CP_DUO || cp == CP_YU || cp == CP_YU2)) {
        int32_t c2;
        int l2 = peek(s, n, j + (size_t)l, &c2);
        int e2 = l2 ? cn_unit_exp(c2) : 0;
        if (e2 >= 4 || (allow_small && (e2 == 2 || e2 == 3))) {
            *more = 1;
            j += (size_t)l;
            l = peek(s, n, j, &cp);
        }
    }
    int e = l ? cn_unit_exp(cp) : 0;
    int got = 0;
    if (allow_small && (e == 2 || e == 3)) {
        int32_t c2;
        int l2 = peek(s, n, j + (size_t)l, &c2);
        if (!(l2 && (qian_unit_follows(c2) || (e == 2 && c2 == CP_FEN)))) {
            *exp += e;
            j += (size_t)l;
            got = 1;
            l = peek(s, n, j, &cp);
            e = l ? cn_unit_exp(cp) : 0;
        }
    }
    if (e == 4) {
        *exp += 4;
        j += (size_t)l;
        got = 1;
        l = peek(s, n, j, &cp);
        e = l ? cn_unit_exp(cp) : 0;
    }
    if (e == 8) {
        *exp += 8;
        j += (size_t)l;
        got = 1;
    }
    if (!got) {
        *exp = 0;
        *more = 0;
        return 0;
    }
    return j - i;
}

static int is_digit_at(const unsigned char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

/* A thousands separator at s[i]: ',' or the full-width '，' that older
 * reports use (８，７２５，４８３). Returns its length, 0 if none. */
static size_t group_sep(const unsigned char *s, size_t n, size_t i)
{
    if (i < n && s[i] == ',')
        return 1;
    if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x8C)
        return 3;
    return 0;
}

/* Single digits each followed by one space, as some PDF extractions write
 * them (1 9 9 9 年, 5 1 6 0 元): the end of the run starting at i. */
static size_t spaced_run(const unsigned char *s, size_t n, size_t i)
{
    while (is_digit_at(s, n, i) && !is_digit_at(s, n, i + 1)) {
        if (i + 2 < n && s[i + 1] == ' ' && is_digit_at(s, n, i + 2))
            i += 2;
        else
            return i + 1;
    }
    return i;
}

static int parse_arabic(const unsigned char *s, size_t n, unsigned opts, mb_numeral *out)
{
    char dig[MB_NUMERAL_MAX_DIGITS * 2 + 1];
    size_t nd = 0, i = 0;
    int toobig = 0, intd = 0, fracd = 0, spaced = 0;
    unsigned flags = MB_NUM_ARABIC;

    while (is_digit_at(s, n, i))
        i++;
    size_t run = i;
    if (run == 0)
        return 0;
    size_t int_end = run;
    if (run == 1 && n > 2 && s[1] == ' ' && (is_digit_at(s, n, 2) || (s[2] == '.' && is_digit_at(s, n, 3)))) {
        int_end = spaced_run(s, n, 0);
        spaced = 1;
    } else if (run <= 3) { /* thousands groups: ,ddd not followed by a digit */
        size_t j = run, k;
        int groups = 0;
        while ((k = group_sep(s, n, j)) > 0 && is_digit_at(s, n, j + k) && is_digit_at(s, n, j + k + 1) &&
               is_digit_at(s, n, j + k + 2) && !is_digit_at(s, n, j + k + 3)) {
            j += k + 3;
            groups++;
        }
        if (groups) {
            flags |= MB_NUM_GROUPED;
            int_end = j;
        }
    }
    for (size_t k = 0; k < int_end; k++) {
        if (s[k] < '0' || s[k] > '9')
            continue;
        intd++;
        if (nd == 0 && s[k] == '0')
            continue; /* leading zeros carry no value */
        if (nd < MB_NUMERAL_MAX_DIGITS)
            dig[nd++] = (char)s[k];
        else
            toobig = 1;
    }
    i = int_end;
    size_t k = i;
    if (spaced && k < n && s[k] == ' ')
        k++;
    /* the point: '.', or the middle dot of older reports (14·1％) */
    size_t pt = (k < n && s[k] == '.') ? 1 : (k + 1 < n && s[k] == 0xC2 && s[k + 1] == 0xB7) ? 2 : 0;
    if (pt && k + pt < n) {
        size_t f = k + pt;
        if (spaced && f < n && s[f] == ' ')
            f++;
        if (is_digit_at(s, n, f)) {
            size_t fend = spaced ? spaced_run(s, n, f) : f;
            if (!spaced)
                while (is_digit_at(s, n, fend))
                    fend++;
            flags |= MB_NUM_DECIMAL;
            for (size_t m = f; m < fend; m++) {
                if (s[m] < '0' || s[m] > '9')
                    continue;
                if (fracd < MB_NUMERAL_MAX_DIGITS)
                    dig[nd++] = (char)s[m], fracd++;
                else
                    toobig = 1;
            }
            i = fend;
        }
    }
    out->digit_len = i;
    out->int_digits = intd;
    int exp = 0, more = 0;
    if (!(opts & MB_NUMERAL_NO_MAGNITUDE)) {
        size_t m = read_magnitude(s, n, i, 1, &exp, &more);
        if (m) {
            flags |= MB_NUM_MAGNITUDE | (more ? MB_NUM_MORE : 0);
            i += m;
        }
    }
    out->len = i;
    out->mag_exp = exp;
    if (toobig) {
        out->flags = flags | MB_NUM_TOOBIG;
        out->value = 0;
    } else {
        out->flags = flags;
        out->value = dec_value(dig, nd, exp - fracd);
    }
    return 1;
}

static int parse_chinese(const unsigned char *s, size_t n, unsigned opts, mb_numeral *out)
{
    int32_t cp, cp2;
    int l = peek(s, n, 0, &cp);
    if (!l || !mb_numeral_is_cn(cp))
        return 0;
    int d0 = mb_numeral_cn_digit(cp);
    int l2 = peek(s, n, (size_t)l, &cp2);
    if (d0 >= 0 && l2 && mb_numeral_cn_digit(cp2) >= 0) {
        /* two digits in a row: digit by digit (二〇二五) or a vague pair (三五) */
        char buf[MB_NUMERAL_MAX_DIGITS + 1];
        int cnt = 0, zero = 0, nb = 0;
        size_t j = 0;
        int32_t c;
        int lk;
        while ((lk = peek(s, n, j, &c)) > 0) {
            int d = mb_numeral_cn_digit(c);
            if (d < 0)
                break;
            if (nb < MB_NUMERAL_MAX_DIGITS)
                buf[nb++] = (char)('0' + d);
            cnt++;
            if (d == 0)
                zero = 1;
            j += (size_t)lk;
        }
        memset(out, 0, sizeof *out);
        out->flags = MB_NUM_CHINESE;
        if (cnt >= 3 || zero) {
            out->flags |= MB_NUM_POSITIONAL;
            out->int_digits = cnt;
            if (cnt > MB_NUMERAL_MAX_DIGITS)
                out->flags |= MB_NUM_TOOBIG;
            else
                out->value = dec_value(buf, (size_t)nb, 0);
        } else { /* 三五, 二三十, 七八万: approximate, consume the whole run */
            while ((lk = peek(s, n, j, &c)) > 0 && mb_numeral_is_cn(c))
                j += (size_t)lk;
            out->flags |= MB_NUM_VAGUE;
        }
        out->len = out->digit_len = j;
        return 1;
    }

    int64_t total = 0, big = 0, sec = 0;
    int pending = -1;  /* a digit waiting for its unit */
    int sec_unit = 99; /* last 十百千 exponent in this section: they must decrease */
    int last_big = 99; /* last 万/亿 exponent */
    int last_unit = 0; /* exponent of the last unit character read */
    int zero = 0;      /* 零 since the last unit */
    int any = 0, any_digit = 0, more = 0, after_more = 0, toobig = 0;
    int trailing_mag = 0; /* 万, 亿, 万亿 at the end */
    int first_is_ten = 0;
    unsigned flags = MB_NUM_CHINESE;
    char frac[MB_NUMERAL_MAX_DIGITS + 1];
    int nfrac = 0;
    size_t i = 0, end = 0;

    while ((l = peek(s, n, i, &cp)) > 0) {
        int d = mb_numeral_cn_digit(cp);
        if (d >= 0) {
            if (pending >= 0 || after_more || (any && !any_digit && !first_is_ten))
                break; /* 万一: no digit after a bare magnitude */
            if (d == 0 && any) {
                zero = 1;
            } else {
                pending = d;
                if (d > 0 || !any)
                    any_digit = 1;
            }
            any = 1;
            i += (size_t)l;
            end = i;
            trailing_mag = 0;
            continue;
        }
        int e = cn_unit_exp(cp);
        if (e == 0) {
            if (cp == CP_JI && last_unit == 1 && pending < 0 && !after_more) {
                more = after_more = 1; /* 十几, 二十几万 */
                i += (size_t)l;
                end = i;
                continue;
            }
            if ((cp == CP_DUO || cp == CP_YU || cp == CP_YU2) && last_unit > 0 && pending < 0 &&
                !after_more) {
                int32_t c3;
                int l3 = peek(s, n, i + (size_t)l, &c3);
                if (l3 && cn_unit_exp(c3) >= 4) { /* 二十多万 */
                    more = after_more = 1;
                    i += (size_t)l;
                    end = i;
                    continue;
                }
            }
            if ((cp == CP_DIAN || cp == CP_DIAN2) && any && !after_more && total == 0 && big == 0) {
                /* 三点五: a decimal, then only 万/亿 may follow */
                size_t j = i + (size_t)l;
                int32_t c3;
                int l3, d3;
                while ((l3 = peek(s, n, j, &c3)) > 0 && (d3 = mb_numeral_cn_digit(c3)) >= 0) {
                    if (nfrac < MB_NUMERAL_MAX_DIGITS)
                        frac[nfrac++] = (char)('0' + d3);
                    else
                        toobig = 1;
                    j += (size_t)l3;
                }
                if (nfrac > 0) {
                    flags |= MB_NUM_DECIMAL;
                    i = end = j;
                }
            }
            break;
        }
        if (e <= 3) { /* 十 百 千 */
            if (after_more || nfrac)
                break;
            int32_t c3;
            int l3 = peek(s, n, i + (size_t)l, &c3);
            if (l3 && ((e == 3 && qian_unit_follows(c3)) || (e == 2 && c3 == CP_FEN)))
                break; /* 千瓦, 百分点 */
            if (e >= sec_unit)
                break;
            int mult = pending;
            if (mult < 0) {
                if (e == 1)
                    mult = 1; /* 十五, 一百一十 */
                else if (!any)
                    mult = 1; /* 百万, 千亿: a bare magnitude */
                else
                    break;
            }
            if (!any && e == 1)
                first_is_ten = 1;
            int64_t add = mult;
            for (int k = 0; k < e; k++)
                add *= 10;
            sec += add;
            pending = -1;
            sec_unit = e;
        } else { /* 万 亿 */
            int64_t x = sec + (pending > 0 ? pending : 0);
            if (e == 4 && last_unit == 4 && big > 0 && sec == 0 && pending < 0 && !more) {
                /* 六万万 = 6亿 (older usage) */
                if (big > CN_LIMIT / 10000)
                    toobig = 1;
                else
                    big *= 10000;
                trailing_mag = 8;
                last_unit = 4;
                i += (size_t)l;
                end = i;
                continue;
            }
            if (e == 4) {
                if (last_big <= 4 || nfrac)
                    break;
                if (x == 0) {
                    if (any)
                        break; /* 亿万 */
                    x = 1;
                }
                if (x > CN_LIMIT / 10000) {
                    toobig = 1;
                    x = 0;
                }
                big = x * 10000;
                trailing_mag = 4;
            } else {
                x += big;
                if (x == 0) {
                    if (any)
                        break; /* 亿亿 */
                    x = 1;
                }
                if (total + x > CN_LIMIT / 100000000) {
                    toobig = 1;
                    total = 0;
                } else {
                    total = (total + x) * 100000000;
                }
                big = 0;
                trailing_mag = trailing_mag == 4 ? 12 : 8;
            }
            sec = 0;
            pending = -1;
            sec_unit = 99;
            last_big = e;
        }
        if (e <= 3)
            trailing_mag = 0;
        last_unit = e;
        zero = 0;
        any = 1;
        i += (size_t)l;
        end = i;
    }
    if (!any)
        return 0;
    memset(out, 0, sizeof *out);
    if (last_unit == 0 && !nfrac && pending <= 0)
        return 0; /* a lone 零 or 〇 */
    int64_t tail = 0;
    if (pending > 0) {
        tail = pending;
        if (!zero && last_unit >= 2) /* 一万五 = 15000, 三千五 = 3500 */
            for (int k = 1; k < last_unit; k++)
                tail *= 10;
    }
    int64_t ival = total + big + sec + tail;
    if (ival < 0 || ival > CN_LIMIT)
        toobig = 1;
    if (!any_digit && !first_is_ten)
        flags |= MB_NUM_BARE;
    if (trailing_mag || total || big)
        flags |= MB_NUM_MAGNITUDE;
    if (more)
        flags |= MB_NUM_MORE;
    out->mag_exp = trailing_mag;
    int exp = 0;
    if (nfrac && !(opts & MB_NUMERAL_NO_MAGNITUDE)) {
        int m2 = 0;
        size_t m = read_magnitude(s, n, end, 0, &exp, &m2);
        if (m) {
            end += m;
            flags |= MB_NUM_MAGNITUDE | (m2 ? MB_NUM_MORE : 0);
            out->mag_exp = exp;
        }
    }
    if (toobig) {
        flags |= MB_NUM_TOOBIG;
    } else if (nfrac) {
        char buf[MB_NUMERAL_MAX_DIGITS * 2 + 24];
        int k = snprintf(buf, sizeof buf, "%lld", (long long)ival);
        memcpy(buf + k, frac, (size_t)nfrac);
        out->value = dec_value(buf, (size_t)k + (size_t)nfrac, exp - nfrac);
    } else {
        out->value = (double)ival;
    }
    out->flags = flags;
    out->len = out->digit_len = end;
    return 1;
}

/* A number without the 百分之 / N分之 forms. */
static int parse_plain(const unsigned char *s, size_t n, unsigned opts, mb_numeral *out)
{
    memset(out, 0, sizeof *out);
    if (n > 0 && s[0] >= '0' && s[0] <= '9')
        return parse_arabic(s, n, opts, out);
    return parse_chinese(s, n, opts, out);
}

/* The byte length of the code points cps[0..ncp) at the start of s, or 0
 * when s does not start with them. The numeral grammar's words (百分之,
 * 分之) are code points, as the digits are. */
static size_t starts_with_cps(const unsigned char *s, size_t n, const int32_t *cps, size_t ncp)
{
    size_t at = 0;
    for (size_t i = 0; i < ncp; i++) {
        int32_t cp;
        int k = at < n ? mb_utf8_decode(s + at, n - at, &cp) : -1;
        if (k <= 0 || cp != cps[i])
            return 0;
        at += (size_t)k;
    }
    return at;
}

static const int32_t fen_zhi[2] = {0x5206, 0x4E4B}; /* 分之: 三分之一 */

int mb_numeral_parse(const char *str, size_t n, unsigned opts, mb_numeral *out)
{
    const unsigned char *s = (const unsigned char *)str;
    memset(out, 0, sizeof *out);
    if (!s || n == 0)
        return 0;
    if (!(opts & MB_NUMERAL_NO_FRACTION)) {
        static const struct {
            int32_t cps[3];
            unsigned flag;
            double div;
        } per[] = {
            {{0x767E, 0x5206, 0x4E4B}, MB_NUM_PERCENT, 1},      /* 百分之 */
            {{0x5343, 0x5206, 0x4E4B}, MB_NUM_PERMILLE, 1},     /* 千分之 */
            {{0x4E07, 0x5206, 0x4E4B}, MB_NUM_FRACTION, 10000}, /* 万分之 */
        };
        for (size_t k = 0; k < sizeof per / sizeof per[0]; k++) {
            size_t p = starts_with_cps(s, n, per[k].cps, 3);
            if (!p)
                continue;
            mb_numeral y;
            if (!parse_plain(s + p, n - p, MB_NUMERAL_NO_MAGNITUDE, &y) || (y.flags & MB_NUM_VAGUE))
                return 0;
            *out = y;
            out->len = out->digit_len = p + y.len;
            out->flags = (y.flags & (MB_NUM_ARABIC | MB_NUM_CHINESE | MB_NUM_DECIMAL | MB_NUM_MORE |
                                     MB_NUM_TOOBIG | MB_NUM_GROUPED)) |
                         per[k].flag;
            out->value = y.value / per[k].div;
            out->mag_exp = 0;
            return 1;
        }
    }
    if (!parse_plain(s, n, opts, out))
        return 0;
    if (!(opts & MB_NUMERAL_NO_FRACTION) &&
        !(out->flags & (MB_NUM_MAGNITUDE | MB_NUM_DECIMAL | MB_NUM_VAGUE | MB_NUM_TOOBIG | MB_NUM_MORE)) &&
        out->value > 0 && starts_with_cps(s + out->len, n - out->len, fen_zhi, 2)) {
        size_t p = out->len + starts_with_cps(s + out->len, n - out->len, fen_zhi, 2);
        mb_numeral y;
        if (parse_plain(s + p, n - p, MB_NUMERAL_NO_MAGNITUDE, &y) && !(y.flags & MB_NUM_VAGUE)) {
            unsigned kind = (out->flags & (MB_NUM_ARABIC | MB_NUM_CHINESE));
            double den = out->value;
            *out = y;
            out->len = out->digit_len = p + y.len;
            out->flags = kind | (y.flags & (MB_NUM_DECIMAL | MB_NUM_TOOBIG)) | MB_NUM_FRACTION;
            out->value = y.value / den;
            out->mag_exp = 0;
        }
    }
    return 1;
}
