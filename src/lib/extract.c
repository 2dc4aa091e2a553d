/* extract.c — commitment records: from the quantities and time expressions
 * of each sentence to records with indicator, kind, change, year, period
 * and modality.
 *
 * The rules, in order of application for each quantity q of a sentence:
 *  - clauses are split at ，；：。！？ (not at 、, which joins list items);
 *  - indicator: a quantity counted with a measure word (1.8万家外资企业) or
 *    a share (2%的经济总量) names what follows it; otherwise the noun
 *    phrase before it, once linking verbs (达到, 保持在, 安排 …), adverbs
 *    (拟, 累计, 同比 …), comparison bases (比上年 …) and time expressions are
 *    stripped; a clause without one carries the indicator of the previous
 *    quantity (…126万亿元，增长5.2%); a generic head (规模, 增速) is joined
 *    to the indicator it belongs to; 分别 lists pair names and numbers;
 *  - change: the nearest change verb before the number (增长 → increase,
 *    下降 → decrease), level when it is followed by 至/到 or absent;
 *  - kind: a cue in the clause, then in the earlier clauses of the
 *    sentence (力争, 拟, 将 → target; 累计, 已, 了 → achievement); else
 *    the time (a past year → achievement, a future one or a deadline →
 *    target, part of the current year → achievement); else the paragraph
 *    (预期目标) and the frame of the document's structure (frames.c: a
 *    heading, lead-in, list item or title: …工作回顾 → achievement; …任务 →
 *    target; a plan period, a review); else achievement;
 *  - year: the time expression of the clause, the sentence, an earlier
 *    sentence of the paragraph, the frame; a comparison base (比2010年,
 *    与去年持平) never counts; a yearly quantity (每年, 年均) takes only a plan
 *    period's or a review's year; else the document's year;
 *  - a dated goal without a number (力争在2026年实现…全覆盖) and a
 *    qualitative item of a target list (国际收支基本平衡) are targets with a
 *    null value;
 *  - every decision records its evidence (mb_evidence: --explain). */
#include "extract.h"
#include "extract_ctx.h"
#include "fold.h"

#include "cues.h"
#include "indid.h"
#include "issuer.h"
#include "docdate.h"
#include "doc_internal.h"
#include "error.h"
#include "grow.h"
#include "hash.h"
#include "numeral.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- kind, change, period ---- */

/* The number of cue hits that start before pos (they are sorted). */
static size_t hits_before(const ctx *c, size_t pos)
{
    return count_below(c->hits, c->nhits, sizeof *c->hits, offsetof(cue_hit, start), pos);
}

static int hit_order(const void *x, const void *y)
{
    const cue_hit *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static int add_hit(ctx *c, size_t p, const mb_cue *cue)
{
    if (!mb_grow((void **)&c->hits, &c->caphits, c->nhits + 1, sizeof *c->hits))
        return 0;
    c->hits[c->nhits].start = p;
    c->hits[c->nhits].end = p + strlen(cue->word);
    c->hits[c->nhits].cue = cue;
    c->hits[c->nhits].order = c->nhits;
    c->nhits++;
    return 1;
}

/* 1 if token i is 将 used as 把 (将扶贫标准提高到2300元): what follows is its
 * object, and the clause goes on with a verb of result, so it is no future
 * marker. */
static int preposition_jiang(const ctx *c, size_t i, size_t sb)
{
    mb_lexlist results = mb_lex_words_in_order(c->m->lex, MB_LX_JIANG_RESULT);
    const mb_token *t = &c->toks.v[i];
    if (!tok_in(c, t, MB_LX_JIANG) || i + 1 >= c->toks.n)
        return 0;
    const mb_token *n = &c->toks.v[i + 1];
    if (!n->tag || n->tag[0] == 'p' || n->tag[0] == 'd' || n->tag[0] == 'c' || n->tag[0] == 'r' ||
        n->tag[0] == 'x' || mb_is_modal(c->m->lex, c->s + n->start, n->end - n->start))
        return 0; /* 将在, 将以, 将进一步: the future */
    size_t ce = clause_end(c, n->end, sb);
    for (size_t k = 0; k < results.n; k++) {
        const mb_lexword *w = mb_lexlist_at(results, k);
        size_t len = mb_lexw_len(w);
        for (size_t p = n->end; p + len <= ce; p++)
            if (!memcmp(c->s + p, mb_lexw_word(w), len))
                return 1;
    }
    return 0;
}

/* 1 if [a,b) lies inside a longer dictionary word that is a noun: 预期
 * of 人均预期寿命 is no cue. */
static int inside_word(const ctx *c, size_t a, size_t b)
{
    const mb_token *t = tok_at(c, a);
    return t && (t->start < a || t->end > b) && t->end >= b && t->tag && t->tag[0] == 'n' &&
           t->end - t->start > b - a;
}

/* Find the clause breaks and cue words of the sentence [sa,sb) once. */
/* The first four bytes of s[0, n) (fewer when n is shorter, the rest 0),
 * the first lowest: a word and a cue that differ there need no memcmp. */
static uint32_t cue_head4(const char *s, size_t n)
{
    uint32_t h = 0;
    for (size_t i = 0; i < n && i < 4; i++)
        h |= (uint32_t)(unsigned char)s[i] << (8 * i);
    return h;
}

static mb_status scan_sentence(ctx *c, size_t sa, size_t sb)
{
    c->sa = sa;
    c->sb = sb;
    c->nbrk = c->nhits = 0;
    for (size_t i = sa; i < sb;) {
        size_t bl;
        if (mb_clause_break(c->s, sb, i, &bl)) {
            if (!mb_grow((void **)&c->brk, &c->capbrk, 2 * (c->nbrk + 1), sizeof *c->brk))
                return MB_ENOMEM;
            c->brk[2 * c->nbrk] = i;
            c->brk[2 * c->nbrk + 1] = i + bl;
            c->nbrk++;
            i += bl;
        } else {
            i++;
        }
    }
    /* short, ambiguous words: whole tokens only */
    for (size_t i = 0; i < c->toks.n; i++) {
        const mb_token *t = &c->toks.v[i];
        size_t tl = t->end - t->start;
        if (tl > MB_DICT_MAX_WORD_BYTES || !(c->wt_len[tl >> 6] >> (tl & 63) & 1))
            continue; /* no whole-token cue is as long */
        if (preposition_jiang(c, i, sb))
            continue;
        /* length and head in one compare: a branch on each alone was
         * often mispredicted (a cue of the token's length, another head) */
        uint64_t key = (uint64_t)tl << 32 | cue_head4(c->s + t->start, tl);
        for (size_t j = 0; j < c->nwt; j++) {
            size_t k = c->wt[j];
            if (c->wt_key[j] == key && (tl <= 4 || !memcmp(c->s + t->start, c->cues[k].word, tl)) &&
                !add_hit(c, t->start, &c->cues[k]))
                return MB_ENOMEM;
        }
    }
    /* the others anywhere: only where a cue's first character stands */
    for (size_t p = sa; p < sb;) {
        unsigned char b0 = (unsigned char)c->s[p];
        if (b0 < 0x80) { /* no cue starts with ASCII */
            p++;
            continue;
        }
        int32_t cp;
        int l = mb_utf8_decode((const unsigned char *)c->s + p, sb - p, &cp); /* inline for Chinese text */
        if (l < 1)
            l = 1;
        if (cp >= 0 && cp < 0x10000 && (c->first[cp >> 3] & (1u << (cp & 7)))) {
            /* the first substring cue of this first character */
            size_t lo = count_below(c->sub_cp, c->nsub, sizeof *c->sub_cp, 0, (size_t)cp);
            uint32_t ph = cue_head4(c->s + p, sb - p);
            for (size_t j = lo; j < c->nsub && c->sub_cp[j] == (size_t)cp; j++) {
                const mb_cue *cue = &c->cues[c->sub[j]];
                size_t n = c->cue_len[c->sub[j]];
                /* the cue's first four bytes against as many of the text's */
                uint32_t mask = n >= 4 ? 0xFFFFFFFFu : (1u << (8 * n)) - 1;
                if (p + n <= sb && (ph & mask) == c->cue_head[c->sub[j]] &&
                    (n <= 4 || !memcmp(c->s + p, cue->word, n)) && !inside_word(c, p, p + n) &&
                    !add_hit(c, p, cue))
                    return MB_ENOMEM;
            }
        }
        p += (size_t)l;
    }
    if (c->nhits > 1) /* (hits may be NULL when there are none) */
        qsort(c->hits, c->nhits, sizeof *c->hits, hit_order);
    return MB_OK;
}

/* 1 if the text at pos introduces what follows: 目标是：, 目标为, 目标定为. */
static int introduces(const ctx *c, size_t pos)
{
    return at_cls(c, c->s, c->len, pos, MB_LX_INTRODUCER) != NULL;
}

/* The cue word nearest to the end of [a,b) (first in the cue table on a
 * tie): its kind, and the word in *word. far: [a,b) is not the quantity's
 * own clause, where a noun cue counts only when it introduces a list. */
static mb_cue_kind cue_near(const ctx *c, size_t a, size_t b, int far, const char **word, const cue_hit **hit)
{
    /* hits are sorted by (start, order found): walk back from b; on a tie
     * of starts the one found first (the earlier in the cue table) wins */
    const cue_hit *best = NULL;
    for (size_t i = hits_before(c, b); i-- > 0;) {
        const cue_hit *h = &c->hits[i];
        if (h->start < a || (best && h->start < best->start))
            break;
        if (h->end > b)
            continue;
        if (far && h->cue->local && !introduces(c, h->end))
            continue; /* 实现年初确定的主要目标，国内生产总值增长7.8% */
        best = h;
    }
    if (!best)
        return MB_CUE_NONE;
    *word = best->cue->word;
    if (hit)
        *hit = best;
    return best->cue->kind;
}

static void evidence(mb_evidence *e, const char *rule, const char *scope, size_t para, size_t a, size_t b)
{
    e->rule = rule;
    e->scope = scope;
    e->what = NULL;
    e->paragraph = para;
    e->start = a;
    e->end = b;
}

static void evidence_frame(const ctx *c, mb_evidence *e)
{
    evidence(e, "frame", c->fr.rule, c->fr.para, c->fr.a, c->fr.b);
    e->what = c->fr.what;
}

static const char *change_before(const ctx *c, size_t lo, size_t pos, mb_evidence *ev)
{
    for (size_t i = tok_count_before(c, pos); i-- > 0;) {
        const mb_token *t = &c->toks.v[i];
        if (t->start < lo)
            break;
        int ch = mb_change_of(c->m->lex, c->s + t->start, t->end - t->start);
        if (!ch) {
            /* 涨幅, 增速, 增幅 name a change */
            if (tok_in(c, t, MB_LX_RATE_WORD)) {
                evidence(ev, "change verb", "clause", c->p->index, t->start, t->end);
                return "increase";
            }
            continue;
        }
        /* 提高到, 缩小至: the level reached */
        size_t e = t->end;
        while (e < pos && c->s[e] == ' ')
            e++;
        const mb_lexword *to = at_cls(c, c->s, pos, e, MB_LX_TO_WORD); /* 到, 至 */
        evidence(ev, "level reached", "clause", c->p->index, t->start, to ? e + mb_lexw_len(to) : t->end);
        if (to)
            return "level";
        ev->end = t->end;
        if (ends_cls(c, c->s + t->start, t->end - t->start, MB_LX_TO_WORD))
            return "level";
        ev->rule = "change verb";
        return ch > 0 ? "increase" : "decrease";
    }
    evidence(ev, "default", NULL, c->p->index, 0, 0);
    return "level";
}

/* 1 if [a,b) holds only list punctuation: 、 和 及 or spaces. */
static int list_continuation(const ctx *c, size_t a, size_t b)
{
    int seen = 0;
    while (a < b) {
        if (c->s[a] == ' ')
            a++;
        else if (conj_at(c, c->s, b, a, 0)) {
            a += mb_lexw_len(conj_at(c, c->s, b, a, 0));
            seen = 1;
        } else
            return 0;
    }
    return seen;
}

/* 2400多万贫困家庭学生: a count with no unit but its magnitude, a noun
 * right after it: the noun is what is counted. */
static int bare_count(const ctx *c, const mb_xq *q)
{
    if (q->unit || q->percent || q->has_range || !q->has_value)
        return 0;
    const mb_token *t = tok_at(c, q->b);
    size_t a, b;
    return t && t->start == q->b && t->tag && (t->tag[0] == 'n' || t->tag[0] == 'a') && t->tag[1] != 'r' &&
           !mb_lex_is(c->m->lex, MB_LX_CUE_NOUN, c->s + t->start, t->end - t->start) &&
           !tok_in(c, t, MB_LX_MILESTONE) && mb_ind_np_after(c, q->b, clause_end(c, q->b, c->len), &a, &b) &&
           a == q->b;
}

/* 1 if unit counts people (class person_unit: 人, 名, 人次). */
static int person_unit(const ctx *c, const char *unit)
{
    return mb_lex_is(c->m->lex, MB_LX_PERSON_UNIT, unit, strlen(unit));
}

/* The phrase of the sentence before sa (in its paragraph; the caller looks
 * in this sentence first) that ends in
 * head[0..hn) and holds more than it: …提高扶贫标准。新标准提高到… → 扶贫标准.
 * That sentence is segmented apart, the tokens of this one kept aside. A
 * new string, or NULL. */
static char *antecedent(ctx *c, size_t sa, const char *head, size_t hn)
{
    size_t ps = 0, e = 0;
    for (size_t k = 0; k < c->p->nsentences && c->p->sentences[k].end <= sa; k++) {
        ps = c->p->sentences[k].start;
        e = c->p->sentences[k].end;
    }
    if (e <= ps || e - ps > 600)
        return NULL;
    char *hw = dup_range(head, 0, hn), *r = NULL;
    mb_tokens mine = c->toks, prev = {0};
    mb_error err;
    if (hw && mb_segment(c->m->dict, c->m->user, c->s + ps, e - ps, &prev, &err) == MB_OK) {
        for (size_t i = 0; i < prev.n; i++) {
            prev.v[i].start += ps;
            prev.v[i].end += ps;
        }
        c->toks = prev;
        size_t ra, rb;
        if (mb_ind_mention(c, hw, hn, e, &ra, &rb))
            r = squeeze(dup_range(c->s, ra, rb));
        prev = c->toks;
        c->toks = mine;
    }
    mb_tokens_free(&prev);
    free(hw);
    return r;
}

/* 中央财政安排109亿元资金支持再就业: an amount whose noun phrase is only a
 * payer (class payer) is named by what it pays for: the noun after the
 * amount with the verb phrase that ends the clause (资金支持再就业); else,
 * when the amount ends its clause and the next clause opens with a verb of
 * purpose (purpose_verb) and states no quantity, that clause's object (…安排150亿元，增加对产粮大县的
 * 转移支付 → 转移支付); else the payer and its paying verb (pay_verb: 中央财政为此将
 * 投入120亿元 → 中央财政投入). A new string, or NULL. */
static char *payer_indicator(const ctx *c, const mb_xq *q, size_t a, size_t b, size_t cb)
{
    if (!q->currency || !mb_lex_is(c->m->lex, MB_LX_PAYER, c->s + a, b - a))
        return NULL;
    size_t na, nb, oa, ob, e = q->b;
    if (mb_ind_np_after(c, q->b, cb, &na, &nb) && na == q->b && mb_ind_generic_only(c, na, nb)) {
        const mb_token *v = tok_at(c, nb);
        if (v && v->start == nb && v->tag && v->tag[0] == 'v' && v->tag[1] != 'n' &&
            !mb_change_of(c->m->lex, c->s + v->start, v->end - v->start) &&
            mb_ind_np_after(c, v->end, cb, &oa, &ob) && oa == v->end && ob == cb)
            return squeeze(dup_range(c->s, na, ob));
    }
    while (e < cb && c->s[e] == ' ')
        e++;
    size_t bl;
    if (e == cb && cb < c->sb && mb_clause_break(c->s, c->len, cb, &bl)) {
        size_t ns = cb + bl, ne = clause_end(c, ns, c->sb);
        size_t qn = quantity_from(c, ns); /* the first quantity at or after ns */
        const mb_token *v = tok_at(c, ns);
        if (v && v->start == ns && tok_in(c, v, MB_LX_PURPOSE_VERB) && !(qn < c->x.nq && c->x.q[qn].a < ne) &&
            mb_ind_np_before(c, v->end, ne, 0, &oa, &ob) && ob == ne && !mb_ind_generic_only(c, oa, ob)) {
            mb_ind_trim(c, &oa, &ob);
            return squeeze(dup_range(c->s, oa, ob));
        }
    }
    /* the paying verb between the payer and the amount (pay_verb) */
    for (const mb_token *v = tok_at(c, b); v && v->start >= b && v->end <= q->a; v = tok_at(c, v->end)) {
        const char *w = c->s + v->start;
        size_t n = v->end - v->start;
        if (tok_in(c, v, MB_LX_PAY_VERB))
            return dup_concat(c->s + a, b - a, w, n);
        if (v->end <= v->start)
            break;
    }
    return NULL;
}

/* 3.58亿人参保: a count of people that a verb alone follows, ending the
 * clause, counts the people who do it: the verb and the count noun of
 * the unit (person_unit count=: 参保人数). A new string, or NULL; *va,*vb:
 * the verb. */
static char *person_verb_count(const ctx *c, const mb_xq *q, size_t cb, size_t *va, size_t *vb)
{
    /* 9899万人全部脱贫, 1000多万人稳定脱贫: up to two words before the
     * verb; adverbs that open them are left out of the name, a manner
     * word (an adjective) stays in it */
    size_t ns = q->b, e0 = q->b;
    const mb_token *v = q->unit ? tok_at(c, q->b) : NULL;
    for (int k = 0; k < 2 && v && v->start == e0 && v->end <= cb && v->tag && v->tag[0] != 'v'; k++) {
        const char *mw = c->s + v->start;
        size_t mn = v->end - v->start;
        if (mb_is_adverb(c->m->lex, mw, mn) || !strcmp(v->tag, "d")) {
            if (ns == v->start)
                ns = v->end;
        } else if (strcmp(v->tag, "a") && strcmp(v->tag, "ad")) {
            break;
        }
        e0 = v->end;
        v = tok_at(c, e0);
    }
    if (!v || v->start != e0 || v->end > cb || !v->tag || v->tag[0] != 'v' || v->tag[1] == 'n')
        return NULL;
    const char *w = c->s + v->start;
    size_t n = v->end - v->start, e = v->end, cn = 0;
    if (mb_is_linker(c->m->lex, w, n) || mb_change_of(c->m->lex, w, n) || tok_in(c, v, MB_LX_FLOW_VERB))
        return NULL;
    while (e < cb && c->s[e] == ' ')
        e++;
    const mb_token *nx = tok_at(c, e);
    if (e < cb && !(nx && nx->start == e && is_punct_tok(c, nx)))
        return NULL;
    const char *cw =
        mb_lex_value(mb_lex_get(c->m->lex, MB_LX_PERSON_UNIT, q->unit, strlen(q->unit)), "count", &cn);
    char *r = cw && cn ? dup_concat(c->s + ns, v->end - ns, cw, cn) : NULL;
    if (!r)
        return NULL;
    *va = q->a; /* the count and its verb: the evidence */
    *vb = v->end;
    return r;
}

/* The person_head word that ends a token of the noun phrase [a,b) after
 * a bare count (农业|转移|人口 在城镇落户), or NULL. */
static const mb_lexword *person_head(const ctx *c, size_t a, size_t b)
{
    for (const mb_token *t = tok_at(c, a); t && t->start >= a && t->end <= b; t = tok_at(c, t->end)) {
        const mb_lexword *w = mb_lex_longest_before(c->m->lex, MB_LX_PERSON_HEAD, c->s, a, t->end);
        if (w)
            return w;
        if (t->end <= t->start)
            break;
    }
    return NULL;
}

/* 中央财政安排384亿元救灾款: a verb that takes the quantity of a noun as
 * its object (neither a linker nor a change verb) right before the
 * quantity: what follows the quantity names it, not the verb's subject. */
static int verb_object(const ctx *c, size_t lo, const mb_xq *q)
{
    const mb_token *v = tok_ending_at(c, q->a);
    if (!v)
        return 0;
    const char *w = c->s + v->start;
    size_t n = v->end - v->start;
    if (v->start < lo || !v->tag || v->tag[0] != 'v' || v->tag[1] == 'n' || n < 6 ||
        mb_change_of(c->m->lex, w, n) || tok_in(c, v, MB_LX_TO_WORD))
        return 0;
    /* a linker too (安排200亿元专项资金), when what follows is a noun of its
     * own, not a generic head (达到5万元水平) */
    const mb_token *t = tok_at(c, q->b);
    return t && t->start == q->b && mb_is_nounish(c->s + t->start, t->end - t->start, t->tag) &&
           !mb_lex_is(c->m->lex, MB_LX_CUE_NOUN, c->s + t->start, t->end - t->start) &&
           !tok_in(c, t, MB_LX_MILESTONE) &&
           !(mb_is_linker(c->m->lex, w, n) &&
             mb_is_generic_head(c->m->lex, c->s + t->start, t->end - t->start));
}

/* The subject a sentence opens with, in its first clause (which ends before
 * ca): that whole clause when it is a noun phrase (after a time or scope
 * word), else the noun phrase at its start; none when the first clause holds
 * a quantity. */
static int is_fragment_range(const ctx *c, size_t a, size_t b);

/* Where a clause's words start, after leading times, scope words (全市)
 * and spaces from a (the words of [a, e)); a when there are none. */
static size_t lead_end(const ctx *c, size_t a, size_t e)
{
    for (const mb_token *t = tok_at(c, a); t && t->end < e; t = tok_at(c, a)) {
        if (!(time_covering(c, t->start, t->end) || tok_in(c, t, MB_LX_SCOPE_WORD) ||
              (t->end - t->start == 1 && c->s[t->start] == ' ')))
            break;
        a = t->end;
    }
    return a;
}

/* The clause [*pa,*pe) just before the clause that starts at ca, in the
 * sentence that starts at sa, trailing spaces left out; 0 when ca opens
 * the sentence. */
static int clause_before(const ctx *c, size_t sa, size_t ca, size_t *pa, size_t *pe)
{
    size_t m = ca; /* the clause mark before ca */
    do
        m--;
    while (m > sa && ((unsigned char)c->s[m] & 0xC0) == 0x80);
    if (m <= sa)
        return 0;
    *pa = clause_start(c, sa, m);
    *pe = m;
    while (*pe > *pa && c->s[*pe - 1] == ' ')
        (*pe)--;
    return 1;
}

/* The object [*ra,*rb) of the change verb that ends the clause before ca
 * (提高|企业退休人员基本养老金), when that clause states no quantity. */
static int clause_object(const ctx *c, size_t sa, size_t ca, size_t *ra, size_t *rb)
{
    size_t pa, pe;
    if (!clause_before(c, sa, ca, &pa, &pe))
        return 0;
    for (size_t i = quantity_from(c, pa); i < c->x.nq && c->x.q[i].a < pe; i++)
        if (!c->x.q[i].skip)
            return 0;
    for (const mb_token *t = tok_at(c, pa); t && t->end <= pe && t->end > t->start; t = tok_at(c, t->end)) {
        if (!mb_change_of(c->m->lex, c->s + t->start, t->end - t->start))
            continue;
        size_t a, b;
        if (mb_ind_np_after(c, t->end, pe, &a, &b) && a == t->end && b == pe && !is_fragment_range(c, a, b)) {
            *ra = a;
            *rb = b;
            return 1;
        }
    }
    return 0;
}

/* The subject of a clause [ca, pos) that opens with its verb (定为, 达到):
 * the noun phrase that is the whole of the clause just before it, when
 * that clause has no quantity (a cue noun after it is left out). */
static int clause_subject(const ctx *c, size_t sa, size_t ca, size_t pos, size_t *ra, size_t *rb)
{
    size_t s0 = ca;
    while (s0 < pos && c->s[s0] == ' ')
        s0++;
    const mb_token *v = tok_at(c, s0);
    if (!v || v->start != s0 || !v->tag || v->tag[0] != 'v' || v->end > pos ||
        time_covering(c, v->start, v->end))
        return 0; /* 到2030年 opens with a time, not a verb */
    size_t pa, pe;
    if (!clause_before(c, sa, ca, &pa, &pe))
        return 0;
    size_t q0 = quantity_from(c, pa);
    if (pe <= pa || (q0 < c->x.nq && c->x.q[q0].a < pe))
        return 0;
    size_t a, b;
    if (!mb_ind_np_before(c, pa, pe, 0, &a, &b) || is_fragment_range(c, a, b))
        return 0;
    /* nouns only (经济增长速度), and after them only 的 and a cue noun
     * (的宏观调控目标): not a clause with a verb of its own */
    for (const mb_token *t = tok_at(c, a); t && t->start < b; t = tok_at(c, t->end)) {
        int noun = t->tag && mb_is_nounish(c->s + t->start, t->end - t->start, t->tag) && !name_tag(t->tag) &&
                   t->tag[0] != 'v';
        if (!noun && !tok_in(c, t, MB_LX_DE))
            return 0;
    }
    if (pe > b) { /* after the phrase: 的 and a cue noun (的宏观调控目标), nothing else */
        const mb_lexword *cue = mb_lex_longest_before(c->m->lex, MB_LX_CUE_NOUN, c->s, b, pe);
        if (!cue)
            return 0;
        for (const mb_token *t = tok_at(c, b); t && t->start < pe - mb_lexw_len(cue); t = tok_at(c, t->end))
            if (!tok_in(c, t, MB_LX_DE))
                return 0;
    }
    /* the phrase is the clause, after a leading time or scope word */
    if (lead_end(c, pa, pe) < a)
        return 0;
    mb_ind_trim(c, &a, &b);
    *ra = a;
    *rb = b;
    return b > a;
}

static int sentence_subject(const ctx *c, size_t sa, size_t ca, size_t *ra, size_t *rb)
{
    size_t e1 = clause_end(c, sa, ca);
    if (e1 > ca)
        e1 = ca;
    while (e1 > sa && c->s[e1 - 1] == ' ')
        e1--;
    size_t q0 = quantity_from(c, sa);
    if (e1 <= sa || (q0 < c->x.nq && c->x.q[q0].a < e1))
        return 0;
    size_t s0 = lead_end(c, sa, e1); /* after a leading time or scope word */
    size_t a, b;
    if (mb_ind_np_before(c, sa, e1, 0, &a, &b) && b == e1 && a <= s0) {
        *ra = a < s0 ? s0 : a;
        *rb = b;
    } else if (mb_ind_np_after(c, s0, e1, &a, &b) && a == s0) {
        *ra = a;
        *rb = b;
    } else
        return 0;
    mb_ind_trim(c, ra, rb);
    return *rb > *ra;
}

/* …出席茶话会，表示2025年中国经济顶压前行…: where what is said opens, right
 * after the last speech verb (class speech_verb) in [sa, ca); ca if none
 * (then no subject is found there). */
static size_t said_from(const ctx *c, size_t sa, size_t ca)
{
    for (size_t i = tok_count_before(c, ca); i-- > 0 && c->toks.v[i].start >= sa;)
        if (tok_in(c, &c->toks.v[i], MB_LX_SPEECH_VERB))
            return c->toks.v[i].end;
    return ca;
}

/* A count right after 的 with nothing after it in its clause (超500亿元的5个，). */
static int breakdown_count(const ctx *c, const mb_xq *q, size_t cb)
{
    size_t e = q->b;
    while (e < cb && c->s[e] == ' ')
        e++;
    if (e < cb && !conj_at(c, c->s, cb, e, 0)) /* 5个、超300亿元的20个: a list goes on */
        return 0;
    const mb_token *t = tok_ending_at(c, q->a);
    return t && tok_in(c, t, MB_LX_DE);
}

/* 1 when a token of [a,b) is a noun. */
static int has_noun(const ctx *c, size_t a, size_t b)
{
    for (size_t i = tok_count_before(c, a); i < c->toks.n && c->toks.v[i].end <= b; i++)
        if (c->toks.v[i].start >= a &&
            mb_is_nounish(c->s + c->toks.v[i].start, c->toks.v[i].end - c->toks.v[i].start, c->toks.v[i].tag))
            return 1;
    return 0;
}

/* A text that cannot be an indicator: one character (not a name of the
 * indicator lexicon), no letter at all, or one word of a class that never
 * names anything (adverbs, modals, linkers, change verbs, units, cue
 * nouns). */
static int is_fragment(const ctx *c, const char *w)
{
    size_t n = strlen(w), chars = 0;
    int letter = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = mb_utf8_decode((const unsigned char *)w + i, n - i, &cp);
        if (l < 1)
            return 0;
        chars++;
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
            letter = 1;
        i += (size_t)l;
    }
    if (!letter)
        return 1;
    const mb_lexicon *lex = c->m->lex;
    if (mb_lex_is(lex, MB_LX_INDICATOR, w, n))
        return 0;
    if (chars == 1 && w[0] & 0x80)
        return 1;
    return mb_is_adverb(lex, w, n) || mb_is_modal(lex, w, n) || mb_is_linker(lex, w, n) ||
           mb_change_of(lex, w, n) || mb_lex_is(lex, MB_LX_UNIT, w, n) ||
           mb_lex_is(lex, MB_LX_CUE_NOUN, w, n) || mb_lex_is(lex, MB_LX_FLOW_VERB, w, n);
}

static int is_fragment(const ctx *c, const char *w);

/* is_fragment of the text s[a,b). */
static int is_fragment_range(const ctx *c, size_t a, size_t b)
{
    char *t = dup_range(c->s, a, b);
    int f = !t || is_fragment(c, t);
    free(t);
    return f;
}

/* ---- records ---- */

/* 1 when the record counts a flow or a change (增长, 下降; 新增, 累计 in its
 * indicator or right before its quantity): over a period of years it is a
 * total over those years, not a level at their end. */
static int flow_or_change(const ctx *c, const mb_record *r, size_t clause)
{
    if (r->change && strcmp(r->change, "level"))
        return 1;
    const mb_lexicon *lex = c->m->lex;
    if (r->indicator && mb_lex_first_in(lex, MB_LX_FLOW_VERB, r->indicator, 0, strlen(r->indicator), NULL))
        return 1;
    /* at each word's start (新增加的: 新增) */
    return mb_lex_first_in(lex, MB_LX_FLOW_VERB, c->s, clause, r->span_start, NULL) != NULL;
}

/* 1 when a base of one year stands before the span in its clause (比上年,
 * 较去年同期): a change over the year before, whatever frames it. */
static int one_year_base(const ctx *c, const mb_record *r, size_t clause)
{
    for (size_t i = 0; i < c->x.nt; i++)
        if (c->x.t[i].base && c->x.t[i].a >= clause && c->x.t[i].b <= r->span_start)
            return 1;
    for (size_t i = clause; i < r->span_start; i++) {
        const mb_lexword *w = mb_lex_longest_at(c->m->lex, MB_LX_BASE_WORD, c->s, r->span_start, i);
        if (w && mb_lex_flag(w, "year"))
            return 1;
    }
    return 0;
}

/* Where a change or total runs from (the record's base_year): the base
 * year written before the span in its clause (比2002年增长, 与2000年相比:
 * the last such time); else, for a flow or a change dated by a period of
 * several years — a span in its clause (过去五年, 今后五年) or the plan
 * period or review of its section (“十二五”时期主要目标) — the year before
 * the period's first; 0 when none. */
static int base_year_of(const ctx *c, const mb_record *r)
{
    size_t a = clause_start(c, r->sent_start, r->span_start);
    int y = 0;
    for (size_t i = 0; i < c->x.nt; i++) {
        const mb_xt *t = &c->x.t[i];
        if (t->base && t->written && t->y0 && t->y0 == t->y1 && t->a >= a && t->b <= r->span_start)
            y = t->y0;
    }
    if (y || !r->year || !flow_or_change(c, r, a) || one_year_base(c, r, a))
        return y;
    /* the span that dated it: in its clause, or elsewhere in its paragraph
     * (过去五年，全市新增…) */
    int dated_here =
        r->why_year.rule && !strcmp(r->why_year.rule, "time") && r->why_year.paragraph == r->paragraph;
    for (size_t i = 0; i < c->x.nt; i++) {
        const mb_xt *t = &c->x.t[i];
        int dating = dated_here && t->a == r->why_year.start && t->b == r->why_year.end;
        if (t->span && !t->base && !t->ref && t->y0 && t->y1 > t->y0 &&
            (dating || (t->a >= a && t->b <= r->span_start)))
            y = t->y0 - 1;
    }
    if (!y && r->why_year.rule && !strcmp(r->why_year.rule, "frame") && c->fr.year == r->year && c->fr.year0)
        y = c->fr.year0 - 1;
    return y;
}

static mb_status add_record(ctx *c, mb_record *r)
{
    mb_records *o = c->out;
    r->base_year = base_year_of(c, r);
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 32;
        mb_record *v = realloc(o->v, cap * sizeof *v);
        if (!v)
            return MB_ENOMEM;
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n++] = *r;
    return MB_OK;
}

static void record_clear(mb_record *r)
{
    free(r->indicator);
    free(r->indicator_id);
    free(r->unit);
    free(r->time_text);
    free(r->modality);
}

void mb_records_filter_kind(mb_records *r, mb_kind kind)
{
    size_t w = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (r->v[i].kind == kind)
            r->v[w++] = r->v[i];
        else
            record_clear(&r->v[i]);
    }
    r->n = w;
}

void mb_records_free(mb_records *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        record_clear(&r->v[i]);
    free(r->v);
    free(r->issuer);
    memset(r, 0, sizeof *r);
}

static mb_cue_kind time_kind(const ctx *c, const mb_xt *t);

/* 1 if the time lies inside a cue word: 年初 of 年初确定. */
static int in_cue(const ctx *c, const mb_xt *t)
{
    /* hits are sorted by start; a cue word is at most a few characters */
    for (size_t i = hits_before(c, t->a + 1); i-- > 0 && c->hits[i].start + 32 > t->a;)
        if (c->hits[i].start <= t->a && t->b <= c->hits[i].end)
            return 1;
    return 0;
}

/* 1 if time t may date a record of kind k (MB_CUE_NONE: any). */
static int time_fits(const ctx *c, const mb_xt *t, mb_cue_kind k)
{
    if (in_cue(c, t))
        return 0;
    mb_cue_kind tk = time_kind(c, t);
    return k == MB_CUE_NONE || tk == MB_CUE_NONE || tk == k;
}

static int starting_point(const ctx *c, const mb_xt *t, const mb_xq *q);

/* 1 if the quantity at pos is the starting point of the time t (由2003年的
 * 77%) or an item of a list that starts there (从2012年的35.33%、52.57%). */
static int from_quantity(const ctx *c, const mb_xt *t, size_t pos)
{
    size_t j = quantity_from(c, pos);
    if (j >= c->x.nq || c->x.q[j].a != pos)
        return 0;
    for (size_t n = 0; n < MB_MAX_LOOK; n++, j--) {
        if (starting_point(c, t, &c->x.q[j]))
            return 1;
        if (j == 0 || c->x.q[j - 1].a < t->b || !list_continuation(c, c->x.q[j - 1].b, c->x.q[j].a))
            return 0;
    }
    return 0;
}

/* 1 if a from word (由, 从) stands right before pos: 从1.7亿人增加到8.3亿人. */
static int after_from_word(const ctx *c, size_t pos)
{
    while (pos > 0 && c->s[pos - 1] == ' ')
        pos--;
    return pos >= 3 && mb_lex_is(c->m->lex, MB_LX_FROM_WORD, c->s + pos - 3, 3);
}

/* The starting point (由2012年的, 从上年的) nearest before pos in the
 * sentence from sa; NULL when there is none. */
static const mb_xt *from_time_before(const ctx *c, size_t sa, size_t pos)
{
    size_t seen = 0;
    for (size_t i = time_from(c, pos); i-- > 0 && c->x.t[i].a >= sa && seen++ < MB_MAX_LOOK;) {
        const mb_xt *f = &c->x.t[i];
        if (f->from && !f->base && mb_xt_year(f) && f->b <= pos)
            return f;
    }
    return NULL;
}

/* The time expression in the clause [ca,cb) of a quantity at pos: the
 * nearest before it, else the first after it. Comparison bases never. */
static const mb_xt *time_in_clause(const ctx *c, size_t ca, size_t cb, size_t pos)
{
    /* the nearest before pos: walk back from the first time at or after pos */
    size_t seen = 0;
    for (size_t i = time_from(c, pos); i-- > 0 && c->x.t[i].a >= ca && seen++ < MB_MAX_LOOK;) {
        const mb_xt *t = &c->x.t[i];
        if (t->base || t->b > pos || in_cue(c, t))
            continue;
        /* 由2003年的77%提高到96%: the starting year is not the end value's,
         * but it is the year of each item of a list it starts */
        if (t->from && quantity_covering(c, t->b, pos) && !from_quantity(c, t, pos))
            continue;
        return t;
    }
    seen = 0;
    for (size_t i = time_from(c, pos); i < c->x.nt && c->x.t[i].b <= cb && seen++ < MB_MAX_LOOK; i++) {
        const mb_xt *t = &c->x.t[i];
        if (!t->base && !in_cue(c, t))
            return t;
    }
    return NULL;
}

/* A time elsewhere that dates a quantity of kind k whose clause is
 * [ca,cb) in sentence [sa,sb): the nearest in the earlier clauses, else
 * (unless only_before) the first in the later ones, else the paragraph's
 * leading one. Times of the other kind (去年 for a target) are passed over. */
static const mb_xt *time_around(const ctx *c, size_t sa, size_t sb, size_t ca, size_t cb, mb_cue_kind k,
                                int only_before)
{
    size_t seen = 0;
    for (size_t i = time_from(c, ca); i-- > 0 && c->x.t[i].a >= sa && seen++ < MB_MAX_LOOK;) {
        const mb_xt *t = &c->x.t[i];
        if (t->base || t->from || t->ref || t->b > ca || !time_fits(c, t, k))
            continue;
        return t;
    }
    seen = 0;
    if (!only_before)
        for (size_t i = time_from(c, cb); i < c->x.nt && c->x.t[i].b <= sb && seen++ < MB_MAX_LOOK; i++) {
            const mb_xt *t = &c->x.t[i];
            /* a plan named in a later clause (提前一年完成“十四五”规划目标) dates targets only */
            if (t->base || t->from || t->ref || !time_fits(c, t, k) || (t->plan && k != MB_CUE_TARGET))
                continue;
            /* a later clause with a quantity of its own keeps its time */
            size_t la = clause_start(c, sa, t->a), lb = clause_end(c, t->b, sb);
            if (!quantity_covering(c, la, lb))
                return t;
        }
    /* an earlier sentence's time; a plan period named in passing there
     * (深入实施“十四五”规划的关键之年) dates targets only */
    if (c->para_time >= 0 && (size_t)c->para_time < c->x.nt && c->x.t[c->para_time].a < sa &&
        time_fits(c, &c->x.t[c->para_time], k) && (!c->x.t[c->para_time].plan || k == MB_CUE_TARGET))
        return &c->x.t[c->para_time];
    return NULL;
}

static int time_year(const ctx *c, const mb_xt *t, mb_kind kind)
{
    if (!t)
        return 0;
    /* 过去五年, 十年来: up to the document's year (spec); 一年来: that year; a
     * span written with its years (1978年至2018年) ends in its last year */
    if (t->span && !t->future && kind == MB_KIND_ACHIEVEMENT)
        return t->relative && t->y0 != t->y1 && c->doc_year && t->y1 == c->doc_year - 1 ? c->doc_year : t->y1;
    return mb_xt_year(t);
}

static mb_cue_kind time_kind(const ctx *c, const mb_xt *t)
{
    if (!t)
        return MB_CUE_NONE;
    /* 年底前, 今年6月底前: a deadline not yet past is a target's */
    if (t->deadline && !t->past && c->doc_year && mb_xt_year(t) >= c->doc_year)
        return MB_CUE_TARGET;
    /* 从2021年至2035年: a span written with its years that ends ahead of
     * the document is planned, whatever its 从 */
    if (t->span && !t->relative && !t->plan && t->y0 && t->y1 > t->y0 && c->doc_year && t->y1 > c->doc_year)
        return MB_CUE_TARGET;
    if (t->sub_year || t->past)
        return MB_CUE_ACHIEVEMENT;
    if (t->this_year) /* 今年: the year being planned; in a communiqué, or said in the
                       * year's last two months, the year reported on */
        return c->frames.communique || c->doc_month >= 11 ? MB_CUE_ACHIEVEMENT : MB_CUE_TARGET;
    if (t->deadline || t->future) {
        int y = mb_xt_year(t);
        /* 从2006年的18亿元增加到2010年的306亿元: a past end point */
        return c->doc_year && y && y < c->doc_year && !t->future ? MB_CUE_ACHIEVEMENT : MB_CUE_TARGET;
    }
    int y = mb_xt_year(t);
    if (c->doc_year && y) {
        if (y < c->doc_year)
            return MB_CUE_ACHIEVEMENT;
        if (y > c->doc_year)
            return MB_CUE_TARGET;
        /* 近十年, up to now; but a plan period that ends this year
         * (“十四五”期间 said in 2025) is still running: its kind is the
         * cues' */
        if (t->span)
            return t->plan ? MB_CUE_NONE : MB_CUE_ACHIEVEMENT;
    }
    return MB_CUE_NONE;
}

/* Cues that lean one way and yield to a time or frame of the other:
 * 预计, 争取 estimate or seek (in a review: what was achieved); 累计 counts
 * up (under a future deadline: a goal). The kind they lean to, or NONE. */
static mb_cue_kind soft_cue(const ctx *c, const char *w)
{
    const mb_lexword *s = mb_lex_get(c->m->lex, MB_LX_SOFT_CUE, w, strlen(w)); /* kind=target, achievement */
    if (mb_lex_value_is(s, "kind", "target"))
        return MB_CUE_TARGET;
    if (mb_lex_value_is(s, "kind", "achievement"))
        return MB_CUE_ACHIEVEMENT;
    return MB_CUE_NONE;
}

/* 1 if the rest of the clause after a quantity names it a goal: …等目标,
 * …的目标, …等指标. */
static int named_goal(const ctx *c, size_t pos, size_t cb)
{
    return has_cls(c, pos, cb, MB_LX_GOAL_SUFFIX);
}

/* 1 if quantity q follows time t with only 的 or spaces between: the
 * starting point of 由去年的1076亿元增加到… */
static int starting_point(const ctx *c, const mb_xt *t, const mb_xq *q)
{
    size_t e = t->b;
    while (e < q->a && c->s[e] == ' ')
        e++;
    const mb_lexword *d = mb_lex_longest_at(c->m->lex, MB_LX_DE, c->s, q->a, e);
    if (d)
        e += mb_lexw_len(d);
    while (e < q->a && c->s[e] == ' ')
        e++;
    return e == q->a;
}

/* 1 if the time expression writes its year (2023年底, 二〇二三年上半年),
 * 0 for a bare part of a year (年末, 全年, 上半年). */
static int written_year(const ctx *c, const mb_xt *t)
{
    for (size_t i = t->a; i < t->b; i++) {
        unsigned char ch = (unsigned char)c->s[i];
        if (ch >= '0' && ch <= '9')
            return 1;
    }
    int32_t cp;
    return mb_utf8_decode((const unsigned char *)c->s + t->a, t->b - t->a, &cp) > 0 && mb_numeral_is_cn(cp);
}

/* 1 if [a,b) is a scope word alone (全省三十多万人…: the count's place,
 * not what it counts). */
static int scope_only(const ctx *c, size_t a, size_t b)
{
    const mb_token *t = tok_at(c, a);
    return t && t->start == a && t->end == b && tok_in(c, t, MB_LX_SCOPE_WORD);
}

/* The year a record with no time of its own falls back on: its frame's
 * (a heading, lead-in or title) when the frame is of its kind or of none,
 * else the document's; a yearly quantity only takes a plan's or a
 * review's year. */
static int frame_year(const ctx *c, mb_kind kind, int annual, mb_evidence *ev)
{
    mb_cue_kind k = kind == MB_KIND_TARGET ? MB_CUE_TARGET : MB_CUE_ACHIEVEMENT;
    int fits = c->fr.kind == MB_CUE_NONE || c->fr.kind == k;
    if (fits && c->fr.year && (!annual || c->fr.annual)) {
        evidence_frame(c, ev);
        return c->fr.year;
    }
    if (annual || !c->doc_year) {
        evidence(ev, annual ? "yearly quota" : "default", NULL, c->p->index, 0, 0);
        return 0;
    }
    evidence(ev, "document date", NULL, c->p->index, 0, 0);
    return c->doc_year;
}

/* A record of paragraph c->p, sentence [sa, sb), span [a, b), all else zero. */
static void record_open(const ctx *c, mb_record *r, size_t sa, size_t sb, size_t a, size_t b)
{
    memset(r, 0, sizeof *r);
    r->paragraph = c->p->index;
    r->sent_start = sa;
    r->sent_end = sb;
    r->span_start = a;
    r->span_end = b;
}

static mb_status record_for(ctx *c, const mb_xq *q, size_t qi, size_t sa, size_t sb, const char *list_name)
{
    mb_record r;
    record_open(c, &r, sa, sb, q->a, q->b);
    size_t ca = clause_start(c, sa, q->a);
    size_t cb = clause_end(c, q->b, sb);

    /* the window before the number: from the clause start or the previous
     * quantity of the clause that is not attributive to this one */
    size_t lo = ca;
    for (size_t k = qi, seen = 0; k-- > 0 && c->x.q[k].a >= ca && seen++ < MB_MAX_LOOK;) {
        const mb_xq *p = &c->x.q[k];
        if (p->skip)
            continue; /* a name (M2) is part of the text, not a bound */
        if (p->b <= q->a && !mb_ind_attributive(c, p)) {
            lo = p->b; /* the nearest one: quantities are in text order */
            break;
        }
    }

    /* indicator (why_indicator says which rule named it) */
    size_t a = 0, b = 0;
    int found = 0;
    const char *irule = NULL;
    int group = 0; /* the group of a breakdown: not carried as the clauses' indicator */
    if (list_name) {
        r.indicator = dup_str(list_name);
        found = 1;
        irule = "list";
    }
    /* 提升一批特色产业集群，年营业收入超1000亿元的2个，超500亿元的5个: a count
     * after 的 with no noun of its own counts the group the clause before
     * named */
    if (!found && q->measure && breakdown_count(c, q, cb)) {
        if (!c->group_ind) {
            size_t pe = ca > sa ? mb_utf8_back(c->s, ca, 1) : sa, pa = clause_start(c, sa, pe), ga, gb;
            while (pe > pa && c->s[pe - 1] == ' ')
                pe--;
            if (pe > pa && mb_ind_np_before(c, pa, pe, 0, &ga, &gb) && gb == pe)
                c->group_ind = squeeze(dup_range(c->s, ga, gb));
        }
        if (c->group_ind) {
            r.indicator = dup_str(c->group_ind);
            found = 1;
            irule = "carried";
            group = 1;
        }
    }
    if (!found && (r.indicator = person_verb_count(c, q, cb, &a, &b))) {
        found = 1;
        irule = "verb object";
    }
    if (!found && mb_ind_attributive(c, q) && mb_ind_np_after(c, q->b, cb, &a, &b)) {
        found = 1; /* 亿元以上项目: the projects */
        irule = "noun after";
    }
    if (!found) {
        /* what follows the number names it when the quantity counts things
         * (1.8万家外资企业), when it is a share of something (2%的经济总量),
         * or when nothing names it before (发行1万亿元抗疫特别国债); a bare
         * amount after a named subject keeps its subject (规上工业总产值跃上
         * 5万亿台阶) */
        size_t ba, bb, e = q->b;
        int before = mb_ind_np_before(c, lo, q->a, 0, &ba, &bb);
        while (e < cb && c->s[e] == ' ')
            e++;
        const mb_lexword *dew = at_cls(c, c->s, cb, e, MB_LX_DE);
        /* 不到3%的情况下: the noun after 的 closes a frame, it is not counted */
        int de = dew && !at_cls(c, c->s, cb, e + mb_lexw_len(dew), MB_LX_FRAME_NOUN);
        /* 扩大到全国40%的县: a share reached (after 到) is of the subject
         * before the verb, not of the noun after 的 */
        int reached = 0;
        for (size_t ti = tok_count_before(c, q->a); ti-- > 0 && c->toks.v[ti].start >= lo;) {
            const mb_token *u = &c->toks.v[ti];
            if (tok_in(c, u, MB_LX_SCOPE_WORD))
                continue;
            reached = tok_in(c, u, MB_LX_TO_WORD) ||
                      mb_lex_longest_before(c->m->lex, MB_LX_TO_WORD, c->s + u->start, 0, u->end - u->start);
            break;
        }
        int use_after = q->measure || !before || (q->percent && de && !reached) || bare_count(c, q) ||
                        (!de && !q->percent && verb_object(c, lo, q));
        /* a threshold passed (万亿元|大关, 万亿级|台阶: class milestone) is
         * never what the amount measures */
        if (use_after && mb_ind_np_after(c, q->b, cb, &a, &b) &&
            !mb_lex_is(c->m->lex, MB_LX_MILESTONE, c->s + a, b - a)) {
            found = 1;
            irule = "noun after";
        }
    }
    size_t chg_lo = lo; /* where a change verb may stand: not before the indicator */
    if (!found && mb_ind_np_before(c, lo, q->a, 0, &a, &b) && !(q->measure && scope_only(c, a, b))) {
        /* 对全球经济增长的贡献率超过30%: the 增长 before 的 is not this
         * change (经济增长目标为7%: the one inside the phrase is) */
        chg_lo = a;
        for (size_t k = a; k < b; k++)
            if (at_cls(c, c->s, b, k, MB_LX_DE))
                chg_lo = k;
            else if (at_cls(c, c->s, b, k, MB_LX_OF_PREP))
                chg_lo = b; /* 对经济增长贡献率: the verb inside, with no 的 */
        /* but a verb that governs the indicator is (增加中央预算内经常性建设投资100亿元) */
        const mb_token *gv = tok_ending_at(c, a);
        if (gv && gv->start >= lo && mb_change_of(c->m->lex, c->s + gv->start, a - gv->start) &&
            /* 对世界经济增长贡献率: a verb that ends the object of 对 names
             * what the rate is of, it governs nothing */
            mb_ind_of_prep_before(c, lo, tok_count_before(c, gv->start), (size_t)-1) == (size_t)-1)
            chg_lo = gv->start;
        a = mb_ind_last_conjunct(c, a, b);
        if (a < b) {
            found = 1;
            irule = "noun phrase";
            /* 比例 alone, or 占全国幼儿园的比例 with its subject left out:
             * the subject carried from the clause before names it */
            const mb_token *sv = tok_at(c, a);
            int share_of = sv && sv->start == a && tok_in(c, sv, MB_LX_SHARE_VERB);
            if ((share_of || mb_ind_generic_only(c, a, b)) && c->prev_ind) {
                irule = share_of ? "share of the subject" : "generic head";
                char *part = dup_range(c->s, a, b);
                /* 经济增速…，总量达140万亿: the head replaces the one the
                 * indicator before ends with (经济总量, not 经济增速总量); a
                 * share (占比, 比重) is of the whole (财政民生支出占比) */
                size_t pn = strlen(c->prev_ind);
                const mb_lexword *ph =
                    share_of || mb_lex_is(c->m->lex, MB_LX_SHARE_NOUN, c->s + a, b - a)
                        ? NULL
                        : mb_lex_longest_before(c->m->lex, MB_LX_GENERIC_HEAD, c->prev_ind, 0, pn);
                if (ph && mb_lexw_len(ph) < pn)
                    pn -= mb_lexw_len(ph);
                r.indicator = part ? dup_concat(c->prev_ind, pn, part, strlen(part)) : NULL;
                free(part);
            }
        }
    }
    if (found && !r.indicator && q->measure && irule && !strcmp(irule, "noun after")) {
        /* 3000个村卫生室建设: a count names the things, not the work done
         * on them (class work_noun) */
        const mb_token *lt = tok_ending_at(c, b);
        if (lt && lt->start > a && tok_in(c, lt, MB_LX_WORK_NOUN)) {
            b = lt->start;
            lt = tok_ending_at(c, b); /* 156个工业单位的|建设 */
            if (lt && lt->start > a && tok_in(c, lt, MB_LX_DE))
                b = lt->start;
        }
        size_t ha, hb;
        if (mb_ind_shared_head(c, a, b, cb, &ha, &hb)) { /* 45个省级和120个市级重点实验室 */
            lt = tok_ending_at(c, hb);
            if (lt && lt->start > ha && tok_in(c, lt, MB_LX_WORK_NOUN))
                hb = lt->start;
            r.indicator = dup_concat(c->s + a, b - a, c->s + ha, hb - ha);
            irule = "shared head";
        }
    }
    size_t h;
    size_t ma, mb;
    if (found && !r.indicator && irule && !strcmp(irule, "noun phrase") &&
        mb_ind_anaphoric_head(c, a, b, &h) &&
        (mb_ind_mention(c, c->s + h, b - h, a, &ma, &mb)
             ? (r.indicator = squeeze(dup_range(c->s, ma, mb))) != NULL
             : (r.indicator = antecedent(c, sa, c->s + h, b - h)) != NULL))
        irule = "antecedent"; /* 新标准提高到人均1196元: the 扶贫标准 of the sentence before */
    if (found && !r.indicator && irule && !strcmp(irule, "noun phrase") &&
        (r.indicator = payer_indicator(c, q, a, b, cb)))
        irule = "paid for";
    if (found && !r.indicator) {
        mb_ind_trim(c, &a, &b);
        r.indicator = squeeze(dup_range(c->s, a, b));
    }
    if (!found && (r.indicator = mb_ind_object_of_verb(c, lo, q->a)))
        irule = "object of the verb";
    if (!r.indicator && !found && q->measure) {
        /* 九百六十多万人实现易地扶贫搬迁: a count the verb after it applies
         * to is named by that verb's object */
        const mb_token *v = tok_at(c, q->b);
        size_t va, vb;
        if (v && v->start == q->b && v->tag && v->tag[0] == 'v' && v->tag[1] != 'n' &&
            mb_ind_np_after(c, v->end, cb, &va, &vb)) {
            /* 641万人领取养老金: the verb stays with its object, unless it
             * only links or states a flow (实现, 完成) */
            const char *vw = c->s + v->start;
            size_t vn = v->end - v->start;
            if (va == v->end && !mb_is_linker(c->m->lex, vw, vn) && !mb_change_of(c->m->lex, vw, vn) &&
                !tok_in(c, v, MB_LX_FLOW_VERB))
                va = v->start;
            r.indicator = squeeze(dup_range(c->s, va, vb));
            found = r.indicator != NULL;
            irule = "verb object";
            a = va;
            b = vb;
        }
    }
    /* 今年粮食产量的调控目标，定为7亿吨左右: a clause opened by
     * its verb is about the noun phrase that makes up the clause just before
     * it (one with no quantity of its own) */
    if (!r.indicator && !found && ca > sa && clause_subject(c, sa, ca, q->a, &a, &b)) {
        r.indicator = squeeze(dup_range(c->s, a, b));
        found = r.indicator != NULL;
        irule = "clause subject";
    }
    /* a count of people does not carry what an amount of money just before
     * it in the sentence measured (…全年人均增加1680元，5700多万人受益) */
    const mb_xq *pq = qi > 0 ? &c->x.q[qi - 1] : NULL;
    int other_unit = q->unit && person_unit(c, q->unit) && pq && pq->a >= sa && pq->currency;
    if (!r.indicator && !found && c->prev_ind && !other_unit) {
        r.indicator = dup_str(c->prev_ind);
        irule = "carried";
        a = b = 0;
    }
    /* 连续第7年提高企业退休人员基本养老金，全年人均增加1680元: a clause
     * with no noun of its own and nothing to carry is about what the change
     * verb of the clause before (one with no quantity) acts on */
    if (!r.indicator && !found && ca > sa && clause_object(c, sa, ca, &a, &b) &&
        !(q->unit && person_unit(c, q->unit) && !person_head(c, a, b))) { /* not 5700多万人 of a pension */
        r.indicator = squeeze(dup_range(c->s, a, b));
        found = r.indicator != NULL;
        irule = "object of the clause before";
    }

    /* 城镇居民家庭人均可支配收入，由1997年的5160元增加到…; 粮食产量屡创历史新高，
     * 去年达到1.09万亿斤: the subject the sentence opens with, in a clause
     * of its own before this one */
    if (!r.indicator && !found && ca > sa &&
        (sentence_subject(c, said_from(c, sa, ca), ca, &a, &b) || sentence_subject(c, sa, ca, &a, &b))) {
        r.indicator = squeeze(dup_range(c->s, a, b));
        irule = "sentence subject";
    }
    /* …同比增长4.8%，增速与6月份持平；环比增长0.98%: a sentence after a ；
     * that opens with the basis of a change (basis_word: 环比, 同比) and has
     * no noun before its number goes on with the indicator of the last
     * record of the sentence before */
    const mb_token *ft = ca == sa ? tok_at(c, lead_end(c, sa, q->a)) : NULL;
    /* the last record's offsets index c->s only when it is of this paragraph */
    const mb_record *last = c->out->n ? &c->out->v[c->out->n - 1] : NULL;
    if (!r.indicator && !found && ft && tok_in(c, ft, MB_LX_BASIS_WORD) && last &&
        last->paragraph == c->p->index && last->sent_end <= sa) {
        size_t e = last->sent_end;
        while (e < sa && c->s[e] == ' ')
            e++;
        size_t le = last->sent_end;
        while (le > 0 && c->s[le - 1] == ' ')
            le--;
        if (last->indicator && e == sa && mb_semicolon_before(c->s, le)) {
            r.indicator = dup_str(last->indicator);
            irule = "carried";
            a = b = 0;
        }
    }
    if (irule) {
        r.why_indicator.rule = irule;
        r.why_indicator.scope = !strcmp(irule, "carried") || !strcmp(irule, "sentence subject") ||
                                        !strcmp(irule, "clause subject")
                                    ? "sentence"
                                    : "clause";
        r.why_indicator.paragraph = c->p->index;
        if (b > a && strcmp(irule, "list") && strcmp(irule, "object of the verb")) {
            r.why_indicator.start = a;
            r.why_indicator.end = b;
        }
    }
    /* a fragment (one character, an adverb, a verb of change, a unit…) is
     * never an indicator: null, and --explain shows it */
    const mb_token *one = b > a ? tok_at(c, a) : NULL; /* a lone verb (培育, 储备) */
    if (r.indicator && (is_fragment(c, r.indicator) ||
                        (one && one->start == a && one->end == b && one->tag && !strcmp(one->tag, "v")))) {
        int flow = mb_lex_is(c->m->lex, MB_LX_FLOW_VERB, r.indicator, strlen(r.indicator));
        free(r.indicator);
        r.indicator = NULL;
        r.why_indicator.rule = "fragment";
        /* 广义货币M2预期增长目标拟定为13%: a change verb taken for the phrase;
         * the noun phrase before it names the quantity */
        size_t fa, fb;
        int retry_at =
            (irule && !strcmp(irule, "noun phrase") && b > a && mb_change_of(c->m->lex, c->s + a, b - a))
                ? 1                                       /* before the verb */
            : (irule && !strcmp(irule, "noun after")) ? 2 /* 试点扩大到20个省: before the count */
                                                      : 0;
        if (retry_at && mb_ind_np_before(c, lo, retry_at == 1 ? a : q->a, 0, &fa, &fb) &&
            !is_fragment_range(c, fa, fb)) {
            mb_ind_trim(c, &fa, &fb);
            r.indicator = squeeze(dup_range(c->s, fa, fb));
            r.why_indicator.rule = "noun phrase";
            r.why_indicator.start = fa;
            r.why_indicator.end = fb;
        }
        /* a verb alone (新开工630万套) leaves the indicator of the clause
         * before it, as an omitted one does */
        if (!r.indicator && irule && strcmp(irule, "carried") && c->prev_ind &&
            (flow || (one && one->start == a && one->end == b && one->tag && one->tag[0] == 'v'))) {
            r.indicator = dup_str(c->prev_ind);
            r.why_indicator.rule = "carried";
            r.why_indicator.scope = "sentence";
            r.why_indicator.start = r.why_indicator.end = 0;
        }
    }
    if (r.indicator && !group) {
        free(c->prev_ind);
        c->prev_ind = dup_str(r.indicator);
    }

    /* value */
    r.has_value = q->has_value;
    r.value = q->value;
    r.has_range = q->has_range;
    r.min = q->min;
    r.max = q->max;
    r.unit = dup_str(q->unit);
    /* 9000多万农业转移人口, 1200多万农民: a bare count of people is in 人 */
    if (!q->unit && found && irule && !strcmp(irule, "noun after") && bare_count(c, q)) {
        const mb_lexword *ph = person_head(c, q->b, b);
        size_t un = 0;
        const char *u = mb_lex_value(ph, "unit", &un);
        if (u && un)
            r.unit = dup_range(u, 0, un);
    }
    r.comparator = q->cmp;
    if (!r.has_value && !r.has_range)
        r.comparator = NULL;
    else if (r.has_range)
        r.comparator = "range";
    else if (!r.comparator)
        r.comparator = "eq";
    r.change = change_before(c, chg_lo, q->a, &r.why_change);
    if (q->fan) { /* 翻一番 doubles: an increase (spec) */
        r.change = "increase";
        evidence(&r.why_change, "doubling", "clause", c->p->index, q->a, q->b);
    } else if (!strcmp(r.change, "level") && !r.why_change.end) {
        /* 实现了8%的增长: the change named after the number */
        size_t e = q->b;
        while (e < cb && c->s[e] == ' ')
            e++;
        size_t de = e;
        const mb_lexword *d = mb_lex_longest_at(c->m->lex, MB_LX_DE, c->s, cb, e);
        if (d)
            de = e + mb_lexw_len(d);
        const mb_token *t = d ? tok_at(c, de) : NULL;
        int ch = t && t->start == de ? mb_change_of(c->m->lex, c->s + t->start, t->end - t->start) : 0;
        if (ch) {
            r.change = ch > 0 ? "increase" : "decrease";
            evidence(&r.why_change, "change verb", "clause", c->p->index, t->start, t->end);
        }
    }
    /* 增长-1.2%: a minus sign turns the change around (spec: decrease 1.2) */
    if (q->a > ca && (c->s[q->a - 1] == '-' || at(c->s, q->a, q->a >= 3 ? q->a - 3 : q->a, "−")) &&
        strcmp(r.change, "level")) {
        r.span_start = q->a - (c->s[q->a - 1] == '-' ? 1 : 3);
        r.change = !strcmp(r.change, "increase") ? "decrease" : "increase";
        evidence(&r.why_change, "minus sign", "clause", c->p->index, r.span_start, q->a);
    }
    if (q->streak) {
        /* 十二连增: years of increase */
        r.change = q->streak > 0 ? "increase" : "decrease";
        evidence(&r.why_change, "streak", "clause", c->p->index, q->a, q->b);
    }
    if (lo > ca && c->out->n && list_continuation(c, lo, q->a)) {
        r.change = c->out->v[c->out->n - 1].change; /* 8.9%、7.7% */
        r.why_change = c->out->v[c->out->n - 1].why_change;
        r.why_change.rule = "list";
    }

    /* period */
    size_t pw = q->a - ca > 90 ? q->a - 90 : ca; /* 每年 stands within 30 characters of its number */
    if (has_cls(c, pw, q->a, MB_LX_ANNUAL_WORD))
        r.period = "annual";

    /* kind: a cue or a time of the clause, then cues of the earlier
     * clauses, then a time around, the paragraph and the section */
    const char *cue = NULL;
    const cue_hit *hit = NULL;
    const mb_record *same = NULL; /* the record whose kind this one shares */
    mb_evidence *wk = &r.why_kind;
    mb_cue_kind k = cue_near(c, ca, q->a, 0, &cue, &hit);
    if (k == MB_CUE_NONE)
        k = cue_near(c, q->b, cb, 0, &cue, &hit);
    if (k != MB_CUE_NONE)
        evidence(wk, "cue", "clause", c->p->index, hit->start, hit->end);
    const mb_xt *t = time_in_clause(c, ca, cb, q->a);
    /* 由3679亿元增长到2017年的82.7万亿元: the end point's time after a
     * starting value is not its time */
    if (t && t->a >= q->b && after_from_word(c, q->a))
        t = NULL;
    const char *tscope = "clause";
    if (k == MB_CUE_NONE && t && (k = time_kind(c, t)) != MB_CUE_NONE)
        evidence(wk, "time", "clause", c->p->index, t->a, t->b);
    /* the starting point of 由去年的1076亿元增加到1562亿元 is of its time,
     * whatever the clause's cue (将) says of the end point */
    if (t && t->from && starting_point(c, t, q)) {
        mb_cue_kind tk = time_kind(c, t);
        if (tk != MB_CUE_NONE && tk != k) {
            k = tk;
            cue = NULL;
            evidence(wk, "starting point", "clause", c->p->index, t->a, t->b);
        }
    }
    /* earlier clauses, nearest first: a cue or a time decides; not across
     * the lead-in of a target list (全会提出了…远景目标，这就是：…: the 了 of
     * the lead-in is not the items'), which makes the items targets */
    size_t lead = c->list_from != (size_t)-1 && c->list_from > sa && c->list_from <= ca ? c->list_from : sa;
    for (size_t e = ca, n = 0; k == MB_CUE_NONE && e > lead && n++ < MB_MAX_LOOK;) {
        size_t bl = 0; /* step back over the break that ends the clause before */
        if (!(e >= sa + 3 && mb_clause_break(c->s, c->len, e - 3, &bl) && bl == 3) &&
            !(mb_clause_break(c->s, c->len, e - 1, &bl) && bl == 1))
            bl = 1;
        size_t pa = clause_start(c, sa, e - bl);
        if (pa >= e)
            break;
        k = cue_near(c, pa, e, 1, &cue, &hit);
        if (k != MB_CUE_NONE)
            evidence(wk, "cue", "sentence", c->p->index, hit->start, hit->end);
        else {
            const mb_xt *pt = time_in_clause(c, pa, e, e);
            if (pt && (k = time_kind(c, pt)) != MB_CUE_NONE)
                evidence(wk, "time", "sentence", c->p->index, pt->a, pt->b);
        }
        e = pa;
    }
    if (k == MB_CUE_NONE && lead > sa) {
        k = MB_CUE_TARGET;
        evidence(wk, "target list", "sentence", c->p->index, c->list_lead, lead);
    }
    if (!t) {
        t = time_around(c, sa, sb, ca, cb, k, r.period != NULL);
        tscope = t && t->a < sa ? "paragraph" : "sentence";
    }
    if (k == MB_CUE_NONE && (k = time_kind(c, t)) != MB_CUE_NONE)
        evidence(wk, "time", tscope, c->p->index, t->a, t->b);
    /* 预计, 争取 in a review estimate or obtain what was achieved
     * (预计大湾区经济总量突破15万亿元 under 2025年工作回顾) */
    /* and 累计 under a future deadline counts up to it (到2027年，累计建成…30个) */
    if (k != MB_CUE_NONE && cue && soft_cue(c, cue) == k) {
        /* a time of either kind: the cue's own kind filtered the other out */
        const mb_xt *st = t ? t : time_around(c, sa, sb, ca, cb, MB_CUE_NONE, r.period != NULL);
        /* 2021年以来，每年新增就业1200万人以上: a time the span starts from
         * (以来, 从…起) also tells which way the cue yields */
        if (!st)
            st = from_time_before(c, sa, q->a);
        mb_cue_kind tk = st ? time_kind(c, st) : MB_CUE_NONE;
        const char *rule = k == MB_CUE_TARGET ? "review estimate" : "cumulative goal";
        if (tk != MB_CUE_NONE && tk != k) {
            k = tk;
            /* a starting point decides the kind, it does not date the
             * quantity (2021年以来…每年: not of 2021) */
            if (!t && !st->from) {
                t = st;
                tscope = t->a < sa ? "paragraph" : "sentence";
            }
            evidence(wk, rule, t ? tscope : "sentence", c->p->index, st->a, st->b);
        } else if (tk == MB_CUE_NONE && c->fr.kind != MB_CUE_NONE && c->fr.kind != k) {
            k = c->fr.kind;
            evidence_frame(c, wk);
            wk->rule = rule;
            if (t && strcmp(tscope, "clause"))
                t = NULL; /* a time from elsewhere that was taken for the cue's kind: the frame dates it */
        }
        if (k != soft_cue(c, cue))
            cue = NULL;
    }
    /* 预计全年国内生产总值增长5%左右 said in the last two months of the year:
     * the estimate of the year's outcome, an achievement (not of a later
     * year, not under a deadline) */
    if (k == MB_CUE_TARGET && cue && soft_cue(c, cue) == MB_CUE_TARGET && c->doc_month >= 11 &&
        (!t || (!t->deadline && !t->future && mb_xt_year(t) == c->doc_year))) {
        k = MB_CUE_ACHIEVEMENT;
        cue = NULL;
        evidence(wk, "year-end estimate", t ? tscope : "clause", c->p->index, t ? t->a : q->a,
                 t ? t->b : q->b);
    }
    /* …降低20%左右、…减少10%等目标: what is named a goal is one, even
     * when the verb that names it is past (提出了) */
    if (k == MB_CUE_ACHIEVEMENT && named_goal(c, q->b, cb)) {
        k = MB_CUE_TARGET;
        cue = NULL;
        evidence(wk, "named goal", "clause", c->p->index, q->b, cb);
    }
    if (k == MB_CUE_NONE && (k = c->para_kind) != MB_CUE_NONE)
        evidence(wk, "paragraph lead-in", "paragraph", c->p->index, c->para_a, c->para_b);
    if (k == MB_CUE_NONE && (k = c->fr.kind) != MB_CUE_NONE)
        evidence_frame(c, wk);
    if (k == MB_CUE_NONE && r.period && last) {
        /* 由2.3万元增加到3.5万元，年均增长8.8%: the average of a change the
         * sentence has just reported is of the same kind as that change */
        if (last->paragraph == c->p->index && last->sent_start == sa && !last->period) {
            same = last;
            k = last->kind == MB_KIND_TARGET ? MB_CUE_TARGET : MB_CUE_ACHIEVEMENT;
            evidence(wk, "same sentence", "sentence", c->p->index, last->span_start, last->span_end);
        }
    }
    if (k == MB_CUE_NONE && r.period) {
        k = MB_CUE_TARGET; /* 每年新增, 每年引进: a yearly quota */
        evidence(wk, "yearly quota", "clause", c->p->index, pw, q->a);
    }
    if (k == MB_CUE_NONE)
        evidence(wk, "default", NULL, c->p->index, 0, 0);
    r.kind = k == MB_CUE_TARGET ? MB_KIND_TARGET : MB_KIND_ACHIEVEMENT;
    if (cue && (k == MB_CUE_TARGET || k == MB_CUE_ACHIEVEMENT))
        r.modality = dup_str(cue);

    /* year: the time's; a yearly quantity without one has none; else the
     * section's, else the document's */
    if (t) {
        r.year = time_year(c, t, r.kind);
        r.time_text = dup_range(c->s, t->a, t->b);
        evidence(&r.why_year, "time", tscope, c->p->index, t->a, t->b);
        /* 总量由2012年的53.9万亿元上升到2021年的114.4万亿元，比重从11.3%上升到
         * 18%: a later starting value without a time of its own is of the
         * sentence's starting point, as its end is of the end point */
        const mb_xt *f = NULL;
        if (r.kind == MB_KIND_ACHIEVEMENT && strcmp(tscope, "clause") && after_from_word(c, q->a))
            f = from_time_before(c, sa, q->a);
        if (f) {
            r.year = mb_xt_year(f);
            free(r.time_text);
            r.time_text = dup_range(c->s, f->a, f->b);
            evidence(&r.why_year, "parallel start", "sentence", c->p->index, f->a, f->b);
        } else if (r.kind == MB_KIND_ACHIEVEMENT && t->span && !t->future && !t->plan && t->y0 &&
                   t->y1 > t->y0 && after_from_word(c, q->a)) {
            /* 1978年至2018年，城镇常住人口从1.7亿人增加到8.3亿人: the starting
             * value of a span written with its years is of the first year;
             * of one counted back from the document (过去五年, 十年来), of
             * the level it started from: in the first half of the year the
             * span is the full years before it (过去五年 in a March 2018
             * report: 2013-2017, from 2012), in the second half it runs up
             * to the document (十年来 said in August 2022: from 2012) */
            r.year = t->relative && c->doc_month < 7 ? t->y0 - 1 : t->y0;
            r.why_year.rule = "span start";
        }
    }
    if (!r.year && same && same->year) {
        r.year = same->year; /* and its year */
        r.why_year = same->why_year;
    }
    /* “十四五”以来，每年制造业增加值都超过30万亿元: a yearly figure reported
     * since a time runs up to the document's year */
    const mb_xt *since = NULL;
    if (!r.year && !t && r.period && r.kind == MB_KIND_ACHIEVEMENT && c->doc_year &&
        (since = from_time_before(c, sa, q->a)) && since->sub_year && since->y0 && since->y0 < c->doc_year) {
        r.year = c->doc_year;
        evidence(&r.why_year, "since", "sentence", c->p->index, since->a, since->b);
    }
    if (!r.year)
        r.year = frame_year(c, r.kind, r.period != NULL, &r.why_year);
    /* in a communiqué on an earlier year, 本年, 年末 and 全年 resolved to the
     * publication year are the year reported on */
    if (c->frames.communique && r.kind == MB_KIND_ACHIEVEMENT && t && r.year == c->doc_year && c->fr.year &&
        c->fr.year < c->doc_year && (t->now || t->sub_year)) {
        r.year = c->fr.year;
        evidence_frame(c, &r.why_year);
        r.why_year.rule = "communiqué year";
    } else if (r.kind == MB_KIND_ACHIEVEMENT && t && t->sub_year && !t->from && r.year == c->doc_year &&
               c->fr.kind == MB_CUE_ACHIEVEMENT && c->fr.year && c->fr.year < c->doc_year &&
               !written_year(c, t)) {
        /* 年末, 全年, 上半年 under a review of last year (去年工作回顾) are of
         * the year reviewed, not of the document's */
        r.year = c->fr.year;
        evidence_frame(c, &r.why_year);
        r.why_year.rule = "review year";
    }

    mb_status st = add_record(c, &r);
    if (st)
        record_clear(&r);
    return st;
}

/* Past the subject and adverbs that open a clause before its verb (全市, 我省
 * 将, 我们要): scope words, pronouns, adverbs and modal words, at most four
 * words. */
static size_t skip_subject(const ctx *c, size_t v, size_t cb)
{
    for (int n = 0; n < 4 && v < cb; n++) {
        while (v < cb && c->s[v] == ' ')
            v++;
        if (at_cls(c, c->s, cb, v, MB_LX_ACHIEVE_VERB))
            break;
        const mb_lexword *sw = at_cls(c, c->s, cb, v, MB_LX_SCOPE_WORD);
        const mb_token *t = tok_at(c, v);
        if (sw)
            v += mb_lexw_len(sw);
        else if (t && t->start == v && t->end <= cb &&
                 ((t->tag && (t->tag[0] == 'r' || t->tag[0] == 'd')) ||
                  mb_is_modal(c->m->lex, c->s + t->start, t->end - t->start) ||
                  mb_is_adverb(c->m->lex, c->s + t->start, t->end - t->start)))
            v = t->end;
        else
            break;
    }
    return v;
}

/* The end of a noun phrase of at most six words that opens at w and is
 * followed by a verb in [w, cb) (现行标准下农村贫困人口|实现脱贫): nouns, with
 * localizers and distinguishing words inside; w when there is none. */
static size_t noun_subject_end(const ctx *c, size_t w, size_t cb)
{
    size_t e = w;
    int nouns = 0;
    for (int n = 0; n < 6; n++) {
        const mb_token *t = tok_at(c, e);
        if (!t || t->start != e || t->end > cb || !t->tag)
            break;
        int noun = mb_is_nounish(c->s + t->start, t->end - t->start, t->tag);
        if (!noun && strcmp(t->tag, "f") && strcmp(t->tag, "b"))
            break;
        nouns += noun;
        e = t->end;
    }
    return nouns ? e : w;
}

/* Add the record of a dated goal: time t (of the year given), the span
 * from t to b, the indicator [a, ie); cue (with its hit) when a firm cue
 * made it one. */
static mb_status dated_record(ctx *c, size_t sa, size_t sb, const mb_xt *t, int year, size_t a, size_t b,
                              size_t ie, const char *cue, const cue_hit *hit)
{
    mb_record r;
    record_open(c, &r, sa, sb, t->a, b);
    r.kind = MB_KIND_TARGET;
    r.indicator = squeeze(dup_range(c->s, a, ie));
    evidence(&r.why_indicator, "dated goal", "clause", c->p->index, a, ie);
    r.change = "level";
    r.year = year;
    r.time_text = dup_range(c->s, t->a, t->b);
    if (cue) {
        r.modality = dup_str(cue);
        evidence(&r.why_kind, "cue", "sentence", c->p->index, hit->start, hit->end);
    } else {
        evidence(&r.why_kind, "deadline", "clause", c->p->index, t->a, t->b);
    }
    evidence(&r.why_year, "time", "clause", c->p->index, t->a, t->b);
    evidence(&r.why_change, "default", NULL, c->p->index, 0, 0);
    mb_status st = add_record(c, &r);
    if (st)
        record_clear(&r);
    return st;
}

/* A dated goal without a number: 力争在2026年实现规上工业企业研发机构动态全覆盖. */
static mb_status dated_goal(ctx *c, size_t sa, size_t sb)
{
    for (size_t i = time_from(c, sa); i < c->x.nt && c->x.t[i].a < sb; i++) {
        const mb_xt *t = &c->x.t[i];
        /* 从2020年到2035年基本实现…: a span written with its years that ends
         * ahead of the document is a deadline too */
        int ahead = t->span && !t->relative && !t->future && !t->plan && t->y1 > t->y0 && c->doc_year &&
                    t->y1 > c->doc_year;
        if (t->b > sb || t->base ||
            !(t->deadline || ahead || (t->y0 && !t->span && !t->sub_year && !t->past)))
            continue;
        if (!t->y0 && !t->y1)
            continue;
        size_t ca = clause_start(c, sa, t->a), cb = clause_end(c, t->b, sb);
        if (quantity_covering(c, ca, cb))
            continue;
        const char *cue = NULL;
        const cue_hit *hit = NULL;
        int firm = cue_near(c, sa, cb, 0, &cue, &hit) == MB_CUE_TARGET &&
                   mb_lex_is(c->m->lex, MB_LX_FIRM_CUE, cue, strlen(cue));
        /* or a deadline still ahead that the verb follows at once
         * (到2027年，建成全省统一的数据交易平台; 2025年底前实现…全覆盖) */
        int y = mb_xt_year(t);
        if (!firm && !ahead && !(t->deadline && !t->past && (!c->doc_year || y >= c->doc_year)))
            continue;
        /* the verb right after the time, then the noun phrase it governs */
        size_t v = t->b, bl;
        while (v < cb && c->s[v] == ' ')
            v++;
        if (!firm && v == cb && v < sb && mb_clause_break(c->s, c->len, v, &bl)) {
            v += bl; /* 到2027年，建成… */
            while (v < sb && c->s[v] == ' ')
                v++;
            cb = clause_end(c, v, sb);
            if (quantity_covering(c, v, cb))
                continue;
        }
        /* the subject and adverbs before the verb (到2035年，全市基本实现…;
         * 我省将基本实现…); a clause or two with neither a quantity nor the
         * verb may stand between (到2035年，再奋斗十年，基本实现…) */
        const mb_lexword *verb = NULL;
        size_t sja = 0, sjb = 0; /* a noun subject before the verb */
        for (int hop = 0;; hop++) {
            size_t w = skip_subject(c, v, cb);
            /* (a level reached in a later clause, 达到…水平, is a state item) */
            if ((verb = at_cls(c, c->s, cb, w, MB_LX_ACHIEVE_VERB)) &&
                !(hop && at_cls(c, c->s, cb, w, MB_LX_REACH_VERB))) { /* the longest */
                v = w;
                break;
            }
            /* 农村贫困人口实现脱贫: a noun phrase, then the verb */
            size_t ve = noun_subject_end(c, w, cb);
            if (ve > w && (verb = at_cls(c, c->s, cb, ve, MB_LX_ACHIEVE_VERB)) &&
                !at_cls(c, c->s, cb, ve, MB_LX_REACH_VERB)) {
                sja = w;
                sjb = ve;
                v = ve;
                break;
            }
            verb = NULL;
            size_t nx = cb;
            if (firm || hop == 2 || nx >= sb || !mb_clause_break(c->s, c->len, nx, &bl))
                break;
            nx += bl;
            while (nx < sb && c->s[nx] == ' ')
                nx++;
            size_t ncb = clause_end(c, nx, sb);
            if (ncb <= nx || quantity_covering(c, nx, ncb))
                break;
            v = nx;
            cb = ncb;
        }
        size_t vl = verb ? mb_lexw_len(verb) : 0;
        /* 到2025年，把某市建成…: the verb after the object of 把 (class ba_word) */
        const mb_lexword *ba = vl ? NULL : at_cls(c, c->s, cb, v, MB_LX_BA_WORD);
        for (const mb_token *k = ba ? tok_at(c, v + mb_lexw_len(ba)) : NULL;
             k && k->end <= cb && k->end > k->start; k = tok_at(c, k->end))
            if ((verb = at_cls(c, c->s, cb, k->start, MB_LX_ACHIEVE_VERB))) {
                v = k->start;
                vl = mb_lexw_len(verb);
                break;
            }
        if (!vl)
            continue;
        size_t a, b;
        if (sjb > sja) {
            /* the subject names what is reached; the clause ends the span */
            a = sja;
            b = cb;
            while (b > a && c->s[b - 1] == ' ')
                b--;
        } else if (!mb_ind_np_after(c, v + vl, cb, &a, &b)) {
            /* 建成具有区域影响力的物流枢纽: the object after its modifier */
            size_t d = v + vl;
            const mb_lexword *de = mb_lex_first_in(c->m->lex, MB_LX_DE, c->s, d, cb, &d);
            if (!de || d == v + vl || !mb_ind_np_after(c, d + mb_lexw_len(de), cb, &a, &b))
                continue;
        }
        /* 到第二个五年计划完成的时候: 的 after the verb, no object */
        size_t o = v + vl;
        while (o < a && c->s[o] == ' ')
            o++;
        /* (a modifier between the verb and its object is fine: 建成具有全球
         * 影响力的创新型城市) */
        if (!firm && o != a && (o == cb || at_cls(c, c->s, cb, o, MB_LX_DE)))
            continue;
        /* 2027年、2028年分别建成津潍、潍宿高铁: two years written as a list
         * (one time, first and last year) before 分别 pair with the verb's
         * two objects, in order */
        size_t oa[2] = {a, 0}, ob[2] = {b, 0};
        int pair = 0;
        if (t->span && t->y0 && t->y1 > t->y0 && sjb <= sja && has_cls(c, t->b, v, MB_LX_RESPECTIVELY) &&
            has_cls(c, t->a, t->b, MB_LX_LIST_CONJ)) {
            const mb_lexword *cj = mb_lex_longest_at(c->m->lex, MB_LX_LIST_CONJ, c->s, cb, b);
            pair = cj && mb_ind_np_after(c, b + mb_lexw_len(cj), cb, &oa[1], &ob[1]) &&
                   oa[1] == b + mb_lexw_len(cj);
        }
        for (int k = 0; k < (pair ? 2 : 1); k++) {
            size_t ka = pair ? oa[k] : a, kb = pair ? ob[k] : b;
            mb_status st = dated_record(c, sa, sb, t, pair ? (k ? t->y1 : t->y0) : mb_xt_year(t), ka, kb,
                                        sjb > sja ? sjb : kb, firm ? cue : NULL, hit);
            if (st)
                return st;
        }
    }
    return MB_OK;
}

/* The predicates that close a qualitative item of an announced target
 * list (国际收支基本平衡, 居民收入增长和经济增长同步, 主要污染物排放量继续
 * 下降), with the change they state: lexicon class state_predicate; the
 * words that stand between the indicator of such an item and its
 * predicate, or before the indicator: state_filler; a level reached and
 * named rather than counted (达到…水平, 进入…行列): reach_verb, reach_end. */
static const char *change_name(const mb_lexword *w)
{
    static const char *const n[] = {"increase", "decrease", "level"};
    for (int k = 0; k < 3; k++)
        if (mb_lex_value_is(w, "change", n[k]))
            return n[k];
    return "level";
}

/* Where the items of a target list start in the paragraph (after
 * 主要预期目标是：), or (size_t)-1. */
static size_t target_list_start(const ctx *c, size_t *lead)
{
    mb_lexlist leads = mb_lex_words_in_order(c->m->lex, MB_LX_TARGET_LEAD);
    size_t n = c->len < 600 ? c->len : 600; /* a lead-in opens its paragraph */
    for (size_t k = 0; k < leads.n; k++) {
        const mb_lexword *w = mb_lexlist_at(leads, k);
        const char *hit = mb_find(c->s, n, mb_lexw_word(w), mb_lexw_len(w));
        if (hit) {
            *lead = (size_t)(hit - c->s);
            return *lead + mb_lexw_len(w);
        }
    }
    return (size_t)-1;
}

/* Qualitative items of an announced target list: a clause with no
 * quantity that names an indicator and closes with a state predicate
 * gives a target with a null value, of the list's year. */
static mb_status qualitative_items(ctx *c, size_t sa, size_t sb, size_t from, const mb_xt *deadline)
{
    size_t pna = 0, pnb = 0; /* the leading noun phrase of the clause before */
    for (size_t ca = sa > from ? sa : from; ca < sb;) {
        size_t bl;
        if (mb_clause_break(c->s, c->len, ca, &bl)) {
            ca += bl;
            continue;
        }
        size_t cb = clause_end(c, ca, sb);
        if (cb <= ca)
            break;
        size_t next = cb;
        while (next < sb && mb_clause_break(c->s, c->len, next, &bl))
            next += bl;
        size_t a = ca, e = cb;
        while (a < e && c->s[a] == ' ')
            a++;
        while (e > a && c->s[e - 1] == ' ')
            e--;
        int quantity = 0;
        for (size_t i = quantity_from(c, a); i < c->x.nq && c->x.q[i].a < e && !quantity; i++)
            quantity = !c->x.q[i].skip;
        const char *change = NULL;
        size_t pa = e;
        mb_lexlist sp = mb_lex_words_in_order(c->m->lex, MB_LX_STATE_PREDICATE);
        mb_lexlist re = mb_lex_words_in_order(c->m->lex, MB_LX_REACH_END);
        mb_lexlist rv = mb_lex_words_in_order(c->m->lex, MB_LX_REACH_VERB);
        for (size_t k = 0; !quantity && k < sp.n; k++) {
            const mb_lexword *w = mb_lexlist_at(sp, k);
            if (ends_with(c->s + a, e - a, mb_lexw_word(w))) {
                change = change_name(w);
                pa = e - mb_lexw_len(w);
                break;
            }
        }
        /* 人均国内生产总值达到中等发达国家水平: a level reached, named (and
         * passed: 达到全国平均水平以上) */
        const mb_lexword *post = mb_lex_longest_before(c->m->lex, MB_LX_CMP_POST, c->s + a, 0, e - a);
        size_t er = post ? e - mb_lexw_len(post) : e;
        for (size_t k = 0; !quantity && !change && k < re.n; k++)
            if (ends_with(c->s + a, er - a, mb_lexw_word(mb_lexlist_at(re, k))))
                for (size_t i = a; i < er && !change; i++)
                    for (size_t v = 0; v < rv.n && !change; v++)
                        if (at(c->s, e, i, mb_lexw_word(mb_lexlist_at(rv, v)))) {
                            change = "level";
                            pa = i;
                        }
        /* the indicator: from the clause start to the first filler, change
         * verb or adverb token */
        size_t ia = a, ib = a;
        mb_lexlist fill = mb_lex_words_in_order(c->m->lex, MB_LX_STATE_FILLER);
        for (size_t i = tok_count_before(c, a); change && i < c->toks.n && c->toks.v[i].start < pa; i++) {
            const mb_token *t = &c->toks.v[i];
            size_t n = t->end - t->start;
            int filler =
                mb_change_of(c->m->lex, c->s + t->start, n) || mb_is_modal(c->m->lex, c->s + t->start, n);
            /* 努力实现 as one token too; a noun that starts with one is a name (实际利用外资) */
            int noun = t->tag && t->tag[0] == 'n' && t->tag[1] != 'r'; /* not a name: 努力实现/nr */
            for (size_t k = 0; !filler && k < fill.n; k++) {
                const mb_lexword *w = mb_lexlist_at(fill, k);
                filler = (!noun || n == mb_lexw_len(w)) && at(c->s, t->end, t->start, mb_lexw_word(w));
            }
            if (filler) {
                if (ib > ia)
                    break;
                ia = t->end; /* a leading 保持, 实现 */
                continue;
            }
            if (ib == ia && t->tag && t->tag[0] == 'v') {
                change = NULL; /* 加强对…的统筹平衡: an action, not a state */
                break;
            }
            ib = t->end;
        }
        /* …人均国内生产总值迈上新的大台阶，达到中等发达国家水平: a reached level
         * with no subject of its own takes the clause before's */
        int carried = 0;
        if (change && ib == ia && pa == a && pnb > pna) {
            ia = pna;
            ib = pnb;
            carried = 1;
        }
        /* this clause's leading noun phrase, for the next */
        pna = pnb = 0;
        for (size_t i = tok_count_before(c, a); i < c->toks.n && c->toks.v[i].start < e; i++) {
            const mb_token *t = &c->toks.v[i];
            if (!mb_is_nounish(c->s + t->start, t->end - t->start, t->tag) || (t->tag && t->tag[0] == 'l'))
                break;
            /* 基本实现新型工业化: an adverb, no subject */
            if (!pnb && ((t->tag && t->tag[0] == 'd') ||
                         mb_lex_is(c->m->lex, MB_LX_STATE_FILLER, c->s + t->start, t->end - t->start)))
                break;
            if (!pnb)
                pna = t->start;
            pnb = t->end;
        }
        if (change && ib > ia && ib - ia <= 36) {
            mb_record r;
            record_open(c, &r, sa, sb, carried ? a : ia, e);
            r.kind = MB_KIND_TARGET;
            r.indicator = squeeze(dup_range(c->s, ia, ib));
            evidence(&r.why_indicator, "state item", "clause", c->p->index, ia, ib);
            r.change = change;
            evidence(&r.why_change, "state", "clause", c->p->index, pa, e);
            if (c->fr.list)
                evidence_frame(c, &r.why_kind);
            else
                evidence(&r.why_kind, deadline ? "deadline list" : "target list", "paragraph", c->p->index,
                         deadline ? deadline->a : c->list_lead, deadline ? deadline->b : from);
            const mb_xt *t = deadline ? deadline : time_around(c, sa, sb, ca, cb, MB_CUE_TARGET, 0);
            if (t) {
                r.year = time_year(c, t, MB_KIND_TARGET);
                r.time_text = dup_range(c->s, t->a, t->b);
                evidence(&r.why_year, "time", t->a < sa ? "paragraph" : "sentence", c->p->index, t->a, t->b);
            }
            if (!r.year)
                r.year = frame_year(c, MB_KIND_TARGET, 0, &r.why_year);
            mb_status st = add_record(c, &r);
            if (st) {
                record_clear(&r);
                return st;
            }
        }
        ca = next;
    }
    return MB_OK;
}

/* The number of quantities from quantity qi on that form a list (joined by
 * 、 和 及) in one clause: 8.4%和11.4% is 2. */
static size_t list_length(const ctx *c, size_t qi, size_t sb)
{
    size_t m = 1;
    for (size_t k = qi + 1; k < c->x.nq && m < 16; k++) {
        const mb_xq *p = &c->x.q[k - 1], *n = &c->x.q[k];
        if (n->skip || n->b > sb || !list_continuation(c, p->b, n->a))
            break;
        m++;
    }
    return m;
}

/* Whether a verb that states no change (签署, not 发展到 or 增加) stands
 * in [a,b). */
static int plain_verb_between(const ctx *c, size_t a, size_t b)
{
    for (size_t i = tok_count_before(c, a); i < c->toks.n && c->toks.v[i].end <= b; i++) {
        const mb_token *t = &c->toks.v[i];
        if (t->start >= a && t->tag && t->tag[0] == 'v' && t->tag[1] != 'n' &&
            !mb_change_of(c->m->lex, c->s + t->start, t->end - t->start) && !tok_in(c, t, MB_LX_TO_WORD) &&
            !mb_is_linker(c->m->lex, c->s + t->start, t->end - t->start))
            return 1;
    }
    return 0;
}

/* 一天内就可以运达, 三个月内把新部委组建起来: a duration followed by a
 * word of "within" (the time lexicon's dur_post dir=within: 内) that no
 * verb or comparator gives as a value (压缩至3个工作日内, 为20天内) is a
 * time limit of the verb after it, no record. (之内 and 以内 are read with
 * the number already, as its comparator le.) */
static int time_limit(const ctx *c, const mb_xq *q)
{
    if (!q->unit || (q->cmp && strcmp(q->cmp, "eq")))
        return 0;
    const mb_lexword *u = mb_lex_get(c->m->lex, MB_LX_UNIT, q->unit, strlen(q->unit));
    if (!mb_lex_value_is(u, "cat", "duration"))
        return 0;
    const mb_lexword *within = mb_lex_longest_at(c->m->lex, MB_LX_DUR_POST, c->s, c->len, q->b);
    if (!mb_lex_value_is(within, "dir", "within"))
        return 0;
    const mb_token *v = tok_ending_at(c, q->a);
    if (v) {
        const char *w = c->s + v->start;
        size_t n = v->end - v->start;
        /* a to-word ending the token (至, 压缩至) */
        if (mb_change_of(c->m->lex, w, n) || mb_is_linker(c->m->lex, w, n) ||
            mb_lex_longest_before(c->m->lex, MB_LX_TO_WORD, w, 0, n))
            return 0;
    }
    return 1;
}

/* 31个大中城市调查失业率降到5%以下: a count that only qualifies the subject
 * of another quantity in the same clause is no record of its own. */
static int qualifier(const ctx *c, const mb_xq *q, size_t qi, size_t sb)
{
    size_t a, b;
    if (!q->measure || !mb_ind_np_after(c, q->b, clause_end(c, q->b, sb), &a, &b))
        return 0;
    for (size_t k = qi + 1; k < c->x.nq; k++) {
        const mb_xq *n = &c->x.q[k];
        if (n->skip || n->a < b)
            continue;
        /* a predicate of at most four characters between (降到, 达到, 超过),
         * not a conjunction of list items (5000所卫生院、2000所医院) */
        if (n->a - b > 12 || clause_end(c, b, n->a) != n->a || mb_ind_attributive(c, n))
            return 0;
        /* 8所高校14个学科: a count of things right after the noun counts
         * their parts, 32个国际组织签署了200多份文件 what they did (a verb
         * between that states no change); both are figures */
        if (q->count && n->count && (n->a == b || plain_verb_between(c, b, n->a)))
            return 0;
        for (size_t i = b; i < n->a; i++)
            if (conj_at(c, c->s, n->a, i, 1) || at_cls(c, c->s, n->a, i, MB_LX_DE))
                return 0;
        /* a verb with an object of its own between makes the count the
         * subject of a clause (810个省重点项目完成投资10428.6亿元) */
        for (size_t i = tok_count_before(c, b); i < c->toks.n && c->toks.v[i].end <= n->a; i++) {
            const mb_token *t = &c->toks.v[i];
            if (t->start >= b && t->tag && (t->tag[0] == 'n' || !strcmp(t->tag, "vn")))
                return 0;
        }
        return 1;
    }
    return 0;
}

/* 1 if every letter of [sa,sb) lies inside a quantity: a stray "2.5" left
 * by a layout (PM\n2.5), a page number. */
static int numbers_only(const ctx *c, size_t sa, size_t sb)
{
    for (size_t i = sa; i < sb; i++) {
        unsigned char ch = (unsigned char)c->s[i];
        int letter = (ch >= 0xE4 && ch <= 0xE9) || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
        if (letter && !quantity_covering(c, i, i + 1))
            return 0;
    }
    return 1;
}

/* The end of a lead of items (其中包括：, 主要包括：; class items_lead, with
 * its colon) that opens the sentence [sa,sb), or (size_t)-1. */
static size_t items_lead(const ctx *c, size_t sa, size_t sb)
{
    size_t a = sa;
    while (a < sb && c->s[a] == ' ')
        a++;
    const mb_lexword *w = mb_lex_longest_at(c->m->lex, MB_LX_ITEMS_LEAD, c->s, sb, a);
    if (!w)
        return (size_t)-1;
    size_t e = a + mb_lexw_len(w), cl = mb_colon_at(c->s, sb, e); /* ： or : */
    return cl ? e + cl : (size_t)-1;
}

static mb_status do_sentence(ctx *c, size_t sa, size_t sb)
{
    mb_error err;
    /* a sentence without a quantity or a dated time gives no record */
    int work = 0;
    for (size_t i = quantity_from(c, sa); i < c->x.nq && c->x.q[i].b <= sb && !work; i++)
        work = !c->x.q[i].skip;
    for (size_t i = time_from(c, sa); i < c->x.nt && c->x.t[i].b <= sb && !work; i++)
        work = c->x.t[i].y0 || c->x.t[i].y1;
    int list = c->fr.list || (c->list_from != (size_t)-1 && c->list_from < sb);
    size_t from = c->fr.list ? sa : c->list_from;
    const mb_xt *deadline = NULL;
    /* a future deadline opens a list of goals: 到二〇三五年，…达到中等发达国家水平 */
    for (size_t i = time_from(c, sa); !list && i < c->x.nt && c->x.t[i].b <= sb; i++) {
        const mb_xt *t = &c->x.t[i];
        int y = mb_xt_year(t);
        if (t->deadline && !t->base && y && c->doc_year && y > c->doc_year) {
            list = 1;
            from = t->b;
            deadline = t;
        }
    }
    /* …到二〇三五年基本实现…远景目标。其中包括：…, 人均国内生产总值达到中等发达
     * 国家水平: a sentence that opens with the lead of items (items_lead)
     * lists goals of the deadline of the sentence before */
    size_t il;
    if (!list && c->goal_deadline && (il = items_lead(c, sa, sb)) != (size_t)-1) {
        list = 1;
        from = il;
        deadline = c->goal_deadline;
    }
    c->goal_deadline = deadline;
    if ((!work && !list) || numbers_only(c, sa, sb))
        return MB_OK;
    /* an omitted indicator is carried within a sentence, not across */
    free(c->prev_ind);
    c->prev_ind = NULL;
    free(c->group_ind);
    c->group_ind = NULL;
    /* tokens of the sentence, offsets made relative to the paragraph */
    mb_status st = mb_segment(c->m->dict, c->m->user, c->s + sa, sb - sa, &c->toks, &err);
    if (st)
        return st;
    for (size_t i = 0; i < c->toks.n; i++) {
        c->toks.v[i].start += sa;
        c->toks.v[i].end += sa;
    }
    st = scan_sentence(c, sa, sb);
    if (st)
        return st;
    /* quantities of the sentence, with 分别 lists */
    char *names[16] = {0}, *last[16] = {0};
    size_t nnames = 0, used = 0, nlast = 0, last_ca = 0;
    for (size_t i = quantity_from(c, sa); i < c->x.nq && c->x.q[i].a < sb; i++) {
        const mb_xq *q = &c->x.q[i];
        if (q->b > sb || q->skip)
            continue;
        size_t ca = clause_start(c, sa, q->a);
        const char *name = NULL;
        /* 分别从2012年的35.33%、52.57%提高到2018年的43.37%、59.58%: a second
         * list as long as the first, in its clause, pairs with the same names */
        if (!nnames && nlast && ca == last_ca && list_length(c, i, sb) == nlast) {
            for (size_t k = 0; k < nlast; k++) {
                names[k] = last[k];
                last[k] = NULL;
            }
            nnames = nlast;
            nlast = used = 0;
        }
        if (!nnames) {
            for (size_t k = q->a - ca > 30 ? q->a - 30 : ca; k + 6 <= q->a; k++) /* 分别 right before */
                if (at_cls(c, c->s, q->a, k, MB_LX_RESPECTIVELY)) {
                    nnames = mb_ind_list_names(c, ca, k, names, 16);
                    used = 0;
                    /* 城镇…和农村…，扣除价格因素，分别增长9.6%和6.2%: a
                     * clause with no noun before 分别 takes the names of
                     * one of the two clauses before it */
                    for (size_t pa = ca, pe = k, back = 0;
                         !nnames && back < 2 && pa > sa && !has_noun(c, ca, k); back++) {
                        pe = mb_utf8_back(c->s, pa, 1); /* the break before the clause */
                        pa = clause_start(c, sa, pe);
                        nnames = mb_ind_list_names(c, pa, pe, names, 16);
                    }
                    /* 城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格
                     * 因素，分别实际增长7.7%和6.8%: the indicators of as many
                     * records just before, in this sentence, one each */
                    size_t m = list_length(c, i, sb);
                    if (!nnames && !has_noun(c, ca, k) && m >= 2 && m <= 16 && c->out->n >= m) {
                        size_t first = c->out->n - m, ok = 1;
                        for (size_t r = first; r < c->out->n && ok; r++) {
                            const mb_record *rec = &c->out->v[r];
                            ok = rec->sent_start == sa && rec->paragraph == c->p->index && rec->indicator;
                            for (size_t r2 = first; r2 < r && ok; r2++)
                                ok = strcmp(c->out->v[r2].indicator, rec->indicator) != 0;
                        }
                        for (size_t r = first; ok && r < c->out->n; r++)
                            names[nnames++] = dup_str(c->out->v[r].indicator);
                    }
                    break;
                }
        }
        if (!nnames && list_length(c, i, sb) >= 2) {
            /* 城镇居民…和农村居民…实际增长8.4%和11.4%: as many names as
             * numbers pair up even without 分别 */
            size_t m = list_length(c, i, sb);
            nnames = mb_ind_list_names(c, ca, q->a, names, 16);
            used = 0;
            if (nnames != m) {
                for (size_t k = 0; k < nnames; k++) {
                    free(names[k]);
                    names[k] = NULL;
                }
                nnames = 0;
            }
        }
        if (nnames && used < nnames)
            name = names[used++];
        if (!name && (qualifier(c, q, i, sb) || time_limit(c, q)))
            continue;
        st = record_for(c, q, i, sa, sb, name);
        if (st)
            break;
        if (nnames && used == nnames) {
            for (size_t k = 0; k < nlast; k++)
                free(last[k]);
            for (size_t k = 0; k < nnames; k++) {
                last[k] = names[k];
                names[k] = NULL;
            }
            nlast = nnames;
            last_ca = ca;
            nnames = used = 0;
        }
    }
    for (size_t k = 0; k < nnames; k++)
        free(names[k]);
    for (size_t k = 0; k < nlast; k++)
        free(last[k]);
    if (!st)
        st = dated_goal(c, sa, sb);
    if (!st && list)
        st = qualitative_items(c, sa, sb, from, deadline);
    return st;
}

/* 1 if t is a past year written out that is not a comparison base or a
 * starting point: 2018年末, 1956年 (in a document of a later year). */
static int past_written(const ctx *c, const mb_xt *t)
{
    return !t->base && !t->from && !t->ref && (t->y0 || t->y1) && written_year(c, t) &&
           time_kind(c, t) == MB_CUE_ACHIEVEMENT;
}

static mb_status do_paragraph(ctx *c, const mb_paragraph *p)
{
    mb_error err;
    c->p = p;
    c->s = p->text.s ? p->text.s : "";
    c->len = p->text.len;
    /* a traditional document is read in its simplified folding: the same
     * offsets, so spans and sentences still come from the text as written */
    if (c->traditional && c->len) {
        if (c->fold_cap < c->len + 1) {
            char *nb = realloc(c->fold, c->len + 1);
            if (!nb)
                return MB_ENOMEM;
            c->fold = nb;
            c->fold_cap = c->len + 1;
        }
        mb_fold_t2s(c->m->lex, c->s, c->len, c->fold);
        c->s = c->fold;
    }
    free(c->prev_ind);
    c->prev_ind = NULL;
    mb_xrec_clear(&c->x);
    mb_status st = mb_xrec_run(c->m, c->s, c->len, c->doc_year, &c->x, &err);
    if (st)
        return st;
    /* 未来五年 said in the second half of a year (a congress in October)
     * starts with the next year; said in March, with the current one */
    if (c->out->date.month >= 7)
        for (size_t i = 0; i < c->x.nt; i++) {
            mb_xt *t = &c->x.t[i];
            const mb_lexword *w = mb_lex_longest_at(c->m->lex, MB_LX_SPAN_PRE, c->s, c->len, t->a);
            if (t->future && t->span && t->y0 == c->doc_year && mb_lex_value_is(w, "kind", "future")) {
                t->y0++;
                t->y1++;
            }
        }
    /* paragraph context: 今年发展主要预期目标是：… */
    c->para_kind = MB_CUE_NONE;
    size_t first_end = p->nsentences ? p->sentences[0].end : c->len;
    c->list_from = target_list_start(c, &c->list_lead);
    c->goal_deadline = NULL;
    int heading;
    mb_frames_paragraph(&c->frames, p->index, c->s, c->len, &c->x, first_end, &c->fr, &heading);
    if (has_cls(c, 0, first_end, MB_LX_TARGET_HEADING))
        c->para_kind = MB_CUE_TARGET;
    c->para_a = 0;
    c->para_b = first_end;
    c->para_time = -1;
    for (size_t i = 0; i < c->x.nt; i++)
        if (!c->x.t[i].base && !c->x.t[i].ref && c->x.t[i].a < first_end) {
            c->para_time = (int)i;
            break;
        }
    for (size_t k = 0; k < p->nsentences && !st; k++) {
        size_t sa = p->sentences[k].start, sb = p->sentences[k].end;
        st = do_sentence(c, sa, sb);
        /* a time stated by a sentence frames the sentences after it
         * (过去一年，…成绩。国内生产总值增长10.3%) until another is stated */
        int quantities = 0;
        for (size_t i = quantity_from(c, sa); i < c->x.nq && c->x.q[i].b <= sb && !quantities; i++)
            quantities = !c->x.q[i].skip;
        /* so does a deadline that opens a list of items (到2027年，…；…累计建成30个) */
        /* and a time that opens a sentence ended by ； (2007年，…第四位；全国
         * 财政收入达到5.13万亿元…) frames the ；-joined ones after it */
        int semicolon = ends_with(c->s, sb, "；") || ends_with(c->s, sb, ";");
        size_t lead = sa;
        while (lead < sb && c->s[lead] == ' ')
            lead++;
        for (size_t i = time_from(c, sa); i < c->x.nt && c->x.t[i].b <= sb; i++)
            if (!c->x.t[i].base && !c->x.t[i].from && !c->x.t[i].ref && (c->x.t[i].y0 || c->x.t[i].y1) &&
                ((k > 0 && !quantities) || ((c->x.t[i].deadline || c->x.t[i].a == lead) && semicolon))) {
                c->para_time = (int)i;
                break;
            } else if (c->x.t[i].a == lead && past_written(c, &c->x.t[i])) {
                /* 2018年末，…达到59.58%。户籍人口城镇化率也达到43.37%: a
                 * sentence that opens with a past year written out frames the
                 * ones after it with the latest such year it states (1952年…，
                 * 1956年提高到610元。在四年中间…; not 2002年…是1997年的1.8倍);
                 * a target's year (2012年…达到4%) frames nothing */
                c->para_time = (int)i;
                for (size_t j = i + 1; j < c->x.nt && c->x.t[j].b <= sb; j++)
                    if (past_written(c, &c->x.t[j]) &&
                        mb_xt_year(&c->x.t[j]) > mb_xt_year(&c->x.t[c->para_time]))
                        c->para_time = (int)j;
                break;
            }
    }
    return st;
}

/* Stable ids: a hash of the document's sha256, the span's source offsets
 * and the record's rank among the records of the same span. */
static void assign_ids(const mb_doc *doc, mb_records *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        mb_record *r = &rs->v[i];
        const mb_paragraph *p = mb_doc_paragraph_by_index(doc, r->paragraph);
        uint32_t sa = 0, sb = 0;
        if (p)
            mb_text_source_range(&p->text, r->span_start, r->span_end, &sa, &sb);
        /* records of one span stand together: look back a little, in the
         * same paragraph (deterministic, so the ids stay stable) */
        size_t rank = 0;
        for (size_t k = i, seen = 0; k-- > 0 && rs->v[k].paragraph == r->paragraph && seen++ < MB_MAX_LOOK;)
            if (rs->v[k].span_start == r->span_start && rs->v[k].span_end == r->span_end)
                rank++;
        char buf[128];
        int n = snprintf(buf, sizeof buf, "%s:%u:%u:%zu", mb_doc_sha256(doc), sa, sb, rank);
        mb_sha256_hex(buf, (size_t)n, 8, r->id);
    }
}

mb_status mb_extract(const mb_model *m, const mb_doc *doc, const char *date, mb_records *out, mb_error *err)
{
    mb_extract_options o = {.date = date};
    return mb_extract_with(m, doc, &o, out, err);
}

struct mb_extractor {
    ctx c;
    mb_records head;     /* the document's date, issuer and region (no records) */
    char *date, *issuer; /* the caller's (copies) */
    int started;         /* the first piece was fed */
};

mb_status mb_extractor_new(const mb_model *m, const mb_extract_options *opt, mb_extractor **out,
                           mb_error *err)
{
    *out = NULL;
    mb_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    x->c.m = m;
    if ((opt && opt->date && !(x->date = strdup(opt->date))) ||
        (opt && opt->issuer && !(x->issuer = strdup(opt->issuer)))) {
        mb_extractor_free(x);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    *out = x;
    return MB_OK;
}

void mb_extractor_free(mb_extractor *x)
{
    if (!x)
        return;
    ctx *c = &x->c;
    free(c->fold);
    free(c->prev_ind);
    free(c->group_ind);
    free(c->brk);
    free(c->hits);
    mb_tokens_free(&c->toks);
    mb_xrec_free(&c->x);
    mb_records_free(&x->head);
    free(x->date);
    free(x->issuer);
    free(x);
}

/* What the first piece tells of the whole document: its date (given, the
 * sidecar's, the text's), issuer and region, and whether it is written in
 * traditional characters; the cue words, once. */
static mb_status extractor_start(mb_extractor *x, const mb_doc *doc, mb_error *err)
{
    ctx *c = &x->c;
    const mb_model *m = c->m;
    mb_records *head = &x->head;
    mb_date side;
    char *side_issuer = NULL;
    mb_status st = mb_sidecar_read(doc, !x->date, !x->issuer, &side, &side_issuer, err);
    if (!st)
        st = mb_docdate_find_with(doc, x->date, &side, m->lex, m->dates, &head->date, err);
    if (!st)
        st = mb_issuer_find(doc, x->issuer ? x->issuer : side_issuer, m->lex, head, err);
    free(side_issuer);
    if (st)
        return st;
    c->doc_year = head->date.year;
    c->doc_month = head->date.month;
    mb_frames_init(&c->frames, c->doc_year, m->lex);
    size_t ncues = mb_kind_cues(m->lex, c->cues, MB_MAX_CUES);
    c->nwt = c->nsub = 0;
    for (size_t k = 0; k < ncues; k++) {
        int32_t cp;
        c->cue_len[k] = strlen(c->cues[k].word);
        c->cue_head[k] = cue_head4(c->cues[k].word, c->cue_len[k]);
        if (mb_utf8_decode((const unsigned char *)c->cues[k].word, c->cue_len[k], &cp) < 1)
            cp = -1;
        if (c->cues[k].whole_token) {
            c->wt_key[c->nwt] = (uint64_t)c->cue_len[k] << 32 | c->cue_head[k];
            c->wt[c->nwt++] = k;
            if (c->cue_len[k] <= MB_DICT_MAX_WORD_BYTES)
                c->wt_len[c->cue_len[k] >> 6] |= 1ull << (c->cue_len[k] & 63);
        } else if (cp >= 0 && cp < 0x10000) { /* the first character of a substring cue */
            c->first[cp >> 3] |= (unsigned char)(1u << (cp & 7));
            /* insertion into sub[], ordered by first character then cue order */
            size_t j = c->nsub++;
            while (j > 0 && c->sub_cp[j - 1] > (size_t)cp) {
                c->sub[j] = c->sub[j - 1];
                c->sub_cp[j] = c->sub_cp[j - 1];
                j--;
            }
            c->sub[j] = (uint16_t)k;
            c->sub_cp[j] = (size_t)cp;
        }
        c->ncues = k + 1;
    }
    size_t cjk = 0, foldable = 0;
    for (size_t i = 0; i < mb_doc_paragraph_count(doc); i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        if (p->text.s)
            mb_fold_count(m->lex, p->text.s, p->text.len, &cjk, &foldable);
    }
    c->traditional = mb_fold_is_traditional(cjk, foldable);
    x->started = 1;
    return MB_OK;
}

mb_status mb_extractor_feed(mb_extractor *x, const mb_doc *doc, mb_records *out, mb_error *err)
{
    memset(out, 0, sizeof *out);
    ctx *c = &x->c;
    mb_status st = x->started ? MB_OK : extractor_start(x, doc, err);
    if (st)
        return st;
    out->date = x->head.date;
    out->issuer_source = x->head.issuer_source;
    out->region = x->head.region;
    if (x->head.issuer && !(out->issuer = strdup(x->head.issuer)))
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", mb_doc_path(doc));
    c->doc = doc;
    c->out = out;
    for (size_t i = 0; i < mb_doc_paragraph_count(doc) && !st; i++)
        st = do_paragraph(c, mb_doc_paragraph(doc, i));
    c->doc = NULL;
    c->out = NULL;
    if (st) {
        mb_records_free(out);
        return mb_error_set(err, st, "%s: extraction failed: %s", mb_doc_path(doc), mb_strerror(st));
    }
    assign_ids(doc, out);
    mb_issuer_record_regions(doc, c->m->lex, out);
    for (size_t i = 0; i < out->n; i++) {
        mb_record *r = &out->v[i];
        if (r->indicator)
            r->indicator_id = mb_indicator_id(c->m->lex, r->indicator, strlen(r->indicator));
    }
    return MB_OK;
}

mb_status mb_extract_with(const mb_model *m, const mb_doc *doc, const mb_extract_options *opt,
                          mb_records *out, mb_error *err)
{
    memset(out, 0, sizeof *out);
    mb_extractor *x;
    mb_status st = mb_extractor_new(m, opt, &x, err);
    if (!st)
        st = mb_extractor_feed(x, doc, out, err);
    mb_extractor_free(x);
    return st;
}
