/* test_jsonw.c — the streaming JSON writer (src/lib/jsonw.h): exact text for
 * every escape class, nesting and layout (compact and pretty), the two
 * number formats, misuse and out-of-memory reports; and the same text as
 * cJSON 1.7 prints (the writer replaced cJSON trees with no output change):
 * every code point in strings, random bytes, random trees, many doubles.
 * cJSON_Parse of what the writer wrote gives the string back. */
#include "jsonw.h"
#include "t.h"

#include <cjson/cJSON.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

/* s (n bytes) as one JSON string, by the writer; malloc'ed. */
static char *wstr(const char *s, size_t n)
{
    mb_strbuf b = {0};
    mb_jsonw w;
    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_string_n(&w, s, n);
    char *out = NULL;
    if (mb_jsonw_status(&w, NULL) || mb_strbuf_take(&b, &out, NULL, NULL))
        return NULL;
    return out;
}

/* s (NUL-terminated) as cJSON prints it; malloc'ed. */
static char *cstr(const char *s)
{
    cJSON *j = cJSON_CreateString(s);
    char *out = j ? cJSON_PrintUnformatted(j) : NULL;
    cJSON_Delete(j);
    return out;
}

static void check_string(const char *in, size_t n, const char *want, const char *what)
{
    char *got = wstr(in, n);
    T_EQ_STR(got, want, what);
    free(got);
}

/* The UTF-8 of code point cp (any value up to 0x10FFFF, surrogates too:
 * the writer copies bytes, whatever they are). */
static size_t utf8(uint32_t cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* s (n bytes, no NUL) written by the writer: the same text as cJSON's, and
 * cJSON_Parse of it gives s back. Returns 1 when both hold. */
static int same_as_cjson(const char *s, size_t n)
{
    char *z = malloc(n + 1);
    if (!z)
        return 0;
    memcpy(z, s, n);
    z[n] = '\0';
    char *mine = wstr(s, n), *theirs = cstr(z);
    int ok = mine && theirs && !strcmp(mine, theirs);
    cJSON *back = mine ? cJSON_Parse(mine) : NULL;
    ok = ok && cJSON_IsString(back) && strlen(back->valuestring) == n && !memcmp(back->valuestring, s, n);
    cJSON_Delete(back);
    free(mine);
    free(theirs);
    free(z);
    return ok;
}

/* Code points [lo,hi] in strings of up to 256 characters, each between two
 * letters: the writer against cJSON; the first mismatch is reported. */
static void code_points(uint32_t lo, uint32_t hi, const char *what)
{
    char buf[256 * 6 + 8];
    uint32_t bad = 0;
    int ok = 1;
    for (uint32_t a = lo; a <= hi && ok; a += 256) {
        size_t n = 0;
        for (uint32_t cp = a; cp <= hi && cp < a + 256; cp++) {
            buf[n++] = 'a';
            n += utf8(cp, buf + n);
            buf[n++] = 'b';
        }
        if (!same_as_cjson(buf, n)) {
            ok = 0;
            bad = a;
        }
    }
    char d[160];
    snprintf(d, sizeof d, "%s: first mismatch in the 256 from U+%04X", what, (unsigned)bad);
    T_OK(ok, ok ? what : d);
}

/* ---- exact text ---- */

static void escapes(void)
{
    check_string("", 0, "\"\"", "empty string");
    check_string("plain ASCII", 11, "\"plain ASCII\"", "ASCII copied");
    check_string("a\"b", 3, "\"a\\\"b\"", "quote escaped");
    check_string("a\\b", 3, "\"a\\\\b\"", "backslash escaped");
    check_string("\b\f\n\r\t", 5, "\"\\b\\f\\n\\r\\t\"", "the five short escapes");
    check_string("\x01\x07\x0b\x0e\x1b\x1f", 6, "\"\\u0001\\u0007\\u000b\\u000e\\u001b\\u001f\"",
                 "other control characters as \\u00xx, lower-case hex");
    check_string("a\0b", 3, "\"a\\u0000b\"", "NUL inside a counted string: \\u0000");
    check_string(" /</script>", 11, "\" /</script>\"", "slash not escaped");
    check_string("\x7f", 1, "\"\x7f\"", "DEL copied");
    check_string("é中😀", 9, "\"é中😀\"", "UTF-8 copied");
    check_string("\xe2\x80\xa8\xe2\x80\xa9", 6, "\"\xe2\x80\xa8\xe2\x80\xa9\"", "U+2028 and U+2029 copied");
    check_string("\xef\xbb\xbf\xef\xbf\xbd", 6, "\"\xef\xbb\xbf\xef\xbf\xbd\"", "BOM and U+FFFD copied");
    check_string("\xff\xfe\xc0\xaf\xed\xa0\x80", 7, "\"\xff\xfe\xc0\xaf\xed\xa0\x80\"",
                 "invalid UTF-8 copied byte for byte");
    check_string("\\u0041 \\n", 9, "\"\\\\u0041 \\\\n\"", "escape-looking text: its backslashes escaped");
    check_string("12345678\"", 9, "\"12345678\\\"\"", "escape right after 8 plain bytes");
    check_string("1234567\n12345678", 16, "\"1234567\\n12345678\"", "escape at the end of an 8-byte word");

    /* an escape at every offset of strings up to 24 bytes long, in words
     * of 8 and in tails: against cJSON */
    int ok = 1;
    const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', ' ', '\x7f', '\x80'};
    for (size_t len = 1; len <= 24; len++)
        for (size_t at = 0; at < len; at++)
            for (size_t k = 0; k < sizeof specials; k++) {
                char s[32];
                memset(s, 'x', len);
                s[at] = specials[k];
                if (!same_as_cjson(s, len))
                    ok = 0;
            }
    T_OK(ok, "one special byte at each offset of 1-24 byte strings: as cJSON");

    mb_strbuf b = {0};
    mb_jsonw w;
    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_string(&w, NULL);
    char *out = NULL;
    mb_strbuf_take(&b, &out, NULL, NULL);
    T_EQ_STR(out, "null", "string(NULL) is null");
    free(out);

    /* a string in pieces: each piece escaped */
    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_string_begin(&w);
    mb_jsonw_string_chunk(&w, "…a\"", 5);
    mb_jsonw_string_chunk(&w, "", 0);
    mb_jsonw_string_chunk(&w, "\n…", 4);
    mb_jsonw_string_end(&w);
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_OK, "pieces: status");
    mb_strbuf_take(&b, &out, NULL, NULL);
    T_EQ_STR(out, "\"…a\\\"\\n…\"", "a string in pieces");
    free(out);
}

/* One document of every kind of value, nested, written compact or pretty. */
static char *nested(int pretty)
{
    mb_strbuf b = {0};
    mb_jsonw w;
    mb_jsonw_init(&w, &b, pretty);
    mb_jsonw_object_begin(&w);
    mb_jsonw_kstring(&w, "s", "x\"y");
    mb_jsonw_knumber(&w, "n", 2030);
    mb_jsonw_knumber_g15(&w, "g", 0.1);
    mb_jsonw_kbool(&w, "t", 1);
    mb_jsonw_kbool(&w, "f", 0);
    mb_jsonw_knull(&w, "z");
    mb_jsonw_knumber_or_null(&w, "none", 0, 5);
    mb_jsonw_key(&w, "e\"k");
    mb_jsonw_object_begin(&w);
    mb_jsonw_object_end(&w);
    mb_jsonw_key(&w, "ea");
    mb_jsonw_array_begin(&w);
    mb_jsonw_array_end(&w);
    mb_jsonw_key(&w, "a");
    mb_jsonw_array_begin(&w);
    mb_jsonw_number(&w, 1);
    mb_jsonw_string(&w, "two");
    mb_jsonw_object_begin(&w);
    mb_jsonw_key(&w, "deep");
    mb_jsonw_array_begin(&w);
    mb_jsonw_null(&w);
    mb_jsonw_array_begin(&w);
    mb_jsonw_array_end(&w);
    mb_jsonw_array_end(&w);
    mb_jsonw_object_end(&w);
    mb_jsonw_object_begin(&w);
    mb_jsonw_object_end(&w);
    mb_jsonw_array_end(&w);
    mb_jsonw_key(&w, "o");
    mb_jsonw_object_begin(&w);
    mb_jsonw_kstring_n(&w, "k", "ab", 1);
    mb_jsonw_object_end(&w);
    mb_jsonw_object_end(&w);
    char *out = NULL;
    if (mb_jsonw_status(&w, NULL) || mb_strbuf_take(&b, &out, NULL, NULL))
        return NULL;
    return out;
}

/* The same document as a cJSON tree, printed by cJSON. */
static char *nested_cjson(int pretty)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "s", "x\"y");
    cJSON_AddNumberToObject(o, "n", 2030);
    cJSON_AddNumberToObject(o, "g", 0.1);
    cJSON_AddTrueToObject(o, "t");
    cJSON_AddFalseToObject(o, "f");
    cJSON_AddNullToObject(o, "z");
    cJSON_AddNullToObject(o, "none");
    cJSON_AddObjectToObject(o, "e\"k");
    cJSON_AddArrayToObject(o, "ea");
    cJSON *a = cJSON_AddArrayToObject(o, "a");
    cJSON_AddItemToArray(a, cJSON_CreateNumber(1));
    cJSON_AddItemToArray(a, cJSON_CreateString("two"));
    cJSON *d = cJSON_CreateObject();
    cJSON *deep = cJSON_AddArrayToObject(d, "deep");
    cJSON_AddItemToArray(deep, cJSON_CreateNull());
    cJSON_AddItemToArray(deep, cJSON_CreateArray());
    cJSON_AddItemToArray(a, d);
    cJSON_AddItemToArray(a, cJSON_CreateObject());
    cJSON *k = cJSON_AddObjectToObject(o, "o");
    cJSON_AddStringToObject(k, "k", "a");
    char *s = pretty ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

static void layout(void)
{
    char *c = nested(0), *p = nested(1);
    T_EQ_STR(c,
             "{\"s\":\"x\\\"y\",\"n\":2030,\"g\":0.1,\"t\":true,\"f\":false,\"z\":null,\"none\":null,"
             "\"e\\\"k\":{},\"ea\":[],\"a\":[1,\"two\",{\"deep\":[null,[]]},{}],\"o\":{\"k\":\"a\"}}",
             "nesting, compact");
    T_EQ_STR(p,
             "{\n\t\"s\":\t\"x\\\"y\",\n\t\"n\":\t2030,\n\t\"g\":\t0.1,\n\t\"t\":\ttrue,\n\t\"f\":\tfalse,\n"
             "\t\"z\":\tnull,\n\t\"none\":\tnull,\n\t\"e\\\"k\":\t{\n\t},\n\t\"ea\":\t[],\n"
             "\t\"a\":\t[1, \"two\", {\n\t\t\t\"deep\":\t[null, []]\n\t\t}, {\n\t\t}],\n"
             "\t\"o\":\t{\n\t\t\"k\":\t\"a\"\n\t}\n}",
             "nesting, pretty (cJSON_Print's layout)");
    char *cc = nested_cjson(0), *cp = nested_cjson(1);
    T_EQ_STR(c, cc, "nesting, compact: as cJSON_PrintUnformatted");
    T_EQ_STR(p, cp, "nesting, pretty: as cJSON_Print");
    free(c), free(p), free(cc), free(cp);

    /* top-level values, one after another in one buffer (JSON Lines) */
    mb_strbuf b = {0};
    mb_jsonw w;
    mb_jsonw_init(&w, &b, 1);
    mb_jsonw_object_begin(&w);
    mb_jsonw_object_end(&w);
    mb_strbuf_putc(&b, '\n');
    mb_jsonw_array_begin(&w);
    mb_jsonw_array_end(&w);
    mb_strbuf_putc(&b, '\n');
    mb_jsonw_number_g15(&w, -0.0);
    mb_jsonw_bool(&w, 0);
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_OK, "top-level values: status");
    char *out = NULL;
    mb_strbuf_take(&b, &out, NULL, NULL);
    T_EQ_STR(out, "{\n}\n[]\n-0false", "top-level values in one buffer, pretty");
    free(out);
}

/* ---- numbers ---- */

static void number_is(double v, const char *want, const char *want_g15)
{
    char buf[MB_JSON_NUMBER_SIZE], what[80];
    mb_json_number_text(v, buf);
    snprintf(what, sizeof what, "record number %.17g", v);
    T_EQ_STR(buf, want, what);
    mb_json_number_text_g15(v, buf);
    snprintf(what, sizeof what, "cJSON number %.17g", v);
    T_EQ_STR(buf, want_g15, what);
}

/* mb_emit_number as it was before the writer (emit.c, 37175fd): the
 * reference for the record format. */
static void old_emit_number(double v, char *buf)
{
    if (v != v || v - v != 0) {
        strcpy(buf, "null");
        return;
    }
    if (v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(long long)v) {
        long long i = (long long)v;
        char tmp[24];
        int n = 0, neg = i < 0, k = 0;
        unsigned long long u = neg ? 0ULL - (unsigned long long)i : (unsigned long long)i;
        do {
            tmp[n++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (neg)
            buf[k++] = '-';
        while (n)
            buf[k++] = tmp[--n];
        buf[k] = '\0';
    } else {
        snprintf(buf, 40, "%.15g", v);
        if (strtod(buf, NULL) != v)
            snprintf(buf, 40, "%.17g", v);
    }
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* v in both formats against their references: the old record writer and
 * cJSON's own printing. */
static int number_same(double v)
{
    char a[MB_JSON_NUMBER_SIZE], want[48], g[MB_JSON_NUMBER_SIZE];
    mb_json_number_text(v, a);
    old_emit_number(v, want);
    mb_json_number_text_g15(v, g);
    cJSON *n = cJSON_CreateNumber(v);
    char *c = n ? cJSON_PrintUnformatted(n) : NULL;
    cJSON_Delete(n);
    int ok = c && !strcmp(a, want) && !strcmp(g, c);
    if (!ok)
        printf("# %.17g: record %s (was %s), g15 %s (cJSON %s)\n", v, a, want, g, c ? c : "?");
    free(c);
    return ok;
}

static void numbers(void)
{
    number_is(0, "0", "0");
    number_is(-0.0, "0", "-0");
    number_is(2030, "2030", "2030");
    number_is(-15, "-15", "-15");
    number_is(7.5, "7.5", "7.5");
    number_is(0.1 + 0.2, "0.30000000000000004", "0.3");
    number_is(3e12, "3000000000000", "3000000000000");
    number_is(999999999999999.0, "999999999999999", "999999999999999");
    number_is(1e15, "1000000000000000", "1e+15");
    number_is(9007199254740991.0, "9007199254740991", "9.00719925474099e+15");
    number_is(1e22, "1e+22", "1e+22");
    number_is(-1e22, "-1e+22", "-1e+22");
    number_is(9223372036854775808.0, "9.2233720368547758e+18", "9.2233720368547758e+18");
    number_is(1.0 / 3, "0.33333333333333331", "0.33333333333333331");
    number_is(DBL_MAX, "1.7976931348623157e+308", "1.79769313486232e+308");
    number_is(5e-324, "4.94065645841247e-324", "4.94065645841247e-324");
    number_is(NAN, "null", "null");
    number_is(INFINITY, "null", "null");
    number_is(-INFINITY, "null", "null");

    int ok = 1;
    double fixed[] = {0.5,  -0.5,   1e-7,   123.456, 1e15 - 1, 1e15 + 1,  -1e15 + 1, 4294967295.0,
                      2e9,  2.5e9,  1e16,   1e17,    1e21,     DBL_MIN,   6.02e23,   12.3456789012345678,
                      1e-5, 0.0001, 1e-300, 2.1e9,   -2.2e9,   INT32_MAX, INT32_MIN, 100.0 / 3};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        ok &= number_same(fixed[i]);
    for (int i = 0; i < 200000; i++) {
        uint64_t r = next();
        double v;
        switch (i % 5) {
        case 0: /* any finite double */
            memcpy(&v, &r, sizeof v);
            if (v != v || v - v != 0)
                continue;
            break;
        case 1: /* integers of every size */ v = (double)(int64_t)(r >> (r % 64)); break;
        case 2: /* decimals as figures are written: 6.5, 0.35, 1.2万 */
            v = (double)(int64_t)(r % 2000001 - 1000000) / pow(10, (double)(r >> 32 & 7));
            break;
        case 3: /* around powers of ten */
            v = pow(10, (double)((int)(r % 40) - 20)) * (1 + ((int)(r >> 40 & 3) - 1) * DBL_EPSILON);
            break;
        default: /* products as the recognizer makes them */
            v = (double)(r % 100000) / 100 * pow(10, (double)(r >> 32 & 15));
        }
        ok &= number_same(v);
    }
    T_OK(ok, "200,024 doubles: record format as before, the other as cJSON prints");
}

/* ---- cJSON, every code point ---- */

static void cjson_strings(void)
{
    code_points(0x01, 0x1F, "C0 controls: as cJSON, parse gives them back");
    code_points(0x20, 0x7F, "ASCII with '\"', '\\\\', '/', DEL: as cJSON, parse gives them back");
    code_points(0x80, 0x7FF, "two-byte UTF-8 (C1 controls, U+0085, U+00A0): as cJSON, round trip");
    code_points(0x800, 0xD7FF, "three-byte UTF-8 below the surrogates: as cJSON, round trip");
    code_points(0xD800, 0xDFFF, "surrogates encoded as bytes (invalid UTF-8): as cJSON, round trip");
    code_points(0xE000, 0xFFFF, "U+E000-U+FFFF (private use, BOM, U+FFFD): as cJSON, round trip");
    code_points(0x2028, 0x2029, "U+2028, U+2029: as cJSON, round trip");
    code_points(0x10000, 0x10FFFF, "four-byte UTF-8 (emoji, planes 1-16): as cJSON, round trip");

    /* random byte strings (any byte but NUL) */
    int ok = 1;
    char s[64];
    for (int i = 0; i < 20000; i++) {
        size_t n = (size_t)(next() % sizeof s);
        for (size_t k = 0; k < n; k++) {
            uint64_t r = next();
            s[k] = (char)(r % 255 + 1);
            if (r >> 32 & 1) /* more bytes of the classes that matter */
                s[k] = "\"\\\x01\x1f\n\t/\x7f\x80\xff\xe4"[(r >> 40 & 0xF) % 11];
        }
        ok &= same_as_cjson(s, n);
    }
    T_OK(ok, "20,000 random byte strings: as cJSON, parse gives them back");
}

/* ---- random trees against cJSON ---- */

/* A random value written to w and added to the cJSON tree in parallel
 * (parent is an object when key is set, else an array or NULL). */
static cJSON *tree(mb_jsonw *w, int depth)
{
    uint64_t r = next();
    int kind = depth >= 5 ? (int)(r % 5) : (int)(r % 7);
    char s[12];
    size_t n = (size_t)(r >> 8 & 7);
    for (size_t k = 0; k < n; k++)
        s[k] = "a\"\\\n\x02\xe4\xb8\xad/"[(r >> (16 + 4 * k)) % 9];
    s[n] = '\0';
    double v = (double)(int64_t)(r >> 20) / (double)(1 + (r & 0xFF));
    switch (kind) {
    case 0: mb_jsonw_string(w, s); return cJSON_CreateString(s);
    case 1: mb_jsonw_number_g15(w, v); return cJSON_CreateNumber(v);
    case 2: mb_jsonw_bool(w, (int)(r >> 3 & 1)); return cJSON_CreateBool((int)(r >> 3 & 1));
    case 3: mb_jsonw_null(w); return cJSON_CreateNull();
    case 4: {
        char buf[MB_JSON_NUMBER_SIZE];
        mb_json_number_text(v, buf);
        mb_jsonw_number(w, v);
        return cJSON_CreateRaw(buf);
    }
    case 5: {
        cJSON *a = cJSON_CreateArray();
        mb_jsonw_array_begin(w);
        for (int i = (int)(r >> 50 & 3); i > 0; i--)
            cJSON_AddItemToArray(a, tree(w, depth + 1));
        mb_jsonw_array_end(w);
        return a;
    }
    default: {
        cJSON *o = cJSON_CreateObject();
        mb_jsonw_object_begin(w);
        for (int i = (int)(r >> 50 & 3); i > 0; i--) {
            char key[32];
            snprintf(key, sizeof key, "k%d\"%d", i, depth);
            mb_jsonw_key(w, key);
            cJSON_AddItemToObject(o, key, tree(w, depth + 1));
        }
        mb_jsonw_object_end(w);
        return o;
    }
    }
}

static void trees(void)
{
    int ok = 1;
    for (int i = 0; i < 3000; i++) {
        int pretty = i & 1;
        mb_strbuf b = {0};
        mb_jsonw w;
        mb_jsonw_init(&w, &b, pretty);
        cJSON *t = tree(&w, 0);
        char *mine = NULL;
        int st = mb_jsonw_status(&w, NULL) || mb_strbuf_take(&b, &mine, NULL, NULL);
        char *theirs = pretty ? cJSON_Print(t) : cJSON_PrintUnformatted(t);
        if (st || !theirs || strcmp(mine, theirs)) {
            if (ok)
                printf("# tree %d:\n# mine   %s\n# cJSON  %s\n", i, mine ? mine : "?", theirs ? theirs : "?");
            ok = 0;
        }
        cJSON_Delete(t);
        free(mine);
        free(theirs);
    }
    T_OK(ok, "3,000 random trees (compact and pretty): as cJSON prints them");
}

/* ---- misuse and errors ---- */

static void errors(void)
{
    mb_strbuf b = {0};
    mb_jsonw w;
    mb_error err = {0};

    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_key(&w, "k");
    T_EQ_INT(mb_jsonw_status(&w, &err), MB_EARG, "a key at the top level: MB_EARG");
    mb_strbuf_free(&b);

    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_object_begin(&w);
    mb_jsonw_number(&w, 1);
    mb_jsonw_object_end(&w);
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_EARG, "a value where a key is due: MB_EARG");
    mb_strbuf_free(&b);

    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_array_begin(&w);
    mb_jsonw_key(&w, "k");
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_EARG, "a key in an array: MB_EARG");
    mb_strbuf_free(&b);

    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_object_begin(&w);
    mb_jsonw_key(&w, "k");
    mb_jsonw_object_end(&w);
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_EARG, "a key without its value: MB_EARG");
    mb_strbuf_free(&b);

    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_array_begin(&w);
    mb_jsonw_object_end(&w);
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_EARG, "closing an array as an object: MB_EARG");
    mb_strbuf_free(&b);

    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_array_end(&w);
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_EARG, "closing what is not open: MB_EARG");
    mb_strbuf_free(&b);

    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_object_begin(&w);
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_EARG, "an object left open: MB_EARG");
    mb_strbuf_free(&b);

    mb_jsonw_init(&w, &b, 0);
    for (int i = 0; i < MB_JSONW_MAXDEPTH; i++)
        mb_jsonw_array_begin(&w);
    for (int i = 0; i < MB_JSONW_MAXDEPTH; i++)
        mb_jsonw_array_end(&w);
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_OK, "64 levels of nesting: fine");
    for (int i = 0; i <= MB_JSONW_MAXDEPTH; i++)
        mb_jsonw_array_begin(&w);
    T_EQ_INT(mb_jsonw_status(&w, NULL), MB_EARG, "65 levels: MB_EARG");
    mb_strbuf_free(&b);

    /* out of memory: the buffer's first failed append */
    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_object_begin(&w);
    b.failed = 1; /* as after a failed realloc */
    mb_jsonw_kstring(&w, "k", "v");
    mb_jsonw_object_end(&w);
    memset(&err, 0, sizeof err);
    T_EQ_INT(mb_jsonw_status(&w, &err), MB_ENOMEM, "a failed buffer: MB_ENOMEM");
    T_OK(strstr(err.message, "out of memory") != NULL, "a failed buffer: the message says out of memory");
    T_OK(b.len == 1, "a failed buffer: nothing more appended");
    mb_strbuf_free(&b);
}

int main(void)
{
    escapes();
    layout();
    numbers();
    cjson_strings();
    trees();
    errors();
    return t_done();
}
