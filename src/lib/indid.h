/* indid.h — canonical identities of indicators (owns: resolving the text
 * of an indicator to the row of the indicator lexicon that names it, and so
 * to its canonical id; README "Indicator lexicon").
 *
 * A text names a lexicon row when it is one of the lexicon's words as
 * written, or once a leading scope word (全国, 全省: lexicon class
 * scope_word) or a trailing rate word (增速, 增幅: class rate_word) is set
 * aside, or once a bracketed part is dropped (细颗粒物（PM2.5）浓度 →
 * 细颗粒物浓度), or 的 and quotes (社会保障的资金 → 社会保障资金), or what
 * stands up to a purpose word (class purpose_word: 中央财政用于“三农”的支出
 * → 三农支出), or a trailing change verb (地区生产总值增长 → 地区生产总值).
 * A longer name is never cut to a shorter row: 农村居民人均
 * 可支配收入 does not resolve to 居民人均可支配收入. */
#ifndef MB_INDID_H
#define MB_INDID_H

#include "lexicon.h"

#include <stddef.h>

/* The row naming s[0..n), or NULL (lex NULL: NULL). */
const mb_lexword *mb_indicator_row(const mb_lexicon *lex, const char *s, size_t n);

/* The canonical id of s[0..n) as a malloc'ed string; NULL when the text
 * names no row (or out of memory). */
char *mb_indicator_id(const mb_lexicon *lex, const char *s, size_t n);

#endif
