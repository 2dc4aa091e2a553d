/* strbuf.h — a growable output buffer (owns: mb_strbuf_*).
 *
 * Appends never fail loudly: the first failed allocation (or growth past
 * MB_STRBUF_MAX) marks the buffer failed, later appends do nothing, and
 * mb_strbuf_take reports it. Renderers (show, report) and the JSON writer
 * (jsonw.h) build their output here and hand the string to the caller. */
#ifndef MB_STRBUF_H
#define MB_STRBUF_H

#include "error.h"

#include <stddef.h>

#define MB_STRBUF_MAX ((size_t)1 << 30) /* 1 GiB */

typedef struct mb_strbuf {
    char *s; /* NUL-terminated once anything was added */
    size_t len, cap;
    int failed;
} mb_strbuf;

void mb_strbuf_add(mb_strbuf *b, const char *s, size_t n);
void mb_strbuf_puts(mb_strbuf *b, const char *s);
void mb_strbuf_putc(mb_strbuf *b, char c);
void mb_strbuf_printf(mb_strbuf *b, const char *fmt, ...) MB_PRINTF(2, 3);
/* Room for more bytes and the NUL after them: 1, or 0 when the buffer has
 * failed (or fails now). Writers that fill b->s themselves (jsonw.c) call
 * it, then add to b->len and keep b->s NUL-terminated. */
int mb_strbuf_reserve(mb_strbuf *b, size_t more);
/* Empty b, keeping its memory for the next text (a failed buffer stays
 * failed). */
void mb_strbuf_clear(mb_strbuf *b);
/* Hand the string to the caller (malloc'ed, "" when empty) and reset b.
 * MB_ENOMEM (b freed, *out NULL) when an append had failed. */
mb_status mb_strbuf_take(mb_strbuf *b, char **out, size_t *len, mb_error *err);
/* The whole of file path, malloc'ed and NUL-terminated, in *out (*len bytes);
 * errors name the file. */
mb_status mb_strbuf_read_file(const char *path, char **out, size_t *len, mb_error *err);
void mb_strbuf_free(mb_strbuf *b);

#endif
