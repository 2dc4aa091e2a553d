/* dict_compile.h — the dictionary compiler (owns: mb_dict_compile,
 * mb_dict_load_user, parsing lexicon text, suggested frequencies, building
 * the double-array trie and writing the image of dict_format.h).  Kept apart
 * from the runtime (dict.c), which only maps and reads; this side may
 * allocate freely. */
#ifndef MB_DICT_COMPILE_H
#define MB_DICT_COMPILE_H

#include "dict.h"

/* Build an image from text sources read in order.  With base (user
 * dictionaries), costs are counted against base's total, missing
 * frequencies and tags consult base too, and freq 0 entries are kept as
 * deletions (overlay); without base they are dropped.  The lexicon files
 * lexicons[0..nlex) fill the lexicon section (lexicon.h).  *img is
 * malloc'ed. */
mb_status mb_dict_build(const char *const *paths, size_t npaths, const char *const *lexicons, size_t nlex,
                        const mb_dict *base, unsigned char **img, size_t *n, mb_error *err);

#endif
