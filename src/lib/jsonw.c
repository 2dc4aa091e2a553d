/* jsonw.c — a streaming JSON writer over mb_strbuf (see jsonw.h for the
 * exact text it writes and why). */
#include "jsonw.h"

#include <math.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ---- */

/* The digits of an integer |i| < 2^63, with its sign; returns the length. */
static size_t int_text(long long i, char *buf)
{
    char tmp[24];
    size_t n = 0, k = 0;
    unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0)
        buf[k++] = '-';
    while (n)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
    return k;
}

/* A JSON number has '.' for its decimal point whatever the locale's is
 * (printf and strtod use the locale's, which may be ',' or several bytes):
 * the run of bytes that are not digits, signs or 'e' becomes one '.'. */
static size_t dot_decimal(char *buf, size_t n)
{
    size_t i = 0;
    while (i < n && ((buf[i] >= '0' && buf[i] <= '9') || buf[i] == '-' || buf[i] == '+' || buf[i] == 'e'))
        i++;
    if (i == n || buf[i] == '.')
        return n;
    size_t j = i;
    while (j < n && !((buf[j] >= '0' && buf[j] <= '9') || buf[j] == '-' || buf[j] == '+' || buf[j] == 'e'))
        j++;
    buf[i] = '.';
    memmove(buf + i + 1, buf + j, n - j + 1);
    return n - (j - i - 1);
}

static size_t null_text(char *buf)
{
    memcpy(buf, "null", 5);
    return 4;
}

/* Integers digit by digit (within ±2^53, where every integer is exact),
 * others with the shortest of %.15g and %.17g that reads back exactly. */
size_t mb_json_number_text(double v, char buf[MB_JSON_NUMBER_SIZE])
{
    if (v != v || v - v != 0) /* NaN, infinity: JSON has no such number */
        return null_text(buf);
    /* the range first: converting a double out of long long's range is
     * undefined (a fuzzed 1e22) */
    if (v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(long long)v)
        return int_text((long long)v, buf);
    int n = snprintf(buf, MB_JSON_NUMBER_SIZE, "%.15g", v);
    if (strtod(buf, NULL) != v)
        n = snprintf(buf, MB_JSON_NUMBER_SIZE, "%.17g", v);
    return dot_decimal(buf, (size_t)n);
}

/* cJSON 1.7's print_number: %1.15g, unless that reads back further than
 * DBL_EPSILON (relative) from v, then %1.17g. Integers below 10^15 print
 * all their digits with %1.15g and read back exactly: those are written
 * digit by digit (but -0, which %g writes "-0"). */
size_t mb_json_number_text_g15(double v, char buf[MB_JSON_NUMBER_SIZE])
{
    if (v != v || v - v != 0)
        return null_text(buf);
    if (v > -1e15 && v < 1e15 && v == (double)(long long)v && !(v == 0 && signbit(v)))
        return int_text((long long)v, buf);
    int n = snprintf(buf, MB_JSON_NUMBER_SIZE, "%1.15g", v);
    double t = strtod(buf, NULL);
    double a = fabs(t), b = fabs(v), max = a > b ? a : b;
    if (!(fabs(t - v) <= max * DBL_EPSILON))
        n = snprintf(buf, MB_JSON_NUMBER_SIZE, "%1.17g", v);
    return dot_decimal(buf, (size_t)n);
}

/* ---- layout ---- */

/* Room for n more bytes and a NUL: at once when the buffer has it. */
static inline int room(mb_strbuf *b, size_t n)
{
    return (!b->failed && n < b->cap - b->len) || mb_strbuf_reserve(b, n);
}

static inline void put(mb_jsonw *w, const char *s, size_t n)
{
    mb_strbuf *b = w->b;
    if (!room(b, n))
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void tabs(mb_jsonw *w, unsigned n)
{
    static const char t[16] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    for (; n > sizeof t; n -= (unsigned)sizeof t)
        put(w, t, sizeof t);
    put(w, t, n);
}

static uint64_t level_bit(const mb_jsonw *w)
{
    return (uint64_t)1 << (w->depth - 1);
}

void mb_jsonw_init(mb_jsonw *w, mb_strbuf *b, int pretty)
{
    memset(w, 0, sizeof *w);
    w->b = b;
    w->pretty = pretty != 0;
}

/* Before a value: nothing after a key or at the top level; in an array, the
 * separator before every item but the first. A value where a key is due
 * is misuse. */
static void value_begin(mb_jsonw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (!w->depth)
        return;
    uint64_t bit = level_bit(w);
    if (!(w->is_array & bit)) {
        w->bad = 1;
        return;
    }
    if (w->has_items & bit)
        put(w, ", ", w->pretty ? 2 : 1);
    w->has_items |= bit;
}

static void open_level(mb_jsonw *w, int array)
{
    if (w->depth >= MB_JSONW_MAXDEPTH) {
        w->bad = 1;
        return;
    }
    w->depth++;
    uint64_t bit = level_bit(w);
    w->has_items &= ~bit;
    if (array)
        w->is_array |= bit;
    else
        w->is_array &= ~bit;
}

/* Closing: the innermost container must be of that kind, with no key
 * waiting for its value. Returns whether it had members or items. */
static int close_level(mb_jsonw *w, int array, int *ok)
{
    *ok = 0;
    if (!w->depth || w->after_key || !(w->is_array & level_bit(w)) != !array) {
        w->bad = 1;
        return 0;
    }
    int had = (w->has_items & level_bit(w)) != 0;
    w->depth--;
    *ok = 1;
    return had;
}

void mb_jsonw_raw(mb_jsonw *w, const char *s, size_t n)
{
    value_begin(w);
    put(w, s, n);
}

void mb_jsonw_object_begin(mb_jsonw *w)
{
    value_begin(w);
    put(w, "{\n", w->pretty ? 2 : 1);
    open_level(w, 0);
}

void mb_jsonw_object_end(mb_jsonw *w)
{
    int ok;
    int had = close_level(w, 0, &ok);
    if (!ok)
        return;
    if (w->pretty) {
        if (had)
            put(w, "\n", 1);
        tabs(w, w->depth);
    }
    put(w, "}", 1);
}

void mb_jsonw_array_begin(mb_jsonw *w)
{
    value_begin(w);
    put(w, "[", 1);
    open_level(w, 1);
}

void mb_jsonw_array_end(mb_jsonw *w)
{
    int ok;
    close_level(w, 1, &ok);
    if (ok)
        put(w, "]", 1);
}

/* ---- strings ---- */

/* 1: a byte that is escaped (below 0x20, '"', '\\'). */
static const unsigned char escaped[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

/* Whether one of the 8 bytes of x is escaped: below 0x20, '"' or '\\'
 * (exact: a borrow only runs past a byte that is itself a match). */
#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL
static inline uint64_t escaped8(uint64_t x)
{
    uint64_t q = x ^ (ONES8 * '"'), bs = x ^ (ONES8 * '\\');
    return ((x - ONES8 * 0x20) & ~x & HIGH8) | ((q - ONES8) & ~q & HIGH8) | ((bs - ONES8) & ~bs & HIGH8);
}

/* The characters of s[0,n) escaped, without quotes: runs of bytes that are
 * copied as they are (found 8 bytes at a time) between escapes. */
static void chars(mb_jsonw *w, const char *s, size_t n)
{
    size_t run = 0, i = 0;
    for (;;) {
        uint64_t x;
        while (n - i >= 8 && (memcpy(&x, s + i, 8), !escaped8(x)))
            i += 8;
        size_t lim = n - i >= 8 ? i + 8 : n;
        while (i < lim && !escaped[(unsigned char)s[i]])
            i++;
        if (i == lim) {
            if (i == n)
                break;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (i > run)
            put(w, s + run, i - run);
        run = ++i;
        char e[6] = {'\\', 0};
        size_t k = 2;
        switch (c) {
        case '"': e[1] = '"'; break;
        case '\\': e[1] = '\\'; break;
        case '\b': e[1] = 'b'; break;
        case '\f': e[1] = 'f'; break;
        case '\n': e[1] = 'n'; break;
        case '\r': e[1] = 'r'; break;
        case '\t': e[1] = 't'; break;
        default:
            memcpy(e + 1, "u00", 3);
            e[4] = "0123456789abcdef"[c >> 4];
            e[5] = "0123456789abcdef"[c & 15];
            k = 6;
        }
        put(w, e, k);
    }
    if (n > run)
        put(w, s + run, n - run);
}

void mb_jsonw_string_n(mb_jsonw *w, const char *s, size_t n)
{
    value_begin(w);
    put(w, "\"", 1);
    chars(w, s, n);
    put(w, "\"", 1);
}

void mb_jsonw_string_begin(mb_jsonw *w)
{
    value_begin(w);
    put(w, "\"", 1);
}

void mb_jsonw_string_chunk(mb_jsonw *w, const char *s, size_t n)
{
    chars(w, s, n);
}

void mb_jsonw_string_end(mb_jsonw *w)
{
    put(w, "\"", 1);
}

void mb_jsonw_string(mb_jsonw *w, const char *s)
{
    if (s)
        mb_jsonw_string_n(w, s, strlen(s));
    else
        mb_jsonw_null(w);
}

void mb_jsonw_key(mb_jsonw *w, const char *key)
{
    if (w->after_key || !w->depth || (w->is_array & level_bit(w))) {
        w->bad = 1;
        return;
    }
    uint64_t bit = level_bit(w);
    int first = !(w->has_items & bit);
    w->has_items |= bit;
    w->after_key = 1;
    size_t n = strlen(key);
    mb_strbuf *b = w->b;
    if (!w->pretty && room(b, n + 4)) {
        /* compact: ,"key": in one go when the key has nothing to escape */
        char *p = b->s + b->len, *q = p + !first + 1;
        size_t i = 0;
        while (i < n && !escaped[(unsigned char)key[i]])
            q[i] = key[i], i++;
        if (i == n) {
            if (!first)
                p[0] = ',';
            p[!first] = '"';
            q[n] = '"';
            q[n + 1] = ':';
            q[n + 2] = '\0';
            b->len = (size_t)(q + n + 2 - b->s);
            return;
        }
        b->s[b->len] = '\0';
    }
    if (!first)
        put(w, ",\n", w->pretty ? 2 : 1);
    if (w->pretty)
        tabs(w, w->depth);
    put(w, "\"", 1);
    chars(w, key, n);
    put(w, "\":\t", w->pretty ? 3 : 2);
}

/* ---- other values ---- */

void mb_jsonw_number(mb_jsonw *w, double v)
{
    char buf[MB_JSON_NUMBER_SIZE];
    size_t n = mb_json_number_text(v, buf);
    value_begin(w);
    put(w, buf, n);
}

void mb_jsonw_number_g15(mb_jsonw *w, double v)
{
    char buf[MB_JSON_NUMBER_SIZE];
    size_t n = mb_json_number_text_g15(v, buf);
    value_begin(w);
    put(w, buf, n);
}

void mb_jsonw_bool(mb_jsonw *w, int v)
{
    value_begin(w);
    if (v)
        put(w, "true", 4);
    else
        put(w, "false", 5);
}

void mb_jsonw_null(mb_jsonw *w)
{
    value_begin(w);
    put(w, "null", 4);
}

/* ---- members ---- */

void mb_jsonw_kstring(mb_jsonw *w, const char *key, const char *s)
{
    mb_jsonw_key(w, key);
    mb_jsonw_string(w, s);
}

void mb_jsonw_kstring_n(mb_jsonw *w, const char *key, const char *s, size_t n)
{
    mb_jsonw_key(w, key);
    mb_jsonw_string_n(w, s, n);
}

void mb_jsonw_knumber(mb_jsonw *w, const char *key, double v)
{
    mb_jsonw_key(w, key);
    mb_jsonw_number(w, v);
}

void mb_jsonw_knumber_or_null(mb_jsonw *w, const char *key, int has, double v)
{
    mb_jsonw_key(w, key);
    if (has)
        mb_jsonw_number(w, v);
    else
        mb_jsonw_null(w);
}

void mb_jsonw_knumber_g15(mb_jsonw *w, const char *key, double v)
{
    mb_jsonw_key(w, key);
    mb_jsonw_number_g15(w, v);
}

void mb_jsonw_kbool(mb_jsonw *w, const char *key, int v)
{
    mb_jsonw_key(w, key);
    mb_jsonw_bool(w, v);
}

void mb_jsonw_knull(mb_jsonw *w, const char *key)
{
    mb_jsonw_key(w, key);
    mb_jsonw_null(w);
}

mb_status mb_jsonw_status(const mb_jsonw *w, mb_error *err)
{
    if (w->b->failed)
        return mb_error_set(err, MB_ENOMEM, "out of memory (output larger than %zu bytes?)", MB_STRBUF_MAX);
    if (w->bad || w->depth || w->after_key)
        return mb_error_set(err, MB_EARG, "JSON writer misused (a key or value out of place)");
    return MB_OK;
}
