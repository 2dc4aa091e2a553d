/* text.h — mb_text: a growable UTF-8 buffer that keeps, for every byte, the
 * source byte range of the character it came from (owns: mb_text_*; the
 * map itself, kept per run of characters: textmap.c).
 * Every stage (decode, normalize, reflow) builds a new mb_text from the last
 * one, so any slice can be mapped back to the bytes of the original file. */
#ifndef MB_TEXT_H
#define MB_TEXT_H

#include "mubiao.h"

#include <stdbool.h>

/* Initialise an empty text (no allocation yet). */
void mb_text_init(mb_text *t);
/* Release the buffers; t stays valid and empty. Accepts NULL. */
void mb_text_free(mb_text *t);
/* Empty the text (len 0, no map), keeping its buffers. */
void mb_text_clear(mb_text *t);
/* Make room for n more bytes (of text; the map grows as it is written). */
mb_status mb_text_reserve(mb_text *t, size_t n);
/* Append n bytes all mapped to source range [so,eo). */
mb_status mb_text_append(mb_text *t, const char *s, size_t n, uint32_t so, uint32_t eo);
/* Append bytes [a,b) of src with their maps. */
mb_status mb_text_append_slice(mb_text *t, const mb_text *src, size_t a, size_t b);
/* Append one code point (UTF-8 encoded) mapped to [so,eo). */
mb_status mb_text_append_cp(mb_text *t, int32_t cp, uint32_t so, uint32_t eo);

/* The map (textmap.c). The map always covers bytes [0,len): a producer that
 * writes into s directly writes the bytes of a character at s + len, calls
 * mb_text_map for them, then adds them to len. */
/* Map the n bytes at t->len (one character, or any bytes that all come from
 * the same source range) to [so,eo). */
static inline mb_status mb_text_map(mb_text *t, size_t n, uint32_t so, uint32_t eo);
mb_status mb_text_map_slow(mb_text *t, size_t n, uint32_t so, uint32_t eo);
/* Map the m characters of w bytes each at t->len to m source characters of
 * the same width from source offset so on (a run copied as it is: the k-th
 * maps to [so + k*w, so + (k+1)*w)). MB_EARG when the source range passes
 * 4 GiB. */
mb_status mb_text_map_same(mb_text *t, size_t w, size_t m, uint32_t so);
/* Map the bytes at t->len as bytes [a,b) of src are mapped. */
mb_status mb_text_map_slice(mb_text *t, const mb_text *src, size_t a, size_t b);
/* Forget the map (mb_text_clear). */
void mb_text_map_clear(mb_text *t);

/* Look-ups that mostly move forward (a scan over the text): the run of
 * the last look-up is tried first, then the next one, then a binary
 * search. Start from {t, 0}; the text must not change meanwhile. */
typedef struct mb_text_cursor {
    const mb_text *t;
    size_t run;
} mb_text_cursor;
/* mb_text_byte_source through a cursor. */
void mb_text_cursor_source(mb_text_cursor *c, size_t i, uint32_t *so, uint32_t *eo);
/* mb_text_map_slice from c->t, its runs found through the cursor. */
mb_status mb_text_map_slice_cursor(mb_text *t, mb_text_cursor *c, size_t a, size_t b);

/* The fast path: the next unit of the last run. */
static inline mb_status mb_text_map(mb_text *t, size_t n, uint32_t so, uint32_t eo)
{
    if (t->tail_units > 1) {
        mb_text_run *r = &t->runs[t->nruns - 1];
        if (r->width == n && eo - so == r->eo - r->so && so == r->so + (uint32_t)t->tail_units * r->step) {
            t->tail_units++;
            return MB_OK;
        }
    }
    return mb_text_map_slow(t, n, so, eo);
}

/* Encode cp as UTF-8 into buf (>= 4 bytes); returns the length (0 if invalid). */
int mb_utf8_encode(int32_t cp, char *buf);
/* Decode one UTF-8 character at s[0..n); returns its length (>=1) and the
 * code point in *cp, or -1 (*cp = -1) when the bytes are not valid UTF-8. */
static inline int mb_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* 1 if s[0..n) starts with a three-byte character whose lead byte needs no
 * range check beyond its two continuation bytes (E1-EC, EE-EF: U+1000 to
 * U+FFFF less the surrogates, never overlong): most of Chinese text. */
static inline int mb_utf8_plain3(const unsigned char *s, size_t n)
{
    return n >= 3 && s[0] >= 0xE1 && s[0] <= 0xEF && s[0] != 0xED && (s[1] & 0xC0) == 0x80 &&
           (s[2] & 0xC0) == 0x80;
}
/* The length in bytes of the run of mb_utf8_plain3 characters at s[0..n).
 * Two characters a step while eight bytes remain: one 64-bit value of the
 * bytes (the first lowest, so the compiler makes it one load), the lead and
 * continuation bits of both checked with one mask. */
static inline size_t mb_utf8_plain3_run(const unsigned char *s, size_t n)
{
    size_t e = 0;
    while (n - e >= 8) {
        const unsigned char *p = s + e;
        uint64_t x = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
                     (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
                     (uint64_t)p[7] << 56;
        if ((x & 0xC0C0F0C0C0F0u) != 0x8080E08080E0u)
            break;
        unsigned a = (unsigned)(x & 0xFF), b = (unsigned)(x >> 24 & 0xFF);
        if (a == 0xE0 || a == 0xED || b == 0xE0 || b == 0xED)
            break;
        e += 6;
    }
    while (mb_utf8_plain3(s + e, n - e))
        e += 3;
    return e;
}
/* mb_utf8_decode's general case (text.c). */
int mb_utf8_decode_any(const unsigned char *s, size_t n, int32_t *cp);
/* Inline, as every stage decodes character by character: ASCII, and a
 * three-byte character whose lead byte needs no range check beyond its
 * continuation bytes (not E0, not ED: most of Chinese text), here; the rest
 * in mb_utf8_decode_any. */
static inline int mb_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    if (n > 0 && s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (mb_utf8_plain3(s, n)) {
        *cp = (int32_t)((s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu));
        return 3;
    }
    return mb_utf8_decode_any(s, n, cp);
}
/* The byte offset n characters before pos (not before 0) and n characters
 * after pos (not past len) in UTF-8 text s: the ends of a quote's prefix
 * and suffix. */
size_t mb_utf8_back(const char *s, size_t pos, size_t n);
size_t mb_utf8_fwd(const char *s, size_t len, size_t pos, size_t n);
/* The number of UTF-8 characters of s[a,b) (bytes that are not
 * continuation bytes). */
size_t mb_utf8_count(const char *s, size_t a, size_t b);
/* A clause break at s[i]: ， ； ： 。 ！ ？ (and ASCII , ;). */
static inline int mb_clause_break(const char *s, size_t len, size_t i, size_t *blen)
{
    unsigned char c0 = (unsigned char)s[i];
    if (c0 == ',' || c0 == ';') {
        *blen = 1;
        return 1;
    }
    if (i + 3 > len || (c0 != 0xEF && c0 != 0xE3))
        return 0;
    unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
    /* U+FF0C ， U+FF1B ； U+FF1A ： U+FF01 ！ U+FF1F ？ U+3002 。 */
    if ((c0 == 0xEF && c1 == 0xBC && (c2 == 0x8C || c2 == 0x9B || c2 == 0x9A || c2 == 0x81 || c2 == 0x9F)) ||
        (c0 == 0xE3 && c1 == 0x80 && c2 == 0x82)) {
        *blen = 3;
        return 1;
    }
    return 0;
}

/* The start of the clause holding byte pos: just after the last clause
 * break (mb_clause_break) in s[floor, pos), else floor. */
size_t mb_clause_start(const char *s, size_t floor, size_t pos);
/* The end of the clause holding byte pos: the first clause break in s[pos,
 * len), else len. */
size_t mb_clause_end(const char *s, size_t len, size_t pos);
/* The length of the colon at s[i] in s[0, len): 3 for ： (U+FF1A), 1 for
 * ASCII :, else 0 (none, or cut by len). */
size_t mb_colon_at(const char *s, size_t len, size_t i);
/* The length of the semicolon that ends s[0, end): 3 for ； (U+FF1B), 1 for
 * ASCII ;, else 0. */
size_t mb_semicolon_before(const char *s, size_t end);
/* Length of the UTF-8 character starting with byte c (1 for invalid lead bytes). */
int mb_utf8_len(unsigned char c);

/* The first occurrence of w[0..wn) in s[0..n), or NULL (memmem without
 * _GNU_SOURCE: memchr finds the candidates). */
const char *mb_find(const char *s, size_t n, const char *w, size_t wn);

/* The lines of a text file read whole: a UTF-8 BOM at the start is
 * skipped, LF and CRLF end a line. lineno counts from 1. */
typedef struct mb_lines {
    const char *buf;
    size_t n, pos, lineno;
} mb_lines;
void mb_lines_init(mb_lines *it, const char *buf, size_t n);
/* The next line, without its line end, and its byte offset in *start; 0
 * at the end of the buffer. */
int mb_lines_next(mb_lines *it, const char **line, size_t *len, size_t *start);

#endif
