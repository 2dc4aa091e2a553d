/* recview.h — the resolved view of a record (owns: where a record's texts
 * and offsets are — its paragraph, source byte range, character position,
 * span, quote context and capped sentence — worked out once for every
 * consumer: the JSON writer (emit.c) and the store (store.c) read the same
 * view, so a record's columns and its JSON cannot disagree). A view points
 * into the document and the records; it owns nothing. */
#ifndef MB_RECVIEW_H
#define MB_RECVIEW_H

#include "mubiao.h"

#include <stddef.h>
#include <stdint.h>

/* Bytes of a paragraph's text. */
typedef struct mb_rslice {
    const char *s;
    size_t n;
} mb_rslice;

typedef struct mb_record_view {
    const mb_record *r;
    const mb_paragraph *p;
    const mb_region *region;     /* the record's own, else the document's */
    uint32_t src_start, src_end; /* the span in source bytes */
    int has_position;            /* the span in characters of the decoded file or page text */
    uint32_t pos_start, pos_end;
    mb_rslice span, prefix, suffix; /* the span and up to 32 characters each side */
    /* the sentence as spec v1.1 has it: longer than 400 characters, cut to
     * 200 each side of the span, each cut marked with … */
    mb_rslice sentence;
    int cut_before, cut_after;
} mb_record_view;

/* The view of record i of rs. MB_EARG (with a message) when there is no
 * record i or its paragraph is missing. */
mb_status mb_record_view_of(const mb_doc *doc, const mb_records *rs, size_t i, mb_record_view *v,
                            mb_error *err);

/* The capped sentence's length in bytes, … marks included, and the
 * sentence written into buf (at least that many bytes; no NUL). */
size_t mb_record_view_sentence_len(const mb_record_view *v);
void mb_record_view_sentence_copy(const mb_record_view *v, char *buf);

/* The mark of a cut (…). */
#define MB_CUT_MARK "\xE2\x80\xA6"

#endif
