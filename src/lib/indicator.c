/* indicator.c — indicators: the noun phrase a quantity measures (owns: the
 * rules that find it before or after the number, trim it, join a generic
 * head to its owner, and pair the names of a 分别 list with their numbers). */
#include "extract_ctx.h"

#include "cues.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* Nouns that announce a goal and never name an indicator. */
static int is_cue_noun(const ctx *c, const mb_token *t)
{
    return tok_in(c, t, MB_LX_CUE_NOUN);
}

static int tok_nounish(const ctx *c, const mb_token *t)
{
    /* one character taken for a person's name before a verb is an adverb
     * the dictionary lacks (连/nr跨/v): no noun (麻/nr纺锭, 专利池/nr are) */
    if (t->tag && !strcmp(t->tag, "nr") && t->end - t->start <= 3 && t + 1 < c->toks.v + c->toks.n &&
        t[1].start == t->end && t[1].tag && t[1].tag[0] == 'v')
        return 0;
    return mb_is_nounish(c->s + t->start, t->end - t->start, t->tag) || tok_in(c, t, MB_LX_NAME_SUFFIX);
}

/* The indicator lexicon's longest name ending at pos and starting at or
 * after lo, as its start; (size_t)-1 when none. Flow verbs that open the
 * name (flow_verb, change verbs, linkers: 累计建成5G基站, 新增高标准农田,
 * 裁减军队员额) are left out when what follows them is a name too: they
 * state the flow or the change, not the indicator. */
static size_t lexicon_name_before(const ctx *c, size_t lo, size_t pos)
{
    const mb_lexword *w = mb_lex_longest_before(c->m->lex, MB_LX_INDICATOR, c->s, lo, pos);
    if (!w || mb_lexw_len(w) > pos - lo)
        return (size_t)-1;
    size_t a = pos - mb_lexw_len(w), best = a;
    for (const mb_token *t = tok_at(c, a); t && t->start == a && t->end < pos; t = tok_at(c, a)) {
        const char *tw = c->s + t->start;
        size_t tn = t->end - t->start;
        int verb = tok_in(c, t, MB_LX_FLOW_VERB) || mb_change_of(c->m->lex, tw, tn) ||
                   mb_is_linker(c->m->lex, tw, tn);
        if (!verb)
            break;
        a = t->end;
        if (mb_lex_get(c->m->lex, MB_LX_INDICATOR, c->s + a, pos - a))
            best = a;
    }
    return best;
}

/* [a,b) is one verb (投入, 支出): a head noun after 的. */
static int verb_head(const ctx *c, size_t a, size_t b)
{
    const mb_token *t = tok_at(c, a);
    return t && t->start == a && t->end == b && t->tag && t->tag[0] == 'v';
}

/* 1 when a quantity (not a name such as M2) starts within [a,b). */
static int quantity_from_to(const ctx *c, size_t a, size_t b)
{
    for (size_t k = quantity_from(c, a); k < c->x.nq && c->x.q[k].a < b; k++)
        if (!c->x.q[k].skip)
            return 1;
    return 0;
}

/* 1 when s[a,b) holds a Latin letter (M2, 5G: a name, not a bare number). */
static int has_latin(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))
            return 1;
    return 0;
}

/* The index of the token that starts at pos, or (size_t)-1. */
static size_t tok_index_at(const ctx *c, size_t pos)
{
    const mb_token *t = tok_at(c, pos);
    return t && t->start == pos ? (size_t)(t - c->toks.v) : (size_t)-1;
}

/* A quantity that qualifies the noun right after it: 亿元以上项目,
 * 万亿级主导产业, 50亿元以上项目. */
int mb_ind_attributive(const ctx *c, const mb_xq *q)
{
    if (!(q->level || (q->currency && q->cmp && strcmp(q->cmp, "eq"))))
        return 0;
    size_t e = q->b;
    while (e < c->len && c->s[e] == ' ')
        e++;
    const mb_token *t = tok_at(c, e);
    return t && tok_nounish(c, t) && !tok_in(c, t, MB_LX_MILESTONE); /* not 跃上5万亿台阶 */
}

/* The noun phrase that ends at or before pos, within [lo,pos): tokens read
 * backwards, skipping linkers and adverbs next to the number, stopping at
 * punctuation, verbs, time expressions, prepositions and clause breaks.
 * Returns [*a,*b) or 0. */
/* If token i closes a bracket ) ） ] ］ whose opening stands within a few
 * tokens after lo with no clause break between, the index of the opening
 * token; else (size_t)-1. */
static size_t bracket_open(const ctx *c, size_t i, size_t lo)
{
    const mb_token *t = &c->toks.v[i];
    const char *w = c->s + t->start;
    size_t n = t->end - t->start;
    const char *open;
    if (w[0] == ')')
        open = "(";
    else if (w[0] == ']')
        open = "[";
    else if (at(w, n, 0, "）"))
        open = "（";
    else if (at(w, n, 0, "］"))
        open = "［";
    else
        return (size_t)-1;
    for (size_t k = i, steps = 0; k-- > 0 && steps++ < 8;) {
        const mb_token *u = &c->toks.v[k];
        size_t bl;
        if (u->start < lo || mb_clause_break(c->s, c->len, u->start, &bl))
            return (size_t)-1;
        if (at(c->s + u->start, u->end - u->start, 0, open))
            return k;
    }
    return (size_t)-1;
}

int mb_ind_np_before(const ctx *c, size_t lo, size_t pos, int list, size_t *ra, size_t *rb)
{
    /* a comparison base ends the phrase: 比上年增加, 比2010年翻一番; a
     * phrase is read over MB_MAX_LOOK words at most */
    size_t steps = 0;
    for (size_t i = tok_count_before(c, pos); i-- > 0 && steps++ < MB_MAX_LOOK;) {
        const mb_token *t = &c->toks.v[i];
        if (t->start < lo)
            break;
        const mb_lexword *bw = mb_lex_get(c->m->lex, MB_LX_BASE_WORD, c->s + t->start, t->end - t->start);
        if (bw) { /* 比, 较, 比上年 */
            /* 收入比 (a ratio) is followed by its verb at once: not a base */
            const mb_token *next = i + 1 < c->toks.n ? &c->toks.v[i + 1] : NULL;
            if (next && next->tag && next->tag[0] == 'v' && next->tag[1] != 'n' && !mb_lex_flag(bw, "year"))
                continue;
            pos = t->start;
            break;
        }
    }
    size_t b = pos, a = pos;
    const mb_xq *pq = quantity_covering(c, pos, pos + 1);
    int share_q = pq && (pq->percent || pq->fraction); /* the quantity is a share: 占全省30%, 五分之一 */
    int phase = 0; /* 0: skipping linkers next to the number; 1: collecting */
    int skipped_level = 0;
    int named = 0;      /* the phrase holds a name of the indicator lexicon */
    int de_generic = 0; /* the phrase is X的 + a generic head (能力) */
    steps = 0;
    for (size_t i = tok_count_before(c, pos); i-- > 0 && steps++ < MB_MAX_LOOK;) {
        const mb_token *t = &c->toks.v[i];
        if (t->start < lo)
            break;
        const char *w = c->s + t->start;
        size_t n = t->end - t->start;
        if (n == 1 && w[0] == ' ')
            continue;
        if (is_punct_tok(c, t)) {
            if (phase == 0 && (at(w, n, 0, "“") || at(w, n, 0, "”")))
                continue; /* 粮食产量实现“九连增”: the quotes around the number */
            /* a footnote mark right before the number: 地区生产总值[2]174.99亿元 */
            size_t open = bracket_open(c, i, lo);
            if (open != (size_t)-1 && (w[0] == ']' || at(w, n, 0, "］"))) {
                if (phase == 0) {
                    i = open;
                    continue;
                }
                break;
            }
            /* a parenthesized abbreviation stays: 地区生产总值(GDP), 细颗粒物（PM2.5） */
            if (open != (size_t)-1) {
                if (phase == 0) {
                    phase = 1;
                    b = t->end;
                }
                a = c->toks.v[open].start;
                i = open;
                continue;
            }
            /* quotes inside a name are kept: “十四五”规划; a 分别 list
             * keeps its 、 */
            if (phase == 1 && (at(w, n, 0, "“") || at(w, n, 0, "”") || (list && at(w, n, 0, "、")))) {
                a = t->start;
                continue;
            }
            break;
        }
        if (time_covering(c, t->start, t->end) || is_cue_noun(c, t) ||
            (t->end - t->start > 9 && has_cls(c, t->start, t->end, MB_LX_ANNUAL_WORD))) {
            if (phase == 0) {
                /* a cue noun of several words (宏观调控目标: 宏观/调控/目标) is
                 * skipped whole */
                const mb_lexword *cw = mb_lex_longest_before(c->m->lex, MB_LX_CUE_NOUN, c->s, lo, t->end);
                if (cw && mb_lexw_len(cw) > t->end - t->start)
                    while (i > 0 && c->toks.v[i - 1].start >= t->end - mb_lexw_len(cw))
                        i--;
                continue;
            } /* 比重从2009年的2.8%; 增长预期目标定为7.5%; 由每人每年240元 (an expression
                           that holds 每年; 年均 alone may stand inside: 经济年均增长) */
            break;
        }
        const mb_xq *q = quantity_covering(c, t->start, t->end);
        /* 万亿级产业集群 as one word: an attributive quantity that opens a
         * noun is part of it */
        if (q && q->a >= t->start && q->b < t->end && mb_ind_attributive(c, q) && tok_nounish(c, t)) {
            if (phase == 0) {
                phase = 1;
                b = t->end;
            }
            a = t->start;
            continue;
        }
        if (q && q->skip && !has_latin(c->s, q->a, q->b) && !has_latin(c->s, t->start, t->end)) {
            /* a bare number (由2.37缩小到): a bound */
            if (phase == 0)
                continue;
            break;
        }
        if (q && q->skip) { /* a name such as M2 or 5G: part of the phrase */
            if (phase == 0) {
                phase = 1;
                b = t->end;
            }
            a = t->start;
            continue;
        }
        if (q) {
            /* an attributive quantity (亿元以上项目) stays in the phrase */
            if (phase == 1 && a == q->b) {
                a = q->a;
                /* continue from the token before the quantity */
                while (i > 0 && c->toks.v[i].start > q->a)
                    i--;
                if (c->toks.v[i].start == q->a)
                    continue;
                i++;
                continue;
            }
            break;
        }
        /* 在提高质量和效益的基础上年均增长7%: a frame before the predicate;
         * the phrase is before its 在 */
        /* 按1990年不变价计算达到750亿元: a frame that ends in a frame_end word */
        if (phase == 0 && ((tok_in(c, t, MB_LX_FRAME_NOUN) && i + 1 < c->toks.n && c->toks.v[i + 1].tag &&
                            c->toks.v[i + 1].tag[0] == 'f' && c->toks.v[i + 1].start == t->end) ||
                           tok_in(c, t, MB_LX_FRAME_END))) {
            size_t k = i, open = (size_t)-1;
            while (k-- > 0 && i - k <= 16 && c->toks.v[k].start >= lo)
                if (tok_in(c, &c->toks.v[k], MB_LX_FRAME_OPEN)) {
                    open = k;
                    break;
                }
            if (open == (size_t)-1)
                break;
            i = open;
            continue;
        }
        int change = mb_change_of(c->m->lex, w, n);
        if (phase == 0 && i > 0 && c->toks.v[i - 1].start >= lo && c->toks.v[i - 1].end == t->start &&
            tok_in(c, &c->toks.v[i - 1], MB_LX_DE) && t->tag && t->tag[0] == 'v' && !change && n >= 6) {
            /* 用于“三农”的投入: after 的, a verb is the head noun */
            phase = 1;
            b = t->end;
            a = t->start;
            continue;
        }
        if (phase == 0) {
            /* 实现了历史罕见的“八连增”: a noun and an adjective before the
             * 的 of the number describe the number, they do not name it */
            if (t->tag && t->tag[0] == 'a' && t->tag[1] == '\0' && i + 1 < c->toks.n &&
                c->toks.v[i + 1].start == t->end && tok_in(c, &c->toks.v[i + 1], MB_LX_DE) && i > 0 &&
                c->toks.v[i - 1].start >= lo && c->toks.v[i - 1].end == t->start &&
                tok_nounish(c, &c->toks.v[i - 1]) && !mb_is_adverb(c->m->lex, w, n)) {
                i--;
                continue;
            }
            if (tok_in(c, t, MB_LX_TO_WORD))
                continue; /* 提高到: the change verb before it is skipped too */
            /* 经济增速达到6%: a linker that is a generic head (增速) right
             * after a noun heads the phrase; alone (增速5%) it links */
            if (mb_is_linker(c->m->lex, w, n) &&
                !(mb_is_generic_head(c->m->lex, w, n) && i > 0 && c->toks.v[i - 1].start >= lo &&
                  c->toks.v[i - 1].end == t->start && tok_nounish(c, &c->toks.v[i - 1]))) {
                skipped_level = 1;
                continue;
            }
            if (mb_is_adverb(c->m->lex, w, n) || mb_is_modal(c->m->lex, w, n))
                continue; /* 预期, 力争 next to the number or its verb */
            if (tok_in(c, t, MB_LX_SCOPE_WORD) && i > 0 && !tok_in(c, &c->toks.v[i - 1], MB_LX_SHARE_VERB))
                continue; /* 扩大到全国40%: the whole a share is of (not 出口占全省3成) */
            if (change && !skipped_level)
                continue; /* 增长5%: the verb is not part of the indicator */
            if (tok_in(c, t, MB_LX_DE))
                continue;
            /* a name of the indicator lexicon ends here: the phrase
             * holds it whole, whatever its words' tags (结算率/v) */
            size_t ls = change ? (size_t)-1 : lexicon_name_before(c, lo, t->end);
            size_t li = ls != (size_t)-1 ? tok_index_at(c, ls) : (size_t)-1;
            if (li != (size_t)-1) {
                phase = 1;
                b = t->end;
                a = ls;
                i = li;
                named = 1;
                continue;
            }
            /* a verb right after a noun is the head of the phrase, a
             * nominalized verb (农村劳动力转移稳定在…, 营业性演出1.2万场),
             * unless it states a change (降到, 提高至) */
            if (t->tag && !strcmp(t->tag, "v") && n >= 6 && i > 0 && c->toks.v[i - 1].start >= lo &&
                c->toks.v[i - 1].end == t->start && tok_nounish(c, &c->toks.v[i - 1]) &&
                !tok_in(c, t, MB_LX_FLOW_VERB) && !mb_is_modal(c->m->lex, w, n) &&
                !name_tag(c->toks.v[i - 1].tag) && !is_cue_noun(c, &c->toks.v[i - 1]) &&
                !mb_lex_longest_at(c->m->lex, MB_LX_CHANGE_UP, w, n, 0) &&
                !mb_lex_longest_at(c->m->lex, MB_LX_CHANGE_DOWN, w, n, 0) &&
                !mb_lex_longest_before(c->m->lex, MB_LX_TO_WORD, w, 0, n)) {
                phase = 1;
                b = t->end;
                a = t->start;
                continue;
            }
            /* the phrase starts at a noun (GDP and other Latin words
             * included); anything else next to the number is skipped */
            if (tok_nounish(c, t) || change) {
                phase = 1;
                b = t->end;
                a = t->start;
            }
            continue;
        }
        /* collecting: modal words and adverbs end the phrase whatever
         * their tag (力争/nz) */
        if (mb_is_modal(c->m->lex, w, n))
            break;
        if (mb_is_adverb(c->m->lex, w, n) && i > 0 && c->toks.v[i - 1].start >= lo &&
            mb_is_nounish(c->s + c->toks.v[i - 1].start, c->toks.v[i - 1].end - c->toks.v[i - 1].start,
                          c->toks.v[i - 1].tag)) {
            a = t->start; /* 经济年均增长 */
            continue;
        }
        if (tok_nounish(c, t) || (t->tag && (!strcmp(t->tag, "f") || !strcmp(t->tag, "m")))) {
            a = t->start;
            continue;
        }
        const mb_token *head = tok_at(c, a); /* the phrase's first word so far */
        /* an adjective listed as an adverb (平均) right before the noun
         * modifies it: 平均浓度 */
        if (t->tag && t->tag[0] == 'a' && t->tag[1] == '\0' && t->end == a && head && tok_nounish(c, head)) {
            a = t->start;
            continue;
        }
        /* a verb before a one-character head is part of the name: 结算率;
         * an adverb between a noun and such a verb too: 跨省直接结算率 */
        if (t->tag && t->tag[0] == 'v' && t->end == a && head && tok_in(c, head, MB_LX_NAME_SUFFIX) &&
            !mb_is_linker(c->m->lex, w, n) && !mb_change_of(c->m->lex, w, n)) {
            a = t->start;
            continue;
        }
        if (t->tag && (!strcmp(t->tag, "ad") || !strcmp(t->tag, "d")) && n >= 6 && t->end == a && head &&
            head->tag && head->tag[0] == 'v' && head->tag[1] != 'n' && i > 0 &&
            c->toks.v[i - 1].start >= lo && tok_nounish(c, &c->toks.v[i - 1]) &&
            !mb_is_modal(c->m->lex, w, n)) {
            a = t->start;
            continue;
        }
        /* X对Y的Z, X占Y的Z: the modifier stays when Z is a rate of X
         * (消费对经济增长的贡献率), not a payer's grant (财政对农民的补助标准);
         * a 分别 list names its items apart */
        int share_head = 0;
        if (!list && tok_in(c, t, MB_LX_DE) && t->end == a &&
            ((share_head = ends_cls(c, c->s, b, MB_LX_SHARE_NOUN) != NULL) ||
             ends_cls(c, c->s, b, MB_LX_NAME_SUFFIX)) &&
            !has_cls(c, b, pos, MB_LX_RESPECTIVELY)) {
            size_t k = i, steps2 = 0, found = (size_t)-1;
            while (k-- > 0 && steps2++ < 6) {
                const mb_token *u = &c->toks.v[k];
                if (u->start < lo || is_punct_tok(c, u) || time_covering(c, u->start, u->end) ||
                    quantity_covering(c, u->start, u->end))
                    break;
                if (tok_in(c, u, MB_LX_OF_PREP)) {
                    if (k > 0 && c->toks.v[k - 1].start >= lo && tok_nounish(c, &c->toks.v[k - 1]) &&
                        k + 1 < i)
                        found = k - 1;
                    /* 占全国幼儿园的比例 opening its clause: the share of
                     * the clause's subject, left out (the caller carries it) */
                    else if (share_head && tok_in(c, u, MB_LX_SHARE_VERB) && k + 1 < i &&
                             (k == 0 || c->toks.v[k - 1].start < lo || is_punct_tok(c, &c->toks.v[k - 1])))
                        found = k;
                    break;
                }
            }
            if (found != (size_t)-1) {
                a = c->toks.v[found].start;
                i = found;
                continue;
            }
        }
        /* X对Y增长贡献率 (no 的): the verb closes the object of 对; the rate
         * keeps the modifier, and X when a noun stands before 对 */
        size_t k;
        if (!list && t->tag && t->tag[0] == 'v' && t->end == a && mb_change_of(c->m->lex, w, n) &&
            ends_cls(c, c->s, b, MB_LX_NAME_SUFFIX) &&
            (k = mb_ind_of_prep_before(c, lo, i, 6)) != (size_t)-1) {
            if (k > 0 && c->toks.v[k - 1].start >= lo && c->toks.v[k - 1].end == c->toks.v[k].start &&
                tok_nounish(c, &c->toks.v[k - 1]))
                k--;
            a = c->toks.v[k].start;
            i = k;
            continue;
        }
        /* an adjective or state word before the noun is its modifier: 先进产能,
         * 优良天数 */
        if (t->tag && ((t->tag[0] == 'a' && t->tag[1] == '\0' && n >= 6) || !strcmp(t->tag, "z")) &&
            !mb_is_adverb(c->m->lex, w, n)) {
            a = t->start;
            continue;
        }
        /* a 分别 list joins its names with 和 and 及 too */
        if (list && conj_tok(c, t, 0) && i > 0 && c->toks.v[i - 1].start >= lo &&
            tok_nounish(c, &c->toks.v[i - 1])) {
            a = t->start;
            continue;
        }
        /* 增加值占生产总值比重, 出口占全省30%: a share names both sides */
        if (tok_in(c, t, MB_LX_SHARE_VERB) && (ends_cls(c, c->s, b, MB_LX_SHARE_NOUN) || share_q) && i > 0 &&
            c->toks.v[i - 1].start >= lo && tok_nounish(c, &c->toks.v[i - 1])) {
            a = t->start;
            continue;
        }
        /* 国内生产总值的比重: a generic head keeps what it belongs to, as
         * does a verb that heads the phrase (用于“三农”的投入) */
        if (tok_in(c, t, MB_LX_DE) && (mb_ind_generic_only(c, a, b) || verb_head(c, a, b)) && i > 0 &&
            c->toks.v[i - 1].start >= lo &&
            (tok_nounish(c, &c->toks.v[i - 1]) ||
             at(c->s + c->toks.v[i - 1].start, c->toks.v[i - 1].end - c->toks.v[i - 1].start, 0, "”"))) {
            de_generic = mb_ind_generic_only(c, a, b);
            a = t->start;
            continue;
        }
        /* 运送旅客的能力: the verb whose object stands before the 的 of a
         * generic head is part of what it belongs to (not a change verb:
         * 提高居民收入的水平; a payer's verbs, 用于…的资金, are read as before) */
        if (de_generic && t->tag && !strcmp(t->tag, "v") && n >= 6 && t->end == a &&
            !mb_change_of(c->m->lex, w, n) && !mb_is_linker(c->m->lex, w, n) &&
            !mb_is_modal(c->m->lex, w, n) && !tok_in(c, t, MB_LX_SHARE_VERB) &&
            !tok_in(c, t, MB_LX_TO_WORD) && !tok_in(c, t, MB_LX_PURPOSE_VERB) &&
            !tok_in(c, t, MB_LX_PAY_VERB)) {
            a = t->start; /* and the phrase ends: the verb's subject is not part of it */
            break;
        }
        /* a verb before a generic head names it: 支出规模, 投资增速 */
        if (t->tag && t->tag[0] == 'v' && n >= 6 && mb_ind_generic_only(c, a, b)) {
            a = t->start;
            continue;
        }
        /* 新 and the verb after it modify the head: 新注册企业, 新认定高新技术
         * 企业 (class new_mark) */
        if (t->tag && t->tag[0] == 'v' && n >= 6 && t->end == a && i > 0 && c->toks.v[i - 1].start >= lo &&
            c->toks.v[i - 1].end == t->start && tok_in(c, &c->toks.v[i - 1], MB_LX_NEW_MARK) &&
            !mb_is_linker(c->m->lex, w, n) && !mb_change_of(c->m->lex, w, n)) {
            a = c->toks.v[i - 1].start;
            i--;
            continue;
        }
        /* a verb between nouns is part of the name: 研发经费投入强度 (not
         * before a name of the lexicon: 共有|各类市场主体) */
        if (!named && t->tag && t->tag[0] == 'v' && n >= 6 && i > 0 && c->toks.v[i - 1].start >= lo) {
            const mb_token *prev = &c->toks.v[i - 1];
            if (prev->tag && prev->tag[0] == 'n' && !name_tag(prev->tag) && !mb_is_linker(c->m->lex, w, n) &&
                !mb_change_of(c->m->lex, w, n) &&
                !mb_is_modal(c->m->lex, c->s + prev->start, prev->end - prev->start)) {
                a = t->start;
                continue;
            }
        }
        break;
    }
    if (phase == 0 || a >= b)
        return 0;
    /* a name of the indicator lexicon that ends where the phrase ends and
     * starts before it: the phrase is at least that name (养老床位) */
    size_t ls = lexicon_name_before(c, lo, b);
    if (ls != (size_t)-1 && ls < a && tok_index_at(c, ls) != (size_t)-1)
        a = ls;
    /* a name of the lexicon that starts a few words before the phrase and
     * ends inside it is held whole (研究与|试验发展经费支出占…比重: 与 is no bound
     * inside 研究与试验发展经费支出) */
    for (size_t k = tok_count_before(c, a), back = 0; k-- > 0 && back++ < 4 && c->toks.v[k].start >= lo;) {
        const mb_lexword *w = mb_lex_longest_at(c->m->lex, MB_LX_INDICATOR, c->s, b, c->toks.v[k].start);
        size_t e = w ? c->toks.v[k].start + mb_lexw_len(w) : 0;
        if (w && e > a && tok_ending_at(c, e)) {
            size_t ns = lexicon_name_before(c, c->toks.v[k].start, e); /* flow verbs left out */
            if (ns != (size_t)-1 && ns < a)
                a = ns;
            break;
        }
    }
    /* 占全国9成 with no subject before 占: 全国 is the whole the share is of,
     * not the indicator (the clause's subject is carried) */
    if (share_q) {
        const mb_token *sv = tok_ending_at(c, a);
        if (sv && tok_in(c, sv, MB_LX_SHARE_VERB)) {
            /* but 占世界经济比重 names a share: the share of the subject
             * (the caller joins the two) */
            if (!ends_cls(c, c->s, b, MB_LX_SHARE_NOUN) || sv->start < lo)
                return 0;
            a = sv->start;
        }
    }
    /* the change verb right after the phrase completes a name of the
     * lexicon that the phrase alone is not (经济|增长6.1%: 经济增长; but
     * 国内生产总值|增长8%) */
    const mb_token *cv = tok_at(c, b);
    if (cv && cv->start == b && cv->end <= pos &&
        mb_change_of(c->m->lex, c->s + cv->start, cv->end - cv->start) &&
        !mb_lex_get(c->m->lex, MB_LX_INDICATOR, c->s + a, b - a) &&
        mb_lex_get(c->m->lex, MB_LX_INDICATOR, c->s + a, cv->end - a))
        b = cv->end;
    /* ... also with a yearly adverb between (经济|年均|增长百分之六: 经济年均增长) */
    else if (cv && cv->start == b && cv->end < pos && tok_in(c, cv, MB_LX_ANNUAL_WORD) &&
             !mb_lex_get(c->m->lex, MB_LX_INDICATOR, c->s + a, b - a)) {
        const mb_token *cv2 = tok_at(c, cv->end), *last = tok_ending_at(c, b);
        size_t la = last && last->start >= a ? last->start : a; /* 全省|经济: the noun's own word */
        size_t n1 = b - la, n2 = cv2 ? cv2->end - cv2->start : 0;
        char name[64];
        if (cv2 && cv2->start == cv->end && cv2->end <= pos && n1 + n2 < sizeof name &&
            mb_change_of(c->m->lex, c->s + cv2->start, n2)) {
            memcpy(name, c->s + la, n1);
            memcpy(name + n1, c->s + cv2->start, n2);
            if (mb_lex_get(c->m->lex, MB_LX_INDICATOR, name, n1 + n2))
                b = cv2->end;
        }
    }
    /* drop a leading 、 or 和 left by the walk */
    while (a < b && conj_at(c, c->s, b, a, 0))
        a += mb_lexw_len(conj_at(c, c->s, b, a, 0));
    if (a >= b)
        return 0;
    *ra = a;
    *rb = b;
    return 1;
}

/* When token i opens a quoted word (“ … ”, at most three tokens inside)
 * that a noun follows, all before hi: the index of its closing quote; else
 * 0 (never a closing quote's index, which is past i). */
static size_t quoted_noun(const ctx *c, size_t i, size_t hi)
{
    size_t k = i + 1;
    while (k < c->toks.n && k <= i + 4 && c->toks.v[k].end <= hi &&
           !at(c->s + c->toks.v[k].start, c->toks.v[k].end - c->toks.v[k].start, 0, "”"))
        k++;
    return k + 1 < c->toks.n && k <= i + 4 && c->toks.v[k + 1].end <= hi &&
                   at(c->s + c->toks.v[k].start, c->toks.v[k].end - c->toks.v[k].start, 0, "”") &&
                   tok_nounish(c, &c->toks.v[k + 1])
               ? k
               : 0;
}

/* The noun phrase right after pos (after an optional 的), up to a verb,
 * conjunction, punctuation or clause break. */
int mb_ind_np_after(const ctx *c, size_t pos, size_t hi, size_t *ra, size_t *rb)
{
    size_t a = 0, b = 0, steps = 0;
    int started = 0;
    for (size_t i = tok_count_before(c, pos); i < c->toks.n && steps++ < MB_MAX_LOOK; i++) {
        const mb_token *t = &c->toks.v[i];
        if (t->end > hi)
            break;
        if (t->start < pos) { /* a word that holds the end of the number: 万亿级|产业集群 */
            if (!tok_nounish(c, t))
                break;
            a = pos;
            b = t->end;
            started = 1;
            continue;
        }
        const char *w = c->s + t->start;
        size_t n = t->end - t->start;
        if (n == 1 && w[0] == ' ')
            continue;
        if (!started && tok_in(c, t, MB_LX_DE))
            continue;
        /* a name of the indicator lexicon right here: held whole, whatever
         * its words' tags (长期/d建设国债) */
        const mb_lexword *lw =
            !started ? mb_lex_longest_at(c->m->lex, MB_LX_INDICATOR, c->s, hi, t->start) : NULL;
        const mb_token *last = lw ? tok_ending_at(c, t->start + mb_lexw_len(lw)) : NULL;
        if (last) {
            a = t->start;
            b = last->end;
            started = 1;
            i = (size_t)(last - c->toks.v);
            continue;
        }
        const mb_xq *aq = quantity_covering(c, t->start, t->end);
        if (aq && mb_ind_attributive(c, aq)) { /* 4个万亿级主导产业 */
            if (!started)
                a = aq->a;
            started = 1;
            b = aq->b > t->end ? aq->b : t->end;
            while (i + 1 < c->toks.n && c->toks.v[i + 1].start < b)
                i++;
            continue;
        }
        /* 200多份共建“一带一路”合作文件: a verb and its quoted object
         * before the noun modify it; the phrase starts at the verb */
        if (!started && t->tag && t->tag[0] == 'v' && t->tag[1] != 'n' && i + 1 < c->toks.n &&
            c->toks.v[i + 1].start == t->end && at(c->s + t->end, c->toks.v[i + 1].end - t->end, 0, "“") &&
            !mb_change_of(c->m->lex, w, n) && !mb_is_linker(c->m->lex, w, n) && quoted_noun(c, i + 1, hi)) {
            a = t->start;
            started = 1;
            b = t->end;
            continue;
        }
        /* 企业“老工伤”人员: a quoted word inside the phrase, a noun after it */
        size_t close;
        if (started && at(w, n, 0, "“") && (close = quoted_noun(c, i, hi)) != 0) {
            i = close;
            b = c->toks.v[close].end;
            continue;
        }
        /* 专项和部门应急预案: a conjunction between nouns inside the phrase,
         * when no quantity follows it in the clause */
        if (started && conj_tok(c, t, 0) && i + 1 < c->toks.n && c->toks.v[i + 1].end <= hi &&
            tok_nounish(c, &c->toks.v[i + 1]) && !quantity_from_to(c, t->end, hi))
            continue;
        /* 285个计划新开工项目, 3500多个拟竣工投产项目: a planning word and
         * the verbs after it modify the noun (class plan_mark) */
        if (!started && tok_in(c, t, MB_LX_PLAN_MARK)) {
            size_t k = i + 1;
            while (k < c->toks.n && k <= i + 3 && c->toks.v[k].end <= hi && c->toks.v[k].tag &&
                   (c->toks.v[k].tag[0] == 'v' || !strcmp(c->toks.v[k].tag, "nz")) &&
                   !mb_change_of(c->m->lex, c->s + c->toks.v[k].start, c->toks.v[k].end - c->toks.v[k].start))
                k++;
            if (k > i + 1 && k < c->toks.n && c->toks.v[k].end <= hi && tok_nounish(c, &c->toks.v[k]) &&
                !is_cue_noun(c, &c->toks.v[k])) {
                a = t->start;
                b = c->toks.v[k].end;
                started = 1;
                i = k;
                continue;
            }
        }
        if (is_punct_tok(c, t) || time_covering(c, t->start, t->end) || aq || is_cue_noun(c, t))
            break;
        /* 832个贫困县全部摘帽: an adverb ends the phrase (its tag may say noun) */
        if (started && mb_is_adverb(c->m->lex, w, n))
            break;
        /* 统一的数据交易平台: 的 between nouns */
        if (started && tok_in(c, t, MB_LX_DE) && i + 1 < c->toks.n && c->toks.v[i + 1].end <= hi &&
            tok_nounish(c, &c->toks.v[i + 1]))
            continue;
        /* an adjective before a noun modifies it: 困难学生 */
        int adj = 0; /* 新|投产项目, 老|旧|街区: one adjective or two before the noun */
        for (size_t k = i + 1; k < c->toks.n && k <= i + 2 && t->tag && t->tag[0] == 'a' && t->tag[1] == '\0';
             k++) {
            const mb_token *u = &c->toks.v[k];
            int noun = tok_nounish(c, u) || (u->tag && u->tag[0] == 's');
            if (u->end > hi || (!noun && !(u->tag && u->tag[0] == 'a' && u->tag[1] == '\0')))
                break;
            if (noun) {
                adj = 1;
                break;
            }
        }
        /* a bound morpheme (tag ng, tg, zg) bound to the noun after it:
         * 4万个村|广播电视设施 */
        int bound = t->tag && t->tag[0] && t->tag[1] == 'g' && t->tag[2] == '\0' &&
                    strchr("ntz", t->tag[0]) && i + 1 < c->toks.n && c->toks.v[i + 1].start == t->end &&
                    c->toks.v[i + 1].end <= hi && tok_nounish(c, &c->toks.v[i + 1]);
        /* ... or to the noun before it: 200个样板|村 */
        if (started && t->start == b && t->tag && !strcmp(t->tag, "zg"))
            bound = 1;
        /* 220多种主要工业品产量世界第一: the place a rank is in (世界第一)
         * belongs to the rank, not to the phrase */
        if (started && t->end < hi && mb_lex_longest_at(c->m->lex, MB_LX_ORDINAL_PREFIX, c->s, hi, t->end))
            break;
        if (mb_is_nounish(w, n, t->tag) || (t->tag && t->tag[0] == 's') || adj || bound ||
            (started && t->tag && (t->tag[0] == 'v' && t->tag[1] == 'n'))) {
            if (!started)
                a = t->start;
            started = 1;
            b = t->end;
            continue;
        }
        break;
    }
    if (!started)
        return 0;
    *ra = a;
    *rb = b;
    return 1;
}

/* Drop a leading scope word (全市, 全国 …) and a trailing 总数 from a
 * noun phrase [*a,*b) when something meaningful remains. */
void mb_ind_trim(const ctx *c, size_t *a, size_t *b)
{
    const mb_token *st = tok_at(c, *a);
    if (st && st->start == *a && st->end <= *b && tok_in(c, st, MB_LX_SCOPE_WORD) &&
        (mb_utf8_count(c->s, st->end, *b) >= 2 ||
         mb_lex_is(c->m->lex, MB_LX_INDICATOR, c->s + st->end, *b - st->end))) {
        /* 全市, 全国, 其中 (全市GDP too; 全省钢: a name of the indicator
         * lexicon of one character) */
        *a = st->end;
        while (*a < *b && c->s[*a] == ' ')
            (*a)++;
    }
    const mb_lexword *total = ends_cls(c, c->s, *b, MB_LX_TOTAL_SUFFIX); /* 总数 */
    if (total && *b - *a > mb_lexw_len(total) + 3)
        *b -= mb_lexw_len(total);
    /* 苏州实际使用外资: the place is the subject when the rest is a name of
     * the indicator lexicon (not 江海|堤防达标率, not 养老/nr床位; a word
     * taken for a person's name is no place: 续建/nr高铁) */
    const mb_token *t = tok_at(c, *a);
    size_t ls = lexicon_name_before(c, *a, *b);
    if (t && t->start == *a && t->tag && !strcmp(t->tag, "ns") && t->end < *b &&
        !(ls != (size_t)-1 && ls < t->end)) {
        size_t e = t->end;
        while (e < *b && c->s[e] == ' ')
            e++;
        if (*b - e >= 6 && lexicon_name_before(c, e, *b) == e)
            *a = e;
    }
}

int mb_ind_generic_only(const ctx *c, size_t a, size_t b)
{
    const mb_token *t = tok_at(c, a);
    return t && t->start == a && t->end == b && mb_is_generic_head(c->m->lex, c->s + a, b - a);
}

/* 1 when token t stands inside a name of the indicator lexicon that starts
 * in [a, t) and ends by b (研究与试验发展经费支出: its 与 joins no list). */
static int inside_name(const ctx *c, size_t a, size_t b, const mb_token *t)
{
    for (size_t k = tok_count_before(c, a); k < c->toks.n && c->toks.v[k].start < t->start; k++) {
        if (c->toks.v[k].start < a)
            continue;
        const mb_lexword *w = mb_lex_longest_at(c->m->lex, MB_LX_INDICATOR, c->s, b, c->toks.v[k].start);
        if (w && c->toks.v[k].start + mb_lexw_len(w) >= t->end)
            return 1;
    }
    return 0;
}

size_t mb_ind_of_prep_before(const ctx *c, size_t lo, size_t i, size_t max)
{
    for (size_t k = i; k-- > 0 && i - k <= max;) {
        const mb_token *u = &c->toks.v[k];
        if (u->start < lo)
            break;
        if (tok_in(c, u, MB_LX_OF_PREP))
            return k + 1 < i ? k : (size_t)-1; /* a noun between */
        if (!tok_nounish(c, u))
            break;
    }
    return (size_t)-1;
}

/* Keep the last conjunct of 国内生产总值和城乡居民人均收入. */
size_t mb_ind_last_conjunct(const ctx *c, size_t a, size_t b)
{
    /* the last conjunction inside [a,b): walk back from b */
    for (size_t i = tok_count_before(c, b); i-- > 0 && c->toks.v[i].start >= a;) {
        const mb_token *t = &c->toks.v[i];
        if (tok_conj(c, t, 1) && !inside_name(c, a, b, t))
            return t->end;
    }
    return a;
}

/* 今年先发行1万亿元 after 发行超长期特别国债: the object the same verb took
 * earlier in the paragraph. NULL when there is none. */
char *mb_ind_object_of_verb(const ctx *c, size_t lo, size_t pos)
{
    const mb_token *v = NULL;
    for (size_t i = tok_count_before(c, pos); i-- > 0;) {
        const mb_token *t = &c->toks.v[i];
        if (t->start < lo)
            break;
        if (mb_is_adverb(c->m->lex, c->s + t->start, t->end - t->start) ||
            (t->end - t->start == 1 && c->s[t->start] == ' '))
            continue;
        if (t->tag && t->tag[0] == 'v' && t->end - t->start >= 6 &&
            !mb_is_linker(c->m->lex, c->s + t->start, t->end - t->start) &&
            !mb_change_of(c->m->lex, c->s + t->start, t->end - t->start))
            v = t;
        break;
    }
    if (!v)
        return NULL;
    size_t vn = v->end - v->start;
    /* within the sentence, at most 150 characters back */
    size_t from = c->sa;
    if (lo > from + 450)
        from = lo - 450;
    for (size_t i = from; i + vn <= lo; i++) {
        if (memcmp(c->s + i, c->s + v->start, vn))
            continue;
        const mb_token *t = tok_at(c, i);
        size_t a, b;
        if (t && t->start == i && mb_ind_np_after(c, i + vn, clause_end(c, i + vn, c->len), &a, &b))
            return squeeze(dup_range(c->s, a, b));
    }
    return NULL;
}

/* 高技术制造业、装备制造业增加值分别增长8.9%、7.7%: the names of a 分别 list,
 * the head noun of the last one shared by the others. Returns the number
 * of names written to names[] (malloc'ed strings). */
size_t mb_ind_list_names(ctx *c, size_t ca, size_t fb, char **names, size_t max)
{
    size_t a, b;
    if (!mb_ind_np_before(c, ca, fb, 1, &a, &b))
        return 0;
    size_t starts[16], ends[16], n = 0;
    size_t s0 = a;
    for (size_t i = tok_count_before(c, a); i < c->toks.n && c->toks.v[i].end <= b && n < 15; i++) {
        const mb_token *t = &c->toks.v[i];
        if (t->start < a)
            continue;
        if (tok_conj(c, t, 0)) {
            starts[n] = s0;
            ends[n++] = t->start;
            s0 = t->end;
        }
    }
    starts[n] = s0;
    ends[n++] = b;
    if (n < 2 || n > max)
        return 0;
    /* 全市城镇和农村…: a leading scope word is not part of the first name */
    const mb_token *sc = tok_at(c, starts[0]);
    if (sc && sc->start == starts[0] && sc->end < ends[0] && tok_in(c, sc, MB_LX_SCOPE_WORD))
        starts[0] = sc->end;
    /* the shared head: what follows the first word of the last name
     * (农村|人均住房面积, 装备|制造业增加值), given to the names that are one
     * word (城镇, 高技术制造业) */
    const mb_token *last_first = tok_at(c, starts[n - 1]);
    size_t head_start = last_first && last_first->start == starts[n - 1] ? last_first->end : b;
    /* the last name one word (农村居民人均可支配收入): its qualifier is as
     * long as the first name's (城镇 ↔ 农村), the rest is the head */
    const mb_token *first = tok_at(c, starts[0]);
    if (head_start == b && first && first->start == starts[0] && first->end == ends[0]) {
        size_t p = mb_utf8_fwd(c->s, b, starts[n - 1], mb_utf8_count(c->s, starts[0], ends[0]));
        if (p < b && mb_utf8_count(c->s, p, b) >= 2)
            head_start = p;
    }
    /* names of several words get the last word only (…基本医疗保险参保人数) */
    const mb_token *last_word = tok_ending_at(c, b);
    for (size_t i = 0; i < n; i++) {
        const mb_token *w = tok_at(c, starts[i]);
        int one_word = w && w->start == starts[i] && w->end == ends[i];
        size_t hs = 0, hl = 0, l = ends[i] - starts[i];
        int suffix = 0;
        if (i + 1 < n && one_word && l <= 6 && head_start < b) { /* 城镇, 小学: a short qualifier */
            hs = head_start;
            hl = b - head_start;
            suffix = 1;
        } else if (i + 1 < n && last_word && last_word->start > starts[n - 1] &&
                   !(l >= last_word->end - last_word->start &&
                     !memcmp(c->s + ends[i] - (last_word->end - last_word->start), c->s + last_word->start,
                             last_word->end - last_word->start))) {
            hs = last_word->start;
            hl = last_word->end - last_word->start;
        }
        int add_head = hl > 0;
        /* 高技术制造业 + 制造业增加值: join a last word on the overlap */
        for (size_t ov = hl < l ? hl : l; add_head && !suffix && ov > 0; ov--)
            if (!memcmp(c->s + ends[i] - ov, c->s + hs, ov)) {
                hs += ov;
                hl -= ov;
                break;
            }
        names[i] = dup_concat(c->s + starts[i], l, c->s + hs, add_head ? hl : 0);
        if (!names[i])
            continue;
        squeeze(names[i]);
    }
    return n;
}

/* 45个省级和120个市级重点实验室: the noun of a count that is one modifier
 * word (tagged b, or ending in the character that ends the first word of
 * the next conjunct: 省级 and 市级) shares the head of the count after the
 * conjunction. [a,b) is the noun after the first count; on success
 * [*ha,*hb) is the shared head. */
int mb_ind_shared_head(const ctx *c, size_t a, size_t b, size_t hi, size_t *ha, size_t *hb)
{
    const mb_token *t = tok_at(c, a);
    if (!t || t->start != a || t->end != b)
        return 0;
    size_t i = (size_t)(t - c->toks.v);
    if (i + 1 >= c->toks.n || c->toks.v[i + 1].start != b || !tok_conj(c, &c->toks.v[i + 1], 0))
        return 0;
    size_t p = c->toks.v[i + 1].end;
    const mb_xq *q2 = quantity_covering(c, p, p + 1);
    size_t a2, b2;
    if (!q2 || q2->a != p || !q2->measure || !mb_ind_np_after(c, q2->b, hi, &a2, &b2) || a2 != q2->b)
        return 0;
    const mb_token *m = tok_at(c, a2);
    if (!m || m->start != a2 || m->end >= b2)
        return 0;
    size_t l1 = t->end - mb_utf8_back(c->s, t->end, 1), l2 = m->end - mb_utf8_back(c->s, m->end, 1);
    int modifier = (t->tag && !strcmp(t->tag, "b")) || (l1 == l2 && l1 < t->end - t->start &&
                                                        !memcmp(c->s + t->end - l1, c->s + m->end - l2, l1));
    if (!modifier)
        return 0;
    *ha = m->end;
    *hb = b2;
    return 1;
}

/* 新标准提高到人均1196元, 该标准: a phrase [a,b) that is a marker of the new
 * or of what was named (new_mark, anaphor) and a generic head refers back
 * to a phrase with that head. On success *h is where the head starts. */
int mb_ind_anaphoric_head(const ctx *c, size_t a, size_t b, size_t *h)
{
    const mb_token *f = tok_at(c, a);
    if (!f || f->start != a)
        return 0;
    if (mb_ind_generic_only(c, a, b)) { /* 该|标准: the marker left out of the phrase */
        const mb_token *p = tok_ending_at(c, a);
        if (!p || !tok_in(c, p, MB_LX_ANAPHOR))
            return 0;
        *h = a;
        return 1;
    }
    if (f->end >= b || !(tok_in(c, f, MB_LX_NEW_MARK) || tok_in(c, f, MB_LX_ANAPHOR)) ||
        !mb_ind_generic_only(c, f->end, b))
        return 0;
    *h = f->end;
    return 1;
}

/* The latest phrase of the tokens before lo that ends in the word
 * head[0..hn) and holds more than it (…提高扶贫标准, 调整城乡低保标准): the
 * nouns that end there, with a verb between two of them (城乡|低保|标准);
 * [*ra,*rb). */
int mb_ind_mention(const ctx *c, const char *head, size_t hn, size_t lo, size_t *ra, size_t *rb)
{
    for (size_t i = tok_count_before(c, lo); i-- > 0;) {
        const mb_token *t = &c->toks.v[i];
        size_t e = t->end;
        if (e - t->start < hn || memcmp(c->s + e - hn, head, hn))
            continue;
        size_t a = t->start, k = i;
        while (k-- > 0) {
            const mb_token *u = &c->toks.v[k];
            int noun = u->tag && u->tag[0] == 'n' && !name_tag(u->tag) && tok_nounish(c, u);
            int between = u->tag && u->tag[0] == 'v' && u->tag[1] == '\0' && k > 0 && c->toks.v[k - 1].tag &&
                          c->toks.v[k - 1].tag[0] == 'n' &&
                          !mb_change_of(c->m->lex, c->s + u->start, u->end - u->start);
            if (u->end != a || !(noun || between) || is_cue_noun(c, u))
                break;
            a = u->start;
        }
        if (e - a <= hn)
            return 0; /* the latest mention names nothing more */
        *ra = a;
        *rb = e;
        return 1;
    }
    return 0;
}
