/* extract.h — commitment records from a document (owns: the rules that turn
 * recognized quantities and time expressions into records: indicator, kind,
 * change, year, period, modality; section and paragraph context; the model
 * object that bundles the dictionary and the recognizer).
 *
 * Internal view of the recognizer's output used by extract.c; filled by
 * extract_recog.c, the only file that knows the recognizer's structures. */
#ifndef MB_EXTRACT_H
#define MB_EXTRACT_H

#include "docdate.h"
#include "mubiao.h"

struct mb_model {
    mb_dict *dict;
    mb_dict *user;
    mb_lexicon *lex;
    mb_recognizer *rec;
    mb_docdate_rx *dates; /* the dateline patterns (docdate.h) */
};

/* One quantity of a paragraph (byte offsets in the paragraph text). */
typedef struct mb_xq {
    size_t a, b;   /* the whole expression: comparator words, number, unit */
    size_t na, nb; /* the number itself */
    int has_value;
    double value;
    int has_range;
    double min, max;
    const char *unit; /* NULL: none; valid while the recognition lives */
    const char *cmp;  /* the spec's comparator or NULL */
    int measure;      /* unit counts things: a measure word (家, 个, 名) or a physical unit (亩, 吨) */
    int currency;     /* unit is a currency (元, 美元) */
    int count;        /* unit is a measure word: it counts things (个, 所, 家), no physical unit */
    int level;        /* an order of magnitude or a bare magnitude: 万亿级, 亿元以上 */
    int fan;          /* 翻一番: a doubling, an increase */
    int streak;       /* N连增 / N连降: +1, -1 (years in a row of increase or decrease) */
    int percent;      /* unit is % or 个百分点 or ‰ */
    int fraction;     /* 五分之一, 1/3 */
    int skip;         /* a name, ordinal, rhetorical count ...: no record */
} mb_xq;

/* One time expression of a paragraph. */
typedef struct mb_xt {
    size_t a, b;
    int y0, y1;    /* resolved years, 0 when unknown */
    int deadline;  /* 到/至 … 年, … 年前: a target's deadline */
    int span;      /* a span of years: 近5年, 三年内, “十四五” */
    int future;    /* 三年内, 未来五年, 用3年时间: counts forward */
    int sub_year;  /* part of a year: 1—5月, 一季度, 上半年, …以来 */
    int past;      /* 去年, 上年, 过去五年 */
    int now;       /* 今年, 本年度, 目前 */
    int this_year; /* 今年, 本年, 本年度 (not 目前): the year being planned */
    int base;      /* a comparison base (比2010年): not the record's year */
    int from;      /* a starting point (由2003年的, 从2006年): dates the next quantity only */
    int plan;      /* a plan period: “十四五”, 十二五时期, 规划期 */
    int written;   /* a year written out (2002年), not relative (上年) */
    int ref; /* a plan referred to (与“十五五”规划相衔接): dates nothing outside its clause */
    int relative; /* resolved against the document year (过去五年, 十年来), not written (1978年至2018年) */
} mb_xt;

/* The year a time expression ends in (its only year when it names one). */
static inline int mb_xt_year(const mb_xt *t)
{
    return t->y1 ? t->y1 : t->y0;
}

typedef struct mb_xrec {
    mb_xq *q;
    size_t nq, capq;
    mb_xt *t;
    size_t nt, capt;
    void *priv; /* the recognizer's own result */
} mb_xrec;

/* Recognize the quantities and time expressions of text[0..len). */
mb_status mb_xrec_run(const mb_model *m, const char *text, size_t len, int doc_year, mb_xrec *out,
                      mb_error *err);
void mb_xrec_clear(mb_xrec *x);
void mb_xrec_free(mb_xrec *x);

#endif
