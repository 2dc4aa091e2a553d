/* text.h — mb_text: a growable UTF-8 buffer that keeps, for every byte, the
 * source byte range of the character it came from (owns: mb_text_*).
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
/* Make room for n more bytes. */
mb_status mb_text_reserve(mb_text *t, size_t n);
/* Append n bytes all mapped to source range [so,eo). */
mb_status mb_text_append(mb_text *t, const char *s, size_t n, uint32_t so, uint32_t eo);
/* Append bytes [a,b) of src with their maps. */
mb_status mb_text_append_slice(mb_text *t, const mb_text *src, size_t a, size_t b);
/* Append one code point (UTF-8 encoded) mapped to [so,eo). */
mb_status mb_text_append_cp(mb_text *t, int32_t cp, uint32_t so, uint32_t eo);

/* Encode cp as UTF-8 into buf (>= 4 bytes); returns the length (0 if invalid). */
int mb_utf8_encode(int32_t cp, char *buf);
/* Decode one UTF-8 character at s[0..n); returns its length (>=1) and the
 * code point in *cp, or -1 (*cp = -1) when the bytes are not valid UTF-8. */
int mb_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* The byte offset n characters before pos (not before 0) and n characters
 * after pos (not past len) in UTF-8 text s: the ends of a quote's prefix
 * and suffix. */
size_t mb_utf8_back(const char *s, size_t pos, size_t n);
size_t mb_utf8_fwd(const char *s, size_t len, size_t pos, size_t n);
/* The number of UTF-8 characters of s[a,b) (bytes that are not
 * continuation bytes). */
size_t mb_utf8_count(const char *s, size_t a, size_t b);
/* The start of the clause holding byte pos: just after the last clause
 * mark (，；。：！？ and their ASCII forms) in s[floor, pos), else floor. */
size_t mb_clause_start(const char *s, size_t floor, size_t pos);
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
