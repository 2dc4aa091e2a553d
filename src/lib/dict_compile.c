/* dict_compile.c — lexicon text -> compiled dictionary image. */
#include "dict_compile.h"
#include "strbuf.h"

#include "lexicon.h"
#include "text.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FREE_SLOT 0xFFFFFFFFu
#define MAX_FREQ  1000000000000ull /* 10^12 */
#define MAX_TAG   31

typedef struct entry {
    size_t woff; /* word bytes in the arena */
    uint32_t wlen;
    int32_t tag; /* index into tags, -1: none */
    uint64_t freq;
    uint32_t idoff, nids; /* char ids (filled before the trie is built) */
} entry;

typedef struct builder {
    const mb_dict *base; /* overlay mode when set */
    char *arena;
    size_t alen, acap;
    entry *e;
    size_t ne, ecap;
    uint32_t *slots; /* hash table of entry index + 1 */
    size_t nslots;
    char *tags[MB_DICT_MAX_TAGS];
    uint32_t ntags;
    uint64_t running_total;
    /* trie */
    uint32_t *ids;
    size_t nid;
    int32_t *dbase;
    uint32_t *dcheck, *dvalue; /* dcheck: the parent unit (FREE_SLOT: free) */
    /* bitmaps a slot a bit, what find_base tests at every candidate: 90 KB
     * each where dcheck is 2.9 MB, so the tests stay in the cache */
    uint64_t *occ;  /* set: dcheck is not FREE_SLOT */
    uint64_t *used; /* set: a node has this base (bases are unique) */
    uint64_t *full; /* a bit a word of occ: set when the word's 64 slots are all occupied */
    size_t size;
    size_t used_end;
    uint32_t *labels;
    size_t nlabels, lcap;
    uint64_t total;
    uint32_t unk_cost;
    mb_lexrows lex; /* lexicon rows (section 4) */
    mb_error *err;
} builder;

static void builder_free(builder *b)
{
    free(b->arena);
    free(b->e);
    free(b->slots);
    for (uint32_t i = 0; i < b->ntags; i++)
        free(b->tags[i]);
    free(b->ids);
    free(b->dbase);
    free(b->dcheck);
    free(b->dvalue);
    free(b->occ);
    free(b->used);
    free(b->full);
    free(b->labels);
    mb_lexrows_free(&b->lex);
}

static mb_status nomem(builder *b)
{
    return mb_error_set(b->err, MB_ENOMEM, "dictionary compiler: out of memory");
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    return h;
}

/* Index of word s[0..n) in b->e, or -1. */
static long find(const builder *b, const char *s, size_t n)
{
    if (!b->nslots)
        return -1;
    size_t mask = b->nslots - 1;
    for (size_t i = hash_bytes(s, n) & mask;; i = (i + 1) & mask) {
        uint32_t k = b->slots[i];
        if (!k)
            return -1;
        const entry *e = &b->e[k - 1];
        if (e->wlen == n && memcmp(b->arena + e->woff, s, n) == 0)
            return (long)(k - 1);
    }
}

static mb_status rehash(builder *b)
{
    size_t ns = b->nslots ? b->nslots * 2 : 1024;
    uint32_t *sl = calloc(ns, sizeof *sl);
    if (!sl)
        return nomem(b);
    for (size_t k = 0; k < b->ne; k++) {
        const entry *e = &b->e[k];
        size_t i = hash_bytes(b->arena + e->woff, e->wlen) & (ns - 1);
        while (sl[i])
            i = (i + 1) & (ns - 1);
        sl[i] = (uint32_t)(k + 1);
    }
    free(b->slots);
    b->slots = sl;
    b->nslots = ns;
    return MB_OK;
}

static mb_status add_entry(builder *b, const char *w, size_t n, long *idx)
{
    if (b->ne + 1 > b->nslots / 2 && rehash(b))
        return MB_ENOMEM;
    if (b->ne == b->ecap) {
        size_t cap = b->ecap ? b->ecap * 2 : 4096;
        entry *ne = realloc(b->e, cap * sizeof *ne);
        if (!ne)
            return nomem(b);
        b->e = ne;
        b->ecap = cap;
    }
    if (b->alen + n > b->acap) {
        size_t cap = b->acap ? b->acap : 65536;
        while (cap < b->alen + n)
            cap *= 2;
        char *na = realloc(b->arena, cap);
        if (!na)
            return nomem(b);
        b->arena = na;
        b->acap = cap;
    }
    memcpy(b->arena + b->alen, w, n);
    entry *e = &b->e[b->ne];
    memset(e, 0, sizeof *e);
    e->woff = b->alen;
    e->wlen = (uint32_t)n;
    e->tag = -1;
    b->alen += n;
    size_t mask = b->nslots - 1;
    size_t i = hash_bytes(w, n) & mask;
    while (b->slots[i])
        i = (i + 1) & mask;
    b->slots[i] = (uint32_t)(b->ne + 1);
    *idx = (long)b->ne++;
    return MB_OK;
}

static mb_status intern_tag(builder *b, const char *t, size_t n, int32_t *out)
{
    for (uint32_t i = 0; i < b->ntags; i++)
        if (strlen(b->tags[i]) == n && memcmp(b->tags[i], t, n) == 0) {
            *out = (int32_t)i;
            return MB_OK;
        }
    if (b->ntags == MB_DICT_MAX_TAGS)
        return mb_error_set(b->err, MB_EDICT, "more than %u distinct tags", MB_DICT_MAX_TAGS);
    char *c = malloc(n + 1);
    if (!c)
        return nomem(b);
    memcpy(c, t, n);
    c[n] = '\0';
    b->tags[b->ntags] = c;
    *out = (int32_t)b->ntags++;
    return MB_OK;
}

/* ln(frequency) of the substring w[0..n) as a word, or -1 if it is none. */
static double word_logfreq(const builder *b, const char *w, size_t n)
{
    long k = find(b, w, n);
    if (k >= 0)
        return b->e[k].freq ? log((double)b->e[k].freq) : -1;
    double lp;
    if (b->base && mb_dict_lookup(b->base, w, n, &lp, NULL))
        return lp + log((double)b->base->total);
    return -1;
}

/* jieba's suggested frequency: just enough for the word to beat the most
 * probable split of itself. */
static uint64_t suggest_freq(const builder *b, const char *w, size_t n)
{
    double lt = log((double)(b->running_total ? b->running_total : 1));
    size_t pos[MB_DICT_MAX_WORD_BYTES + 1];
    size_t nc = 0;
    for (size_t i = 0; i < n;) {
        pos[nc++] = i;
        i += (size_t)mb_utf8_len((unsigned char)w[i]);
    }
    pos[nc] = n;
    double best[MB_DICT_MAX_WORD_BYTES + 1];
    best[nc] = 0;
    for (size_t i = nc; i-- > 0;) {
        best[i] = -lt + best[i + 1]; /* an unknown character counts as frequency 1 */
        for (size_t j = i + 1; j <= nc; j++) {
            double lf = word_logfreq(b, w + pos[i], pos[j] - pos[i]);
            if (lf >= 0 && lf - lt + best[j] > best[i])
                best[i] = lf - lt + best[j];
        }
    }
    double f = floor(exp(best[0] + lt)) + 1;
    if (f > (double)MAX_FREQ)
        f = (double)MAX_FREQ;
    uint64_t freq = (uint64_t)f;
    double own = word_logfreq(b, w, n);
    if (own >= 0 && exp(own) > (double)freq)
        freq = (uint64_t)llround(exp(own));
    return freq;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static mb_status parse_line(builder *b, const char *path, size_t lineno, size_t off, const char *s, size_t n)
{
    /* fields: word [freq] [tag], separated by spaces or tabs */
    const char *fs[64];
    size_t fl[64];
    size_t nf = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && is_space(s[i]))
            i++;
        if (i == n)
            break;
        size_t j = i;
        while (j < n && !is_space(s[j]))
            j++;
        if (nf == 64)
            return mb_error_set(b->err, MB_EDICT,
                                "%s:%zu: byte %zu: expected 'word [freq] [tag]', got %zu fields", path,
                                lineno, off, nf);
        fs[nf] = s + i;
        fl[nf++] = j - i;
        i = j;
    }
    if (nf == 0)
        return MB_OK;
    const char *tag = NULL;
    size_t taglen = 0;
    int has_freq = 0;
    uint64_t freq = 0;
    if (nf >= 2) {
        size_t k;
        for (k = 0; k < fl[nf - 1] && fs[nf - 1][k] >= 'a' && fs[nf - 1][k] <= 'z'; k++)
            ;
        if (k == fl[nf - 1]) {
            tag = fs[nf - 1];
            taglen = fl[nf - 1];
            nf--;
            if (taglen > MAX_TAG)
                return mb_error_set(b->err, MB_EDICT, "%s:%zu: byte %zu: tag longer than %d letters", path,
                                    lineno, (size_t)(tag - s) + off, MAX_TAG);
        }
    }
    if (nf >= 2) {
        size_t k;
        const char *f = fs[nf - 1];
        for (k = 0; k < fl[nf - 1] && f[k] >= '0' && f[k] <= '9'; k++)
            ;
        if (k == fl[nf - 1]) {
            has_freq = 1;
            for (k = 0; k < fl[nf - 1]; k++) {
                freq = freq * 10 + (uint64_t)(f[k] - '0');
                if (freq > MAX_FREQ)
                    return mb_error_set(b->err, MB_EDICT, "%s:%zu: byte %zu: frequency larger than %llu",
                                        path, lineno, (size_t)(f - s) + off, (unsigned long long)MAX_FREQ);
            }
            nf--;
        } else if (f[0] == '-' || f[0] == '+' || f[0] == '.' || (f[0] >= '0' && f[0] <= '9')) {
            /* written as a number but not a whole one (-5, 1.5, 1e3, 5x):
             * a bad frequency, not the end of a word with a space */
            return mb_error_set(b->err, MB_EDICT,
                                "%s:%zu: byte %zu: frequency '%.*s' is not a whole number from 0 to %llu",
                                path, lineno, (size_t)(f - s) + off, (int)(fl[nf - 1] > 32 ? 32 : fl[nf - 1]),
                                f, (unsigned long long)MAX_FREQ);
        }
    }
    const char *w = fs[0];
    size_t wlen = (size_t)(fs[nf - 1] + fl[nf - 1] - fs[0]);
    if (wlen > MB_DICT_MAX_WORD_BYTES)
        return mb_error_set(b->err, MB_EDICT, "%s:%zu: byte %zu: word longer than %u bytes", path, lineno,
                            off, MB_DICT_MAX_WORD_BYTES);
    for (size_t i = 0; i < wlen;) {
        int32_t cp;
        int k = mb_utf8_decode((const unsigned char *)w + i, wlen - i, &cp);
        if (k < 0)
            return mb_error_set(b->err, MB_EDICT, "%s:%zu: byte %zu: invalid UTF-8 in word", path, lineno,
                                (size_t)(w - s) + off + i);
        if (cp < 0x20 || cp == 0x7f)
            return mb_error_set(b->err, MB_EDICT, "%s:%zu: byte %zu: control character in word", path, lineno,
                                (size_t)(w - s) + off + i);
        i += (size_t)k;
    }
    if (!has_freq)
        freq = suggest_freq(b, w, wlen);
    long idx = find(b, w, wlen);
    int32_t tagi = -1;
    mb_status st = tag ? intern_tag(b, tag, taglen, &tagi) : MB_OK;
    if (st)
        return st;
    if (idx < 0) {
        if ((st = add_entry(b, w, wlen, &idx)))
            return st;
        const char *bt;
        if (tagi < 0 && b->base && mb_dict_lookup(b->base, w, wlen, NULL, &bt) &&
            (st = intern_tag(b, bt, strlen(bt), &tagi)))
            return st;
    } else {
        b->running_total -= b->e[idx].freq;
    }
    entry *e = &b->e[idx];
    e->freq = freq;
    if (tagi >= 0)
        e->tag = tagi;
    b->running_total += freq;
    return MB_OK;
}

static mb_status parse_file(builder *b, const char *path)
{
    char *buf;
    size_t n = 0;
    mb_status st = mb_strbuf_read_file(path, &buf, &n, b->err);
    if (st)
        return st;
    mb_lines it;
    mb_lines_init(&it, buf, n);
    const char *line;
    size_t len, i;
    while (!st && mb_lines_next(&it, &line, &len, &i)) {
        if (memchr(line, '\0', len))
            st = mb_error_set(b->err, MB_EDICT, "%s:%zu: byte %zu: NUL byte: not a text dictionary", path,
                              it.lineno, i + (size_t)((const char *)memchr(line, '\0', len) - line));
        else if (!(len >= 1 && line[0] == '#' && (len == 1 || is_space(line[1]))))
            st = parse_line(b, path, it.lineno, i, line, len);
    }
    free(buf);
    return st;
}

/* ---- the double-array trie ---- */

/* *p resized to n elements of size bytes; 0 when out of memory (*p kept,
 * still the builder's to free). */
static int resize(void **p, size_t n, size_t size)
{
    void *q = realloc(*p, n * size);
    if (!q)
        return 0;
    *p = q;
    return 1;
}

static mb_status grow(builder *b, size_t need)
{
    if (need <= b->size)
        return MB_OK;
    size_t ns = b->size ? b->size : 1 << 16;
    while (ns < need)
        ns *= 2;
    if (ns >= 0x7fffffff)
        return mb_error_set(b->err, MB_EDICT, "dictionary too large for the trie");
    size_t ow = (b->size + 63) / 64, nw = (ns + 63) / 64; /* sizes are powers of two from 2^16 */
    size_t ofw = (ow + 63) / 64, nfw = (nw + 63) / 64;
    if (!resize((void **)&b->dbase, ns, sizeof *b->dbase) ||
        !resize((void **)&b->dcheck, ns, sizeof *b->dcheck) ||
        !resize((void **)&b->dvalue, ns, sizeof *b->dvalue) ||
        !resize((void **)&b->occ, nw, sizeof *b->occ) || !resize((void **)&b->used, nw, sizeof *b->used) ||
        !resize((void **)&b->full, nfw, sizeof *b->full))
        return nomem(b);
    memset(b->occ + ow, 0, (nw - ow) * sizeof *b->occ);
    memset(b->used + ow, 0, (nw - ow) * sizeof *b->used);
    memset(b->full + ofw, 0, (nfw - ofw) * sizeof *b->full);
    for (size_t s = b->size; s < ns; s++) {
        b->dbase[s] = 0;
        b->dcheck[s] = FREE_SLOT;
        b->dvalue[s] = 0;
    }
    b->size = ns;
    return MB_OK;
}

static void take(builder *b, size_t s, uint32_t parent)
{
    b->dcheck[s] = parent;
    if (parent != FREE_SLOT) { /* the root's slot is taken with FREE_SLOT */
        b->occ[s >> 6] |= (uint64_t)1 << (s & 63);
        if (b->occ[s >> 6] == ~(uint64_t)0)
            b->full[s >> 12] |= (uint64_t)1 << (s >> 6 & 63);
    }
    if (s + 1 > b->used_end)
        b->used_end = s + 1;
}

/* 64 bits of bitmap bm (a bit a slot, nbits slots) from bit pos on; the
 * bits past nbits read as 0 (free, unused). */
static inline uint64_t bits64(const uint64_t *bm, size_t nbits, uint64_t pos)
{
    uint64_t w = pos >> 6, off = pos & 63, nw = nbits / 64; /* nbits: a power of two from 2^16 */
    uint64_t lo = w < nw ? bm[w] : 0, hi = w + 1 < nw ? bm[w + 1] : 0;
    return off ? lo >> off | hi << (64 - off) : lo;
}

/* The first slot at or after p that is free (occ clear; past the end: p
 * itself), skipping 64 full words at a time on the summary bitmap. */
static uint64_t next_free(const builder *b, uint64_t p)
{
    uint64_t nw = b->size / 64, w = p >> 6;
    if (w >= nw)
        return p;
    uint64_t x = ~b->occ[w] & ~(uint64_t)0 << (p & 63);
    if (x)
        return (w << 6) + (uint64_t)__builtin_ctzll(x);
    for (w++; w < nw;) {
        uint64_t f = ~b->full[w >> 6] & ~(uint64_t)0 << (w & 63); /* the words not full, from w */
        if (f) {
            uint64_t v = (w & ~(uint64_t)63) + (uint64_t)__builtin_ctzll(f); /* a word with a free slot */
            if (v >= nw)
                break;
            return v * 64 + (uint64_t)__builtin_ctzll(~b->occ[v]);
        }
        w = (w | 63) + 1;
    }
    return nw << 6;
}

/* A base for children labelled l[0..m) (increasing): at least 1 (a unit's
 * base 0 means it has no children) and no other node's (a child is found
 * by its label, so two parents must never share a base). The first fit:
 * the lowest base whose every child's slot is free (or past the end), as
 * the walk of the free list from its start found it until 0.7.0 (the same
 * dictionary, byte for byte, in a sixth of the time). The bases are tried
 * 64 at a time, a bit each, on the bitmaps of used bases and occupied
 * slots; a base whose first child's slot is occupied never fits, so the
 * search goes on from the next free slot for that child. */
static int64_t find_base(const builder *b, const uint32_t *l, size_t m)
{
    uint64_t first = next_free(b, 1); /* the first free slot (0 is the root's) */
    uint64_t base = first > (uint64_t)l[0] + 1 ? first - l[0] : 1;
    for (;; base += 64) {
        base = next_free(b, base + l[0]) - l[0];
        uint64_t fit = ~bits64(b->used, b->size, base);
        for (size_t i = 0; i < m && fit; i++)
            fit &= ~bits64(b->occ, b->size, base + l[i]);
        if (fit)
            return (int64_t)(base + (uint64_t)__builtin_ctzll(fit));
    }
}

static uint32_t entry_value(const builder *b, const entry *e)
{
    uint32_t cost;
    if (e->freq == 0) {
        cost = MB_DICT_COST_DELETED;
    } else {
        double c = (log((double)b->total) - log((double)e->freq)) * MB_DICT_COST_SCALE;
        cost = c <= 0 ? 0 : c >= MB_DICT_COST_MAX ? MB_DICT_COST_MAX : (uint32_t)llround(c);
    }
    uint32_t tag = e->tag >= 0 ? (uint32_t)e->tag : 0; /* tag 0 is "x" */
    return (tag + 1) << 24 | cost;
}

/* A trie node still to place: the words order[lo..hi) share their first
 * depth char ids, and unit s is their node; w weighs it (the frequencies of
 * its words). */
typedef struct pending {
    size_t lo, hi;
    uint32_t depth, s;
    uint64_t w;
} pending;

static void heap_push(pending *h, size_t *n, pending p)
{
    size_t i = (*n)++;
    while (i > 0) {
        size_t up = (i - 1) / 2;
        if (h[up].w >= p.w)
            break;
        h[i] = h[up];
        i = up;
    }
    h[i] = p;
}

static pending heap_pop(pending *h, size_t *n)
{
    pending top = h[0], last = h[--*n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n && h[c + 1].w > h[c].w)
            c++;
        if (h[c].w <= last.w)
            break;
        h[i] = h[c];
        i = c;
    }
    if (*n)
        h[i] = last;
    return top;
}

/* Place the trie's nodes heaviest first (the weight of a node: the
 * frequencies of the words under it): the nodes a text's walks visit most
 * take the free slots nearest the start of the array, side by side, so the
 * walks touch fewer cache lines. cum[i] is the frequency of order[0..i). */
static mb_status build_trie(builder *b, const uint32_t *order, const uint64_t *cum, size_t n)
{
    size_t qcap = 1024, nq = 0;
    pending *q = malloc(qcap * sizeof *q);
    if (!q)
        return nomem(b);
    heap_push(q, &nq, (pending){0, n, 0, 0, cum[n]});
    mb_status st = MB_OK;
    while (nq && !st) {
        pending p = heap_pop(q, &nq);
        size_t lo = p.lo, hi = p.hi;
        if (lo < hi && b->e[order[lo]].nids == p.depth)
            b->dvalue[p.s] = entry_value(b, &b->e[order[lo++]]);
        if (lo == hi)
            continue;
        b->nlabels = 0;
        uint32_t last = 0;
        for (size_t i = lo; i < hi; i++) {
            uint32_t c = b->ids[b->e[order[i]].idoff + p.depth];
            if (c != last) {
                if (b->nlabels == b->lcap) {
                    size_t cap = b->lcap ? b->lcap * 2 : 1024;
                    uint32_t *nl = realloc(b->labels, cap * sizeof *nl);
                    if (!nl) {
                        st = nomem(b);
                        break;
                    }
                    b->labels = nl;
                    b->lcap = cap;
                }
                b->labels[b->nlabels++] = c;
                last = c;
            }
        }
        if (st)
            break;
        size_t m = b->nlabels;
        int64_t base = find_base(b, b->labels, m);
        if ((st = grow(b, (size_t)(base + b->labels[m - 1]) + 1)))
            break;
        b->dbase[p.s] = (int32_t)base;
        b->used[(uint64_t)base >> 6] |= (uint64_t)1 << ((uint64_t)base & 63);
        for (size_t j = 0; j < m; j++)
            take(b, (size_t)(base + b->labels[j]), p.s);
        if (nq + m > qcap) {
            size_t cap = qcap;
            while (nq + m > cap)
                cap *= 2;
            pending *nq2 = realloc(q, cap * sizeof *nq2);
            if (!nq2) {
                st = nomem(b);
                break;
            }
            q = nq2;
            qcap = cap;
        }
        size_t i = lo;
        for (size_t j = 0; j < m; j++) {
            uint32_t c = b->labels[j];
            size_t start = i;
            while (i < hi && b->ids[b->e[order[i]].idoff + p.depth] == c)
                i++;
            heap_push(q, &nq, (pending){start, i, p.depth + 1, (uint32_t)(base + c), cum[i] - cum[start]});
        }
    }
    free(q);
    return st;
}

typedef struct sortkey {
    const uint32_t *ids;
    uint32_t n, entry;
} sortkey;

static int cmp_ids(const void *pa, const void *pb)
{
    const sortkey *a = pa, *c = pb;
    uint32_t n = a->n < c->n ? a->n : c->n;
    for (uint32_t i = 0; i < n; i++)
        if (a->ids[i] != c->ids[i])
            return a->ids[i] < c->ids[i] ? -1 : 1;
    return a->n < c->n ? -1 : a->n > c->n;
}

typedef struct cpcount {
    uint32_t cp;
    uint64_t n;
} cpcount;

static int cmp_count(const void *pa, const void *pb)
{
    const cpcount *a = pa, *c = pb;
    if (a->n != c->n)
        return a->n > c->n ? -1 : 1;
    return a->cp < c->cp ? -1 : a->cp > c->cp;
}

static size_t pad8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static mb_status write_image(builder *b, unsigned char **img, size_t *n)
{
    int overlay = b->base != NULL;
    /* kept entries */
    uint32_t *order = malloc((b->ne ? b->ne : 1) * sizeof *order);
    uint32_t *cpid = calloc(0x110000, sizeof *cpid);
    uint64_t *cpw = calloc(0x110000, sizeof *cpw), *cum = NULL;
    cpcount *cc = NULL;
    sortkey *keys = NULL;
    unsigned char *out = NULL, *leximg = NULL;
    size_t lexlen = 0, ixlen = 0;
    mb_status st = mb_lexrows_image(&b->lex, &leximg, &lexlen, &ixlen, b->err);
    if (st)
        goto done;
    if (!order || !cpid || !cpw) {
        st = nomem(b);
        goto done;
    }
    size_t nkeep = 0, nchars_total = 0;
    uint32_t nwords = 0;
    for (size_t k = 0; k < b->ne; k++)
        if (b->e[k].freq > 0 || overlay) {
            order[nkeep++] = (uint32_t)k;
            nwords += b->e[k].freq > 0;
            nchars_total += b->e[k].wlen;
        }
    /* count characters; the smallest ids go to the characters of the most
     * frequent words (the sum of their frequencies), so a text's walks,
     * base + id, stay near each node's first children */
    size_t ndistinct = 0;
    for (size_t k = 0; k < nkeep; k++) {
        const entry *e = &b->e[order[k]];
        for (size_t i = 0; i < e->wlen;) {
            int32_t cp;
            i += (size_t)mb_utf8_decode((const unsigned char *)b->arena + e->woff + i, e->wlen - i, &cp);
            if (!cpid[cp]++)
                ndistinct++;
            cpw[cp] += e->freq + 1;
        }
    }
    if (ndistinct > 0xFFFE) {
        st = mb_error_set(b->err, MB_EDICT, "more than %u distinct characters", 0xFFFE);
        goto done;
    }
    cc = malloc((ndistinct ? ndistinct : 1) * sizeof *cc);
    if (!cc) {
        st = nomem(b);
        goto done;
    }
    size_t nc = 0;
    for (uint32_t cp = 0; cp < 0x110000; cp++)
        if (cpid[cp]) {
            cc[nc].cp = cp;
            cc[nc++].n = cpw[cp];
        }
    qsort(cc, nc, sizeof *cc, cmp_count);
    for (size_t i = 0; i < nc; i++)
        cpid[cc[i].cp] = (uint32_t)(i + 1);
    /* pages */
    uint16_t pageof[MB_DICT_NPAGEIDX];
    memset(pageof, 0, sizeof pageof);
    uint32_t npages = 1;
    for (size_t i = 0; i < nc; i++) {
        uint32_t pg = cc[i].cp >> 8;
        if (!pageof[pg])
            pageof[pg] = (uint16_t)npages++;
    }
    /* char id sequences */
    b->ids = malloc((nchars_total ? nchars_total : 1) * sizeof *b->ids);
    if (!b->ids) {
        st = nomem(b);
        goto done;
    }
    for (size_t k = 0; k < nkeep; k++) {
        entry *e = &b->e[order[k]];
        e->idoff = (uint32_t)b->nid;
        e->nids = 0;
        for (size_t i = 0; i < e->wlen;) {
            int32_t cp;
            i += (size_t)mb_utf8_decode((const unsigned char *)b->arena + e->woff + i, e->wlen - i, &cp);
            b->ids[b->nid++] = cpid[cp];
            e->nids++;
        }
    }
    keys = malloc((nkeep ? nkeep : 1) * sizeof *keys);
    if (!keys) {
        st = nomem(b);
        goto done;
    }
    for (size_t k = 0; k < nkeep; k++) {
        const entry *e = &b->e[order[k]];
        keys[k] = (sortkey){b->ids + e->idoff, e->nids, order[k]};
    }
    qsort(keys, nkeep, sizeof *keys, cmp_ids);
    for (size_t k = 0; k < nkeep; k++)
        order[k] = keys[k].entry;
    /* costs */
    if (overlay) {
        b->total = b->base->total;
        b->unk_cost = b->base->unk_cost;
    } else {
        b->total = 0;
        for (size_t k = 0; k < nkeep; k++)
            b->total += b->e[order[k]].freq;
        if (b->total == 0)
            b->total = 1;
        double c = log((double)b->total) * MB_DICT_COST_SCALE;
        b->unk_cost = c >= MB_DICT_COST_MAX ? MB_DICT_COST_MAX : (uint32_t)llround(c);
    }
    if ((st = grow(b, 1)))
        goto done;
    take(b, 0, FREE_SLOT);
    cum = malloc((nkeep + 1) * sizeof *cum);
    if (!cum) {
        st = nomem(b);
        goto done;
    }
    cum[0] = 0;
    for (size_t k = 0; k < nkeep; k++)
        cum[k + 1] = cum[k] + b->e[order[k]].freq + 1;
    if ((st = build_trie(b, order, cum, nkeep)))
        goto done;
    /* layout */
    size_t tags_len = 0;
    for (uint32_t i = 0; i < b->ntags; i++)
        tags_len += strlen(b->tags[i]) + 1;
    size_t nunits = b->used_end;
    if (nunits > MB_DICT_MAX_UNITS) {
        st = mb_error_set(b->err, MB_EDICT, "the trie needs %zu units, more than the format's %u", nunits,
                          MB_DICT_MAX_UNITS);
        goto done;
    }
    size_t off[MB_DICT_NSECTIONS], sz[MB_DICT_NSECTIONS] = {[MB_DICT_SEC_PAGEIDX] = 2 * MB_DICT_NPAGEIDX,
                                                            [MB_DICT_SEC_PAGES] = 512 * (size_t)npages,
                                                            [MB_DICT_SEC_UNITS] = MB_DICT_UNIT_SIZE * nunits,
                                                            [MB_DICT_SEC_UTAGS] = nunits,
                                                            [MB_DICT_SEC_TAGS] = tags_len,
                                                            [MB_DICT_SEC_LEXICON] = lexlen,
                                                            [MB_DICT_SEC_LEXINDEX] = ixlen};
    size_t at = MB_DICT_HEADER_SIZE;
    for (unsigned i = 0; i < MB_DICT_NSECTIONS; i++) {
        off[i] = at;
        at = pad8(at + sz[i]);
    }
    out = calloc(1, at);
    if (!out) {
        st = nomem(b);
        goto done;
    }
    memcpy(out, MB_DICT_MAGIC, 8);
    mb_st32(out + 8, MB_DICT_VERSION);
    mb_st32(out + 12, MB_DICT_BOM);
    mb_st32(out + 16, MB_DICT_HEADER_SIZE);
    mb_st32(out + 20, MB_DICT_NSECTIONS);
    mb_st64(out + 24, at);
    mb_st64(out + 40, b->total);
    mb_st32(out + 48, nwords);
    mb_st32(out + 52, (uint32_t)nc);
    mb_st32(out + 56, b->unk_cost);
    mb_st32(out + 60, overlay ? MB_DICT_FLAG_OVERLAY : 0);
    for (unsigned i = 0; i < MB_DICT_NSECTIONS; i++) {
        mb_st64(out + 64 + 16 * i, off[i]);
        mb_st64(out + 72 + 16 * i, sz[i]);
    }
    for (uint32_t pg = 0; pg < MB_DICT_NPAGEIDX; pg++)
        mb_st16(out + off[0] + 2 * pg, pageof[pg]);
    for (size_t i = 0; i < nc; i++) {
        uint32_t cp = cc[i].cp;
        mb_st16(out + off[1] + 512 * (size_t)pageof[cp >> 8] + 2 * (cp & 255), (uint16_t)(i + 1));
    }
    for (size_t s = 0; s < nunits; s++) {
        uint64_t label = 0, w = 0;
        if (s > 0 && b->dcheck[s] != FREE_SLOT)
            label = (uint64_t)(s - (size_t)b->dbase[b->dcheck[s]]); /* the child's char id, 1..0xFFFE */
        uint32_t v = b->dvalue[s];
        if (v) {
            uint32_t cost = v & 0xFFFFFF;
            w = cost == MB_DICT_COST_DELETED ? MB_DICT_W_DELETED : cost + 1;
            out[off[MB_DICT_SEC_UTAGS] + s] = (unsigned char)(v >> 24);
        }
        mb_st64(out + off[MB_DICT_SEC_UNITS] + MB_DICT_UNIT_SIZE * s,
                (uint64_t)b->dbase[s] | label << MB_DICT_LABEL_SHIFT | w << MB_DICT_WORD_SHIFT);
    }
    size_t tp = off[MB_DICT_SEC_TAGS];
    for (uint32_t i = 0; i < b->ntags; i++) {
        size_t l = strlen(b->tags[i]) + 1;
        memcpy(out + tp, b->tags[i], l);
        tp += l;
    }
    /* the index right after the rows (its rows point back into them) */
    memcpy(out + off[MB_DICT_SEC_LEXICON], leximg, lexlen + ixlen);
    mb_dict_seal(out, at);
    *img = out;
    *n = at;
    out = NULL;
done:
    free(out);
    free(leximg);
    free(order);
    free(cum);
    free(cpid);
    free(cpw);
    free(cc);
    free(keys);
    return st;
}

mb_status mb_dict_build(const char *const *paths, size_t npaths, const char *const *lexicons, size_t nlex,
                        const mb_dict *base, unsigned char **img, size_t *n, mb_error *err)
{
    *img = NULL;
    *n = 0;
    builder b;
    memset(&b, 0, sizeof b);
    b.base = base;
    b.err = err;
    b.running_total = base ? base->total : 0;
    int32_t x;
    mb_status st = rehash(&b);
    if (!st)
        st = intern_tag(&b, "x", 1, &x); /* tag 0: words without a tag */
    for (size_t i = 0; i < npaths && !st; i++)
        st = parse_file(&b, paths[i]);
    for (size_t i = 0; i < nlex && !st; i++)
        st = mb_lexrows_read(&b.lex, lexicons[i], err);
    if (!st)
        st = write_image(&b, img, n);
    builder_free(&b);
    return st;
}

mb_status mb_dict_compile(const char *out_path, const char *base, const char *const *sources, size_t nsources,
                          mb_error *err)
{
    return mb_dict_compile_lexicon(out_path, base, sources, nsources, NULL, 0, err);
}

mb_status mb_dict_compile_lexicon(const char *out_path, const char *base, const char *const *sources,
                                  size_t nsources, const char *const *lexicons, size_t nlex, mb_error *err)
{
    if (!out_path)
        return mb_error_set(err, MB_EARG, "dictionary compiler: no output file");
    const char **paths = malloc((nsources + 1) * sizeof *paths);
    if (!paths)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    size_t np = 0;
    if (base)
        paths[np++] = base;
    for (size_t i = 0; i < nsources; i++)
        paths[np++] = sources[i];
    unsigned char *img;
    size_t n;
    mb_status st = mb_dict_build(paths, np, lexicons, nlex, NULL, &img, &n, err);
    free(paths);
    if (st)
        return st;
    size_t tl = strlen(out_path) + 32;
    char *tmp = malloc(tl);
    if (!tmp) {
        free(img);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    snprintf(tmp, tl, "%s.tmp%ld", out_path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        st = mb_error_set(err, MB_EIO, "%s: cannot create: %s", tmp, strerror(errno));
    } else {
        size_t w = fwrite(img, 1, n, f);
        int bad = w != n || fflush(f) != 0;
        if (fclose(f) != 0 || bad)
            st = mb_error_set(err, MB_EIO, "%s: write error", tmp);
        else if (rename(tmp, out_path) != 0)
            st = mb_error_set(err, MB_EIO, "%s: cannot rename to %s: %s", tmp, out_path, strerror(errno));
        if (st)
            remove(tmp);
    }
    free(tmp);
    free(img);
    return st;
}

mb_status mb_dict_load_user(const mb_dict *base, const char *const *paths, size_t npaths, mb_dict **out,
                            mb_error *err)
{
    *out = NULL;
    if (!base)
        return mb_error_set(err, MB_EARG, "user dictionary: no base dictionary");
    unsigned char *img;
    size_t n;
    mb_status st = mb_dict_build(paths, npaths, NULL, 0, base, &img, &n, err);
    if (st)
        return st;
    return mb_dict_adopt(npaths ? paths[0] : "user dictionary", img, n, out, err);
}
