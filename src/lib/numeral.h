/* numeral.h — one number read at the start of normalized UTF-8 text (owns:
 * the values of Arabic and Chinese numerals and of the magnitude words
 * folded into them).
 *
 * Reads:
 *  - Arabic numbers: 1200, 1,200 (groups of exactly three digits), 1.5,
 *    134.9 (full-width digits are already half-width after normalize);
 *  - Chinese numerals: 十五, 一百零五, 一千二百, 两万, 二十万零五, 一万五
 *    (= 15000), 三点五, 零点五, 壹仟贰佰; digit by digit: 二〇二五,
 *    二○○一, 一九五八 (three digits or more, or with a zero);
 *  - magnitude words folded into the value: 3万亿, 1.5 万, 5000亿, 两千万,
 *    6600多万, and a magnitude word alone (千亿, 万亿: flagged BARE);
 *  - 百分之五, 百分之三点五 (percent), 千分之三 (per mille), 三分之一 and
 *    万分之五 (fractions: the value is the quotient).
 *
 * Values are doubles. Digit strings go through strtod, so 1.42万亿 is
 * exactly 1420000000000 and 134.9 is the double nearest 134.9. Runs of more
 * than MB_NUMERAL_MAX_DIGITS digits are consumed whole and flagged TOOBIG;
 * Chinese numerals whose value would pass 2^62 likewise. */
#ifndef MB_NUMERAL_H
#define MB_NUMERAL_H

#include <stddef.h>
#include <stdint.h>

#define MB_NUMERAL_MAX_DIGITS 30

/* mb_numeral.flags */
#define MB_NUM_ARABIC     0x0001u /* Arabic digits */
#define MB_NUM_CHINESE    0x0002u /* Chinese numerals */
#define MB_NUM_GROUPED    0x0004u /* thousands separators: 1,200 */
#define MB_NUM_DECIMAL    0x0008u /* a fraction part: 1.5, 三点五 */
#define MB_NUM_POSITIONAL 0x0010u /* Chinese digit by digit: 二〇二五 */
#define MB_NUM_MAGNITUDE  0x0020u /* a magnitude word was folded in: 万, 亿, 万亿, 千, 百 */
#define MB_NUM_BARE       0x0040u /* magnitude words only, no digit: 千亿, 万 */
#define MB_NUM_MORE       0x0080u /* 多/余/几 inside: 6600多万, 二十多万, 十几 */
#define MB_NUM_PERCENT    0x0100u /* 百分之… (value in percent) */
#define MB_NUM_PERMILLE   0x0200u /* 千分之… (value in per mille) */
#define MB_NUM_FRACTION   0x0400u /* N分之M: value M/N */
#define MB_NUM_TOOBIG     0x0800u /* too many digits or too large: do not use the value */
#define MB_NUM_VAGUE      0x1000u /* 三五, 二三十: an approximate pair, no value */

/* options of mb_numeral_parse */
#define MB_NUMERAL_NO_MAGNITUDE 1u /* do not fold magnitude words (years, months) */
#define MB_NUMERAL_NO_FRACTION  2u /* do not read 百分之/N分之 forms */

typedef struct mb_numeral {
    double value;
    size_t len;       /* bytes consumed */
    size_t digit_len; /* bytes of the digits themselves, before spaces, 多 or a magnitude word */
    unsigned flags;
    int int_digits; /* Arabic: digits before the point; Chinese positional: digits */
    int mag_exp;    /* the folded magnitude as a power of ten (万 4, 亿 8, 万亿 12), 0 if none */
} mb_numeral;

/* Read one number at s[0..n). Returns 1 and fills *out when s starts with
 * one, else 0. Never reads past n; any input is safe. */
int mb_numeral_parse(const char *s, size_t n, unsigned opts, mb_numeral *out);

/* 1 if cp is a Chinese numeral character (digit, 十百千, 万亿, 〇○零 and
 * the financial forms), else 0. */
int mb_numeral_is_cn(int cp);
/* Every code point mb_numeral_is_cn accepts (a static array; returns its
 * length): for callers that build a filter of characters once. */
size_t mb_numeral_cn_chars(const int32_t **out);

/* The value of a Chinese digit character (〇○零 0, 一壹 1, 二两贰 2 …), or -1. */
int mb_numeral_cn_digit(int cp);

#endif
