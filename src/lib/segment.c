/* segment.c — DAG + maximum-probability route over one string. */
#include "segment.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CANDS 512 /* longest word in characters is MB_DICT_MAX_WORD_BYTES */
/* How many characters ahead of a walk its second unit is prefetched
 * (mb_dict_prefetch_second): far enough for the load to arrive from the
 * cache beyond L2, near enough that it is not pushed out again. 8 to 16
 * measured alike (scripts/bench-segment's library timing). */
#define PREFETCH_AHEAD 12

enum { K_OTHER, K_SPACE, K_ATOM, K_INSIDE };

/* Per-character work arrays, carved out of toks->work. */
typedef struct work {
    uint32_t *pos;    /* n + 1: byte offset of each character */
    uint16_t *cid;    /* n: char id in dict */
    uint16_t *uid;    /* n: char id in user */
    uint32_t *aend;   /* n: end of the atom starting here (K_ATOM only) */
    uint8_t *kind;    /* n + 1: K_* (K_ATOM: an atom starts here; K_INSIDE: inside one) */
    uint64_t *best;   /* n + 1: cost of the best route from here to the end */
    uint32_t *next;   /* n: end of the best first token from here */
    const char **tag; /* n: its tag (NULL: whitespace, no token; TAG_DICT, TAG_USER: a word's, looked up once
                       * the route is known) */
    uint32_t *unit;   /* n: the unit of that word in its dictionary (TAG_DICT, TAG_USER) */
    uint32_t *cand;   /* the characters where an atom may start, in order */
    size_t ncand;
} work;

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static mb_status get_work(mb_tokens *t, size_t n, work *w, mb_error *err)
{
    size_t m = n + 1;
    size_t sz[10] = {m * 4, m * 2, m * 2, m * 4, m, m * 8, m * 4, m * sizeof(char *), m * 4, m * 4};
    size_t total = 0;
    for (int i = 0; i < 10; i++)
        total += align8(sz[i]);
    if (total > t->work_size) {
        void *nw = malloc(total);
        if (!nw)
            return mb_error_set(err, MB_ENOMEM, "segment: out of memory for %zu characters", n);
        free(t->work);
        t->work = nw;
        t->work_size = total;
    }
    char *p = t->work;
    void **slots[10] = {(void **)&w->pos,  (void **)&w->cid,  (void **)&w->uid,  (void **)&w->aend,
                        (void **)&w->kind, (void **)&w->best, (void **)&w->next, (void **)&w->tag,
                        (void **)&w->cand, (void **)&w->unit};
    w->ncand = 0;
    for (int i = 0; i < 10; i++) {
        *slots[i] = p;
        p += align8(sz[i]);
    }
    return MB_OK;
}

static int is_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}
static int is_alpha(int32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
static int is_alnum(int32_t c)
{
    return is_digit(c) || is_alpha(c);
}
static int is_space(int32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0xa0 || c == 0x3000;
}

/* The code point of character i of s (pos: the characters' byte offsets,
 * i below their count); -1 for an invalid byte. Decoded again where the
 * atoms are looked for, rather than kept for every character. */
static int32_t cp_at(const unsigned char *s, const uint32_t *pos, size_t i)
{
    int32_t c;
    return mb_utf8_decode(s + pos[i], pos[i + 1] - pos[i], &c) < 0 ? -1 : c;
}

static const char TAG_M[] = "m", TAG_T[] = "t", TAG_ENG[] = "eng", TAG_X[] = "x";
/* Markers, never output: the tag of a word of the dictionary, of the user
 * dictionary (read from the unit tags for the route's words alone). */
static const char TAG_DICT[] = "<dict>", TAG_USER[] = "<user>"; /* distinct contents: never merged */

/* 〇 or ○: the zero that makes a run of Chinese digits a number. */
static int is_ling(int32_t c)
{
    return c == 0x3007 || c == 0x25CB;
}

/* A Chinese digit as written in years: 〇 ○ 零 一 ... 九. */
static int is_han_digit(int32_t c)
{
    switch (c) {
    case 0x3007:
    case 0x25CB:
    case 0x96F6:
    case 0x4E00:
    case 0x4E8C:
    case 0x4E09:
    case 0x56DB:
    case 0x4E94:
    case 0x516D:
    case 0x4E03:
    case 0x516B:
    case 0x4E5D: return 1;
    }
    return 0;
}

/* Punctuation whose runs are one token: —— …… ... -- */
static int is_run_punct(int32_t c)
{
    return c == 0x2014 || c == 0x2026 || c == 0x2015 || c == 0x2500 || c == '.' || c == '-';
}

/* Value of the digits, characters [a, b) of s (saturating). */
static unsigned number_value(const unsigned char *s, const uint32_t *pos, size_t a, size_t b)
{
    unsigned v = 0;
    for (size_t i = a; i < b && v < 100000; i++)
        v = v * 10 + (unsigned)(s[pos[i]] - '0');
    return v;
}

/* Decode s into w->pos, and set each character's kind and
 * char ids in dict (and user); note in w->cand where an atom may start (an
 * ASCII letter, digit, sign or point; 〇 or ○ and the start of the run of
 * Chinese digits it is in; punctuation of a run): the other characters
 * start none, and find_atoms looks at these only. Returns the number of
 * characters. */
static size_t decode(const unsigned char *s, size_t len, const mb_dict *dict, const mb_dict *user, work *w)
{
    /* the arrays in locals: a store through kind (bytes) could otherwise
     * be the pointers' own, and each would be loaded again */
    uint32_t *pos = w->pos;
    uint16_t *cid = w->cid, *uid = w->uid;
    uint8_t *kinds = w->kind;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int k;
        uint32_t x;
        if (len - i >= 4 && (x = mb_ld32(s + i), (x & 0xC0C0F0u) == 0x8080E0u) &&
            (x & 0xFFu) - 0xE3u <= 0xEFu - 0xE3u && (x & 0xFFu) != 0xED) {
            /* a three-byte character (U+3000 to U+FFFF, not a surrogate;
             * x holds its bytes and the next, the first lowest: one load):
             * most of Chinese text; above 〇 it is no space and starts no
             * atom */
            uint32_t c = (x & 0x0Fu) << 12 | (x >> 2 & 0xFC0u) | (x >> 16 & 0x3Fu);
            if (c > 0x3007) {
                pos[n] = (uint32_t)i;
                kinds[n] = K_OTHER;
                cid[n] = (uint16_t)mb_dict_char(dict, c);
                if (user)
                    uid[n] = (uint16_t)mb_dict_char(user, c);
                n++;
                i += 3;
                continue;
            }
            cp = (int32_t)c;
            k = 3;
        } else {
            k = mb_utf8_decode(s + i, len - i, &cp);
            if (k < 0) {
                k = 1;
                cp = -1;
            }
        }
        pos[n] = (uint32_t)i; /* before the look back of 〇 (cp_at reads the end of character n - 1) */
        uint8_t kind;
        if (cp < 0x80) {
            kind = is_space(cp) ? K_SPACE : K_OTHER;
            if (is_alnum(cp) || cp == '+' || cp == '-' || cp == '.')
                w->cand[w->ncand++] = (uint32_t)n;
        } else {
            kind = is_space(cp) ? K_SPACE : K_OTHER;
            if (cp <= 0x3007) { /* every other candidate is below 〇: Chinese text is above */
                if (is_ling(cp)) {
                    /* the start of the run of Chinese digits it ends, back
                     * to the last candidate at most (so a run of 〇 costs
                     * no more than its length) */
                    size_t r = n, lim = w->ncand ? w->cand[w->ncand - 1] : 0;
                    while (r > lim && is_han_digit(cp_at(s, pos, r - 1)))
                        r--;
                    if (r < n && (w->ncand == 0 || w->cand[w->ncand - 1] < r))
                        w->cand[w->ncand++] = (uint32_t)r;
                    w->cand[w->ncand++] = (uint32_t)n;
                } else if (is_run_punct(cp)) {
                    w->cand[w->ncand++] = (uint32_t)n;
                }
            }
        }
        kinds[n] = kind;
        cid[n] = cp < 0 ? 0 : (uint16_t)mb_dict_char(dict, (uint32_t)cp);
        if (user)
            uid[n] = cp < 0 ? 0 : (uint16_t)mb_dict_char(user, (uint32_t)cp);
        n++;
        i += (size_t)k;
    }
    pos[n] = (uint32_t)len;
    kinds[n] = K_OTHER; /* a word may end at n */
    return n;
}

/* Mark atoms: numbers (with sign, decimal point, thousands separators,
 * %, ‰, 万/亿), dates and times (2025年, 3月, 31日, 8时) and Latin runs.
 * Their default tags go to w->tag of the atom's start. */
static void find_atoms(const unsigned char *s, work *w, size_t n)
{
    const uint32_t *pos = w->pos;
#define CP(i) cp_at(s, pos, i)
    size_t next = 0; /* the first character not inside an atom found */
    for (size_t ci = 0; ci < w->ncand; ci++) {
        size_t i = w->cand[ci];
        if (i < next)
            continue;
        int32_t c = CP(i);
        size_t j = i;
        const char *tag = NULL;
        int sign = (c == '-' || c == '+') && i + 1 < n && is_digit(CP(i + 1)) &&
                   (i == 0 || (!is_alnum(CP(i - 1)) && CP(i - 1) != '.'));
        if (is_digit(c) || sign) {
            j = i + (size_t)sign;
            size_t d0 = j;
            while (j < n && is_digit(CP(j)))
                j++;
            size_t d1 = j;
            int plain = !sign; /* an unsigned integer without separators */
            for (;;) {
                if (j + 1 < n && CP(j) == '.' && is_digit(CP(j + 1))) {
                    j += 2;
                } else if (j + 3 < n && CP(j) == ',' && is_digit(CP(j + 1)) && is_digit(CP(j + 2)) &&
                           is_digit(CP(j + 3)) && (j + 4 == n || !is_digit(CP(j + 4)))) {
                    j += 4;
                } else {
                    break;
                }
                plain = 0;
                while (j < n && is_digit(CP(j)))
                    j++;
            }
            tag = TAG_M;
            if (j < n && is_alpha(CP(j))) {
                while (j < n && is_alnum(CP(j)))
                    j++;
                tag = TAG_ENG;
            } else if (j < n && (CP(j) == '%' || CP(j) == 0x2030)) {
                j++;
            } else if (j < n && (CP(j) == 0x4E07 || CP(j) == 0x4EBF)) { /* 万 亿 */
                while (j < n && (CP(j) == 0x4E07 || CP(j) == 0x4EBF))
                    j++;
            } else if (plain && j < n) {
                size_t nd = d1 - d0;
                unsigned v = number_value(s, pos, d0, d1);
                int32_t u = CP(j);
                if ((u == 0x5E74 && nd == 4) ||                      /* 年 */
                    (u == 0x6708 && nd <= 2 && v >= 1 && v <= 12) || /* 月 */
                    (u == 0x65E5 && nd <= 2 && v >= 1 && v <= 31) || /* 日 */
                    (u == 0x65F6 && nd <= 2 && v <= 24)) {           /* 时 */
                    j++;
                    tag = TAG_T;
                }
            }
        } else if (is_han_digit(c)) {
            /* a year written with 〇/○ (二〇二五年, 一九五〇年): the 〇 makes
             * the whole run of Chinese digits a number */
            int zero = 0;
            for (; j < n && is_han_digit(CP(j)); j++)
                zero |= is_ling(CP(j));
            if (zero && j - i >= 2) {
                tag = TAG_M;
                if (j < n && CP(j) == 0x5E74) {
                    j++;
                    tag = TAG_T;
                }
            }
        } else if (is_run_punct(c) && i + 1 < n && CP(i + 1) == c) {
            while (j < n && CP(j) == c)
                j++;
            tag = TAG_X;
        } else if (is_alpha(c)) {
            while (j < n && is_alnum(CP(j)))
                j++;
            tag = TAG_ENG;
        }
        if (!tag)
            continue;
        w->aend[i] = (uint32_t)j;
        w->kind[i] = K_ATOM;
        w->tag[i] = tag;
        for (size_t k = i + 1; k < j; k++)
            w->kind[k] = K_INSIDE;
        next = j;
    }
}
#undef CP

typedef struct cand {
    uint32_t end, word, unit;
} cand;

/* Words of d starting at character k: the end, word (mb_dict_word) and
 * unit of each, ends increasing; stops at the first character no word
 * continues with. */
static size_t walk(const mb_dict *d, const uint16_t *ids, size_t k, size_t n, cand *out)
{
    uint32_t s = 0;
    size_t nc = 0;
    for (size_t j = k; j < n && nc < MAX_CANDS; j++) {
        uint32_t c = ids[j];
        if (!c || !mb_dict_step(d, &s, c))
            break;
        uint32_t wd = mb_dict_word(d, s);
        if (wd) {
            out[nc].end = (uint32_t)(j + 1);
            out[nc].word = wd;
            out[nc++].unit = s;
        }
    }
    return nc;
}

/* Take the word [k, end) of d, wd its mb_dict_word (cost + 1), ending at
 * unit u, when its route is cheaper than the best so far (*bc, ending at
 * *be; ties go to the longer word); *bu and *bd keep its unit and
 * dictionary (the tag is looked up once, for the winner). */
static inline void consider(const uint8_t *kind, const uint64_t *best, uint32_t end, uint32_t wd, uint32_t u,
                            const mb_dict *d, uint64_t *bc, uint32_t *be, uint32_t *bu, const mb_dict **bd)
{
    if (wd == MB_DICT_W_DELETED || kind[end] == K_INSIDE) /* kind[n]: K_OTHER */
        return;
    uint64_t c = wd - 1 + best[end];
    if (c < *bc || (c == *bc && end >= *be)) {
        *bc = c;
        *be = end;
        *bu = u;
        *bd = d;
    }
}

mb_status mb_segment(const mb_dict *dict, const mb_dict *user, const char *s, size_t len, mb_tokens *toks,
                     mb_error *err)
{
    if (!dict || !toks || (!s && len))
        return mb_error_set(err, MB_EARG, "segment: no dictionary, string or token list");
    toks->n = 0;
    if (len >= UINT32_MAX)
        return mb_error_set(err, MB_ETOOBIG, "segment: string of %zu bytes is over the 4 GiB limit", len);
    if (len == 0)
        return MB_OK;
    work w;
    mb_status st = get_work(toks, len, &w, err);
    if (st)
        return st;
    size_t n = decode((const unsigned char *)s, len, dict, user, &w);
    find_atoms((const unsigned char *)s, &w, n);

    cand cb[MAX_CANDS], cu[MAX_CANDS];
    /* the arrays in locals (decode's comment) */
    const uint8_t *kinds = w.kind;
    const uint16_t *cid = w.cid;
    const uint32_t *aend = w.aend;
    uint64_t *best = w.best;
    uint32_t *next = w.next, *unit = w.unit;
    const char **tags = w.tag;
    best[n] = 0;
    for (size_t k = n; k-- > 0;) {
        /* the walks go backwards: the walk at k - PREFETCH_AHEAD comes later */
        if (k >= PREFETCH_AHEAD) {
            size_t p = k - PREFETCH_AHEAD;
            mb_dict_prefetch_second(dict, cid[p], cid[p + 1]);
            if (user)
                mb_dict_prefetch_second(user, w.uid[p], w.uid[p + 1]);
        }
        uint8_t kind = kinds[k];
        if (kind == K_INSIDE)
            continue;
        if (kind == K_SPACE) {
            best[k] = best[k + 1];
            next[k] = (uint32_t)(k + 1);
            tags[k] = NULL;
            continue;
        }
        uint32_t ae = kind == K_ATOM ? aend[k] : 0;
        uint32_t be = ae ? ae : (uint32_t)(k + 1);
        uint64_t bc = dict->unk_cost + best[be];
        const char *bt = ae ? tags[k] : TAG_X;
        uint32_t bu = 0;          /* the winning word's unit in bd */
        const mb_dict *bd = NULL; /* NULL: no word won */
        if (!user) {
            /* the walk of `walk` with each word considered as it is met */
            uint32_t st = 0;
            for (size_t j = k; j < n; j++) {
                uint32_t c = cid[j];
                if (!c || !mb_dict_step(dict, &st, c))
                    break;
                uint32_t wd = mb_dict_word(dict, st);
                if (wd)
                    consider(kinds, best, (uint32_t)(j + 1), wd, st, dict, &bc, &be, &bu, &bd);
            }
        } else {
            size_t nb = walk(dict, w.cid, k, n, cb);
            size_t nu = walk(user, w.uid, k, n, cu);
            for (size_t i = 0; i < nb; i++) {
                size_t u = 0;
                while (u < nu && cu[u].end != cb[i].end)
                    u++;
                if (u == nu)
                    consider(kinds, best, cb[i].end, cb[i].word, cb[i].unit, dict, &bc, &be, &bu, &bd);
            }
            for (size_t i = 0; i < nu; i++)
                consider(kinds, best, cu[i].end, cu[i].word, cu[i].unit, user, &bc, &be, &bu, &bd);
        }
        if (bd) {
            bt = bd == dict ? TAG_DICT : TAG_USER;
            unit[k] = bu;
        }
        best[k] = bc;
        next[k] = be;
        tags[k] = bt;
    }

    if (toks->cap < n) {
        mb_token *v = realloc(toks->v, n * sizeof *v);
        if (!v)
            return mb_error_set(err, MB_ENOMEM, "segment: out of memory for %zu tokens", n);
        toks->v = v;
        toks->cap = n;
    }
    for (size_t k = 0; k < n;) {
        size_t e = w.next[k];
        const char *tag = w.tag[k];
        if (tag) {
            if (tag == TAG_DICT)
                tag = mb_dict_word_tag(dict, w.unit[k]);
            else if (tag == TAG_USER)
                tag = mb_dict_word_tag(user, w.unit[k]);
            mb_token *t = &toks->v[toks->n++];
            t->start = w.pos[k];
            t->end = w.pos[e];
            t->tag = tag;
        }
        k = e;
    }
    return MB_OK;
}

void mb_tokens_free(mb_tokens *toks)
{
    if (!toks)
        return;
    free(toks->v);
    free(toks->work);
    memset(toks, 0, sizeof *toks);
}
