/* emit.h — the JSON mubiao prints (owns: the field names and layout of
 * every JSON object mubiao prints; written with jsonw.h, never a cJSON
 * tree). The public functions are in mubiao.h: mb_emit_paragraph,
 * mb_emit_record, mb_emit_document, mb_emit_quantity, mb_emit_timex. */
#ifndef MB_EMIT_H
#define MB_EMIT_H

#include "jsonw.h"
#include "mubiao.h"
#include "recview.h"

/* Record i of r (as mb_emit_record gives it, flags MB_EMIT_EXPLAIN) written
 * by w, which may hold other text before it: JSON Lines are written into
 * one buffer. MB_EARG (nothing written) when there is no record i or its
 * paragraph is missing; out of memory is reported by mb_jsonw_status. */
mb_status mb_emit_record_to(mb_jsonw *w, const mb_doc *doc, const mb_records *r, size_t i, int flags,
                            mb_error *err);
/* The same from the record's view (recview.h), as the store writes it
 * beside the columns it binds from that view. MB_OK; out of memory is
 * reported by mb_jsonw_status. */
mb_status mb_emit_record_view(mb_jsonw *w, const mb_doc *doc, const mb_records *rs, const mb_record_view *v,
                              int flags);
/* The document's object of rs's records (the "doc" member: path, hash,
 * encoding, date, issuer, region), compact, appended to b: the same in
 * every record of rs. */
void mb_emit_doc_object(mb_strbuf *b, const mb_doc *doc, const mb_records *rs);
/* mb_emit_record_view with that object given (docjs, docn bytes, from
 * mb_emit_doc_object), copied instead of written again; NULL, or a pretty
 * w: written here. */
mb_status mb_emit_record_view_doc(mb_jsonw *w, const mb_doc *doc, const mb_records *rs,
                                  const mb_record_view *v, int flags, const char *docjs, size_t docn);
/* A quantity or a time expression (as mb_emit_quantity, mb_emit_timex give
 * it) written by w; MB_EARG (nothing written) when its span is not in the
 * paragraph. */
mb_status mb_emit_quantity_to(mb_jsonw *w, const mb_doc *doc, size_t para, size_t sentence, size_t base,
                              const mb_quantity *q, mb_error *err);
mb_status mb_emit_timex_to(mb_jsonw *w, const mb_doc *doc, size_t para, size_t sentence, size_t base,
                           const mb_timex *t, mb_error *err);

#endif
