/* segment.h — dictionary word segmentation (owns: mb_segment,
 * mb_tokens_free).  Over one string it builds the DAG of dictionary words
 * (a compiled mb_dict plus an optional user overlay whose entries win),
 * and takes the maximum-probability route (sum of unigram costs, right to
 * left, ties to the longer word).  Numbers, Latin runs, percentages, 万/亿
 * amounts and dates are fixed single tokens ("atoms") before the search:
 * no word may start or end inside one.  Characters no word covers stand
 * alone.  The dictionaries are only read; every buffer is the caller's
 * mb_tokens, so calls on different mb_tokens can run in parallel. */
#ifndef MB_SEGMENT_H
#define MB_SEGMENT_H

#include "dict.h"

#endif
