/* test_decode.c — encoding detection, conversion, the source map, bad
 * bytes, lenient mode, binary and empty inputs, and a robustness loop. */
#include "decode.h"
#include "t.h"
#include "t_map.h"
#include "t_lex.h"

static mb_lexicon *test_lex; /* the common characters of Big5 detection */

#include <iconv.h>
#include <stdlib.h>

/* Encode UTF-8 s to encoding `to` with iconv; *n gets the length. */
static unsigned char *enc(const char *to, const char *s, size_t *n)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t inleft = strlen(s), cap = 4 * inleft + 16, outleft = cap;
    unsigned char *buf = malloc(cap);
    char *in = (char *)s, *out = (char *)buf;
    if (!buf || iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
        free(buf);
        buf = NULL;
    }
    iconv_close(cd);
    *n = cap - outleft;
    return buf;
}

/* Prepend the bytes p[0..k) to buf[0..*n). */
static unsigned char *prepend(const char *p, size_t k, unsigned char *buf, size_t *n)
{
    unsigned char *r = malloc(*n + k);
    memcpy(r, p, k);
    memcpy(r + k, buf, *n);
    free(buf);
    *n += k;
    return r;
}

typedef struct res {
    mb_status st;
    mb_text t;
    const char *encoding;
    mb_strlist warnings;
    mb_error err;
} res;

static void run(res *r, const void *src, size_t n, const char *forced, int lenient)
{
    memset(r, 0, sizeof *r);
    mb_text_init(&r->t);
    r->st = mb_decode("x.txt", src, n, forced, lenient, test_lex, &r->t, &r->encoding, &r->warnings, &r->err);
}

static void done(res *r)
{
    mb_text_free(&r->t);
    mb_strlist_free(&r->warnings);
}

/* Byte offset of the n-th occurrence (0-based) of needle in the text. */
static size_t at(const res *r, const char *needle)
{
    const char *p = r->t.s ? strstr(r->t.s, needle) : NULL;
    return p ? (size_t)(p - r->t.s) : (size_t)-1;
}

/* so/eo of every byte of the character at text offset i. */
static int char_map(const res *r, size_t i, uint32_t so, uint32_t eo)
{
    if (i >= r->t.len)
        return 0;
    int len = mb_utf8_len((unsigned char)r->t.s[i]);
    for (int k = 0; k < len; k++)
        if (t_so(&r->t, i + (size_t)k) != so || t_eo(&r->t, i + (size_t)k) != eo)
            return 0;
    return 1;
}

static void test_names(void)
{
    T_EQ_STR(mb_encoding_canonical("UTF8"), "utf-8", "alias utf8");
    T_EQ_STR(mb_encoding_canonical("GBK"), "gb18030", "alias GBK");
    T_EQ_STR(mb_encoding_canonical("gb2312"), "gb18030", "alias gb2312");
    T_EQ_STR(mb_encoding_canonical("Cp936"), "gb18030", "alias cp936");
    T_EQ_STR(mb_encoding_canonical("CP950"), "big5", "alias cp950");
    T_EQ_STR(mb_encoding_canonical("UTF-16LE"), "utf-16le", "alias UTF-16LE");
    T_EQ_STR(mb_encoding_canonical("utf-16"), "utf-16", "utf-16 (BOM, else big-endian)");
    T_OK(mb_encoding_canonical("latin1") == NULL, "latin1 unsupported");
    res r;
    run(&r, "abc", 3, "latin1", 0);
    T_EQ_INT(r.st, MB_EENCODING, "unknown encoding name is MB_EENCODING");
    T_OK(strstr(r.err.message, "x.txt: unknown encoding 'latin1'") != NULL,
         "message names file and encoding");
    done(&r);
}

static void test_empty_and_utf8(void)
{
    res r;
    run(&r, "", 0, NULL, 0);
    T_EQ_INT(r.st, MB_OK, "empty input decodes");
    T_EQ_INT(r.t.len, 0, "empty input: empty text");
    T_EQ_STR(r.t.s, "", "empty text is a NUL-terminated string");
    T_EQ_STR(r.encoding, "utf-8", "empty input: utf-8");
    done(&r);

    run(&r, "a中b", 5, NULL, 0);
    T_EQ_STR(r.encoding, "utf-8", "UTF-8 detected");
    T_EQ_STR(r.t.s, "a中b", "UTF-8 copied");
    T_OK(char_map(&r, 0, 0, 1), "a is byte 0..1");
    T_OK(char_map(&r, 1, 1, 4), "every byte of 中 maps to 1..4");
    T_OK(char_map(&r, 4, 4, 5), "b is byte 4..5");
    done(&r);

    run(&r,
        "\xEF\xBB\xBF"
        "a中",
        7, NULL, 0);
    T_EQ_STR(r.encoding, "utf-8", "UTF-8 BOM");
    T_EQ_STR(r.t.s, "a中", "UTF-8 BOM dropped");
    T_OK(char_map(&r, 0, 3, 4), "first character after the BOM starts at byte 3");
    T_OK(char_map(&r, 1, 4, 7), "中 at 4..7");
    done(&r);

    run(&r, "\xEF\xBB\xBF", 3, NULL, 0);
    T_EQ_INT(r.st, MB_OK, "BOM only");
    T_EQ_INT(r.t.len, 0, "BOM only: empty text");
    done(&r);

    const char *four = "x😀y";
    run(&r, four, strlen(four), "UTF-8", 0);
    T_EQ_STR(r.t.s, four, "forced UTF-8, 4-byte character");
    T_OK(char_map(&r, 1, 1, 5), "😀 at 1..5");
    done(&r);
}

static void test_utf16(void)
{
    res r;
    const char *s = "a中😀\n";
    size_t n;
    unsigned char *b = enc("UTF-16LE", s, &n);
    b = prepend("\xFF\xFE", 2, b, &n);
    run(&r, b, n, NULL, 0);
    T_EQ_INT(r.st, MB_OK, "UTF-16LE with BOM decodes");
    T_EQ_STR(r.encoding, "utf-16le", "UTF-16LE BOM detected");
    T_EQ_STR(r.t.s, s, "UTF-16LE text");
    T_OK(char_map(&r, 0, 2, 4), "a at 2..4 (after the BOM)");
    T_OK(char_map(&r, 1, 4, 6), "中 at 4..6");
    T_OK(char_map(&r, 4, 6, 10), "surrogate pair 😀 at 6..10");
    T_OK(char_map(&r, 8, 10, 12), "LF at 10..12");
    done(&r);
    run(&r, b, n, "utf-16", 0);
    T_EQ_STR(r.encoding, "utf-16le", "forced utf-16 follows an LE BOM");
    T_EQ_STR(r.t.s, s, "forced utf-16 with LE BOM: text");
    done(&r);
    run(&r, b + 2, n - 2, "utf-16le", 0);
    T_EQ_STR(r.t.s, s, "forced utf-16le without BOM");
    T_OK(char_map(&r, 1, 2, 4), "without BOM, 中 at 2..4");
    done(&r);
    run(&r, b + 2, n - 2, NULL, 0);
    T_EQ_INT(r.st, MB_EBINARY, "UTF-16LE without BOM, not forced: its zero bytes make it binary");
    T_EQ_STR(r.err.message, "x.txt: byte 1: NUL byte: binary file, not text", "... at the first zero byte");
    done(&r);
    free(b);

    b = enc("UTF-16BE", s, &n);
    b = prepend("\xFE\xFF", 2, b, &n);
    run(&r, b, n, NULL, 0);
    T_EQ_STR(r.encoding, "utf-16be", "UTF-16BE BOM detected");
    T_EQ_STR(r.t.s, s, "UTF-16BE text");
    T_OK(char_map(&r, 4, 6, 10), "UTF-16BE surrogate pair at 6..10");
    done(&r);
    run(&r, b + 2, n - 2, "utf-16", 0);
    T_EQ_STR(r.encoding, "utf-16be", "forced utf-16 without BOM is big-endian");
    T_EQ_STR(r.t.s, s, "forced utf-16 without BOM: text");
    done(&r);
    free(b);

    /* unpaired surrogates */
    static const unsigned char lone[] = {0xFF, 0xFE, 'a', 0, 0x00, 0xD8, 'b', 0, 0x00, 0xDC, 'c', 0};
    run(&r, lone, sizeof lone, NULL, 0);
    T_EQ_INT(r.st, MB_EDECODE, "unpaired high surrogate is an error");
    T_EQ_STR(r.err.message, "x.txt: byte 4: invalid utf-16le sequence (0x00 0xD8 0x62 0x00)",
             "message: file, offset, encoding, bytes");
    done(&r);
    run(&r, lone, sizeof lone, NULL, 1);
    T_EQ_STR(r.t.s,
             "a\xEF\xBF\xBD"
             "b\xEF\xBF\xBD"
             "c",
             "lenient: each lone surrogate becomes U+FFFD");
    T_OK(char_map(&r, 1, 4, 6), "U+FFFD maps to the high surrogate 4..6");
    T_OK(char_map(&r, 4, 6, 8), "b after it at 6..8");
    T_OK(char_map(&r, 5, 8, 10), "U+FFFD maps to the low surrogate 8..10");
    T_EQ_INT(r.warnings.n, 2, "two warnings");
    done(&r);

    static const unsigned char odd[] = {0xFE, 0xFF, 0, 'a', 0x4E};
    run(&r, odd, sizeof odd, NULL, 0);
    T_EQ_INT(r.st, MB_EDECODE, "odd final byte in UTF-16 is an error");
    T_EQ_STR(r.err.message, "x.txt: byte 4: truncated utf-16be sequence at end of input (0x4E)",
             "truncated UTF-16 message");
    done(&r);

    static const unsigned char nul16[] = {0xFF, 0xFE, 'a', 0, 0, 0, 'b', 0};
    run(&r, nul16, sizeof nul16, NULL, 0);
    T_EQ_INT(r.st, MB_EBINARY, "U+0000 in UTF-16 is binary");
    T_OK(strstr(r.err.message, "x.txt: byte 4: NUL character") && strstr(r.err.message, "binary file"),
         "UTF-16 binary message names offset 4");
    done(&r);
}

static const char gb_sentence[] = "政府工作报告：国内生产总值增长5.2%，城镇新增就业1244万人。";
static const char tw_sentence[] =
    "政府工作報告指出，過去一年經濟社會發展取得新的成就。國內生產總值增長百分之五，"
    "城鎮新增就業一千二百萬人。我們要堅持穩中求進，推動高品質發展，加強民生保障。";

static void test_gb18030(void)
{
    res r;
    size_t n;
    unsigned char *b = enc("GB18030", gb_sentence, &n);
    run(&r, b, n, NULL, 0);
    T_EQ_INT(r.st, MB_OK, "GBK sentence decodes");
    T_EQ_STR(r.encoding, "gb18030", "GBK detected as gb18030");
    T_EQ_STR(r.t.s, gb_sentence, "GBK text");
    T_OK(char_map(&r, 0, 0, 2), "政 at 0..2");
    size_t i = at(&r, "5.2%");
    T_OK(char_map(&r, i, 30, 31), "ASCII 5 at 30..31 (after 15 two-byte characters)");
    T_OK(char_map(&r, i + 4, 34, 36), "full-width comma after % at 34..36");
    done(&r);
    for (const char **f = (const char *[]){"gbk", "GB2312", "cp936", NULL}; *f; f++) {
        run(&r, b, n, *f, 0);
        T_EQ_STR(r.encoding, "gb18030", "gbk/gb2312/cp936 decode as gb18030");
        T_EQ_STR(r.t.s, gb_sentence, "forced alias: same text");
        done(&r);
    }
    free(b);

    /* 4-byte sequences: an emoji and a CJK Extension B character */
    const char *s4 = "a😀𠀀b";
    b = enc("GB18030", s4, &n);
    T_EQ_INT(n, 10, "a + 4 + 4 + b bytes");
    run(&r, b, n, NULL, 0);
    T_EQ_STR(r.encoding, "gb18030", "4-byte GB18030 detected");
    T_EQ_STR(r.t.s, s4, "4-byte GB18030 text");
    T_OK(char_map(&r, 1, 1, 5), "😀 at 1..5");
    T_OK(char_map(&r, 5, 5, 9), "𠀀 at 5..9");
    T_OK(char_map(&r, 9, 9, 10), "b at 9..10");
    done(&r);
    free(b);

    /* GB18030 BOM (U+FEFF) dropped */
    b = enc("GB18030", "\xEF\xBB\xBF中文", &n);
    run(&r, b, n, "gb18030", 0);
    T_EQ_STR(r.t.s, "中文", "GB18030 BOM dropped");
    T_OK(char_map(&r, 0, 4, 6), "中 after the GB18030 BOM at 4..6");
    done(&r);
    free(b);

    /* bad bytes */
    static const unsigned char bad[] = {0xD6, 0xD0, 0xCE, 0xC4, 0xFF, 0x20, 'a'};
    run(&r, bad, sizeof bad, "gb18030", 0);
    T_EQ_INT(r.st, MB_EDECODE, "0xFF in GB18030 is an error");
    T_EQ_STR(r.err.message, "x.txt: byte 4: invalid gb18030 sequence (0xFF)", "GB18030 error message");
    done(&r);
    static const unsigned char bad2[] = {'o', 'k', 0xB9, 0x0A, 'x'};
    run(&r, bad2, sizeof bad2, "gbk", 0);
    T_EQ_STR(r.err.message, "x.txt: byte 2: invalid gb18030 sequence (0xB9 0x0A)", "bad trail byte");
    done(&r);
    run(&r, bad2, sizeof bad2, "gbk", 1);
    T_EQ_INT(r.st, MB_OK, "lenient: no error");
    T_EQ_STR(r.t.s, "ok\xEF\xBF\xBD\nx", "lenient: only the lead byte is replaced, LF kept");
    T_OK(char_map(&r, 2, 2, 3), "U+FFFD maps to byte 2..3");
    T_OK(char_map(&r, 5, 3, 4), "LF at 3..4");
    T_EQ_INT(r.warnings.n, 1, "one warning");
    T_EQ_STR(r.warnings.n ? r.warnings.items[0] : NULL,
             "x.txt: byte 2: invalid gb18030 sequence (0xB9 0x0A) replaced by U+FFFD", "warning text");
    done(&r);

    static const unsigned char trunc[] = {0xD6, 0xD0, 0xD6};
    run(&r, trunc, sizeof trunc, "gb18030", 0);
    T_EQ_STR(r.err.message, "x.txt: byte 2: truncated gb18030 sequence at end of input (0xD6)",
             "truncated GB18030 at the end");
    done(&r);
    static const unsigned char trunc4[] = {'a', 0x95, 0x32, 0x82};
    run(&r, trunc4, sizeof trunc4, "gb18030", 1);
    T_EQ_STR(r.t.s, "a\xEF\xBF\xBD", "lenient: truncated 4-byte sequence is one U+FFFD");
    T_OK(char_map(&r, 1, 1, 4), "... mapped to bytes 1..4");
    done(&r);

    /* many bad bytes: warnings capped */
    unsigned char many[60];
    for (size_t k = 0; k < sizeof many; k += 2) {
        many[k] = 0xFF;
        many[k + 1] = 'z';
    }
    run(&r, many, sizeof many, "gb18030", 1);
    T_EQ_INT(r.st, MB_OK, "lenient with 30 bad bytes");
    T_EQ_INT(r.warnings.n, 21, "20 warnings and one summary line");
    T_EQ_STR(r.warnings.n == 21 ? r.warnings.items[20] : NULL,
             "x.txt: 10 more invalid gb18030 sequences replaced by U+FFFD", "summary line");
    done(&r);
}

static void test_big5(void)
{
    res r;
    size_t n;
    unsigned char *b = enc("BIG5", tw_sentence, &n);
    T_OK(b != NULL, "the traditional sentence encodes to Big5");
    run(&r, b, n, "big5", 0);
    T_EQ_STR(r.encoding, "big5", "forced big5");
    T_EQ_STR(r.t.s, tw_sentence, "Big5 text");
    T_OK(char_map(&r, 3, 2, 4), "府 at 2..4");
    done(&r);
    run(&r, b, n, NULL, 0);
    T_EQ_STR(r.encoding, "big5", "Big5 detected");
    T_EQ_STR(r.t.s, tw_sentence, "detected Big5 text");
    done(&r);
    run(&r, b, n, "gb18030", 0);
    T_EQ_STR(r.encoding, "gb18030", "forced gb18030 wins over detection");
    T_OK(r.st != MB_OK || strcmp(r.t.s, tw_sentence) != 0, "Big5 read as GB18030 is not the text");
    done(&r);
    free(b);

    /* the same sentence, simplified, in GBK is not taken for Big5 */
    b = enc("GB18030", "政府工作报告指出，过去一年经济社会发展取得新的成就。国内生产总值增长百分之五。", &n);
    run(&r, b, n, NULL, 0);
    T_EQ_STR(r.encoding, "gb18030", "simplified GBK sentence stays gb18030");
    done(&r);
    free(b);

    static const unsigned char unmapped[] = {0xA4, 0x40, 0xFA, 0x40, 0xA4, 0x40};
    run(&r, unmapped, sizeof unmapped, "cp950", 0);
    T_EQ_STR(r.err.message, "x.txt: byte 2: invalid big5 sequence (0xFA 0x40)", "unmapped Big5 code");
    done(&r);
    run(&r, unmapped, sizeof unmapped, "big5", 1);
    T_EQ_STR(r.t.s, "一\xEF\xBF\xBD一", "lenient: unmapped code is one U+FFFD");
    T_OK(char_map(&r, 3, 2, 4), "U+FFFD at 2..4");
    T_OK(char_map(&r, 6, 4, 6), "next 一 at 4..6");
    done(&r);
    static const unsigned char bad[] = {0xA4, 0x40, 0x80};
    run(&r, bad, sizeof bad, "big5", 0);
    T_EQ_STR(r.err.message, "x.txt: byte 2: invalid big5 sequence (0x80)", "0x80 in Big5");
    done(&r);
}

static void test_utf8_errors(void)
{
    res r;
    run(&r, "ab\xC3(", 4, "utf-8", 0);
    T_EQ_STR(r.err.message, "x.txt: byte 2: invalid utf-8 sequence (0xC3 0x28)", "bad UTF-8 continuation");
    done(&r);
    run(&r, "ab\xE4\xB8", 4, "utf8", 0);
    T_EQ_STR(r.err.message, "x.txt: byte 2: truncated utf-8 sequence at end of input (0xE4 0xB8)",
             "truncated UTF-8");
    done(&r);
    run(&r, "\xED\xA0\x80", 3, "utf-8", 0);
    T_EQ_STR(r.err.message, "x.txt: byte 0: invalid utf-8 sequence (0xED 0xA0)", "UTF-8 surrogate rejected");
    done(&r);
    run(&r, "\xC0\xAF", 2, "utf-8", 0);
    T_EQ_STR(r.err.message, "x.txt: byte 0: invalid utf-8 sequence (0xC0)", "UTF-8 overlong rejected");
    done(&r);
    run(&r, "a\xF0\x9F\x98z", 5, "utf-8", 1);
    T_EQ_STR(r.t.s, "a\xEF\xBF\xBDz", "lenient: a broken 4-byte sequence is one U+FFFD");
    T_OK(char_map(&r, 1, 1, 4), "... mapped to its 3 bytes");
    done(&r);

    /* a UTF-8 document with one bad byte is reported as UTF-8, not read as GB18030 */
    char buf[256];
    snprintf(buf, sizeof buf, "%s\xFF%s", gb_sentence, gb_sentence);
    run(&r, buf, strlen(buf), NULL, 0);
    T_EQ_INT(r.st, MB_EDECODE, "mostly-UTF-8 with a bad byte is an error");
    char want[128];
    snprintf(want, sizeof want, "x.txt: byte %zu: invalid utf-8 sequence (0xFF)", strlen(gb_sentence));
    T_EQ_STR(r.err.message, want, "... at the bad byte, as utf-8");
    done(&r);
}

static void test_binary(void)
{
    res r;
    run(&r, "abc\0def", 7, NULL, 0);
    T_EQ_INT(r.st, MB_EBINARY, "NUL byte is binary");
    T_EQ_STR(r.err.message, "x.txt: byte 3: NUL byte: binary file, not text", "binary message");
    done(&r);
    run(&r, "\xD6\xD0\0", 3, "gbk", 1);
    T_EQ_INT(r.st, MB_EBINARY, "NUL in GBK, even lenient, is binary");
    T_OK(strstr(r.err.message, "byte 2: NUL byte") != NULL, "at byte 2");
    done(&r);
    run(&r, "\xFF\x00", 2, NULL, 0);
    T_EQ_INT(r.st, MB_EBINARY, "binary wins over bad bytes");
    done(&r);
}

/* The corpus files re-encoded to GBK come back identical. */
static void test_corpus(void)
{
    const char *files[] = {"corpus/000_f13218485f6e8987.txt", "corpus/002_5a266641c087b39d.txt"};
    for (size_t k = 0; k < 2; k++) {
        FILE *f = fopen(files[k], "rb");
        T_OK(f != NULL, files[k]);
        if (!f)
            continue;
        static char text[1 << 20];
        size_t n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[n] = '\0';
        size_t gn;
        unsigned char *gb = enc("GB18030", text, &gn);
        res r;
        run(&r, gb, gn, NULL, 0);
        T_EQ_STR(r.encoding, "gb18030", "corpus file in GBK detected as gb18030");
        T_OK(r.t.len == n && memcmp(r.t.s, text, n) == 0, "... decodes to the UTF-8 original");
        /* every character's source bytes decode to that character */
        int ok = 1;
        for (size_t i = 0; ok && i < r.t.len;) {
            int len = mb_utf8_len((unsigned char)r.t.s[i]);
            size_t m;
            char ch[5] = {0};
            memcpy(ch, r.t.s + i, (size_t)len);
            unsigned char *e = enc("GB18030", ch, &m);
            ok = e && m == t_eo(&r.t, i) - t_so(&r.t, i) && memcmp(gb + t_so(&r.t, i), e, m) == 0;
            free(e);
            i += (size_t)len;
        }
        T_OK(ok, "... each character maps to its own GBK bytes");
        done(&r);
        free(gb);
        run(&r, text, n, NULL, 0);
        T_EQ_STR(r.encoding, "utf-8", "corpus file as is: utf-8");
        done(&r);
    }
}

/* Random code points, encoded with iconv, decode back exactly. */
static void test_roundtrip(void)
{
    const char *encs[] = {"GB18030", "BIG5", "UTF-16LE", "UTF-16BE"};
    const char *names[] = {"gb18030", "big5", "utf-16le", "utf-16be"};
    srand(7);
    for (size_t k = 0; k < 4; k++) {
        int ok = 1;
        for (int it = 0; it < 200 && ok; it++) {
            char s[400];
            size_t len = 0;
            for (int j = 0; j < 40; j++) {
                int32_t cp;
                switch (rand() % 4) {
                case 0: cp = 0x20 + rand() % 0x5F; break;
                case 1: cp = 0x4E00 + rand() % 0x5200; break;
                case 2: cp = 0x3000 + rand() % 0x40; break;
                default: cp = 0x10000 + rand() % 0x30000; break;
                }
                char u[4];
                int m = mb_utf8_encode(cp, u);
                size_t bn;
                char one[5] = {0};
                memcpy(one, u, (size_t)m);
                unsigned char *b = enc(encs[k], one, &bn);
                if (!b)
                    continue; /* not in this character set */
                free(b);
                memcpy(s + len, u, (size_t)m);
                len += (size_t)m;
            }
            s[len] = '\0';
            size_t n;
            unsigned char *b = enc(encs[k], s, &n);
            res r;
            run(&r, b, n, names[k], 0);
            ok = r.st == MB_OK && strcmp(r.t.s, s) == 0 && (n == 0 || t_eo(&r.t, r.t.len - 1) == n);
            done(&r);
            free(b);
        }
        T_OK(ok, names[k]);
    }
}

/* Random bytes through every encoding: no crash; lenient never fails but
 * for binary input; the map is ordered and covers the source. */
static void test_fuzz(void)
{
    const char *forced[] = {NULL, "utf-8", "gb18030", "big5", "utf-16le", "utf-16be", "utf-16"};
    srand(12345);
    for (size_t k = 0; k < sizeof forced / sizeof forced[0]; k++) {
        int ok = 1;
        for (int it = 0; it < 3000; it++) {
            unsigned char buf[80];
            size_t n = (size_t)(rand() % (int)sizeof buf);
            int hi = rand() % 3;
            for (size_t i = 0; i < n; i++) {
                int v = rand() % 256;
                if (hi == 0 && v < 0x80)
                    v |= 0x80; /* mostly high bytes */
                if (hi == 1 && v == 0)
                    v = 0x30;
                buf[i] = (unsigned char)v;
            }
            for (int lenient = 0; lenient < 2; lenient++) {
                res r;
                run(&r, buf, n, forced[k], lenient);
                if (r.st == MB_OK) {
                    uint32_t prev = 0;
                    for (size_t i = 0; i < r.t.len; i++) {
                        if (t_so(&r.t, i) >= t_eo(&r.t, i) || t_eo(&r.t, i) > n || t_so(&r.t, i) < prev)
                            ok = 0;
                        prev = t_so(&r.t, i);
                    }
                    for (size_t i = 0; i < r.t.len;) {
                        int32_t cp;
                        int len = mb_utf8_decode((unsigned char *)r.t.s + i, r.t.len - i, &cp);
                        if (len < 0) {
                            ok = 0;
                            break;
                        }
                        i += (size_t)len;
                    }
                    if (r.t.s[r.t.len] != '\0')
                        ok = 0;
                    if (lenient && r.t.len && t_eo(&r.t, r.t.len - 1) != n)
                        ok = 0;
                } else if (lenient && r.st != MB_EBINARY) {
                    ok = 0;
                } else if (!lenient && r.st != MB_EBINARY && r.st != MB_EDECODE) {
                    ok = 0;
                }
                if (!ok) {
                    printf("# fuzz failure: %s, lenient %d, n %zu, status %d: %s\n",
                           forced[k] ? forced[k] : "detect", lenient, n, r.st, r.err.message);
                    it = 1 << 30;
                }
                done(&r);
            }
        }
        T_OK(ok, forced[k] ? forced[k] : "random bytes, detected encoding");
    }
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, len = 0, r;
    unsigned char *buf = malloc(cap);
    while (buf && (r = fread(buf + len, 1, cap - len, f)) > 0) {
        len += r;
        if (len == cap) {
            unsigned char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    fclose(f);
    *n = len;
    return buf;
}

/* SIGHAN 2005 PKU test set: GBK with CRLF, and its UTF-8 version. The
 * decoded text must equal the UTF-8 file byte for byte, and every
 * character's source bytes must convert (iconv) to that character. */
static void test_pku(void)
{
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
    char gbk[4096], utf8[4096];
    snprintf(gbk, sizeof gbk, "%s/data/sighan2005/pku_test.txt", shared);
    snprintf(utf8, sizeof utf8, "%s/data/sighan2005/pku_test.utf8", shared);
    size_t gn, un;
    unsigned char *g = slurp(gbk, &gn), *u = slurp(utf8, &un);
    if (!g || !u) {
        printf("skip - PKU test set: %s absent\n", gbk);
        free(g);
        free(u);
        return;
    }
    res r;
    run(&r, g, gn, NULL, 0);
    T_EQ_STR(r.encoding, "gb18030", "pku_test.txt detected as gb18030");
    T_OK(r.t.len == un && memcmp(r.t.s, u, un) == 0, "pku_test.txt decodes to pku_test.utf8 exactly");
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    size_t bad = 0, nch = 0, next = 0;
    for (size_t i = 0; i < r.t.len;) {
        int len = mb_utf8_len((unsigned char)r.t.s[i]);
        char out[16], *op = out, *ip = (char *)g + t_so(&r.t, i);
        size_t il = t_eo(&r.t, i) - t_so(&r.t, i), ol = sizeof out;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (t_so(&r.t, i) != next || iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
            sizeof out - ol != (size_t)len || memcmp(out, r.t.s + i, (size_t)len) != 0)
            bad++;
        next = t_eo(&r.t, i);
        nch++;
        i += (size_t)len;
    }
    iconv_close(cd);
    T_OK(nch > 100000 && bad == 0 && next == gn,
         "every character maps to its own GBK bytes, in order, to the end");
    done(&r);
    free(g);
    free(u);
}

int main(void)
{
    test_lex = t_lexicon();
    test_names();
    test_empty_and_utf8();
    test_utf16();
    test_gb18030();
    test_big5();
    test_utf8_errors();
    test_binary();
    test_corpus();
    test_pku();
    test_roundtrip();
    test_fuzz();
    mb_lexicon_free(test_lex);
    return t_done();
}
