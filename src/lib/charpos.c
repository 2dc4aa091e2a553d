/* charpos.c — character counts at source byte offsets (see charpos.h). */
#include "charpos.h"

#include <stdlib.h>
#include <string.h>

enum { E_UTF8, E_UTF16LE, E_UTF16BE, E_GB18030, E_BIG5 };

#define STEP 1024 /* bytes between checkpoints */

/* The bytes of the character at s[0] (n > 0 bytes left); a broken one
 * counts as one byte. */
static size_t char_len(int enc, const unsigned char *s, size_t n)
{
    size_t k = 1;
    switch (enc) {
    case E_UTF8:
        k = s[0] < 0x80 ? 1 : s[0] >= 0xF0 && s[0] < 0xF8 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
        break;
    case E_UTF16LE:
    case E_UTF16BE: {
        if (n < 2)
            return 1;
        unsigned u = enc == E_UTF16LE ? (unsigned)(s[0] | s[1] << 8) : (unsigned)(s[0] << 8 | s[1]);
        k = u >= 0xD800 && u < 0xDC00 ? 4 : 2;
        break;
    }
    case E_GB18030: k = s[0] < 0x80 ? 1 : n >= 2 && s[1] >= 0x30 && s[1] <= 0x39 ? 4 : 2; break;
    case E_BIG5: k = s[0] < 0x80 ? 1 : 2; break;
    }
    return k > n ? n : k;
}

/* The UTF-8 characters that start in p[0..n): the bytes that are no
 * continuation byte (10xxxxxx), eight at a time (counted with a multiply:
 * without -mpopcnt, __builtin_popcountll is a call into libgcc). */
static uint32_t utf8_starts(const unsigned char *p, size_t n)
{
    const uint64_t hi = 0x8080808080808080ull;
    size_t i = 0, cont = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t c = (w & hi & ~(w << 1)) >> 7;              /* 1 in the low bit of each continuation byte */
        cont += (size_t)((c * 0x0101010101010101ull) >> 56); /* their sum, in the top byte (at most 8) */
    }
    for (; i < n; i++)
        cont += (p[i] & 0xC0) == 0x80;
    return (uint32_t)(n - cont);
}

static int enc_code(const char *enc)
{
    return !strcmp(enc, "utf-16le")   ? E_UTF16LE
           : !strcmp(enc, "utf-16be") ? E_UTF16BE
           : !strcmp(enc, "gb18030")  ? E_GB18030
           : !strcmp(enc, "big5")     ? E_BIG5
                                      : E_UTF8;
}

void mb_charpos_init(mb_charpos *cp, const char *enc)
{
    memset(cp, 0, sizeof *cp);
    cp->enc = enc_code(enc);
    cp->origin = UINT32_MAX;
}

mb_status mb_charpos_push(mb_charpos *cp, uint32_t byte, uint32_t count, int flat)
{
    if (cp->n == cp->cap) {
        size_t cap = cp->cap ? cp->cap * 2 : 64;
        uint32_t *b = realloc(cp->byte, cap * sizeof *b);
        if (!b)
            return MB_ENOMEM;
        cp->byte = b;
        uint32_t *c = realloc(cp->count, cap * sizeof *c);
        if (!c)
            return MB_ENOMEM;
        cp->count = c;
        uint8_t *f = realloc(cp->flat, cap);
        if (!f)
            return MB_ENOMEM;
        cp->flat = f;
        cp->cap = cap;
    }
    cp->byte[cp->n] = byte;
    cp->count[cp->n] = count;
    cp->flat[cp->n++] = (uint8_t)(flat != 0);
    return MB_OK;
}

mb_status mb_charpos_build(mb_charpos *cp, const unsigned char *src, size_t n, const char *enc)
{
    memset(cp, 0, sizeof *cp);
    cp->enc = enc_code(enc);
    if (cp->enc == E_UTF8 && n >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF)
        cp->bom = 3;
    else if ((cp->enc == E_UTF16LE && n >= 2 && src[0] == 0xFF && src[1] == 0xFE) ||
             (cp->enc == E_UTF16BE && n >= 2 && src[0] == 0xFE && src[1] == 0xFF))
        cp->bom = 2;
    cp->origin = (uint32_t)cp->bom;
    size_t cap = n / STEP + 2;
    cp->cap = cap;
    cp->byte = malloc(cap * sizeof *cp->byte);
    cp->count = malloc(cap * sizeof *cp->count);
    if (!cp->byte || !cp->count) {
        mb_charpos_free(cp);
        return MB_ENOMEM;
    }
    size_t pos = cp->bom;
    uint32_t count = 0;
    while (pos < n && cp->n < cap) {
        cp->byte[cp->n] = (uint32_t)pos;
        cp->count[cp->n++] = count;
        size_t end = pos + STEP < n ? pos + STEP : n;
        if (cp->enc == E_UTF8) { /* characters: bytes that are no continuation */
            size_t k = end;
            count += utf8_starts(src + pos, end - pos);
            /* to the next character start */
            while (k < n && ((unsigned char)src[k] & 0xC0) == 0x80)
                k++;
            pos = k;
        } else {
            while (pos < end) {
                pos += char_len(cp->enc, src + pos, n - pos);
                count++;
            }
        }
    }
    return MB_OK;
}

uint32_t mb_charpos_at(const mb_charpos *cp, const unsigned char *src, size_t n, uint32_t b)
{
    if (!cp->n || b <= cp->byte[0])
        return 0;
    size_t lo = 0, hi = cp->n; /* the last checkpoint at or before b */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (cp->byte[mid] <= b)
            lo = mid;
        else
            hi = mid;
    }
    size_t pos = cp->byte[lo];
    uint32_t count = cp->count[lo];
    if (cp->flat && cp->flat[lo])
        return count;
    if (cp->enc == E_UTF8) {
        size_t end = b < n ? b : n;
        return pos < end ? count + utf8_starts(src + pos, end - pos) : count;
    }
    while (pos < b && pos < n) {
        pos += char_len(cp->enc, src + pos, n - pos);
        count++;
    }
    return count;
}

void mb_charpos_free(mb_charpos *cp)
{
    free(cp->byte);
    free(cp->count);
    free(cp->flat);
    memset(cp, 0, sizeof *cp);
}
