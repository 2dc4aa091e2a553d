/* normalize.c — character normalization with utf8proc, keeping the map. */
#include "normalize.h"

#include "error.h"

#include <string.h>
#include <utf8proc.h>

/* Full-width forms that stay as they are: Chinese sentence punctuation. */
static int keep_fullwidth(int32_t cp)
{
    switch (cp) {
    case 0xFF0C: /* ， */
    case 0xFF1A: /* ： */
    case 0xFF1B: /* ； */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF08: /* （ */
    case 0xFF09: /* ） */ return 1;
    default: return 0;
    }
}

int mb_normalize_cp(int32_t cp, int32_t out[4])
{
    if (cp == '\n' || cp == '\f' || cp == '\v' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
        out[0] = '\n';
        return 1;
    }
    if (cp == '\t') {
        out[0] = ' ';
        return 1;
    }
    if (cp < 0x80) {
        if (cp < 0x20 || cp == 0x7F)
            return 0; /* other control characters */
        out[0] = cp;
        return 1;
    }
    if (cp == 0xFFFD) {
        out[0] = cp;
        return 1;
    }
    const utf8proc_property_t *prop = utf8proc_get_property(cp);
    if (prop->category == UTF8PROC_CATEGORY_ZS) {
        out[0] = ' ';
        return 1;
    }
    if (prop->category == UTF8PROC_CATEGORY_CF || prop->category == UTF8PROC_CATEGORY_CC)
        return 0; /* zero-width and format characters, C1 controls */
    if (cp >= 0xFF01 && cp <= 0xFF5E && !keep_fullwidth(cp)) {
        utf8proc_int32_t buf[4];
        int last = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 4, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last);
        if (n == 1 && buf[0] < 0x80) {
            out[0] = buf[0];
            return 1;
        }
    }
    out[0] = cp;
    return 1;
}

/* Copy n bytes of in (cur->t) at i to out with their maps (room is
 * reserved). */
static mb_status copy_bytes(mb_text *out, mb_text_cursor *cur, size_t i, size_t n)
{
    memcpy(out->s + out->len, cur->t->s + i, n);
    if (mb_text_map_slice_cursor(out, cur, i, i + n))
        return MB_ENOMEM;
    out->len += n;
    return MB_OK;
}

/* A three-byte character that normalization leaves as it is (what
 * mb_normalize_cp gives back unchanged): CJK ideographs (U+3400-U+9FFF),
 * CJK punctuation other than the ideographic space (U+3001-U+303F), general
 * punctuation U+2010-U+2027 and the full-width Chinese punctuation kept. */
static int plain3(const unsigned char *p)
{
    if (p[0] >= 0xE3 && p[0] <= 0xE9)
        return p[0] != 0xE3 || p[1] >= 0x90 || (p[1] == 0x80 && p[2] != 0x80);
    /* U+2010-U+2027: dashes, quotation marks, bullets, …  */
    if (p[0] == 0xE2)
        return p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0xA7;
    /* the full-width forms keep_fullwidth keeps: ， ： ； ！ ？ （ ） */
    if (p[0] == 0xEF && p[1] == 0xBC)
        return p[2] == 0x8C || p[2] == 0x9A || p[2] == 0x9B || p[2] == 0x81 || p[2] == 0x9F || p[2] == 0x88 ||
               p[2] == 0x89;
    return 0;
}

/* The end of the run of characters from i on that normalization leaves as
 * they are: printable ASCII, line feeds and plain3 characters. */
static size_t plain_run(const unsigned char *s, size_t len, size_t i)
{
    for (;;) {
        /* U+4000-U+9FFF, the most of it: plain3; two at a time while they last */
        while (i + 5 < len && s[i] - 0xE4u <= 0xE9u - 0xE4u && s[i + 3] - 0xE4u <= 0xE9u - 0xE4u)
            i += 6;
        if (i + 2 < len && s[i] - 0xE4u <= 0xE9u - 0xE4u)
            i += 3;
        else if (i < len && ((s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\n'))
            i++;
        else if (i + 2 < len && plain3(s + i))
            i += 3;
        else
            return i;
    }
}

mb_status mb_normalize(const mb_text *in, mb_text *out, mb_error *err)
{
    /* the output is never longer than the input: reserve once */
    mb_status st = mb_text_reserve(out, in->len + 4);
    if (st)
        return mb_error_set(err, st, "normalize: out of memory");
    const unsigned char *s = (const unsigned char *)in->s;
    mb_text_cursor cur = {in, 0};
    size_t i = 0;
    while (i < in->len) {
        size_t j = plain_run(s, in->len, i);
        if (j > i) {
            if (copy_bytes(out, &cur, i, j - i))
                return mb_error_set(err, MB_ENOMEM, "normalize: out of memory");
            i = j;
            continue;
        }
        int32_t cp;
        int len = mb_utf8_decode(s + i, in->len - i, &cp);
        if (len < 0) { /* decoded text is always valid UTF-8; be safe anyway */
            cp = 0xFFFD;
            len = 1;
        }
        uint32_t so, eo, so2;
        mb_text_cursor_source(&cur, i, &so, &eo);
        i += (size_t)len;
        if (cp == '\r') {
            if (i < in->len && s[i] == '\n') { /* CRLF: one LF for both */
                mb_text_cursor_source(&cur, i, &so2, &eo);
                i++;
            }
            cp = '\n';
        }
        /* pdftotext puts a form feed before the first line of a page: after
         * a line break it is dropped, so that line numbers stay those of
         * the file */
        if ((cp == '\f' || cp == '\v') && out->len > 0 && out->s[out->len - 1] == '\n')
            continue;
        int32_t rep[4];
        int k = mb_normalize_cp(cp, rep);
        for (int j = 0; j < k; j++) {
            st = mb_text_append_cp(out, rep[j], so, eo);
            if (st)
                return mb_error_set(err, st, "normalize: out of memory");
        }
    }
    out->s[out->len] = '\0';
    return MB_OK;
}
