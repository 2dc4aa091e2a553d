/* fold.h — traditional characters folded to simplified ones for matching
 * (owns: whether a text is written in traditional characters, and the
 * folding of a copy of it). The table is the lexicon class t2s
 * (dict/lexicon/t2s.tsv, generated from OpenCC): each row maps a character
 * to one of the same UTF-8 length, so a folded copy keeps every byte
 * offset, and the records found in it point at the original text. */
#ifndef MB_FOLD_H
#define MB_FOLD_H

#include "lexicon.h"

#include <stddef.h>

/* Add to *cjk the number of CJK characters of s[0..n) (3-byte UTF-8
 * sequences from U+3400) and to *foldable those of them that fold. */
void mb_fold_count(const mb_lexicon *lex, const char *s, size_t n, size_t *cjk, size_t *foldable);
/* 1 if counts from mb_fold_count say the text is written in traditional
 * characters: at least 3% of its CJK characters fold (a simplified text
 * has a few, 乾隆 or 著名, far below that) and at least two do. */
int mb_fold_is_traditional(size_t cjk, size_t foldable);
/* Copy s[0..n) to out (n bytes and a NUL) with every character of the
 * table folded; returns the number of characters folded. */
size_t mb_fold_t2s(const mb_lexicon *lex, const char *s, size_t n, char *out);

#endif
