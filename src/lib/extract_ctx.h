/* extract_ctx.h — the state of one extraction and the small text, token
 * and clause helpers that extract.c (records: kind, change, year) and
 * indicator.c (noun phrases) share. Internal to the library. */
#ifndef MB_EXTRACT_CTX_H
#define MB_EXTRACT_CTX_H

#include "cues.h"
#include "extract.h"
#include "lexicon.h"
#include "frames.h"
#include "text.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define MB_MAX_CUES 512 /* kind cues of the lexicon that are used */

typedef struct cue_hit {
    size_t start, end;
    const mb_cue *cue;
    size_t order; /* the order found, for stable sorting */
} cue_hit;

/* How far the searches around a quantity look (clauses, times): bounds the
 * work per quantity, so that a long sentence stays linear. */
#define MB_MAX_LOOK 64

typedef struct mb_xctx {
    const mb_model *m;
    const mb_doc *doc;
    mb_records *out;
    int doc_year;
    int doc_month;    /* 1-12, 0 when unknown */
    mb_frames frames; /* the document's structure so far */
    mb_frame fr;      /* the frame of the current paragraph */
    mb_tokens toks;
    mb_xrec x;
    /* current paragraph */
    const mb_paragraph *p;
    const char *s;
    size_t len;
    /* current sentence: clause breaks and cue words, found once */
    size_t sa, sb;
    size_t *brk; /* break k: [brk[2k], brk[2k+1]) */
    size_t nbrk, capbrk;
    struct cue_hit *hits;
    size_t nhits, caphits;
    unsigned char first[0x10000 / 8]; /* first characters of substring cues (BMP) */
    mb_cue cues[MB_MAX_CUES];         /* the kind cues of the lexicon (mb_kind_cues) */
    size_t cue_len[MB_MAX_CUES];      /* byte length of each cue */
    uint32_t cue_head[MB_MAX_CUES];   /* its first four bytes (cue_head4): compared before the rest */
    size_t ncues;
    size_t wt[MB_MAX_CUES];       /* the cues matched as whole tokens only, in cue order */
    uint64_t wt_key[MB_MAX_CUES]; /* of each, its byte length << 32 | its head (cue_head) */
    size_t nwt;
    uint64_t wt_len[MB_DICT_MAX_WORD_BYTES / 64 + 1]; /* their byte lengths */
    /* the substring cues by first code point, then cue order: sub[] holds
     * their indices, sub_cp[] the code point of each */
    uint16_t sub[MB_MAX_CUES];
    size_t sub_cp[MB_MAX_CUES]; /* (size_t: count_below searches it) */
    size_t nsub;
    mb_cue_kind para_kind;
    size_t para_a, para_b;      /* the paragraph's first sentence, where para_kind was read */
    size_t list_from;           /* where the paragraph's target list starts, (size_t)-1 */
    const mb_xt *goal_deadline; /* the future deadline of the paragraph's last sentence of goals */
    size_t list_lead;           /* where its lead-in word (目标是：) starts */
    int para_time;              /* index into x.t of the paragraph's leading time, -1 */
    char *prev_ind;
    char *group_ind; /* the group a breakdown counts (…特色产业集群，超1000亿元的2个): this sentence's */
    int traditional; /* the document is in traditional characters: s is a folded copy (fold.h) */
    char *fold;      /* that copy, owned; fold_cap bytes */
    size_t fold_cap;
} mb_xctx;

typedef mb_xctx ctx;

/* ---- small text helpers ---- */

static inline int at(const char *s, size_t len, size_t pos, const char *w)
{
    size_t n = strlen(w);
    return pos + n <= len && !memcmp(s + pos, w, n);
}

static inline int ends_with(const char *s, size_t pos, const char *w)
{
    size_t n = strlen(w);
    return pos >= n && !memcmp(s + pos - n, w, n);
}

/* Place and person names' tags (ns, nr): the subject, not the indicator. */
static inline int name_tag(const char *tag)
{
    return tag && tag[0] == 'n' && (tag[1] == 's' || tag[1] == 'r');
}

/* The number of leading elements of a sorted array whose size_t field (at
 * byte offset off in each element of size bytes) is below key: the one
 * binary search behind every "what comes before this position" below.
 * Without a branch on the comparisons (a third of them were mispredicted):
 * the range halves whatever they say, so the steps depend on n alone. */
static inline size_t count_below(const void *base, size_t n, size_t size, size_t off, size_t key)
{
    const char *p = base;
    if (n == 0)
        return 0;
    size_t lo = 0, v;
    for (size_t len = n; len > 1; len -= len / 2) {
        memcpy(&v, p + (lo + len / 2) * size + off, sizeof v);
        lo += (size_t)(v < key) * (len / 2);
    }
    memcpy(&v, p + lo * size + off, sizeof v);
    return lo + (v < key);
}

/* The number of cached clause breaks of the sentence that end at or
 * before pos (binary search: the breaks are in text order). */
static inline size_t breaks_before(const ctx *c, size_t pos)
{
    /* break k ends at brk[2k+1] */
    return count_below(c->brk, c->nbrk, 2 * sizeof *c->brk, sizeof *c->brk, pos + 1);
}

static inline size_t clause_start(const ctx *c, size_t lo, size_t pos)
{
    size_t start = lo;
    if (lo >= c->sa && pos <= c->sb) { /* inside the current sentence: the cached breaks */
        size_t k = breaks_before(c, pos);
        if (k > 0 && c->brk[2 * (k - 1)] >= lo)
            start = c->brk[2 * (k - 1) + 1];
        return start;
    }
    for (size_t i = lo; i < pos;) {
        size_t bl;
        if (mb_clause_break(c->s, c->len, i, &bl)) {
            i += bl;
            start = i;
        } else {
            i++;
        }
    }
    return start;
}

static inline size_t clause_end(const ctx *c, size_t pos, size_t hi)
{
    if (pos >= c->sa && hi <= c->sb) {
        /* the first break starting at or after pos */
        size_t lo = count_below(c->brk, c->nbrk, 2 * sizeof *c->brk, 0, pos);
        return lo < c->nbrk && c->brk[2 * lo] < hi ? c->brk[2 * lo] : hi;
    }
    for (size_t i = pos; i < hi;) {
        size_t bl;
        if (mb_clause_break(c->s, c->len, i, &bl))
            return i;
        i++;
    }
    return hi;
}

static inline char *dup_range(const char *s, size_t a, size_t b)
{
    char *d = malloc(b - a + 1);
    if (d) {
        memcpy(d, s + a, b - a);
        d[b - a] = '\0';
    }
    return d;
}

/* a[0..na) followed by b[0..nb), a new NUL-terminated string, or NULL
 * (out of memory). */
static inline char *dup_concat(const char *a, size_t na, const char *b, size_t nb)
{
    char *d = malloc(na + nb + 1);
    if (d) {
        memcpy(d, a, na);
        memcpy(d + na, b, nb);
        d[na + nb] = '\0';
    }
    return d;
}

static inline char *dup_str(const char *s)
{
    return s ? dup_range(s, 0, strlen(s)) : NULL;
}

/* Remove spaces (layout) from a malloc'ed string in place. */
static inline char *squeeze(char *s)
{
    if (!s)
        return s;
    char *w = s;
    for (char *r = s; *r; r++)
        if (*r != ' ')
            *w++ = *r;
    *w = '\0';
    return s;
}

/* ---- tokens ---- */

/* The number of tokens that end at or before pos (tokens are in text
 * order): walk back from it for the tokens before a position. */
static inline size_t tok_count_before(const ctx *c, size_t pos)
{
    return count_below(c->toks.v, c->toks.n, sizeof *c->toks.v, offsetof(mb_token, end), pos + 1);
}

/* The token that ends exactly at byte pos (the word right before it), or
 * NULL. */
static inline const mb_token *tok_ending_at(const ctx *c, size_t pos)
{
    size_t i = tok_count_before(c, pos);
    return i > 0 && c->toks.v[i - 1].end == pos ? &c->toks.v[i - 1] : NULL;
}

/* The token that holds byte pos, or NULL. */
static inline const mb_token *tok_at(const ctx *c, size_t pos)
{
    size_t i = tok_count_before(c, pos); /* the first token ending after pos */
    if (i < c->toks.n && c->toks.v[i].start <= pos)
        return &c->toks.v[i];
    return NULL;
}

/* ---- lexicon look-ups (lexicon.h: the words are data) ---- */

/* 1 if token t is a word of lexicon class cls. */
static inline int tok_in(const ctx *c, const mb_token *t, mb_lexclass cls)
{
    return mb_lex_is(c->m->lex, cls, c->s + t->start, t->end - t->start);
}

/* The longest word of class cls at s[pos] (within len), or NULL. */
static inline const mb_lexword *at_cls(const ctx *c, const char *s, size_t len, size_t pos, mb_lexclass cls)
{
    return mb_lex_longest_at(c->m->lex, cls, s, len, pos);
}

/* The longest word of class cls that ends at s[pos], or NULL. */
static inline const mb_lexword *ends_cls(const ctx *c, const char *s, size_t pos, mb_lexclass cls)
{
    return mb_lex_longest_before(c->m->lex, cls, s, 0, pos);
}

/* 1 if a word of class cls stands in c->s[a,b). */
static inline int has_cls(const ctx *c, size_t a, size_t b, mb_lexclass cls)
{
    return mb_lex_first_in(c->m->lex, cls, c->s, a, b, NULL) != NULL;
}

/* A list conjunction at s[pos] (、 和 及; wide: 与 too), or NULL. */
static inline const mb_lexword *conj_at(const ctx *c, const char *s, size_t len, size_t pos, int wide)
{
    const mb_lexword *w = at_cls(c, s, len, pos, MB_LX_LIST_CONJ);
    return w && (wide || !mb_lex_flag(w, "wide")) ? w : NULL;
}

/* 1 if token t is a list conjunction (、 和 及; wide: 与 too). */
static inline int tok_conj(const ctx *c, const mb_token *t, int wide)
{
    const mb_lexword *w = mb_lex_get(c->m->lex, MB_LX_LIST_CONJ, c->s + t->start, t->end - t->start);
    return w && (wide || !mb_lex_flag(w, "wide"));
}

/* 1 if token t is a list conjunction that is a word (和, 及; wide: 与 too). */
static inline int conj_tok(const ctx *c, const mb_token *t, int wide)
{
    const mb_lexword *w = mb_lex_get(c->m->lex, MB_LX_LIST_CONJ, c->s + t->start, t->end - t->start);
    return w && mb_lex_flag(w, "tok") && (wide || !mb_lex_flag(w, "wide"));
}

static inline int tok_is(const ctx *c, const mb_token *t, const char *w)
{
    size_t n = strlen(w);
    return t->end - t->start == n && !memcmp(c->s + t->start, w, n);
}

/* The first time expression / quantity that overlaps [a,b), or NULL. Both
 * lists are in text order and do not overlap among themselves, so their
 * ends are sorted too: binary search on the end. */
static inline const mb_xt *time_covering(const ctx *c, size_t a, size_t b)
{
    for (size_t i = count_below(c->x.t, c->x.nt, sizeof *c->x.t, offsetof(mb_xt, b), a + 1);
         i < c->x.nt && c->x.t[i].a < b; i++)
        if (a < c->x.t[i].b)
            return &c->x.t[i];
    return NULL;
}

static inline const mb_xq *quantity_covering(const ctx *c, size_t a, size_t b)
{
    for (size_t i = count_below(c->x.q, c->x.nq, sizeof *c->x.q, offsetof(mb_xq, b), a + 1);
         i < c->x.nq && c->x.q[i].a < b; i++)
        if (a < c->x.q[i].b)
            return &c->x.q[i];
    return NULL;
}

/* The index of the first quantity / time starting at or after pos. */
static inline size_t quantity_from(const ctx *c, size_t pos)
{
    return count_below(c->x.q, c->x.nq, sizeof *c->x.q, offsetof(mb_xq, a), pos);
}

static inline size_t time_from(const ctx *c, size_t pos)
{
    return count_below(c->x.t, c->x.nt, sizeof *c->x.t, offsetof(mb_xt, a), pos);
}

static inline int is_punct_tok(const ctx *c, const mb_token *t)
{
    unsigned char ch = (unsigned char)c->s[t->start];
    if (ch < 0x80)
        return !((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'));
    /* CJK punctuation blocks: U+2000-206F, U+3000-303F, U+FF00-FF0F, FF1A-FF20 */
    if (ch == 0xE2 && (unsigned char)c->s[t->start + 1] == 0x80)
        return 1;
    if (ch == 0xE3 && (unsigned char)c->s[t->start + 1] == 0x80)
        return 1;
    if (ch == 0xEF && (unsigned char)c->s[t->start + 1] == 0xBC)
        return 1;
    return t->tag && (!strcmp(t->tag, "x") || !strcmp(t->tag, "w"));
}

/* ---- indicator.c: noun phrases ---- */

/* The noun phrase that ends before pos within [lo,pos) (list: keep the 、
 * of a 分别 list); 0 when there is none. */
int mb_ind_np_before(const ctx *c, size_t lo, size_t pos, int list, size_t *ra, size_t *rb);
/* The noun phrase right after pos, before hi. */
int mb_ind_np_after(const ctx *c, size_t pos, size_t hi, size_t *ra, size_t *rb);
/* Drop a leading scope word or name and a trailing 总数. */
void mb_ind_trim(const ctx *c, size_t *a, size_t *b);
/* 1 if [a,b) is one generic head word (规模, 增速). */
int mb_ind_generic_only(const ctx *c, size_t a, size_t b);
/* The start of the last conjunct of [a,b). */
size_t mb_ind_last_conjunct(const ctx *c, size_t a, size_t b);
/* 对世界经济增长贡献率: the token index of the 对 (class of_prep) whose
 * object, nouns only and at least one, ends right before token i, found
 * walking back at most max tokens, none before lo; (size_t)-1 if none. */
size_t mb_ind_of_prep_before(const ctx *c, size_t lo, size_t i, size_t max);
/* The object the verb before pos took earlier (malloc'ed), or NULL. */
char *mb_ind_object_of_verb(const ctx *c, size_t lo, size_t pos);
/* 1 if quantity q qualifies the noun right after it (亿元以上项目). */
int mb_ind_attributive(const ctx *c, const mb_xq *q);
/* The head a lone modifier after a count shares with the next conjunct
 * (45个省级和120个市级重点实验室). */
int mb_ind_shared_head(const ctx *c, size_t a, size_t b, size_t hi, size_t *ha, size_t *hb);
/* A 新 or 该 + generic head (新标准) that refers back: *h, the head. */
int mb_ind_anaphoric_head(const ctx *c, size_t a, size_t b, size_t *h);
/* The latest phrase before lo that ends in head and holds more (扶贫标准). */
int mb_ind_mention(const ctx *c, const char *head, size_t hn, size_t lo, size_t *ra, size_t *rb);
/* The names of a 分别 list ending at fb (malloc'ed into names[]). */
size_t mb_ind_list_names(ctx *c, size_t ca, size_t fb, char **names, size_t max);

#endif
