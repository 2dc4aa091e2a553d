/* test_fold.c — traditional characters folded for matching (fold.h): the
 * folded copy keeps every byte, what counts as a traditional text. */
#include "fold.h"
#include "t.h"
#include "t_lex.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
    mb_lexicon *lex = t_lexicon();
    if (!lex)
        return 1;

    /* ASCII, a 4-byte character, simplified and traditional characters */
    const char *s = "GDP 2020年國內生產總值\xf0\x9f\x98\x80突破100萬億元，著名";
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    size_t k = mb_fold_t2s(lex, s, n, out);
    T_EQ_STR(out, "GDP 2020年国内生产总值\xf0\x9f\x98\x80突破100万亿元，著名",
             "fold: every character of the table, the rest kept (著 is not one)");
    T_EQ_INT(strlen(out), n, "fold: the same byte length");
    T_EQ_INT(k, 6, "fold: six characters folded (國 內 產 總 萬 億)");
    free(out);

    size_t cjk = 0, f = 0;
    mb_fold_count(lex, "國內生產總值", strlen("國內生產總值"), &cjk, &f);
    T_EQ_INT(cjk, 6, "count: CJK characters");
    T_EQ_INT(f, 4, "count: 國 內 產 總 fold; 生 值 do not");
    T_OK(mb_fold_is_traditional(cjk, f), "a traditional text");

    /* the count and the folding test the filter bits (mb_lex_t2s_bitmap):
     * a bit is set exactly for a character with a t2s row; the count is
     * right also with ASCII, a 4-byte character and a cut one */
    const unsigned char *bits = mb_lex_t2s_bitmap(lex);
    int same = bits != NULL, rows = 0;
    for (uint32_t cp = 0; bits && cp < 0x10000; cp++) {
        char enc[4];
        int el = cp >= 0xD800 && cp <= 0xDFFF ? 0 : mb_utf8_encode((int32_t)cp, enc);
        int row = el > 0 && mb_lex_get(lex, MB_LX_T2S, enc, (size_t)el) != NULL;
        rows += row;
        same = same && (int)(bits[cp >> 3] >> (cp & 7) & 1) == row;
    }
    T_OK(same && rows > 100, "the t2s filter bits are set exactly for the BMP characters with a t2s row");
    T_OK(mb_lex_t2s_bitmap(NULL) == NULL, "no lexicon: no bits");
    const char *mix = "a國b\xf0\x9f\x98\x80內生产總值乾\xe5\x9c";
    cjk = f = 0;
    mb_fold_count(lex, mix, strlen(mix), &cjk, &f);
    T_EQ_INT(cjk, 7, "count in a mixed text: 國 內 生 产 總 值 乾 and none for the cut one");
    T_EQ_INT(f, 4, "... of which 國 內 總 乾 fold");
    mb_fold_count(lex, "產", strlen("產"), &cjk, &f);
    T_OK(cjk == 8 && f == 5, "count adds to what the counters hold");
    /* the bounds of what counts: three-byte characters from U+3400 (E3 90
     * 80) up, so 、 (U+3001) and U+33FF do not, U+3400 and the full-width
     * comma (U+FF0C, lead byte EF) do */
    cjk = f = 0;
    mb_fold_count(lex, "\xe3\x80\x81\xe3\x8f\xbf\xe3\x90\x80\xef\xbc\x8c", 12, &cjk, &f);
    T_OK(cjk == 2 && f == 0, "count: U+3001 and U+33FF no, U+3400 and U+FF0C yes");

    /* a simplified text with 著 and 乾: 2 of 100 is under 3% */
    T_OK(!mb_fold_is_traditional(100, 2), "two of a hundred: simplified");
    T_OK(mb_fold_is_traditional(100, 3), "three of a hundred: traditional");
    T_OK(!mb_fold_is_traditional(10, 1), "one character alone never decides");
    T_OK(!mb_fold_is_traditional(0, 0), "no CJK: not traditional");

    /* a truncated sequence at the end is copied, not read past */
    char buf[8];
    T_EQ_INT(mb_fold_t2s(lex, "\xe5\x9c", 2, buf), 0, "truncated: nothing folded");
    T_OK(!memcmp(buf, "\xe5\x9c", 3), "truncated: copied with its NUL");

    mb_lexicon_free(lex);
    return t_done();
}
