/* emit.h — JSON output with cJSON (owns: the field names and layout of
 * every JSON object mubiao prints). */
#ifndef MB_EMIT_H
#define MB_EMIT_H

#include "mubiao.h"

#include <cjson/cJSON.h>

/* {"path","sha256","encoding"} of a document (more fields may be added by callers). */
cJSON *mb_emit_doc_object(const mb_doc *doc);

/* A JSON number (a raw cJSON value written without a printf round trip;
 * null for NaN and infinities). */
cJSON *mb_emit_number(double v);
/* mb_emit_number(v) when has, else null. */
cJSON *mb_emit_number_or_null(int has, double v);
/* A JSON string of s, null when s is NULL. */
cJSON *mb_emit_string_or_null(const char *s);
/* Bytes [a,b) of t as a JSON string (NULL when out of memory). */
cJSON *mb_emit_slice(const mb_text *t, size_t a, size_t b);

#endif
