/* fold.c — traditional characters folded to simplified ones (fold.h). */
#include "fold.h"

#include <string.h>

/* The t2s row of the 3-byte character at s, or NULL; bits: the lexicon's
 * mb_lex_t2s_bitmap, tested first and inline, as most characters have no
 * row. */
static inline const mb_lexword *row_at(const mb_lexicon *lex, const unsigned char *bits, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t cp = (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
    return bits && (bits[cp >> 3] >> (cp & 7) & 1) ? mb_lex_get(lex, MB_LX_T2S, s, 3) : NULL;
}

static inline int is_cjk3(const unsigned char *u)
{
    /* E3 90 80 = U+3400 up to EF BF BF; 3-byte sequences only: a lead byte
     * E3 to EF (one subtraction), and past E3 8F */
    return (unsigned)(u[0] - 0xE3u) <= 0xEFu - 0xE3u && (u[0] != 0xE3 || u[1] >= 0x90);
}

void mb_fold_count(const mb_lexicon *lex, const char *s, size_t n, size_t *cjk, size_t *foldable)
{
    const unsigned char *u = (const unsigned char *)s;
    const unsigned char *bits = mb_lex_t2s_bitmap(lex);
    size_t nc = 0, nf = 0; /* in locals: a store through *cjk could be one of the text's bytes */
    for (size_t i = 0; i + 3 <= n;) {
        if (!is_cjk3(u + i)) {
            i++;
            continue;
        }
        nc++;
        if (row_at(lex, bits, s + i))
            nf++;
        i += 3;
    }
    *cjk += nc;
    *foldable += nf;
}

int mb_fold_is_traditional(size_t cjk, size_t foldable)
{
    return foldable >= 2 && foldable * 100 >= cjk * 3;
}

size_t mb_fold_t2s(const mb_lexicon *lex, const char *s, size_t n, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    const unsigned char *bits = mb_lex_t2s_bitmap(lex);
    size_t folded = 0;
    memcpy(out, s, n);
    out[n] = '\0';
    for (size_t i = 0; i + 3 <= n;) {
        if (!is_cjk3(u + i)) {
            i++;
            continue;
        }
        const mb_lexword *w = row_at(lex, bits, s + i);
        size_t tn = 0;
        const char *to = w ? mb_lex_value(w, "to", &tn) : NULL;
        if (to && tn == 3) {
            memcpy(out + i, to, 3);
            folded++;
        }
        i += 3;
    }
    return folded;
}
