/* emit.h — JSON output with cJSON (owns: the field names and layout of
 * every JSON object mubiao prints). */
#ifndef MB_EMIT_H
#define MB_EMIT_H

#include "mubiao.h"

#include <cjson/cJSON.h>

/* {"path","sha256","encoding"} of a document (more fields may be added by callers). */
cJSON *mb_emit_doc_object(const mb_doc *doc);

#endif
