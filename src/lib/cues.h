/* cues.h — the cue lexicon of extraction (owns: the words that signal a
 * target or an achievement, a change, a yearly period, a comparison base,
 * and the verbs and function words that separate an indicator from its
 * number). The words are lexicon classes (dict/lexicon/cues.tsv, see
 * lexicon.h); matching is by whole token (for short, ambiguous words such
 * as 将, 要, 已, 了) or by substring (for longer, unambiguous ones such as
 * 力争, 累计). */
#ifndef MB_CUES_H
#define MB_CUES_H

#include "mubiao.h"

#include <stddef.h>

typedef enum mb_cue_kind { MB_CUE_NONE = 0, MB_CUE_TARGET, MB_CUE_ACHIEVEMENT } mb_cue_kind;

typedef struct mb_cue {
    const char *word;
    mb_cue_kind kind;
    int whole_token; /* 1: only when the word is a whole token */
    int local;       /* 1: a noun (目标): counts in the quantity's own clause, or
                        further back only when it introduces a list (目标是：) */
} mb_cue;

/* The kind cues of lex into out[0..max): targets, then achievements, each
 * longest first; returns the number. word points into the lexicon. */
size_t mb_kind_cues(const mb_lexicon *lex, mb_cue *out, size_t max);

/* Change verbs: +1 increase, -1 decrease, 0 none. A verb followed by 至/到
 * states the level reached (the caller checks that). */
int mb_change_of(const mb_lexicon *lex, const char *tok, size_t len);

/* 1 if tok is a word that links an indicator to its number and is not part
 * of the indicator (达到, 为, 保持在, 控制在, 安排, 完成, 按, 实现 ...). */
int mb_is_linker(const mb_lexicon *lex, const char *tok, size_t len);
/* 1 if tok is a modal or adverb that stands between subject and predicate
 * (拟, 将, 要, 力争, 累计, 同比, 平均, 全年, 年均 ...); modifiers such as 年均
 * may also stand inside an indicator (经济年均增长). */
int mb_is_adverb(const mb_lexicon *lex, const char *tok, size_t len);
/* 1 if tok is a modal word or a cue adverb that never belongs to an
 * indicator (拟, 将, 力争, 累计 ...): a subset of mb_is_adverb. */
int mb_is_modal(const mb_lexicon *lex, const char *tok, size_t len);
/* 1 if tok is a generic head noun that needs the indicator it belongs to
 * (规模, 总量, 增速, 比重 ...). */
int mb_is_generic_head(const mb_lexicon *lex, const char *tok, size_t len);
/* 1 if tok may be part of an indicator noun phrase given its tag. */
int mb_is_nounish(const char *tok, size_t len, const char *tag);

#endif
