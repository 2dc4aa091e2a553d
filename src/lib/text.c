/* text.c — mb_text buffers (their source maps: textmap.c), and UTF-8
 * helpers. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

void mb_text_init(mb_text *t)
{
    memset(t, 0, sizeof *t);
}

void mb_text_free(mb_text *t)
{
    if (!t)
        return;
    free(t->s);
    free(t->runs);
    mb_text_init(t);
}

void mb_text_clear(mb_text *t)
{
    t->len = 0;
    if (t->s)
        t->s[0] = '\0';
    mb_text_map_clear(t);
}

mb_status mb_text_reserve(mb_text *t, size_t n)
{
    if (t->len + n + 1 <= t->cap)
        return MB_OK;
    size_t cap = t->cap ? t->cap : 64;
    while (cap < t->len + n + 1) {
        if (cap > SIZE_MAX / 2)
            return MB_ENOMEM;
        cap *= 2;
    }
    char *s = realloc(t->s, cap);
    if (!s)
        return MB_ENOMEM;
    t->s = s;
    t->cap = cap;
    return MB_OK;
}

mb_status mb_text_append(mb_text *t, const char *s, size_t n, uint32_t so, uint32_t eo)
{
    mb_status st = mb_text_reserve(t, n);
    if (st)
        return st;
    memcpy(t->s + t->len, s, n);
    if (n && mb_text_map(t, n, so, eo))
        return MB_ENOMEM;
    t->len += n;
    t->s[t->len] = '\0';
    return MB_OK;
}

mb_status mb_text_append_slice(mb_text *t, const mb_text *src, size_t a, size_t b)
{
    size_t n = b - a;
    mb_status st = mb_text_reserve(t, n);
    if (st)
        return st;
    memcpy(t->s + t->len, src->s + a, n);
    if (mb_text_map_slice(t, src, a, b))
        return MB_ENOMEM;
    t->len += n;
    t->s[t->len] = '\0';
    return MB_OK;
}

int mb_utf8_encode(int32_t cp, char *buf)
{
    unsigned char *b = (unsigned char *)buf;
    if (cp < 0)
        return 0;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

mb_status mb_text_append_cp(mb_text *t, int32_t cp, uint32_t so, uint32_t eo)
{
    char buf[4];
    int n = mb_utf8_encode(cp, buf);
    if (n == 0)
        n = mb_utf8_encode(0xFFFD, buf);
    return mb_text_append(t, buf, (size_t)n, so, eo);
}

int mb_utf8_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 1;
}

int mb_utf8_decode_any(const unsigned char *s, size_t n, int32_t *cp)
{
    *cp = -1;
    if (n == 0)
        return -1;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len = mb_utf8_len(c);
    if (len == 1 || (size_t)len > n)
        return -1;
    int32_t v = c & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (s[i] & 0x3F);
    }
    /* overlong, surrogate and range checks */
    if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    *cp = v;
    return len;
}

size_t mb_utf8_back(const char *s, size_t pos, size_t n)
{
    while (pos > 0 && n > 0) {
        pos--;
        while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
            pos--;
        n--;
    }
    return pos;
}

size_t mb_utf8_fwd(const char *s, size_t len, size_t pos, size_t n)
{
    while (pos < len && n > 0) {
        pos++;
        while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
            pos++;
        n--;
    }
    return pos;
}

size_t mb_utf8_count(const char *s, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

const char *mb_find(const char *s, size_t n, const char *w, size_t wn)
{
    if (!wn)
        return s;
    if (wn > n)
        return NULL;
    /* memchr looks for the byte of w at i: the third byte of a Chinese
     * character (64 values) is much rarer in Chinese text than its lead
     * byte (a handful of values, one every three bytes) */
    size_t i = wn >= 3 && (unsigned char)w[0] >= 0xE0 ? 2 : 0;
    for (const char *p = s + i, *last = s + n - wn + i; p <= last;) {
        p = memchr(p, (unsigned char)w[i], (size_t)(last - p) + 1);
        if (!p)
            return NULL;
        /* the first byte before the call: most candidates differ there
         * (a Chinese character's lead byte and its third byte together) */
        if (*(p - i) == w[0] && !memcmp(p - i, w, wn))
            return p - i;
        p++;
    }
    return NULL;
}

void mb_lines_init(mb_lines *it, const char *buf, size_t n)
{
    it->buf = buf;
    it->n = n;
    it->pos = n >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3) ? 3 : 0;
    it->lineno = 0;
}

int mb_lines_next(mb_lines *it, const char **line, size_t *len, size_t *start)
{
    size_t i = it->pos;
    if (i >= it->n)
        return 0;
    size_t j = i;
    while (j < it->n && it->buf[j] != '\n')
        j++;
    size_t e = j;
    if (e > i && it->buf[e - 1] == '\r')
        e--;
    it->lineno++;
    it->pos = j + 1;
    *line = it->buf + i;
    *len = e - i;
    *start = i;
    return 1;
}

size_t mb_clause_end(const char *s, size_t len, size_t pos)
{
    size_t bl;
    for (size_t a = pos; a < len; a++)
        if (mb_clause_break(s, len, a, &bl))
            return a;
    return len;
}

size_t mb_clause_start(const char *s, size_t floor, size_t pos)
{
    /* just after the last mark that ends at or before pos */
    size_t bl;
    for (size_t a = pos; a > floor; a--) {
        unsigned char c = (unsigned char)s[a - 1];
        if (c < 0x80 ? mb_clause_break(s, a, a - 1, &bl)
                     : a - floor >= 3 && mb_clause_break(s, a, a - 3, &bl) && bl == 3)
            return a;
    }
    return floor;
}

/* The length of code point cp's UTF-8 encoding when s[i, len) starts
 * with it, else 0. */
static size_t cp_at(const char *s, size_t len, size_t i, int32_t cp)
{
    char b[4];
    size_t n = (size_t)mb_utf8_encode(cp, b);
    return n && i <= len && len - i >= n && !memcmp(s + i, b, n) ? n : 0;
}

size_t mb_colon_at(const char *s, size_t len, size_t i)
{
    size_t n = cp_at(s, len, i, 0xFF1A);
    return n ? n : cp_at(s, len, i, ':');
}

size_t mb_semicolon_before(const char *s, size_t end)
{
    if (end >= 3 && cp_at(s, end, end - 3, 0xFF1B))
        return 3;
    return end >= 1 && cp_at(s, end, end - 1, ';') ? 1 : 0;
}
