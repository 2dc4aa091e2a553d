/* strbuf.c — a growable output buffer. */
#include "strbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(mb_strbuf *b, size_t more)
{
    if (b->failed)
        return 0;
    if (more > MB_STRBUF_MAX || b->len + more + 1 > MB_STRBUF_MAX) {
        b->failed = 1;
        return 0;
    }
    size_t need = b->len + more + 1;
    if (need <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->failed = 1;
        return 0;
    }
    b->s = s;
    b->cap = cap;
    return 1;
}

void mb_strbuf_add(mb_strbuf *b, const char *s, size_t n)
{
    if (!grow(b, n))
        return;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void mb_strbuf_puts(mb_strbuf *b, const char *s)
{
    mb_strbuf_add(b, s, strlen(s));
}

void mb_strbuf_putc(mb_strbuf *b, char c)
{
    mb_strbuf_add(b, &c, 1);
}

void mb_strbuf_printf(mb_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if (!grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

int mb_strbuf_reserve(mb_strbuf *b, size_t more)
{
    return grow(b, more);
}

void mb_strbuf_clear(mb_strbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

mb_status mb_strbuf_take(mb_strbuf *b, char **out, size_t *len, mb_error *err)
{
    *out = NULL;
    if (len)
        *len = 0;
    if (!b->failed && !b->s)
        grow(b, 0);
    if (b->failed) {
        mb_strbuf_free(b);
        return mb_error_set(err, MB_ENOMEM, "out of memory (output larger than %zu bytes?)", MB_STRBUF_MAX);
    }
    b->s[b->len] = '\0';
    *out = b->s;
    if (len)
        *len = b->len;
    b->s = NULL;
    b->len = b->cap = 0;
    return MB_OK;
}

void mb_strbuf_free(mb_strbuf *b)
{
    if (!b)
        return;
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

mb_status mb_strbuf_read_file(const char *path, char **out, size_t *len, mb_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return mb_error_set(err, MB_EIO, "%s: cannot open: %s", path, strerror(errno));
    mb_strbuf b = {0};
    char chunk[16384];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
        mb_strbuf_add(&b, chunk, r);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        mb_strbuf_free(&b);
        return mb_error_set(err, MB_EIO, "%s: read error", path);
    }
    return mb_strbuf_take(&b, out, len, err);
}
