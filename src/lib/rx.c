/* rx.c — compile and run the recognizer's pcre2 patterns. */
#include "rx.h"

#include <string.h>

mb_status mb_rx_compile(const char *what, const char *pattern, pcre2_code **out, mb_error *err)
{
    int ec = 0;
    PCRE2_SIZE off = 0;
    *out = NULL;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_ANCHORED, &ec,
                                  &off, NULL);
    if (!c) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return mb_error_set(err, MB_EPATTERN, "recognizer: pattern %s does not compile at offset %zu: %s",
                            what, (size_t)off, (const char *)msg);
    }
    *out = c;
    return MB_OK;
}

void mb_rx_jit(pcre2_code *code)
{
    /* JIT is an optimisation: without it (unsupported platform, or not
     * asked for) the interpreter gives the same results. */
    if (code)
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
}

int mb_rx_group(const pcre2_code *code, const char *what, const char *name, mb_error *err)
{
    int g = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
    if (g <= 0) {
        mb_error_set(err, MB_EPATTERN, "recognizer: pattern %s has no group named %s", what, name);
        return -1;
    }
    return g;
}

unsigned mb_rx_captures(const pcre2_code *code)
{
    uint32_t n = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &n);
    return n;
}

int mb_rx_match(const pcre2_code *code, pcre2_match_data *md, const char *text, size_t len, size_t pos)
{
    int rc = pcre2_match(code, (PCRE2_SPTR)text, len, pos, PCRE2_NO_UTF_CHECK, md, NULL);
    return rc > 0;
}

int mb_rx_span(pcre2_match_data *md, int g, size_t *a, size_t *b)
{
    if (g <= 0 || (uint32_t)g >= pcre2_get_ovector_count(md))
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (ov[2 * g] == PCRE2_UNSET)
        return 0;
    *a = ov[2 * g];
    *b = ov[2 * g + 1];
    return 1;
}

int mb_rx_set(pcre2_match_data *md, int g)
{
    size_t a, b;
    return mb_rx_span(md, g, &a, &b);
}

size_t mb_rx_end(pcre2_match_data *md)
{
    return pcre2_get_ovector_pointer(md)[1];
}
