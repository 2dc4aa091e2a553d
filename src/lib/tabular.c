/* tabular.c — buffered output through a write function, CSV fields and
 * aligned tables for terminals (see tabular.h). */
#include "tabular.h"

#include "error.h"
#include "present.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- output buffer ---- */

int mb_out_put(mb_out *o, const char *s, size_t n)
{
    if (o->n + n > o->cap) {
        size_t cap = o->cap ? o->cap : 65536;
        while (cap < o->n + n)
            cap *= 2;
        char *nb = realloc(o->b, cap);
        if (!nb)
            return o->failed = -1;
        o->b = nb;
        o->cap = cap;
    }
    memcpy(o->b + o->n, s, n);
    o->n += n;
    if (o->n >= 65536 && !o->failed) {
        if (o->w(o->ctx, o->b, o->n))
            o->failed = 1;
        o->n = 0;
    }
    return 0;
}

void mb_out_puts(mb_out *o, const char *s)
{
    mb_out_put(o, s, strlen(s));
}

mb_status mb_out_finish(mb_out *o, mb_error *err)
{
    if (!o->failed && o->n && o->w(o->ctx, o->b, o->n))
        o->failed = 1;
    free(o->b);
    o->b = NULL;
    if (o->failed < 0)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    if (o->failed)
        return mb_error_set(err, MB_EIO, "cannot write the output");
    return MB_OK;
}

/* ---- CSV (RFC 4180) ---- */

void mb_csv_field(mb_out *o, const char *s, int first)
{
    if (!first)
        mb_out_put(o, ",", 1);
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        mb_out_puts(o, s);
        return;
    }
    mb_out_put(o, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            mb_out_put(o, "\"", 1);
        mb_out_put(o, p, 1);
    }
    mb_out_put(o, "\"", 1);
}

void mb_csv_number(mb_out *o, int has, double v)
{
    char buf[64];
    mb_out_put(o, ",", 1);
    if (has) {
        mb_present_shortest(v, buf, sizeof buf);
        mb_out_puts(o, buf);
    }
}

/* ---- aligned table ---- */

size_t mb_text_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 1) {
            k = 1;
            cp = 0xFFFD;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        i += (size_t)k;
    }
    return w;
}

/* s cut to at most maxw columns, with … where text was taken out. */
static char *fit(const char *s, size_t maxw, int left)
{
    size_t len = strlen(s);
    if (mb_text_width(s, len) <= maxw)
        return strdup(s);
    /* character starts and widths */
    size_t keep_w = maxw - 1, w = 0, a = 0, b = len;
    if (!left) {
        size_t i = 0;
        while (i < len) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k =
                utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (k < 1)
                k = 1;
            size_t cw = mb_text_width(s + i, (size_t)k);
            if (w + cw > keep_w)
                break;
            w += cw;
            i += (size_t)k;
        }
        b = i;
    } else {
        size_t i = len;
        while (i > 0) {
            size_t j = i - 1;
            while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
                j--;
            size_t cw = mb_text_width(s + j, i - j);
            if (w + cw > keep_w)
                break;
            w += cw;
            i = j;
        }
        a = i;
    }
    char *o = malloc(b - a + 4);
    if (!o)
        return NULL;
    if (left) {
        memcpy(o, "…", 3);
        memcpy(o + 3, s + a, b - a);
    } else {
        memcpy(o, s + a, b - a);
        memcpy(o + (b - a), "…", 3);
    }
    o[b - a + 3] = '\0';
    return o;
}

int mb_table_add(mb_table *t, const char *const *row)
{
    if (t->n + (size_t)t->ncols > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        while (cap < t->n + (size_t)t->ncols)
            cap *= 2;
        char **c = realloc(t->cells, cap * sizeof *c);
        if (!c)
            return -1;
        t->cells = c;
        t->cap = cap;
    }
    for (int i = 0; i < t->ncols; i++) {
        char *c = fit(row[i] ? row[i] : "", t->maxw[i], t->left_cut[i]);
        if (!c)
            return -1;
        t->cells[t->n++] = c;
    }
    return 0;
}

void mb_out_pad(mb_out *o, size_t n)
{
    static const char sp[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
        mb_out_put(o, sp, k);
        n -= k;
    }
}

void mb_table_render(mb_out *o, const mb_table *t)
{
    size_t w[MB_TABLE_MAXCOLS];
    for (int c = 0; c < t->ncols; c++)
        w[c] = mb_text_width(t->head[c], strlen(t->head[c]));
    for (size_t i = 0; i < t->n; i++) {
        size_t cw = mb_text_width(t->cells[i], strlen(t->cells[i]));
        int c = (int)(i % (size_t)t->ncols);
        if (cw > w[c])
            w[c] = cw;
    }
    for (int row = -1; row < (int)(t->n / (size_t)t->ncols); row++) {
        for (int c = 0; c < t->ncols; c++) {
            const char *s = row < 0 ? t->head[c] : t->cells[(size_t)row * (size_t)t->ncols + (size_t)c];
            mb_out_puts(o, s);
            if (c + 1 < t->ncols)
                mb_out_pad(o, w[c] - mb_text_width(s, strlen(s)) + 2);
        }
        mb_out_put(o, "\n", 1);
        if (row < 0) {
            for (int c = 0; c < t->ncols; c++) {
                for (size_t k = 0; k < w[c]; k++)
                    mb_out_put(o, "-", 1);
                if (c + 1 < t->ncols)
                    mb_out_pad(o, 2);
            }
            mb_out_put(o, "\n", 1);
        }
    }
}

void mb_table_free(mb_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->cells[i]);
    free(t->cells);
}
