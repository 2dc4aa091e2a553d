/* decode.c — STUB (UTF-8 only); replaced by the real iconv decoder. */
#include "decode.h"

#include <string.h>
#include <strings.h>

const char *mb_encoding_canonical(const char *name)
{
    if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
        return "utf-8";
    return NULL;
}

mb_status mb_decode(const char *name, const unsigned char *src, size_t n, const char *forced, int lenient,
                    mb_text *out, const char **encoding, mb_strlist *warnings, mb_error *err)
{
    (void)forced;
    (void)lenient;
    (void)warnings;
    *encoding = "utf-8";
    size_t i = 0;
    mb_status st = mb_text_reserve(out, n);
    if (st)
        return st;
    while (i < n) {
        int32_t cp;
        int len = mb_utf8_decode(src + i, n - i, &cp);
        if (len < 0)
            return mb_error_set(err, MB_EDECODE, "%s: byte %zu: invalid utf-8", name, i);
        st =
            mb_text_append(out, (const char *)src + i, (size_t)len, (uint32_t)i, (uint32_t)(i + (size_t)len));
        if (st)
            return st;
        i += (size_t)len;
    }
    out->s[out->len] = '\0';
    return MB_OK;
}
