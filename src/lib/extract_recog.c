/* extract_recog.c — the recognizer's results as extraction sees them
 * (owns: the mapping of mb_quantity/mb_timex to mb_xq/mb_xt). */
#include "error.h"
#include "extract.h"
#include "grow.h"
#include "lexicon.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

void mb_xrec_clear(mb_xrec *x)
{
    x->nq = 0;
    x->nt = 0;
}

void mb_xrec_free(mb_xrec *x)
{
    if (!x)
        return;
    free(x->q);
    free(x->t);
    if (x->priv) {
        mb_recognition_free(x->priv);
        free(x->priv);
    }
    memset(x, 0, sizeof *x);
}

/* 1 if the time at pos follows a comparative (高于“十三五”时期, 低于上年):
 * a standard of comparison, not the quantity's time. */
static int after_comparative(const mb_lexicon *lex, const char *text, size_t pos)
{
    return mb_lex_longest_before(lex, MB_LX_COMPARE_VERB, text, 0, pos) != NULL;
}

/* 1 if the time at pos is followed by 相比 or 比较 (与2000年相比): the
 * other side of a comparison. */
static int before_compare(const mb_lexicon *lex, const char *text, size_t len, size_t pos)
{
    return mb_lex_longest_at(lex, MB_LX_COMPARE_WORD, text, len, pos) != NULL;
}

/* 1 if the three bytes at p are the numeral one (U+4E00: numeral grammar). */
static int is_yi(const char *p)
{
    int32_t cp;
    return mb_utf8_decode((const unsigned char *)p, 3, &cp) == 3 && cp == 0x4E00;
}

/* 1 when a set phrase of the lexicon (最后一公里) covers text[a,b), starting
 * at most 12 bytes before a. */
static int in_set_phrase(const mb_lexicon *lex, const char *text, size_t len, size_t a, size_t b)
{
    for (size_t p = a > 12 ? a - 12 : 0; p <= a; p++) {
        const mb_lexword *w = mb_lex_longest_at(lex, MB_LX_SET_PHRASE, text, len, p);
        if (w && p + mb_lexw_len(w) >= b)
            return 1;
    }
    return 0;
}

mb_status mb_xrec_run(const mb_model *m, const char *text, size_t len, int doc_year, mb_xrec *x,
                      mb_error *err)
{
    if (!x->priv) {
        x->priv = calloc(1, sizeof(mb_recognition));
        if (!x->priv)
            return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    mb_recognition *r = x->priv;
    mb_status st = mb_recognize(m->rec, text, len, doc_year, r, err);
    if (st)
        return st;
    if (!mb_grow((void **)&x->q, &x->capq, r->nq, sizeof *x->q) ||
        !mb_grow((void **)&x->t, &x->capt, r->nt, sizeof *x->t))
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    x->nq = 0;
    for (size_t i = 0; i < r->nq; i++) {
        const mb_quantity *q = &r->q[i];
        mb_xq *o = &x->q[x->nq++];
        memset(o, 0, sizeof *o);
        o->a = q->start;
        o->b = q->end;
        o->na = q->num_start;
        o->nb = q->num_end;
        o->has_value = q->has_value;
        o->value = q->value;
        o->has_range = q->has_range;
        o->min = q->min;
        o->max = q->max;
        o->unit = q->unit;
        o->cmp = mb_comparator_name(q->comparator);
        o->measure = (q->flags & (MB_QF_MEASURE | MB_QF_PHYSICAL)) != 0 ||
                     (q->unit && mb_lex_is(m->lex, MB_LX_COUNT_UNIT, q->unit, strlen(q->unit)));
        o->currency = (q->flags & MB_QF_CURRENCY) != 0;
        o->count = (q->flags & MB_QF_MEASURE) && !(q->flags & MB_QF_PHYSICAL);
        o->level = (q->flags & (MB_QF_LEVEL | MB_QF_BARE)) != 0;
        if (q->flags & MB_QF_STREAK) { /* 十二连增, 三连降 */
            for (size_t k = q->num_end; k + 3 <= q->end; k++) {
                const mb_lexword *d = mb_lex_get(m->lex, MB_LX_STREAK_DIR, text + k, 3);
                if (mb_lex_value_is(d, "dir", "up"))
                    o->streak = 1;
                else if (mb_lex_value_is(d, "dir", "down"))
                    o->streak = -1;
            }
        }
        o->fan = (q->flags & MB_QF_FAN) != 0;
        o->percent = q->qkind == MB_Q_PERCENT || q->qkind == MB_Q_PERMILLE || q->qkind == MB_Q_PPOINT;
        o->fraction = q->qkind == MB_Q_FRACTION;
        o->skip = q->skip != MB_SKIP_NONE;
        /* 最后一公里, 城乡二元结构: a set phrase that holds a numeral states no
         * quantity (lexicon class set_phrase) */
        if (!o->skip && in_set_phrase(m->lex, text, len, q->num_start, q->end))
            o->skip = 1;
        /* 一座, 一批, 一个: the numeral 一 with a measure word is an article */
        if ((q->flags & MB_QF_CHINESE) && q->has_value && q->value == 1 && (q->flags & MB_QF_MEASURE) &&
            q->num_end - q->num_start == 3 && is_yi(text + q->num_start))
            o->skip = 1;
    }
    x->nt = 0;
    for (size_t i = 0; i < r->nt; i++) {
        const mb_timex *t = &r->t[i];
        if (t->kind == MB_TIME_ANNUAL || t->kind == MB_TIME_DURATION)
            continue; /* no year of their own */
        mb_xt *o = &x->t[x->nt++];
        memset(o, 0, sizeof *o);
        o->a = t->start;
        o->b = t->end;
        o->y0 = t->year_from;
        o->y1 = t->year_to;
        o->deadline = t->marker == MB_TM_TO || t->marker == MB_TM_BY;
        int from_word =
            t->start >= 3 && mb_lex_is(m->lex, MB_LX_FROM_WORD, text + t->start - 3, 3); /* 由, 从 */
        /* 与2000年相比, 与去年持平: the other side of a comparison; 由去年同期的
         * 45% is a starting point (from), not a base */
        o->base = t->marker == MB_TM_BASE || after_comparative(m->lex, text, t->start) ||
                  (!from_word && before_compare(m->lex, text, len, t->end));
        o->span = t->kind == MB_TIME_SPAN || t->kind == MB_TIME_YEAR_RANGE || t->kind == MB_TIME_PLAN ||
                  t->kind == MB_TIME_CENTURY;
        o->future = t->kind == MB_TIME_SPAN && t->direction > 0;
        /* 从2001年至2020年: the 从 of a range of years opens the range, it
         * marks no starting point */
        int range = t->kind == MB_TIME_YEAR_RANGE && t->year_to > t->year_from;
        o->sub_year =
            t->kind == MB_TIME_DATE || t->kind == MB_TIME_PART || (t->marker == MB_TM_SINCE && !range);
        o->past = t->direction < 0;
        o->plan = t->kind == MB_TIME_PLAN;
        o->written = t->kind == MB_TIME_YEAR;
        o->relative = t->relative;
        /* 与“十五五”规划相衔接: a plan referred to, not a time */
        if (o->plan)
            for (size_t p = t->end, e = mb_clause_end(text, len, t->end); p < e && !o->ref; p++)
                o->ref = mb_lex_longest_at(m->lex, MB_LX_REFERENCE_WORD, text, e, p) != NULL;
        o->from = (t->marker == MB_TM_SINCE || from_word) && !range;
        o->now = t->kind == MB_TIME_RELATIVE && t->direction == 0;
        const mb_lexword *ry = mb_lex_longest_at(m->lex, MB_LX_REL_YEAR, text, t->end, t->start);
        /* 今年, 本年 */
        o->this_year = o->now && t->end - t->start >= 6 && mb_lex_flag(ry, "this");
    }
    /* a list of times shares what follows it: 35年来、20年来首次 are both
     * comparisons */
    for (size_t i = x->nt; i-- > 1;) {
        mb_xt *p = &x->t[i - 1];
        const mb_xt *n = &x->t[i];
        const mb_lexword *w = mb_lex_longest_at(m->lex, MB_LX_LIST_CONJ, text, len, p->b);
        if (n->base && !p->base && !p->from && w && !mb_lex_flag(w, "wide") && p->b + mb_lexw_len(w) == n->a)
            p->base = 1;
    }
    return MB_OK;
}
