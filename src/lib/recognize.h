/* recognize.h — quantities and time expressions in a normalized sentence
 * (owns: the recognizer object, the unit table, the comparator words, the
 * scan for candidate positions, and the rules that mark numbers which are
 * not quantities: names, slogans, ordinals, rhetorical counts, phone and
 * document numbers, dates, ages).
 *
 * How it works: one pass over the text looks for characters that can start
 * a number or a time expression (ASCII digits, Chinese numerals, and the
 * first characters of time words such as 今 去 近 过 第 “). At each one it
 * tries, in this order, the anchored time pattern (timex.c), 翻一番, and a
 * quantity: the number is read by the hand-written numeral parser
 * (numeral.c), and one anchored pcre2 pattern reads what follows it: 多/余,
 * the unit (an alternation built from the unit table), 级, 以上/左右/...,
 * and a range separator, ratio colon or slash. Comparator words before the
 * number (超过, 近, 约, 不少于, ...) are matched backwards. Every word list
 * is a lexicon class (lexicon.h, dict/lexicon/units.tsv, comparators.tsv):
 * the patterns are assembled from the lexicon, compiled and JIT-compiled
 * once in mb_recognizer_new. */
#ifndef MB_RECOGNIZE_H
#define MB_RECOGNIZE_H

#include "mubiao.h"

/* The canonical unit and flags of a unit as written (个百分点, 元人民币,
 * 吨标准煤 ...); NULL when the text is not in the unit table. */
const char *mb_unit_canonical(const mb_recognizer *r, const char *text, size_t len, unsigned *qflags);

#endif
