/* reflow.h — lines to paragraphs and sentences (owns: the layout rules that
 * undo PDF line wrapping, and sentence splitting).
 *
 * Input: the normalized text of a whole document (LF line breaks) with its
 * source map. Output: paragraphs whose text is the joined lines (no line
 * breaks; no space between CJK characters; one space between Latin words),
 * each with its sentences. */
#ifndef MB_REFLOW_H
#define MB_REFLOW_H

#include "text.h"

/* Build the paragraphs of norm. *out is an array of *n paragraphs owned by
 * the caller: release with mb_paragraphs_free. */
mb_status mb_reflow(const mb_text *norm, mb_paragraph **out, size_t *n, mb_error *err);
void mb_paragraphs_free(mb_paragraph *p, size_t n);

/* Split text[0..len) into sentences (。！？；… and line-level cases);
 * *out is malloc'ed. */
mb_status mb_split_sentences(const char *text, size_t len, mb_sentence **out, size_t *n);

#endif
