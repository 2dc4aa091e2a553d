/* lexicon.h — the word lists of recognition and extraction (owns: the
 * lexicon classes, parsing and validating lexicon text (the .tsv files of dict/lexicon/
 * and --user-lexicon files), the compiled lexicon sections of a dictionary
 * (rows and index; format in dict_format.h), the runtime index and its look-ups, and the
 * assembly of pcre2 patterns from lexicon classes).
 *
 * "Words are data": every Chinese word or character list that recognize.c,
 * timex.c, cues.c, indicator.c, extract*.c ... consult lives in a lexicon
 * file, one row a line:
 *
 *     word<TAB>class[<TAB>items]
 *
 * items: comma-separated, each a flag name ("whole_token") or key=value
 * ("cmp=ge"), as the class declares them (MB_LEX_CLASSES below: the one
 * place where classes are defined; README "Lexicon" lists them too).
 * Lines that are empty or start with '#' are comments. A word+class pair
 * may appear once; a user lexicon row replaces the compiled row of the
 * same word and class, and adds it otherwise.
 *
 * The index is written by the compiler into the dictionary (section 6)
 * and mapped as it is, or built at open (user rows, another class table);
 * it is immutable either way: one lexicon serves any number of threads.
 *
 * Look-ups: exact word of a class (hash, O(1)); the longest word of a
 * class starting or ending at a position (one hash probe per distinct word
 * length of the class); the words of a class, longest first (equal
 * lengths in file order). */
#ifndef MB_LEXICON_H
#define MB_LEXICON_H

#include "dict.h"
#include "error.h"

#include <stddef.h>

/* X(ID, name, items, what): items lists the flags and keys a row of the
 * class may carry: a flag is a name; a key is name=, then what its value
 * may be: nothing (any text without a comma), v1|v2|... (one of them), #
 * (an integer), #-# (two integers FROM-TO) or % (a number). */
#define MB_LEX_CLASSES(X)                                                                                    \
    X(CUE_TARGET, "cue_target", "whole_token local",                                                         \
      "kind cue: a target (a goal, a plan, a modal of the future)")                                          \
    X(CUE_ACHIEVEMENT, "cue_achievement", "whole_token local",                                               \
      "kind cue: an achievement (a reported outcome)")                                                       \
    X(CHANGE_UP, "change_up", "", "change verb: an increase")                                                \
    X(CHANGE_DOWN, "change_down", "", "change verb: a decrease")                                             \
    X(LINKER, "linker", "", "a verb or word linking an indicator to its number")                             \
    X(ADVERB, "adverb", "", "an adverb between subject and predicate (modals are adverbs too)")              \
    X(MODAL, "modal", "", "a modal word or cue adverb, never part of an indicator")                          \
    X(GENERIC_HEAD, "generic_head", "", "a generic head noun that needs the indicator it belongs to")        \
    X(UNIT, "unit",                                                                                          \
      "unit= "                                                                                               \
      "cat=measure|currency|physical|duration|percent|permille|ppoint|multiple|age|date|docnum|ordinal|"     \
      "streak rhet da more decimal not_next=",                                                               \
      "unit after a number: unit= canonical form, cat= category, rhet/da: rhetorical count marks")           \
    X(CMP_PREFIX, "cmp_prefix", "cmp=eq|gt|ge|lt|le|approx not_prev= bare_only",                             \
      "a comparator word before a number")                                                                   \
    X(CMP_POST, "cmp_post", "cmp=eq|gt|ge|lt|le|approx not_next=", "a comparator word after a number")       \
    X(MORE, "more", "not_next=", "'more than' after a number (duo, yu)")                                     \
    X(LEVEL, "level", "", "an order of magnitude after a number (ji)")                                       \
    X(MAGNITUDE_GLOSS, "magnitude_gloss", "",                                                                \
      "in brackets after an amount's magnitude, the same magnitude for other readers: skipped")              \
    X(RANGE_SEP, "range_sep", "", "a range separator between two numbers")                                   \
    X(ONE_WORD_PREV, "one_word_prev", "", "a character before yi (one) that makes a word of it")             \
    X(RHET_NOUN, "rhet_noun", "", "after a count with any numeral: a rhetorical count (5 ge fangmian)")      \
    X(AGE_STAT, "age_stat", "", "before an age: the age is a statistic (life expectancy), not a person's")   \
    X(DOUBLING, "doubling", "not_next=", "a word that states a doubling without a number (beizeng): 2 bei")  \
    X(FAN, "fan", "part=verb|le|fold|more|post",                                                             \
      "the words of fan yi fan (doubling): part=verb le fold more post")                                     \
    X(DOCNUM, "docnum", "part=ord|num", "the words of a document number: part=ord, part=num")                \
    X(FRACTION_PREFIX, "fraction_prefix", "kind=percent|permille|fraction denominator=#",                    \
      "the words before a numerator: kind=percent, permille or fraction, with its denominator")              \
    X(RATIO, "ratio", "", "a ratio sign between two numbers (one character)")                                \
    X(TIME_MARKER, "time_marker",                                                                            \
      "marker=to|as_of|since|base not_prev=", "a word before a time: marker= to as_of since base")           \
    X(TIME_REL2, "time_rel2", "marker=by|since q bare", "a word after a time: marker= by since")             \
    X(YEAR_PART, "year_part", "months=#-#", "a part of a year: months=FROM-TO when known")                   \
    X(HALF_YEAR, "half_year", "months=#-#", "a half year: months=FROM-TO")                                   \
    X(REL_YEAR, "rel_year", "offset=# this not_prev=", "a year relative to the document year: offset=")      \
    X(PLAN, "plan", "n=#", "a five-year plan: n= its number")                                                \
    X(PLAN_PART, "plan_part", "at=end|start|early|late|by|since ahead part p2 not_next=",                    \
      "a word after a plan: at= end start early late by since")                                              \
    X(DECADE_PART, "decade_part", "from=# to=#", "a part of a decade: from= to= years into it")              \
    X(CENTURY_REF, "century_ref", "rel=this|last", "this or the last century: rel=this, rel=last")           \
    X(CENTURY_PART, "century_part", "from=# to=#", "a part of a century: from= to= years into it")           \
    X(SPAN_PRE, "span_pre", "kind=near|past|future|use|duration|first not_prev=",                            \
      "before a count of years: kind= near past future use duration first")                                  \
    X(SPAN_UNIT, "span_unit", "month", "the unit of a span: years, or months (month)")                       \
    X(SPAN_POST, "span_post", "", "after a span")                                                            \
    X(DUR_POST, "dur_post", "dir=past|within|after", "after a count of years: dir= past within after")       \
    X(ANNUAL, "annual", "", "a yearly period")                                                               \
    X(NOW, "now", "", "the present: the document year")                                                      \
    X(BARE_YEAR_PART, "bare_year_part", "", "a part of this year written alone")                             \
    X(BARE_NOT_PREV, "bare_not_prev", "", "a character before a bare year part that makes it none")          \
    X(YEAR_NOT_NEXT, "year_not_next", "", "a character after nian that makes it no year")                    \
    X(YEAR_NOT_NEXT_DUR, "year_not_next_dur", "", "... and no count of years either")                        \
    X(TIME_WORD, "time_word",                                                                                \
      "role=year|month|fen|day|quarter|ord|du|decade|century|vision|five_year|plan_doc|outline|list|more|"   \
      "first|years_ahead|de|time not_prev=",                                                                 \
      "the fixed words of the time grammar, by role=")                                                       \
    X(JIANG, "jiang", "", "the word that may be a preposition (jiang as ba) rather than the future")         \
    X(JIANG_RESULT, "jiang_result", "", "a verb of result after it: then it is a preposition")               \
    X(INTRODUCER, "introducer", "", "after a noun cue: it introduces what follows")                          \
    X(RATE_WORD, "rate_word", "", "a word that names a change by itself (growth rate)")                      \
    X(TO_WORD, "to_word", "", "after a change verb: the level reached")                                      \
    X(LIST_CONJ, "list_conj", "tok wide", "a list conjunction; wide: only in the wider lists")               \
    X(DE, "de", "", "the particle de")                                                                       \
    X(SOFT_CUE, "soft_cue", "kind=target|achievement",                                                       \
      "a cue that leans one way (kind=) and yields to a time or frame")                                      \
    X(GOAL_SUFFIX, "goal_suffix", "", "after a quantity: names it a goal")                                   \
    X(ANNUAL_WORD, "annual_word", "", "before a number: a yearly period")                                    \
    X(FIRM_CUE, "firm_cue", "", "a target cue of a dated goal without a number")                             \
    X(ACHIEVE_VERB, "achieve_verb", "", "the verb after the time of a dated goal")                           \
    X(BA_WORD, "ba_word", "", "after the time of a dated goal: its object comes before the verb")            \
    X(STATE_PREDICATE, "state_predicate", "change=increase|decrease|level",                                  \
      "closes a qualitative item: change=")                                                                  \
    X(STATE_FILLER, "state_filler", "", "a word around the indicator of a qualitative item")                 \
    X(REACH_VERB, "reach_verb", "", "a level reached and named: the verb")                                   \
    X(REACH_END, "reach_end", "", "a level reached and named: the end word")                                 \
    X(TARGET_LEAD, "target_lead", "", "opens the items of a target list (file order)")                       \
    X(RESPECTIVELY, "respectively", "", "before the numbers of a list of names")                             \
    X(TARGET_HEADING, "target_heading", "", "in a first sentence: the paragraph states targets")             \
    X(CUE_NOUN, "cue_noun", "", "a noun that announces a goal and never names an indicator")                 \
    X(BASE_WORD, "base_word", "year", "a comparison base ends a noun phrase; year: with its year")           \
    X(SHARE_VERB, "share_verb", "", "the verb of a share (zhan ... bizhong)")                                \
    X(SHARE_NOUN, "share_noun", "", "the noun of a share")                                                   \
    X(SCOPE_WORD, "scope_word", "", "a leading scope word of an indicator, dropped")                         \
    X(TOTAL_SUFFIX, "total_suffix", "", "a trailing total word of an indicator, dropped")                    \
    X(COMPARE_WORD, "compare_word", "", "a comparison word before a quantity")                               \
    X(COUNT_UNIT, "count_unit", "", "the canonical unit of plain counts (ge)")                               \
    X(PLAN_MARK, "plan_mark", "",                                                                            \
      "after a count: a planning word that, with the verbs after it, modifies the noun")                     \
    X(NEW_MARK, "new_mark", "", "before a verb that modifies the head of an indicator: both are part of it") \
    X(T2S, "t2s", "to=", "a traditional character: the simplified one it folds to in a traditional text")    \
    X(WORK_NOUN, "work_noun", "",                                                                            \
      "after the noun a count counts: the work done on the things, not part of it")                          \
    X(NAME_PREFIX, "name_prefix",                                                                            \
      "unit=", "before a count in unit=: the count names a document (xin 36 tiao)")                          \
    X(ANAPHOR, "anaphor", "", "before a generic head: refers to a phrase named earlier (gai, zhexie)")       \
    X(PAYER, "payer", "",                                                                                    \
      "an indicator that is only this names who pays: the amount is named by what it pays for")              \
    X(PAY_VERB, "pay_verb", "", "between a payer and an amount: the payer and this verb name it (touru)")    \
    X(PURPOSE_VERB, "purpose_verb", "",                                                                      \
      "opens the clause after a payer's amount: its object names the amount")                                \
    X(ITEMS_LEAD, "items_lead", "", "opens a sentence of items with a colon: goals of the deadline before")  \
    X(BASIS_WORD, "basis_word", "",                                                                          \
      "opens a clause: the basis of a change (huanbi); the subject is the one before")                       \
    X(PERSON_UNIT, "person_unit",                                                                            \
      "count=", "a unit that counts people; count=: the noun of a count a verb ends")                        \
    X(PERSON_HEAD, "person_head",                                                                            \
      "unit=", "the head of a noun that counts people: a bare count is in unit=")                            \
    X(STREAK_DIR, "streak_dir", "dir=up|down", "the direction of a streak (N lian zeng): dir=up, down")      \
    X(FROM_WORD, "from_word", "", "before a time: a starting point")                                         \
    X(REVIEW_WORD, "review_word", "", "in a heading or lead-in: a review of the past")                       \
    X(TASK_WORD, "task_word", "", "in a heading or lead-in: a plan of tasks")                                \
    X(TARGET_LIST_WORD, "target_list_word", "", "in a lead-in: announces a list of targets")                 \
    X(GENRE_WORD, "genre_word", "", "in a title: a statistical communique")                                  \
    X(HEADING_NUMERAL, "heading_numeral", "", "a numeral of a heading marker")                               \
    X(HEADING_SEP, "heading_sep", "", "after the number of a heading marker")                                \
    X(HEADING_ORD, "heading_ord", "", "before the number of a chapter heading")                              \
    X(HEADING_UNIT, "heading_unit", "", "after the number of a chapter heading")                             \
    X(LIST_MARK, "list_mark", "", "opens a list item")                                                       \
    X(COMMON_CHAR, "common_char", "", "a very common character: tells Big5 from GB18030")                    \
    X(DATELINE_WORD, "dateline_word", "role=year|month|day",                                                 \
      "a word of a written date: role=year, month, day")                                                     \
    X(DOC_TITLE_WORD, "doc_title_word", "", "a title with its year and one: the document's year")            \
    X(SPEECH_OPENING, "speech_opening", "", "opens a delivered report: it reviews the year before its own")  \
    X(DEADLINE_PREV, "deadline_prev", "", "before a year: a deadline, not a year reported on")               \
    X(DEADLINE_NEXT, "deadline_next", "", "after a year: a deadline, not a year reported on")                \
    X(ORDINAL_PREFIX, "ordinal_prefix", "", "before a number: an ordinal (di), never a quantity")            \
    X(MAGNITUDE_WORD, "magnitude_word", "value=%",                                                           \
      "a magnitude word of values shown to people (largest first)")                                          \
    X(PER_YEAR, "per_year", "", "the suffix of a yearly value shown to people")                              \
    X(COMPARE_VERB, "compare_verb", "", "a comparison before a quantity: no change of its own")              \
    X(NAME_SUFFIX, "name_suffix", "", "a one-character head that makes the words before it a name (lv)")     \
    X(OF_PREP, "of_prep", "", "X dui Y de Z: the preposition of a modifier kept in a name")                  \
    X(MILESTONE, "milestone", "", "after an amount: a threshold it passes, never what it counts")            \
    X(PURPOSE_WORD, "purpose_word", "", "in an indicator: what stands before it is the payer (yongyu)")      \
    X(FLOW_VERB, "flow_verb", "", "opens a name of the indicator lexicon but states the flow (xinzeng)")     \
    X(FRAME_NOUN, "frame_noun", "",                                                                          \
      "with a localizer after it: the end of a frame (zai ... de jichu shang)")                              \
    X(FRAME_OPEN, "frame_open", "", "opens such a frame (zai)")                                              \
    X(FRAME_END, "frame_end", "", "ends a frame opened by frame_open with no localizer (an ... jisuan)")     \
    X(SPEECH_VERB, "speech_verb", "",                                                                        \
      "reports speech: the subject of what is said opens after it (biaoshi)")                                \
    X(SET_PHRASE, "set_phrase", "", "a set phrase that holds a numeral and states no quantity")              \
    X(REFERENCE_WORD, "reference_word", "",                                                                  \
      "after a plan in its clause (与…规划相衔接): the plan is referred to, not a time")                     \
    X(INDICATOR, "indicator", "id= kind=level|rate|share polarity=higher|lower growth_of=",                  \
      "an indicator name or variant: id= its canonical name, kind= level, rate or share")                    \
    X(REGION, "region", "level=national|province|city|district code= name= short",                           \
      "a region's name: level=, code= (NBS), name= the full name of a short one")                            \
    X(ISSUER_NAME, "issuer_name", "region= issuer=",                                                         \
      "a body that issues documents: region= the region it governs, issuer= its usual name")                 \
    X(ISSUER_SUFFIX, "issuer_suffix",                                                                        \
      "issuer=", "after a region's name: the body issuing (issuer= its full name after the region's)")       \
    X(OFFICE_WORD, "office_word", "issuer=",                                                                 \
      "after a region's name on a speaker line: its head (issuer= the body, after the region's name)")

typedef enum mb_lexclass {
#define MB_LEX_ENUM(id, name, items, what) MB_LX_##id,
    MB_LEX_CLASSES(MB_LEX_ENUM)
#undef MB_LEX_ENUM
        MB_LX_NCLASSES
} mb_lexclass;

/* One word of the lexicon: a row of its index (dict_format.h, section 6),
 * mapped from the dictionary or built at open, read through the accessors
 * below and never copied. A row holds, in 16 bytes: the distance back
 * from the row to its word and to its items (NUL-terminated strings of
 * section 5, just before the index), the word's byte length, its class and
 * its flags. It lives as long as the lexicon. */
typedef struct mb_lexword mb_lexword;
#define MB_LEXREC_SIZE 16u

static inline const unsigned char *mb_lexw_bytes_(const mb_lexword *w)
{
    return (const unsigned char *)w;
}
/* The word (NUL-terminated) and its byte length. */
static inline const char *mb_lexw_word(const mb_lexword *w)
{
    return (const char *)w - mb_ld32(mb_lexw_bytes_(w));
}
static inline size_t mb_lexw_len(const mb_lexword *w)
{
    return mb_ld16(mb_lexw_bytes_(w) + 8);
}
/* The third field as written ("" when none), NUL-terminated. */
static inline const char *mb_lexw_items(const mb_lexword *w)
{
    return (const char *)w - mb_ld32(mb_lexw_bytes_(w) + 4);
}
static inline int mb_lexw_cls(const mb_lexword *w)
{
    return mb_ld16(mb_lexw_bytes_(w) + 10);
}
/* bit k: the class's k-th flag (mb_lex_flag) */
static inline unsigned mb_lexw_flags(const mb_lexword *w)
{
    return mb_ld32(mb_lexw_bytes_(w) + 12);
}

/* The words of a class in an order (mb_lex_words): n of them, the i-th is
 * mb_lexlist_at(l, i). */
typedef struct mb_lexlist {
    const unsigned char *recs; /* the index's rows */
    const unsigned char *ix;   /* n u32 row numbers */
    size_t n;
} mb_lexlist;

static inline const mb_lexword *mb_lexlist_at(mb_lexlist l, size_t i)
{
    return (const mb_lexword *)(l.recs + MB_LEXREC_SIZE * (size_t)mb_ld32(l.ix + 4 * i));
}

/* The class name of cls ("unit"), or NULL. */
const char *mb_lex_class_name(mb_lexclass cls);
/* The class called name[0..n), or -1. */
int mb_lex_class_find(const char *name, size_t n);

/* Look-ups (lex may be NULL: nothing found). */
const mb_lexword *mb_lex_get(const mb_lexicon *lex, mb_lexclass cls, const char *w, size_t n);
/* 1 when w[0..n) is a word of class cls. */
static inline int mb_lex_is(const mb_lexicon *lex, mb_lexclass cls, const char *w, size_t n)
{
    return mb_lex_get(lex, cls, w, n) != NULL;
}
/* The BMP characters that have a row of class t2s, 0x10000 bits (bit cp & 7
 * of byte cp >> 3): a filter before mb_lex_get, tested inline by a loop
 * over a text (fold.c); NULL without a lexicon. */
const unsigned char *mb_lex_t2s_bitmap(const mb_lexicon *lex);
/* The longest word of cls that starts at s[pos] (within len) / ends at
 * s[pos] (starting at or after floor); NULL when none. */
const mb_lexword *mb_lex_longest_at(const mb_lexicon *lex, mb_lexclass cls, const char *s, size_t len,
                                    size_t pos);
const mb_lexword *mb_lex_longest_before(const mb_lexicon *lex, mb_lexclass cls, const char *s, size_t floor,
                                        size_t pos);
/* The longest word of cls of at most maxlen bytes ending at s[pos]
 * (starting at or after floor); NULL when none. A caller that rejects the
 * word found asks again with maxlen its length - 1: the words ending
 * there, longest first, one look-up each. */
const mb_lexword *mb_lex_longest_before_upto(const mb_lexicon *lex, mb_lexclass cls, const char *s,
                                             size_t floor, size_t pos, size_t maxlen);
/* The first word of cls that stands in s[a,b): the longest at the first
 * position p in [a,b) where one starts and ends by b (mb_lex_longest_at(lex,
 * cls, s, b, p)), *pos = p (pos may be NULL); NULL when none. One pass
 * over the bytes that skips those inside a character and those whose
 * character starts no word of cls. */
const mb_lexword *mb_lex_first_in(const mb_lexicon *lex, mb_lexclass cls, const char *s, size_t a, size_t b,
                                  size_t *pos);
/* The words of cls, longest first (ties in row order). */
mb_lexlist mb_lex_words(const mb_lexicon *lex, mb_lexclass cls);
/* The words of cls in row order (file order; a user row that adds a word
 * comes after the compiled ones): for lists whose order matters. */
mb_lexlist mb_lex_words_in_order(const mb_lexicon *lex, mb_lexclass cls);
/* 1 when word w has flag name (one of its class's flags). */
int mb_lex_flag(const mb_lexword *w, const char *name);
/* The value of item key=value of w (not NUL-terminated: *n bytes), or NULL. */
const char *mb_lex_value(const mb_lexword *w, const char *key, size_t *n);
/* 1 when w's value of key equals v. */
int mb_lex_value_is(const mb_lexword *w, const char *key, const char *v);
/* 1 when w's value of key, a string of characters (not_prev=本去), holds
 * the character ch[0..n). */
int mb_lex_value_has_char(const mb_lexword *w, const char *key, const char *ch, size_t n);

/* Pattern assembly: expand a pcre2 pattern template. "@{class}" becomes
 * a non-capturing alternation of the class's words, longest first, each
 * escaped, with not_next=A|B as (?!A|B) after the word and not_prev=XY as
 * (?<![XY]) before it; "@[class]" becomes the escaped characters of the
 * class's one-character words, for use inside [...]; "@@" is "@".
 * "@{class/key=value}" (and "@[class/key=value]") take only the words
 * whose item key has that value, "@{class/flag}" those with the flag.
 * *out is malloc'ed. */
mb_status mb_lex_pattern(const mb_lexicon *lex, const char *tmpl, char **out, mb_error *err);

/* ---- text rows: shared by the compiler (dict_compile.c) and user lexicons ---- */

typedef struct mb_lexrow {
    int cls;
    char *word;
    char *items;
    unsigned flags; /* the flag bits of the items (mb_lexw_flags), computed when read */
} mb_lexrow;

typedef struct mb_lexrows {
    mb_lexrow *v;
    size_t n, cap;
} mb_lexrows;

/* Read the lexicon file path and append its rows; a row whose word and
 * class are already in rows, an unknown class or item, a malformed line
 * fail with MB_EDICT and "path:line: message". */
mb_status mb_lexrows_read(mb_lexrows *rows, const char *path, mb_error *err);
void mb_lexrows_free(mb_lexrows *rows);
/* The compiled lexicon of rows: one malloc'ed image of section 5 (*lexlen
 * bytes, a multiple of 8: the rows' strings) and, right after it, section 6
 * (*ixlen bytes: the index), as dict_format.h lays them out. The compiler
 * writes both sections; a lexicon with user rows, or read from a
 * dictionary of another class table, builds its own. */
mb_status mb_lexrows_image(const mb_lexrows *rows, unsigned char **img, size_t *lexlen, size_t *ixlen,
                           mb_error *err);
/* Validate a dictionary's sections 5 (p, n bytes at file offset base_off)
 * and 6 (ix, ixn bytes, right after it) when it is opened: the number of
 * rows in *nrows; MB_EDICT_CORRUPT with name and byte offset.
 * *indexed: the sections were compiled against this class table and the
 * index was checked as far as a look-up relies on it (every row's word and
 * items lie in section 5 and end with a NUL there, every row number of the
 * class lists is a row, every class's lists and lengths lie in the index);
 * the lexicon then maps it as it is. Otherwise the rows of section 5 were
 * checked string by string, as a lexicon file's, and a lexicon opened on
 * the dictionary builds its index from them. */
mb_status mb_lex_section_check(const char *name, const unsigned char *p, size_t n, size_t base_off,
                               const unsigned char *ix, size_t ixn, uint32_t *nrows, int *indexed,
                               mb_error *err);
/* The full check of mb_dict_verify: the index (section 6) equals the one
 * built again from the rows of section 5; MB_EDICT_CORRUPT naming the
 * first byte that differs. A section of another class table (whose index
 * is never read) passes. */
mb_status mb_lex_index_verify(const char *name, const unsigned char *p, size_t n, size_t base_off,
                              const unsigned char *ix, size_t ixn, mb_error *err);

#endif
