/* jsonw.h — a streaming JSON writer over mb_strbuf (owns: how mubiao writes
 * JSON text — string escaping, the two number formats, and cJSON's layout
 * with and without indentation). cJSON stays for parsing.
 *
 * The text is byte for byte what cJSON 1.7 printed for the same tree, so
 * that replacing the trees changed no output:
 *  - strings: '"' and '\\' escaped, \b \f \n \r \t as such, the other bytes
 *    below 0x20 as \u00xx (lower-case hex); every other byte (DEL, UTF-8,
 *    even invalid UTF-8, U+2028) copied as it is; '/' is not escaped.
 *    Unlike cJSON, a NUL inside a string given with its length is written as
 *    \u0000 rather than ending the string (mubiao's texts never hold one:
 *    decoding refuses NUL as binary input).
 *  - numbers: mb_jsonw_number is the format of records (integers digit by
 *    digit, others the shortest of %.15g and %.17g that reads back exactly);
 *    mb_jsonw_number_g15 is cJSON_AddNumberToObject's (%1.15g unless it
 *    does not read back within DBL_EPSILON, then %1.17g; -0 stays "-0");
 *    NaN and infinities are null in both.
 *  - layout: compact as cJSON_PrintUnformatted; with pretty as cJSON_Print
 *    (an object's members one a line, indented with one tab a level,
 *    "key":<TAB>value; array items on one line separated by ", ").
 *
 * Errors: appends go to the buffer, whose first failed allocation marks it
 * failed (strbuf.h); misuse (a key outside an object, a value where a key
 * is due, closing what is not open, nesting past MB_JSONW_MAXDEPTH) marks
 * the writer bad. mb_jsonw_status reports either (MB_ENOMEM, MB_EARG); the
 * writer never owns memory, the caller owns the buffer. */
#ifndef MB_JSONW_H
#define MB_JSONW_H

#include "strbuf.h"

#include <stddef.h>
#include <stdint.h>

#define MB_JSONW_MAXDEPTH 64
/* the longest number text (with its NUL) of either format */
#define MB_JSON_NUMBER_SIZE 40

typedef struct mb_jsonw {
    mb_strbuf *b; /* not owned */
    int pretty;
    int bad;
    int after_key;      /* a key was written: its value is due */
    unsigned depth;     /* containers open */
    uint64_t is_array;  /* bit d-1: the container at depth d is an array */
    uint64_t has_items; /* bit d-1: it has a member or an item already */
} mb_jsonw;

/* Start writing into b (appended to what it holds); pretty: cJSON_Print's
 * layout, else compact. */
void mb_jsonw_init(mb_jsonw *w, mb_strbuf *b, int pretty);

void mb_jsonw_object_begin(mb_jsonw *w);
void mb_jsonw_object_end(mb_jsonw *w);
void mb_jsonw_array_begin(mb_jsonw *w);
void mb_jsonw_array_end(mb_jsonw *w);
/* A member's key (NUL-terminated); its value is written next. */
void mb_jsonw_key(mb_jsonw *w, const char *key);

/* Values: top level, after a key, or as an array item. */
void mb_jsonw_string(mb_jsonw *w, const char *s); /* null when s is NULL */
void mb_jsonw_string_n(mb_jsonw *w, const char *s, size_t n);
void mb_jsonw_number(mb_jsonw *w, double v);
void mb_jsonw_number_g15(mb_jsonw *w, double v);
void mb_jsonw_bool(mb_jsonw *w, int v);
void mb_jsonw_null(mb_jsonw *w);
/* A value written as given: s[0..n) must be one JSON value as this writer
 * writes it (compact: one rendered without pretty). */
void mb_jsonw_raw(mb_jsonw *w, const char *s, size_t n);
/* One string value written in pieces: begin, any number of chunks (each
 * escaped as above), end. */
void mb_jsonw_string_begin(mb_jsonw *w);
void mb_jsonw_string_chunk(mb_jsonw *w, const char *s, size_t n);
void mb_jsonw_string_end(mb_jsonw *w);

/* Members: the key and its value. */
void mb_jsonw_kstring(mb_jsonw *w, const char *key, const char *s); /* null when s is NULL */
void mb_jsonw_kstring_n(mb_jsonw *w, const char *key, const char *s, size_t n);
void mb_jsonw_knumber(mb_jsonw *w, const char *key, double v);
void mb_jsonw_knumber_or_null(mb_jsonw *w, const char *key, int has, double v);
void mb_jsonw_knumber_g15(mb_jsonw *w, const char *key, double v);
void mb_jsonw_kbool(mb_jsonw *w, const char *key, int v);
void mb_jsonw_knull(mb_jsonw *w, const char *key);

/* MB_OK, MB_ENOMEM when the buffer failed, MB_EARG when the writer was
 * misused or a container is still open. */
mb_status mb_jsonw_status(const mb_jsonw *w, mb_error *err);

/* The number text of each format in buf (NUL-terminated; "null" for NaN
 * and infinities); returns its length. */
size_t mb_json_number_text(double v, char buf[MB_JSON_NUMBER_SIZE]);
size_t mb_json_number_text_g15(double v, char buf[MB_JSON_NUMBER_SIZE]);

#endif
