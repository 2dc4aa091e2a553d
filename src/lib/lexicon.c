/* lexicon.c — lexicon classes, text rows, the compiled section, the
 * runtime index and pattern assembly (see lexicon.h). */
#include "lexicon.h"

#include "strbuf.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the classes: the one table (README "Lexicon" documents it) ---- */

typedef struct lexclass {
    const char *name;
    const char *items; /* space-separated flags and keys (ending in '=') */
    const char *what;
} lexclass;

static const lexclass classes[MB_LX_NCLASSES] = {
#define MB_LEX_ROW(id, name, items, what) {name, items, what},
    MB_LEX_CLASSES(MB_LEX_ROW)
#undef MB_LEX_ROW
};

const char *mb_lex_class_name(mb_lexclass cls)
{
    return (unsigned)cls < MB_LX_NCLASSES ? classes[cls].name : NULL;
}

int mb_lex_class_find(const char *name, size_t n)
{
    for (int i = 0; i < MB_LX_NCLASSES; i++)
        if (strlen(classes[i].name) == n && !memcmp(classes[i].name, name, n))
            return i;
    return -1;
}

/* The position of item name[0..n) (key: a key, name=...) among the
 * class's declared items, counting flags only (for the flag bit) in *bit;
 * -1 when the class does not declare it. For a key, *spec gets what its
 * value may be (lexicon.h), *specn its length. */
static int class_item(int cls, const char *name, size_t n, int key, int *bit, const char **spec,
                      size_t *specn)
{
    const char *p = classes[cls].items;
    int k = 0, flagk = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        if (q == p)
            break;
        const char *eq = memchr(p, '=', (size_t)(q - p));
        int is_key = eq != NULL;
        size_t l = (size_t)((is_key ? eq : q) - p);
        if (is_key == key && l == n && !memcmp(p, name, n)) {
            if (bit)
                *bit = flagk;
            if (spec) {
                *spec = is_key ? eq + 1 : q;
                *specn = (size_t)(q - *spec);
            }
            return k;
        }
        flagk += !is_key;
        k++;
        p = q;
    }
    return -1;
}

/* 1 if s[0..n) is an integer (optional sign). */
static int is_int(const char *s, size_t n)
{
    size_t i = n && (s[0] == '-' || s[0] == '+');
    if (i == n)
        return 0;
    for (; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* 1 if value v[0..n) fits the spec of its key (see lexicon.h). */
static int value_fits(const char *spec, size_t sn, const char *v, size_t n)
{
    if (sn == 0)
        return 1;
    if (sn == 1 && spec[0] == '#')
        return is_int(v, n);
    if (sn == 3 && !memcmp(spec, "#-#", 3)) {
        for (size_t i = 1; i < n; i++)
            if (v[i] == '-' && is_int(v, i) && is_int(v + i + 1, n - i - 1))
                return 1;
        return 0;
    }
    if (sn == 1 && spec[0] == '%') {
        char buf[64];
        if (n == 0 || n >= sizeof buf)
            return 0;
        memcpy(buf, v, n);
        buf[n] = '\0';
        char *e;
        strtod(buf, &e);
        return *e == '\0';
    }
    for (size_t a = 0; a <= sn;) { /* one of v1|v2|... */
        size_t b = a;
        while (b < sn && spec[b] != '|')
            b++;
        if (b - a == n && !memcmp(spec + a, v, n))
            return 1;
        a = b + 1;
    }
    return 0;
}

/* class_item, remembering the last answers: the rows of a class name the
 * same few items over and over */
typedef struct item_memo {
    struct {
        int cls, key, bit, k;
        size_t n, specn;
        const char *spec;
        char name[24];
    } e[8];
    unsigned next;
} item_memo;

static int class_item_memo(item_memo *m, int cls, const char *name, size_t n, int key, int *bit,
                           const char **spec, size_t *specn)
{
    for (unsigned i = 0; m && i < 8; i++)
        if (m->e[i].n == n && m->e[i].cls == cls && m->e[i].key == key && !memcmp(m->e[i].name, name, n)) {
            if (bit)
                *bit = m->e[i].bit;
            if (spec) {
                *spec = m->e[i].spec;
                *specn = m->e[i].specn;
            }
            return m->e[i].k;
        }
    int b = 0;
    const char *sp = NULL;
    size_t sn = 0;
    int k = class_item(cls, name, n, key, &b, &sp, &sn);
    if (m && k >= 0 && n > 0 && n < sizeof m->e[0].name) {
        unsigned i = m->next++ % 8;
        m->e[i].cls = cls, m->e[i].key = key, m->e[i].bit = b, m->e[i].k = k;
        m->e[i].n = n, m->e[i].spec = sp, m->e[i].specn = sn;
        memcpy(m->e[i].name, name, n);
    }
    if (bit)
        *bit = b;
    if (spec) {
        *spec = sp;
        *specn = sn;
    }
    return k;
}

/* Check the items of a row of class cls; the flag bits in *flags. On an
 * error, a message (without location) in msg. memo may be NULL. */
static int check_items(item_memo *memo, int cls, const char *s, size_t n, unsigned *flags, char *msg,
                       size_t msz)
{
    *flags = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ',')
            j++;
        if (j == i) {
            snprintf(msg, msz, "empty item in '%.*s'", (int)n, s);
            return 0;
        }
        const char *eq = memchr(s + i, '=', j - i);
        int bit = 0;
        if (eq) {
            size_t kl = (size_t)(eq - (s + i));
            const char *spec;
            size_t sn;
            if (kl == 0 || class_item_memo(memo, cls, s + i, kl, 1, NULL, &spec, &sn) < 0) {
                snprintf(msg, msz, "class %s has no key '%.*s' (it takes: %s)", classes[cls].name, (int)kl,
                         s + i, *classes[cls].items ? classes[cls].items : "nothing");
                return 0;
            }
            if (eq + 1 == s + j) {
                snprintf(msg, msz, "empty value for key '%.*s'", (int)kl, s + i);
                return 0;
            }
            size_t vn = (size_t)(s + j - (eq + 1));
            if (!value_fits(spec, sn, eq + 1, vn)) {
                snprintf(msg, msz, "class %s: %.*s=%.*s is not %s%.*s", classes[cls].name, (int)kl, s + i,
                         (int)vn, eq + 1,
                         sn == 1 && spec[0] == '#'   ? "an integer"
                         : sn == 3 && spec[0] == '#' ? "FROM-TO (two integers)"
                         : sn == 1 && spec[0] == '%' ? "a number"
                                                     : "one of ",
                         (sn == 1 || (sn == 3 && spec[0] == '#')) ? 0 : (int)sn, spec);
                return 0;
            }
        } else {
            if (class_item_memo(memo, cls, s + i, j - i, 0, &bit, NULL, NULL) < 0) {
                snprintf(msg, msz, "class %s has no flag '%.*s' (it takes: %s)", classes[cls].name,
                         (int)(j - i), s + i, *classes[cls].items ? classes[cls].items : "nothing");
                return 0;
            }
            *flags |= 1u << bit;
        }
        i = j + 1;
        if (j + 1 == n) {
            snprintf(msg, msz, "empty item at the end of '%.*s'", (int)n, s);
            return 0;
        }
    }
    return 1;
}

/* Check a word: non-empty, valid UTF-8, no control characters, no space
 * at either end, at most MB_DICT_MAX_WORD_BYTES bytes. */
static int check_word(const char *w, size_t n, char *msg, size_t msz)
{
    if (n == 0) {
        snprintf(msg, msz, "empty word");
        return 0;
    }
    if (n > MB_DICT_MAX_WORD_BYTES) {
        snprintf(msg, msz, "word longer than %u bytes", MB_DICT_MAX_WORD_BYTES);
        return 0;
    }
    if (w[0] == ' ' || w[n - 1] == ' ') {
        snprintf(msg, msz, "space at the start or end of the word '%.*s'", (int)n, w);
        return 0;
    }
    const unsigned char *u = (const unsigned char *)w;
    for (size_t i = 0; i < n;) {
        /* the 3-byte characters of Chinese text: always valid, never a
         * control */
        if (mb_utf8_plain3(u + i, n - i)) {
            i += 3;
            continue;
        }
        int32_t cp;
        int k = mb_utf8_decode(u + i, n - i, &cp);
        if (k < 0) {
            snprintf(msg, msz, "invalid UTF-8 in the word");
            return 0;
        }
        if (cp < 0x20 || cp == 0x7f) {
            snprintf(msg, msz, "control character in the word");
            return 0;
        }
        i += (size_t)k;
    }
    return 1;
}

/* ---- text rows ---- */

void mb_lexrows_free(mb_lexrows *rows)
{
    if (!rows)
        return;
    for (size_t i = 0; i < rows->n; i++) {
        free(rows->v[i].word);
        free(rows->v[i].items);
    }
    free(rows->v);
    memset(rows, 0, sizeof *rows);
}

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static uint64_t hash_word(int cls, const char *s, size_t n);

/* A hash table over rows (open addressing by hash_word; a slot holds a row
 * number + 1): the row of a class and word, in constant time, for the
 * reader's duplicate check and the merge of user rows. */
typedef struct rowtab {
    size_t *t;
    size_t size; /* a power of two, more than twice the rows */
} rowtab;

static void rowtab_put(rowtab *rt, const mb_lexrows *rows, size_t i)
{
    const mb_lexrow *r = &rows->v[i];
    size_t s = hash_word(r->cls, r->word, strlen(r->word)) & (rt->size - 1);
    while (rt->t[s])
        s = (s + 1) & (rt->size - 1);
    rt->t[s] = i + 1;
}

/* Index rows[0..rows->n) afresh, in a table sized for them (0: out of
 * memory, the old table kept). */
static int rowtab_build(rowtab *rt, const mb_lexrows *rows)
{
    size_t size = 64;
    while (size < 2 * rows->n + 2)
        size *= 2;
    size_t *t = calloc(size, sizeof *t);
    if (!t)
        return 0;
    free(rt->t);
    rt->t = t;
    rt->size = size;
    for (size_t i = 0; i < rows->n; i++)
        rowtab_put(rt, rows, i);
    return 1;
}

/* Index the last row of rows, just added, growing the table as needed (0:
 * out of memory). */
static int rowtab_add(rowtab *rt, const mb_lexrows *rows)
{
    if (2 * rows->n + 2 > rt->size)
        return rowtab_build(rt, rows);
    rowtab_put(rt, rows, rows->n - 1);
    return 1;
}

/* The row of class cls and word w[0..wl) in rows, or NULL. */
static mb_lexrow *rowtab_find(const rowtab *rt, const mb_lexrows *rows, int cls, const char *w, size_t wl)
{
    for (size_t s = hash_word(cls, w, wl) & (rt->size - 1); rt->t[s]; s = (s + 1) & (rt->size - 1)) {
        mb_lexrow *r = &rows->v[rt->t[s] - 1];
        if (r->cls == cls && strlen(r->word) == wl && !memcmp(r->word, w, wl))
            return r;
    }
    return NULL;
}

mb_status mb_lexrows_read(mb_lexrows *rows, const char *path, mb_error *err)
{
    char *buf;
    size_t n;
    mb_status st = mb_strbuf_read_file(path, &buf, &n, err);
    if (st)
        return st;
    /* the rows already read (an earlier file's) and this file's, to find
     * a duplicate */
    rowtab seen = {0};
    if (!rowtab_build(&seen, rows)) {
        free(buf);
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", path);
    }
    mb_lines it;
    mb_lines_init(&it, buf, n);
    const char *line;
    size_t len, at;
    char msg[300];
    while (!st && mb_lines_next(&it, &line, &len, &at)) {
        size_t lineno = it.lineno;
        if (len == 0 || line[0] == '#')
            continue;
        if (memchr(line, '\0', len)) {
            st = mb_error_set(err, MB_EDICT, "%s:%zu: NUL byte: not a lexicon file", path, lineno);
            break;
        }
        const char *f[4];
        size_t fl[4], nf = 0;
        for (size_t a = 0; a <= len && nf < 4;) {
            size_t b = a;
            while (b < len && line[b] != '\t')
                b++;
            f[nf] = line + a;
            fl[nf++] = b - a;
            a = b + 1;
            if (b == len)
                break;
        }
        int more = nf == 4;
        if (nf < 2 || more || fl[1] == 0 || (nf == 3 && fl[2] == 0)) {
            st = mb_error_set(err, MB_EDICT, "%s:%zu: malformed line: expected word<TAB>class[<TAB>items]",
                              path, lineno);
            break;
        }
        if (!check_word(f[0], fl[0], msg, sizeof msg)) {
            st = mb_error_set(err, MB_EDICT, "%s:%zu: %s", path, lineno, msg);
            break;
        }
        int cls = mb_lex_class_find(f[1], fl[1]);
        if (cls < 0) {
            st = mb_error_set(err, MB_EDICT, "%s:%zu: unknown class '%.*s'", path, lineno, (int)fl[1], f[1]);
            break;
        }
        unsigned flags = 0;
        if (nf == 3 && !check_items(NULL, cls, f[2], fl[2], &flags, msg, sizeof msg)) {
            st = mb_error_set(err, MB_EDICT, "%s:%zu: %s", path, lineno, msg);
            break;
        }
        if (rowtab_find(&seen, rows, cls, f[0], fl[0])) {
            st = mb_error_set(err, MB_EDICT, "%s:%zu: duplicate: '%.*s' is already a word of class %s", path,
                              lineno, (int)fl[0], f[0], classes[cls].name);
            break;
        }
        if (rows->n == rows->cap) {
            size_t cap = rows->cap ? rows->cap * 2 : 256;
            mb_lexrow *nv = realloc(rows->v, cap * sizeof *nv);
            if (!nv) {
                st = mb_error_set(err, MB_ENOMEM, "%s: out of memory", path);
                break;
            }
            rows->v = nv;
            rows->cap = cap;
        }
        mb_lexrow *r = &rows->v[rows->n];
        r->cls = cls;
        r->flags = flags;
        r->word = dupn(f[0], fl[0]);
        r->items = dupn(nf == 3 ? f[2] : "", nf == 3 ? fl[2] : 0);
        if (!r->word || !r->items) {
            free(r->word);
            free(r->items);
            st = mb_error_set(err, MB_ENOMEM, "%s: out of memory", path);
            break;
        }
        rows->n++;
        if (!rowtab_add(&seen, rows)) {
            st = mb_error_set(err, MB_ENOMEM, "%s: out of memory", path);
            break;
        }
    }
    free(seen.t);
    free(buf);
    return st;
}

/* ---- the compiled lexicon: sections 5 and 6 (dict_format.h) ----
 * Section 5: u32 number of rows, u32 the class table's fingerprint, then
 * for each row three NUL-terminated strings: class name, word, items;
 * zero padding to a multiple of 8. Section 6, the index, right after it:
 * the layout of ix_layout below. */

static unsigned word_bits(const unsigned char *u, size_t n);

/* The fingerprint of the class table (every class's name and items, in
 * order) and of the index's layout: an index written against the same
 * table and layout (section 5's header holds this value) is mapped as it
 * is. FNV-1a, 32 bits. */
static uint32_t class_fingerprint(void)
{
    uint32_t h = 2166136261u;
    for (int c = 0; c < MB_LX_NCLASSES; c++)
        for (int k = 0; k < 2; k++)
            for (const char *q = k ? classes[c].items : classes[c].name;; q++) {
                h = (h ^ (unsigned char)*q) * 16777619u;
                if (!*q)
                    break;
            }
    /* the hashes written: this program's; the index: its layout */
    for (const char *q = "hash: poly64 + fmix64; index 2"; *q; q++)
        h = (h ^ (unsigned char)*q) * 16777619u;
    return h;
}

/* The index (section 6). A header of four u32: the number of rows, of hash
 * slots (a power of two), of class lengths (the lens array) and of classes;
 * then, each a fixed size a class: a table of four u32 (where the class's
 * rows start in the two lists, how many, where its lengths start in lens,
 * how many), 256-bit filters of its words' first and last characters'
 * filter bits (char_bit), the byte lengths its words have (a bit each, 0 to
 * MB_DICT_MAX_WORD_BYTES), and the longest word (bytes, 255: 255 or more)
 * starting with a character of each filter bit; then 0x10000 bits of the
 * BMP characters with a t2s row; the key filter, IX_KEYBITS bits, bit
 * key_bit(hash) set for every row's hash (a probe of a key whose bit is
 * clear finds nothing); the hash slots, a u64 each (0: empty, else
 * the word's hash, upper 32 bits, << 32 | its row + 1; linear probing); the
 * rows (MB_LEXREC_SIZE bytes each, lexicon.h: distance back to the word, to
 * the items, u16 word length, u16 class, u32 flags); two lists of u32 row
 * numbers, class by class: longest first (equal lengths in row order), and
 * in row order; the u16 lengths of each class, longest first; zero
 * padding to 8. Bit k of a bit array is bit k & 7 of its byte k >> 3. */
#define IX_HEAD    16u
#define IX_CTAB    16u
#define IX_FILTER  32u
#define IX_LENBITS ((MB_DICT_MAX_WORD_BYTES / 64 + 1) * 8)
#define IX_T2S     (0x10000u / 8)
/* The key filter: 2^17 bits (16 KB, in the cache where the 256 KB of hash
 * slots are not), one hash: with the 13,823 rows of the build's lexicon
 * about one bit in ten is set, so nine in ten probes of an absent key end
 * here. Most probes are of absent keys: the indicator words ending at a
 * place, tried at every length, find one in nine. Bits 15 to 31 of the
 * hash (the slots take the lowest bits, the tag the upper 32). */
#define IX_KEYBITS (1u << 17)
#define IX_KEYS    (IX_KEYBITS / 8)
#define HASH_TAG   0xFFFFFFFF00000000ull /* the bits of a hash a slot keeps */

typedef struct ixlayout {
    size_t ctab, first, last, lenbits, maxlen, t2s, keys, slots, recs, bycls, inorder, lens, size;
} ixlayout;

static ixlayout ix_layout(size_t nr, size_t nslots, size_t nlens)
{
    ixlayout x;
    size_t at = IX_HEAD;
    x.ctab = at;
    at += MB_LX_NCLASSES * IX_CTAB;
    x.first = at;
    at += MB_LX_NCLASSES * IX_FILTER;
    x.last = at;
    at += MB_LX_NCLASSES * IX_FILTER;
    x.lenbits = at;
    at += MB_LX_NCLASSES * IX_LENBITS;
    x.maxlen = at;
    at += MB_LX_NCLASSES * 256u;
    x.t2s = at;
    at += IX_T2S;
    x.keys = at;
    at += IX_KEYS;
    x.slots = at; /* a multiple of 8: every size above is */
    at += 8 * nslots;
    x.recs = at;
    at += MB_LEXREC_SIZE * nr;
    x.bycls = at;
    at += 4 * nr;
    x.inorder = at;
    at += 4 * nr;
    x.lens = at;
    at += 2 * nlens;
    x.size = (at + 7) & ~(size_t)7;
    return x;
}

static inline void set_bit(unsigned char *b, size_t k)
{
    b[k >> 3] |= (unsigned char)(1u << (k & 7));
}

static inline int get_bit(const unsigned char *b, size_t k)
{
    return b[k >> 3] >> (k & 7) & 1;
}

/* The key filter's bit of a key's hash (IX_KEYBITS). */
static inline size_t key_bit(uint64_t h)
{
    return (size_t)(h >> 15) & (IX_KEYBITS - 1);
}

mb_status mb_lexrows_image(const mb_lexrows *rows, unsigned char **img, size_t *lexlen, size_t *ixlen,
                           mb_error *err)
{
    *img = NULL;
    size_t nr = rows->n, len = 8, nlens = 0;
    size_t ncls[MB_LX_NCLASSES] = {0};
    unsigned char lenb[MB_LX_NCLASSES][IX_LENBITS];
    memset(lenb, 0, sizeof lenb);
    for (size_t i = 0; i < nr; i++) {
        const mb_lexrow *r = &rows->v[i];
        size_t wl = strlen(r->word);
        if (r->cls < 0 || r->cls >= MB_LX_NCLASSES || wl == 0 || wl > MB_DICT_MAX_WORD_BYTES)
            return mb_error_set(err, MB_EDICT, "lexicon: row %zu: a class or word out of range", i);
        len += strlen(classes[r->cls].name) + wl + strlen(r->items) + 3;
        if (!get_bit(lenb[r->cls], wl))
            nlens++;
        set_bit(lenb[r->cls], wl);
        ncls[r->cls]++;
    }
    size_t padded = (len + 7) & ~(size_t)7, nslots = 64;
    while (nslots < 2 * nr + 2)
        nslots *= 2;
    ixlayout x = ix_layout(nr, nslots, nlens);
    if (padded + x.size > UINT32_MAX)
        return mb_error_set(err, MB_EDICT, "lexicon: %zu rows over the 4 GiB a section may hold", nr);
    unsigned char *p = calloc(1, padded + x.size);
    size_t *pos = malloc(MB_LX_NCLASSES * sizeof *pos),
           *at = malloc((MB_DICT_MAX_WORD_BYTES + 1) * sizeof *at);
    if (!p || !pos || !at) {
        free(p);
        free(pos);
        free(at);
        return mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    }
    unsigned char *ix = p + padded;
    mb_st32(p, (uint32_t)nr);
    mb_st32(p + 4, class_fingerprint());
    mb_st32(ix, (uint32_t)nr);
    mb_st32(ix + 4, (uint32_t)nslots);
    mb_st32(ix + 8, (uint32_t)nlens);
    mb_st32(ix + 12, MB_LX_NCLASSES);
    /* the class table, the length bits and lengths (longest first) */
    for (size_t c = 0, start = 0, lstart = 0; c < MB_LX_NCLASSES; c++) {
        unsigned char *ct = ix + x.ctab + IX_CTAB * c;
        size_t k = 0;
        for (size_t l = MB_DICT_MAX_WORD_BYTES; l > 0; l--)
            if (get_bit(lenb[c], l))
                mb_st16(ix + x.lens + 2 * (lstart + k++), (uint16_t)l);
        mb_st32(ct, (uint32_t)start);
        mb_st32(ct + 4, (uint32_t)ncls[c]);
        mb_st32(ct + 8, (uint32_t)lstart);
        mb_st32(ct + 12, (uint32_t)k);
        memcpy(ix + x.lenbits + IX_LENBITS * c, lenb[c], IX_LENBITS);
        pos[c] = start;
        start += ncls[c];
        lstart += k;
    }
    /* the strings, the rows, the filters, the slots, the lists in row order */
    size_t off = 8;
    for (size_t i = 0; i < nr; i++) {
        const mb_lexrow *r = &rows->v[i];
        const char *s[3] = {classes[r->cls].name, r->word, r->items};
        size_t o[3];
        for (int k = 0; k < 3; k++) {
            size_t l = strlen(s[k]) + 1;
            o[k] = off;
            memcpy(p + off, s[k], l);
            off += l;
        }
        size_t wl = o[2] - o[1] - 1, recat = padded + x.recs + MB_LEXREC_SIZE * i;
        unsigned char *rec = p + recat;
        mb_st32(rec, (uint32_t)(recat - o[1]));
        mb_st32(rec + 4, (uint32_t)(recat - o[2]));
        mb_st16(rec + 8, (uint16_t)wl);
        mb_st16(rec + 10, (uint16_t)r->cls);
        mb_st32(rec + 12, r->flags);
        unsigned bits = word_bits((const unsigned char *)r->word, wl), fb = bits & 0xffu;
        set_bit(ix + x.first + IX_FILTER * (size_t)r->cls, fb);
        set_bit(ix + x.last + IX_FILTER * (size_t)r->cls, bits >> 8);
        unsigned char *ml = ix + x.maxlen + 256 * (size_t)r->cls + fb;
        if (*ml < (wl < 255 ? wl : 255))
            *ml = (unsigned char)(wl < 255 ? wl : 255);
        int32_t cp;
        if (r->cls == MB_LX_T2S && mb_utf8_decode((const unsigned char *)r->word, wl, &cp) == (int)wl &&
            cp >= 0 && cp < 0x10000)
            set_bit(ix + x.t2s, (size_t)cp);
        uint64_t h = hash_word(r->cls, r->word, wl);
        size_t sl = h & (nslots - 1);
        while (mb_ld64(ix + x.slots + 8 * sl))
            sl = (sl + 1) & (nslots - 1);
        mb_st64(ix + x.slots + 8 * sl, (h & HASH_TAG) | (uint64_t)(i + 1));
        set_bit(ix + x.keys, key_bit(h));
        mb_st32(ix + x.inorder + 4 * pos[r->cls]++, (uint32_t)i);
    }
    /* longest first, row order among words of one length: a counting sort
     * by length of each class's rows in row order */
    for (size_t c = 0; c < MB_LX_NCLASSES; c++) {
        size_t start = mb_ld32(ix + x.ctab + IX_CTAB * c), m = ncls[c];
        memset(at, 0, (MB_DICT_MAX_WORD_BYTES + 1) * sizeof *at);
        for (size_t i = 0; i < m; i++)
            at[strlen(rows->v[mb_ld32(ix + x.inorder + 4 * (start + i))].word)]++;
        size_t q = start;
        for (size_t l = MB_DICT_MAX_WORD_BYTES + 1; l-- > 0;) {
            size_t k = at[l];
            at[l] = q;
            q += k;
        }
        for (size_t i = 0; i < m; i++) {
            uint32_t row = mb_ld32(ix + x.inorder + 4 * (start + i));
            mb_st32(ix + x.bycls + 4 * at[strlen(rows->v[row].word)]++, row);
        }
    }
    free(pos);
    free(at);
    *img = p;
    *lexlen = padded;
    *ixlen = x.size;
    return MB_OK;
}

/* The next NUL-terminated string of the section at *at; NULL when it runs
 * past the end. */
static const char *next_str(const unsigned char *p, size_t n, size_t *at, size_t *len)
{
    if (*at >= n)
        return NULL;
    const unsigned char *z = memchr(p + *at, '\0', n - *at);
    if (!z)
        return NULL;
    const char *s = (const char *)p + *at;
    *len = (size_t)(z - (p + *at));
    *at += *len + 1;
    return s;
}

/* A row given to a builder: its class, word, items and flags. */
typedef int (*row_fn)(void *ctx, int cls, const char *w, size_t wl, const char *items, size_t il,
                      unsigned flags);

/* Walk section 5 string by string, each row checked as a lexicon file's
 * (a known class name, a valid word, items the class declares), and give
 * each row to fn (may be NULL; a non-zero return: out of memory). */
static mb_status walk_section(const char *name, const unsigned char *p, size_t n, size_t base_off,
                              uint32_t *nrows, row_fn fn, void *ctx, mb_error *err)
{
    if (n < 8 || n % 8 || n > UINT32_MAX) /* (offsets in it are kept in 32 bits) */
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %zu: lexicon section of %zu bytes", name,
                            base_off, n);
    uint32_t nr = mb_ld32(p);
    if (nr > (n - 8) / 3) /* three NULs a row at least */
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %zu: lexicon of %u rows in %zu bytes", name,
                            base_off, nr, n);
    size_t at = 8;
    char msg[300];
    item_memo memo;
    memset(&memo, 0, sizeof memo);
    const char *last_name = NULL; /* rows of a class stand together: the last class found */
    size_t last_len = 0;
    int last_cls = -1;
    for (uint32_t r = 0; r < nr; r++) {
        size_t rowat = at, l[3];
        const char *s[3];
        for (int k = 0; k < 3; k++)
            if (!(s[k] = next_str(p, n, &at, &l[k])))
                return mb_error_set(err, MB_EDICT_CORRUPT,
                                    "%s: byte %zu: lexicon row %u runs past its section", name,
                                    base_off + rowat, r);
        int cls = last_name && l[0] == last_len && !memcmp(s[0], last_name, l[0])
                      ? last_cls
                      : mb_lex_class_find(s[0], l[0]);
        last_name = s[0];
        last_len = l[0];
        last_cls = cls;
        unsigned flags = 0;
        if (cls < 0)
            return mb_error_set(err, MB_EDICT_CORRUPT,
                                "%s: byte %zu: lexicon row %u has the unknown class '%.40s'", name,
                                base_off + rowat, r, s[0]);
        if (!check_word(s[1], l[1], msg, sizeof msg) ||
            (l[2] && !check_items(&memo, cls, s[2], l[2], &flags, msg, sizeof msg)))
            return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %zu: lexicon row %u: %s", name,
                                base_off + rowat, r, msg);
        if (fn && fn(ctx, cls, s[1], l[1], s[2], l[2], flags))
            return mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
    }
    for (; at < n; at++)
        if (p[at])
            return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %zu: bytes after the last lexicon row", name,
                                base_off + at);
    *nrows = nr;
    return MB_OK;
}

/* The check of an index mapped as it is (mb_lex_section_check): what a
 * look-up relies on. The hash slots are bounded where they are read; a
 * wrong hash, filter bit or order can only make a look-up miss or a list
 * misorder, which mb_lex_index_verify finds. */
static int index_check(const unsigned char *p, size_t n, const unsigned char *ix, size_t ixn)
{
    if (ixn < IX_HEAD)
        return 1;
    uint32_t nr = mb_ld32(ix), nslots = mb_ld32(ix + 4), nlens = mb_ld32(ix + 8);
    if (nr != mb_ld32(p) || mb_ld32(ix + 12) != MB_LX_NCLASSES || nslots < 64 || (nslots & (nslots - 1)) ||
        nslots > ixn / 8 || nr > ixn / MB_LEXREC_SIZE || nlens > ixn / 2)
        return 1;
    ixlayout x = ix_layout(nr, nslots, nlens);
    if (x.size != ixn || (nr && (n < 16 || p[n - 1]))) /* a row takes 3 bytes at least */
        return 1;
    const unsigned char *recs = ix + x.recs;
    /* a string at s (from the start of section 5) lies in it past the
     * header when s - 8 <= n - 9, as one unsigned comparison: a distance
     * back past the row's own offset wraps around */
    size_t recat = n + x.recs - 8; /* the row's offset from section 5's start, less 8 */
    for (uint32_t i = 0; i < nr; i++, recat += MB_LEXREC_SIZE) {
        const unsigned char *r = recs + MB_LEXREC_SIZE * (size_t)i;
        size_t w8 = recat - mb_ld32(r), i8 = recat - mb_ld32(r + 4), wl = mb_ld16(r + 8);
        if (w8 > n - 9 || i8 > n - 9 || wl - 1 >= MB_DICT_MAX_WORD_BYTES || w8 + wl > n - 9 ||
            p[w8 + 8 + wl] || mb_ld16(r + 10) >= MB_LX_NCLASSES)
            return 1;
    }
    for (size_t k = 0; k < 2 * (size_t)nr; k++)
        if (mb_ld32(ix + x.bycls + 4 * k) >= nr)
            return 1;
    for (size_t k = 0; k < nlens; k++)
        if (mb_ld16(ix + x.lens + 2 * k) == 0 || mb_ld16(ix + x.lens + 2 * k) > MB_DICT_MAX_WORD_BYTES)
            return 1;
    for (size_t c = 0; c < MB_LX_NCLASSES; c++) {
        const unsigned char *ct = ix + x.ctab + IX_CTAB * c;
        if ((uint64_t)mb_ld32(ct) + mb_ld32(ct + 4) > nr ||
            (uint64_t)mb_ld32(ct + 8) + mb_ld32(ct + 12) > nlens)
            return 1;
    }
    return 0;
}

mb_status mb_lex_section_check(const char *name, const unsigned char *p, size_t n, size_t base_off,
                               const unsigned char *ix, size_t ixn, uint32_t *nrows, int *indexed,
                               mb_error *err)
{
    *indexed = 0;
    if (n >= 8 && n % 8 == 0 && n <= UINT32_MAX && mb_ld32(p + 4) == class_fingerprint()) {
        if (index_check(p, n, ix, ixn))
            return mb_error_set(err, MB_EDICT_CORRUPT,
                                "%s: byte %zu: the lexicon index does not fit the lexicon before it "
                                "(a row, list or length out of bounds)",
                                name, base_off + n);
        *nrows = mb_ld32(p);
        *indexed = 1;
        return MB_OK;
    }
    return walk_section(name, p, n, base_off, nrows, NULL, NULL, err);
}

/* ---- the lexicon ---- */

struct mb_lexicon {
    mb_dict *dict;      /* a reference when the index is the dictionary's, else NULL */
    unsigned char *own; /* else the image built at open (sections 5 and 6), owned */
    uint32_t n;
    size_t slotmask;
    const unsigned char *maxlen, *t2s, *keys, *slots, *recs, *bycls, *inorder, *lens;
    /* copies of the small tables every look-up reads first (7 KB): no
     * pointer to load before them */
    uint32_t nlens[MB_LX_NCLASSES], lstart[MB_LX_NCLASSES], start[MB_LX_NCLASSES], count[MB_LX_NCLASSES];
    unsigned char first[MB_LX_NCLASSES][IX_FILTER], last[MB_LX_NCLASSES][IX_FILTER];
    unsigned char lenbits[MB_LX_NCLASSES][IX_LENBITS];
};

/* Point lex at an index checked (or built) before (its rows reach back
 * into section 5 by themselves). */
static void attach(mb_lexicon *lex, const unsigned char *ix)
{
    ixlayout x = ix_layout(mb_ld32(ix), mb_ld32(ix + 4), mb_ld32(ix + 8));
    lex->n = mb_ld32(ix);
    lex->slotmask = mb_ld32(ix + 4) - 1u;
    for (size_t c = 0; c < MB_LX_NCLASSES; c++) {
        const unsigned char *ct = ix + x.ctab + IX_CTAB * c;
        lex->start[c] = mb_ld32(ct);
        lex->count[c] = mb_ld32(ct + 4);
        lex->lstart[c] = mb_ld32(ct + 8);
        lex->nlens[c] = mb_ld32(ct + 12);
    }
    memcpy(lex->first, ix + x.first, sizeof lex->first);
    memcpy(lex->last, ix + x.last, sizeof lex->last);
    memcpy(lex->lenbits, ix + x.lenbits, sizeof lex->lenbits);
    lex->maxlen = ix + x.maxlen;
    lex->t2s = ix + x.t2s;
    lex->keys = ix + x.keys;
    lex->slots = ix + x.slots;
    lex->recs = ix + x.recs;
    lex->bycls = ix + x.bycls;
    lex->inorder = ix + x.inorder;
    lex->lens = ix + x.lens;
}

void mb_lexicon_free(mb_lexicon *lex)
{
    if (!lex)
        return;
    mb_dict_close(lex->dict);
    free(lex->own);
    free(lex);
}

/* The hash of a (class, word) key: a polynomial over the word's bytes
 * (mod 2^64, base POLY_B), then mixed with the class (poly_key). The
 * polynomial extends by a byte at either end: a prefix's to the next byte
 * (poly_step: times the base, plus the byte), a suffix's to the byte before
 * it (plus the byte times the base to the suffix's length) — so the
 * longest word at a position, and ending at one, hash each length once. */
#define POLY_B 0x9E3779B97F4A7C15ull /* odd */

static inline uint64_t poly_step(uint64_t p, unsigned char b)
{
    return p * POLY_B + b;
}

static inline uint64_t poly_key(int cls, uint64_t p)
{
    uint64_t x = p ^ (uint64_t)(cls + 1) * 0xD6E8FEB86659FD93ull;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

static uint64_t hash_word(int cls, const char *s, size_t n)
{
    uint64_t p = 0;
    for (size_t i = 0; i < n; i++)
        p = poly_step(p, (unsigned char)s[i]);
    return poly_key(cls, p);
}

/* The filter bit of the character at s[0..n) (its UTF-8 bytes): the low 8
 * bits of its code point (the last byte's 6 and 2 of the byte before), with
 * no loop over the bytes. */
static unsigned char_bit(const unsigned char *s, size_t n)
{
    if (n < 2)
        return s[0];
    return (s[n - 1] & 0x3Fu) | (s[n - 2] & 0x03u) << 6;
}

/* The byte length of the UTF-8 character that starts at s[0] / ends at s[n]. */
static size_t first_len(const unsigned char *s, size_t n)
{
    size_t l = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    return l < n ? l : n;
}

static size_t last_len(const unsigned char *s, size_t n)
{
    size_t l = 1;
    while (l < n && l < 4 && (s[n - l] & 0xC0) == 0x80)
        l++;
    return l;
}

/* The filter bits of the word u[0..n) (n >= 1): its first character's, and
 * its last character's << 8. */
static unsigned word_bits(const unsigned char *u, size_t n)
{
    size_t fl = first_len(u, n), ll = last_len(u, n);
    return char_bit(u, fl) | char_bit(u + n - ll, ll) << 8;
}

/* Rows read from a section or user files, before their image is built: a
 * row of the same class and word as one before replaces its items and
 * flags (user rows), found through a hash table of the rows. */
typedef struct collect {
    mb_lexrows rows;
    const unsigned char *keep; /* NULL, or keep[cls]: rows of the classes indexed */
    rowtab tab;                /* tab.t NULL: no merging yet */
} collect;

static int collect_row(void *ctx, int cls, const char *w, size_t wl, const char *items, size_t il,
                       unsigned flags)
{
    collect *c = ctx;
    if (c->keep && !c->keep[cls])
        return 0;
    mb_lexrow *r;
    if (c->tab.t && (r = rowtab_find(&c->tab, &c->rows, cls, w, wl))) { /* a user row: the row it replaces */
        char *ni = dupn(items, il);
        if (!ni)
            return 1;
        free(r->items);
        r->items = ni;
        r->flags = flags;
        return 0;
    }
    if (c->rows.n == c->rows.cap) {
        size_t cap = c->rows.cap ? c->rows.cap * 2 : 512;
        mb_lexrow *nv = realloc(c->rows.v, cap * sizeof *nv);
        if (!nv)
            return 1;
        c->rows.v = nv;
        c->rows.cap = cap;
    }
    r = &c->rows.v[c->rows.n];
    r->cls = cls;
    r->flags = flags;
    r->word = dupn(w, wl);
    r->items = dupn(items, il);
    if (!r->word || !r->items) {
        free(r->word);
        free(r->items);
        return 1;
    }
    c->rows.n++;
    return c->tab.t && !rowtab_add(&c->tab, &c->rows);
}

static mb_status lexicon_open(const mb_dict *dict, const char *const *user, size_t nuser,
                              const unsigned char *keep, mb_lexicon **out, mb_error *err)
{
    if (!out)
        return mb_error_set(err, MB_EARG, "mb_lexicon_open: out is NULL");
    *out = NULL;
    if (!dict)
        return mb_error_set(err, MB_EARG, "mb_lexicon_open: no dictionary");
    mb_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex)
        return mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    if (dict->lexindexed && !nuser) {
        /* the dictionary's index as it is (with every class: a mapped class
         * costs nothing until it is read); the lexicon's reference keeps it
         * (the caller may close the dictionary first) */
        lex->dict = mb_dict_ref(dict);
        attach(lex, dict->lexix);
        *out = lex;
        return MB_OK;
    }
    /* the rows, then the user rows over them, then their index */
    collect c = {0};
    c.keep = keep;
    uint32_t nr;
    mb_status st =
        walk_section(dict->name, dict->lex, dict->lexsize, dict->lexoff, &nr, collect_row, &c, err);
    mb_lexrows urows = {0};
    for (size_t i = 0; i < nuser && !st; i++)
        st = mb_lexrows_read(&urows, user[i], err);
    if (!st && urows.n && !rowtab_build(&c.tab, &c.rows))
        st = mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    for (size_t i = 0; i < urows.n && !st; i++) {
        const mb_lexrow *r = &urows.v[i];
        if (collect_row(&c, r->cls, r->word, strlen(r->word), r->items, strlen(r->items), r->flags))
            st = mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    }
    mb_lexrows_free(&urows);
    size_t lexlen = 0, ixlen = 0;
    if (!st)
        st = mb_lexrows_image(&c.rows, &lex->own, &lexlen, &ixlen, err);
    mb_lexrows_free(&c.rows);
    free(c.tab.t);
    if (st) {
        mb_lexicon_free(lex);
        return st;
    }
    attach(lex, lex->own + lexlen);
    *out = lex;
    return MB_OK;
}

mb_status mb_lex_index_verify(const char *name, const unsigned char *p, size_t n, size_t base_off,
                              const unsigned char *ix, size_t ixn, mb_error *err)
{
    if (n < 8 || mb_ld32(p + 4) != class_fingerprint())
        return MB_OK; /* another class table's index is not read: its rows were checked at open */
    collect c = {0};
    uint32_t nr;
    mb_status st = walk_section(name, p, n, base_off, &nr, collect_row, &c, err);
    unsigned char *img = NULL;
    size_t lexlen = 0, ixlen = 0;
    if (!st)
        st = mb_lexrows_image(&c.rows, &img, &lexlen, &ixlen, err);
    mb_lexrows_free(&c.rows);
    if (!st && (lexlen != n || memcmp(img, p, n)))
        st = mb_error_set(err, MB_EDICT_CORRUPT,
                          "%s: byte %zu: the lexicon's rows were written by another class table", name,
                          base_off);
    if (!st) {
        size_t k = 0;
        while (k < ixn && k < ixlen && img[lexlen + k] == ix[k])
            k++;
        if (k < ixn || k < ixlen)
            st = mb_error_set(err, MB_EDICT_CORRUPT,
                              "%s: byte %zu: the lexicon index differs from the one its rows give", name,
                              base_off + n + k);
    }
    free(img);
    return st;
}

mb_status mb_lexicon_open(const mb_dict *dict, const char *const *user, size_t nuser, mb_lexicon **out,
                          mb_error *err)
{
    return lexicon_open(dict, user, nuser, NULL, out, err);
}

mb_status mb_lexicon_open_classes(const mb_dict *dict, const char *const *user, size_t nuser,
                                  const char *const *cls, size_t ncls, mb_lexicon **out, mb_error *err)
{
    if (out)
        *out = NULL;
    unsigned char keep[MB_LX_NCLASSES] = {0};
    for (size_t i = 0; i < ncls; i++) {
        int c = cls && cls[i] ? mb_lex_class_find(cls[i], strlen(cls[i])) : -1;
        if (c < 0)
            return mb_error_set(err, MB_EARG, "mb_lexicon_open_classes: unknown class '%s'",
                                cls && cls[i] ? cls[i] : "(null)");
        keep[c] = 1;
    }
    return lexicon_open(dict, user, nuser, keep, out, err);
}

size_t mb_lexicon_size(const mb_lexicon *lex)
{
    return lex ? lex->n : 0;
}

int mb_lexicon_row(const mb_lexicon *lex, size_t i, const char **cls, const char **word, const char **items)
{
    if (!lex || i >= lex->n)
        return 0;
    const mb_lexword *w = (const mb_lexword *)(lex->recs + MB_LEXREC_SIZE * i);
    *cls = classes[mb_lexw_cls(w)].name;
    *word = mb_lexw_word(w);
    *items = mb_lexw_items(w);
    return 1;
}

/* ---- look-ups ---- */

/* mb_lex_get with the hash of (cls, w[0..n)) given (hash_word, or the
 * polynomial of a prefix or suffix extended byte by byte, then poly_key).
 * A mapped slot's row is bounded here, and the probe by the table's size. */
static const mb_lexword *get_hashed(const mb_lexicon *lex, mb_lexclass cls, const char *w, size_t n,
                                    uint64_t h)
{
    if (!get_bit(lex->keys, key_bit(h)))
        return NULL; /* no row has a key of this filter bit */
    size_t mask = lex->slotmask, s = h & mask;
    for (size_t probes = 0; probes <= mask; probes++, s = (s + 1) & mask) {
        uint64_t k = mb_ld64(lex->slots + 8 * s);
        if (!k)
            return NULL;
        if ((k & HASH_TAG) != (h & HASH_TAG))
            continue;
        uint32_t row = (uint32_t)k - 1;
        if (row >= lex->n)
            return NULL;
        const mb_lexword *e = (const mb_lexword *)(lex->recs + MB_LEXREC_SIZE * (size_t)row);
        if (mb_lexw_cls(e) == (int)cls && mb_lexw_len(e) == n && !memcmp(mb_lexw_word(e), w, n))
            return e;
    }
    return NULL;
}

/* 1 when a word of cls may start with the character at u[0..n) (n >= 1):
 * its filter bit (in *fb) is set for the class */
static inline int may_start(const mb_lexicon *lex, mb_lexclass cls, const unsigned char *u, size_t n,
                            unsigned *fb)
{
    *fb = char_bit(u, first_len(u, n));
    return get_bit(lex->first[cls], *fb);
}

/* 1 when a word of cls may end with the last character of u[0..n) (n >=
 * 1): its filter bit is set for the class (the filter of the last
 * characters, which mb_lex_longest_at and mb_lex_longest_before share) */
static inline int may_end(const mb_lexicon *lex, mb_lexclass cls, const unsigned char *u, size_t n)
{
    size_t ll = last_len(u, n);
    return get_bit(lex->last[cls], char_bit(u + n - ll, ll));
}

/* 1 when cls has a word of n bytes (1 <= n <= MB_DICT_MAX_WORD_BYTES) */
static inline int has_len(const mb_lexicon *lex, mb_lexclass cls, size_t n)
{
    return get_bit(lex->lenbits[cls], n);
}

/* The number of distinct word lengths of cls, and the i-th, longest first. */
static inline size_t nlens(const mb_lexicon *lex, mb_lexclass cls)
{
    return lex->nlens[cls];
}

static inline size_t len_at(const mb_lexicon *lex, mb_lexclass cls, size_t i)
{
    return mb_ld16(lex->lens + 2 * ((size_t)lex->lstart[cls] + i));
}

const unsigned char *mb_lex_t2s_bitmap(const mb_lexicon *lex)
{
    return lex ? lex->t2s : NULL;
}

const mb_lexword *mb_lex_get(const mb_lexicon *lex, mb_lexclass cls, const char *w, size_t n)
{
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES || n == 0 || n > MB_DICT_MAX_WORD_BYTES)
        return NULL;
    /* most questions are about a token of another length or first
     * character than any word of the class has: no hash for those */
    unsigned fb;
    if (!has_len(lex, cls, n) || !may_start(lex, cls, (const unsigned char *)w, n, &fb))
        return NULL;
    return get_hashed(lex, cls, w, n, hash_word(cls, w, n));
}

/* mb_lex_longest_at once the first character's filter bit fb passed
 * (may_start). */
static const mb_lexword *longest_at(const mb_lexicon *lex, mb_lexclass cls, const char *s, size_t len,
                                    size_t pos, unsigned fb)
{
    size_t nl = nlens(lex, cls);
    if (!nl)
        return NULL;
    const unsigned char *u = (const unsigned char *)s + pos;
    /* the hashes of every prefix, in one pass (hash_word is byte by byte),
     * then the lengths of the class's words, longest first; none longer
     * than the longest word that starts with a character of this filter bit */
    size_t m8 = lex->maxlen[256 * (size_t)cls + fb];
    size_t ml = m8 < 255 ? m8 : len_at(lex, cls, 0);
    size_t max = ml < len - pos ? ml : len - pos;
    uint64_t h[MB_DICT_MAX_WORD_BYTES + 1];
    h[0] = 0;
    for (size_t k = 0; k < max; k++)
        h[k + 1] = poly_step(h[k], u[k]);
    for (size_t i = 0; i < nl; i++) {
        size_t l = len_at(lex, cls, i);
        if (l > max)
            continue;
        /* a probe only where a word of the class may end: a character's
         * end, a last character of the class (the filter of
         * mb_lex_longest_before) */
        if ((pos + l < len && (u[l] & 0xC0) == 0x80) || !may_end(lex, cls, u, l))
            continue;
        const mb_lexword *w = get_hashed(lex, cls, s + pos, l, poly_key(cls, h[l]));
        if (w)
            return w;
    }
    return NULL;
}

const mb_lexword *mb_lex_longest_at(const mb_lexicon *lex, mb_lexclass cls, const char *s, size_t len,
                                    size_t pos)
{
    unsigned fb;
    /* no word starts inside a character (a word is UTF-8, and so is a
     * text): callers that try every byte pay for the characters' starts */
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES || pos >= len || ((unsigned char)s[pos] & 0xC0) == 0x80 ||
        !may_start(lex, cls, (const unsigned char *)s + pos, len - pos, &fb))
        return NULL;
    return longest_at(lex, cls, s, len, pos, fb);
}

const mb_lexword *mb_lex_first_in(const mb_lexicon *lex, mb_lexclass cls, const char *s, size_t a, size_t b,
                                  size_t *pos)
{
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES || !nlens(lex, cls))
        return NULL;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = a; i < b; i++) {
        unsigned fb;
        /* not inside a character, and a character a word of the class starts with */
        if ((u[i] & 0xC0) == 0x80 || !may_start(lex, cls, u + i, b - i, &fb))
            continue;
        const mb_lexword *w = longest_at(lex, cls, s, b, i, fb);
        if (w) {
            if (pos)
                *pos = i;
            return w;
        }
    }
    return NULL;
}

const mb_lexword *mb_lex_longest_before(const mb_lexicon *lex, mb_lexclass cls, const char *s, size_t floor,
                                        size_t pos)
{
    return mb_lex_longest_before_upto(lex, cls, s, floor, pos, SIZE_MAX);
}

const mb_lexword *mb_lex_longest_before_upto(const mb_lexicon *lex, mb_lexclass cls, const char *s,
                                             size_t floor, size_t pos, size_t maxlen)
{
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES || pos <= floor)
        return NULL;
    if (!may_end(lex, cls, (const unsigned char *)s + floor, pos - floor) || !nlens(lex, cls))
        return NULL;
    /* the suffixes ending at pos, shortest first, each hash extended by the
     * byte before it; a probe where a word of the class may start (its
     * length, a character start, a first character of the class); the last
     * word found is the longest */
    size_t l0 = len_at(lex, cls, 0);
    size_t max = l0 < pos - floor ? l0 : pos - floor;
    if (max > maxlen)
        max = maxlen;
    const unsigned char *e = (const unsigned char *)s + pos;
    const mb_lexword *best = NULL;
    uint64_t p = 0, pw = 1;
    for (size_t l = 1; l <= max; l++) {
        const unsigned char *b = e - l;
        p += b[0] * pw;
        pw *= POLY_B;
        unsigned fb;
        if (!has_len(lex, cls, l) || (b[0] & 0xC0) == 0x80 || !may_start(lex, cls, b, l, &fb))
            continue;
        const mb_lexword *w = get_hashed(lex, cls, (const char *)b, l, poly_key(cls, p));
        if (w)
            best = w;
    }
    return best;
}

static mb_lexlist list_of(const mb_lexicon *lex, mb_lexclass cls, int in_order)
{
    mb_lexlist l = {0};
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES)
        return l;
    l.recs = lex->recs;
    l.ix = (in_order ? lex->inorder : lex->bycls) + 4 * (size_t)lex->start[cls];
    l.n = lex->count[cls];
    return l;
}

mb_lexlist mb_lex_words(const mb_lexicon *lex, mb_lexclass cls)
{
    return list_of(lex, cls, 0);
}

mb_lexlist mb_lex_words_in_order(const mb_lexicon *lex, mb_lexclass cls)
{
    return list_of(lex, cls, 1);
}

int mb_lex_flag(const mb_lexword *w, const char *name)
{
    int bit;
    if (!w || !mb_lexw_flags(w) || class_item(mb_lexw_cls(w), name, strlen(name), 0, &bit, NULL, NULL) < 0)
        return 0;
    return (mb_lexw_flags(w) >> bit) & 1u;
}

const char *mb_lex_value(const mb_lexword *w, const char *key, size_t *n)
{
    if (!w)
        return NULL;
    size_t kl = strlen(key);
    for (const char *p = mb_lexw_items(w); *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l > kl && p[kl] == '=' && !memcmp(p, key, kl)) {
            *n = l - kl - 1;
            return p + kl + 1;
        }
        p += l + (e != NULL);
    }
    return NULL;
}

int mb_lex_value_is(const mb_lexword *w, const char *key, const char *v)
{
    size_t n;
    const char *s = mb_lex_value(w, key, &n);
    return s && n == strlen(v) && !memcmp(s, v, n);
}

int mb_lex_value_has_char(const mb_lexword *w, const char *key, const char *ch, size_t n)
{
    size_t sn;
    const char *set = mb_lex_value(w, key, &sn);
    for (size_t i = 0; set && n && i + n <= sn; i += (size_t)mb_utf8_len((unsigned char)set[i]))
        if (!memcmp(set + i, ch, n))
            return 1;
    return 0;
}

/* ---- pattern assembly ---- */

/* s[0..n) escaped for a pattern, inside a character class or outside:
 * the runs between the bytes to escape are added whole. */
static void put_escaped(mb_strbuf *b, const char *s, size_t n, int in_class)
{
    const char *meta = in_class ? "\\]^-[" : "\\^$.|?*+()[]{}/#";
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80 || !strchr(meta, s[i]))
            continue;
        mb_strbuf_add(b, s + run, i - run);
        mb_strbuf_putc(b, '\\');
        run = i;
    }
    mb_strbuf_add(b, s + run, n - run);
}

/* A filter of a placeholder ("key=value", a flag, or empty: all), resolved
 * once for its class: a flag's bit, or the key and value. */
typedef struct lexfilter {
    int all, flagbit; /* flagbit < 0: an unknown flag, no word passes */
    char key[64];
    const char *value; /* NULL: a flag */
    size_t vl;
} lexfilter;

static void filter_init(lexfilter *f, int cls, const char *s, size_t n)
{
    memset(f, 0, sizeof *f);
    f->flagbit = -1;
    if (!n) {
        f->all = 1;
        return;
    }
    const char *eq = memchr(s, '=', n);
    size_t kl = eq ? (size_t)(eq - s) : n;
    if (kl >= sizeof f->key) {
        f->value = eq ? eq : s; /* a key no class has: no word passes */
        f->key[0] = '\0';
        return;
    }
    memcpy(f->key, s, kl);
    f->key[kl] = '\0';
    if (eq) {
        f->value = eq + 1;
        f->vl = n - kl - 1;
    } else if (class_item(cls, s, kl, 0, &f->flagbit, NULL, NULL) < 0)
        f->flagbit = -1;
}

/* 1 when w passes the filter. */
static int pass_filter(const mb_lexword *w, const lexfilter *f)
{
    if (f->all)
        return 1;
    if (!f->value)
        return f->flagbit >= 0 && (mb_lexw_flags(w) >> f->flagbit & 1u);
    size_t n;
    const char *v = f->key[0] ? mb_lex_value(w, f->key, &n) : NULL;
    return v && n == f->vl && !memcmp(v, f->value, n);
}

static void put_alternation(mb_strbuf *b, const mb_lexicon *lex, int cls, const lexfilter *f)
{
    size_t k = 0;
    mb_lexlist ws = mb_lex_words(lex, (mb_lexclass)cls);
    for (size_t i = 0; i < ws.n; i++)
        k += pass_filter(mb_lexlist_at(ws, i), f);
    if (!k) {
        mb_strbuf_puts(b, "(?!)");
        return;
    }
    mb_strbuf_puts(b, "(?:");
    for (size_t i = 0, first = 1; i < ws.n; i++) {
        const mb_lexword *w = mb_lexlist_at(ws, i);
        if (!pass_filter(w, f))
            continue;
        if (!first)
            mb_strbuf_putc(b, '|');
        first = 0;
        size_t pl = 0, nl = 0;
        const char *prev = NULL, *next = NULL;
        if (*mb_lexw_items(w)) {
            prev = mb_lex_value(w, "not_prev", &pl);
            next = mb_lex_value(w, "not_next", &nl);
        }
        if (prev) {
            mb_strbuf_puts(b, "(?<![");
            put_escaped(b, prev, pl, 1);
            mb_strbuf_puts(b, "])");
        }
        put_escaped(b, mb_lexw_word(w), mb_lexw_len(w), 0);
        if (next) {
            mb_strbuf_puts(b, "(?!");
            for (size_t a = 0; a < nl;) {
                size_t e = a;
                while (e < nl && next[e] != '|')
                    e++;
                if (a)
                    mb_strbuf_putc(b, '|');
                put_escaped(b, next + a, e - a, 0);
                a = e + 1;
            }
            mb_strbuf_putc(b, ')');
        }
    }
    mb_strbuf_putc(b, ')');
}

mb_status mb_lex_pattern(const mb_lexicon *lex, const char *tmpl, char **out, mb_error *err)
{
    *out = NULL;
    mb_strbuf b = {0};
    for (const char *p = tmpl; *p;) {
        if (*p != '@') {
            const char *q = strchr(p, '@');
            size_t l = q ? (size_t)(q - p) : strlen(p);
            mb_strbuf_add(&b, p, l);
            p += l;
            continue;
        }
        if (p[1] == '@') {
            mb_strbuf_putc(&b, '@');
            p += 2;
            continue;
        }
        char close = p[1] == '{' ? '}' : p[1] == '[' ? ']' : 0;
        const char *e = close ? strchr(p + 2, close) : NULL;
        const char *slash = e ? memchr(p + 2, '/', (size_t)(e - p - 2)) : NULL;
        const char *filter = slash ? slash + 1 : e;
        size_t fl = e ? (size_t)(e - filter) : 0;
        int cls = e ? mb_lex_class_find(p + 2, (size_t)((slash ? slash : e) - p - 2)) : -1;
        if (cls < 0) {
            mb_strbuf_free(&b);
            return mb_error_set(err, MB_EPATTERN, "pattern template: bad placeholder at '%.30s'", p);
        }
        lexfilter f;
        filter_init(&f, cls, filter, fl);
        if (close == '}') {
            put_alternation(&b, lex, cls, &f);
        } else {
            /* in row order: the class as written */
            mb_lexlist ws = mb_lex_words_in_order(lex, (mb_lexclass)cls);
            for (size_t i = 0; i < ws.n; i++) {
                const mb_lexword *w = mb_lexlist_at(ws, i);
                if (pass_filter(w, &f))
                    put_escaped(&b, mb_lexw_word(w), mb_lexw_len(w), 1);
            }
        }
        p = e + 1;
    }
    size_t n;
    return mb_strbuf_take(&b, out, &n, err);
}
