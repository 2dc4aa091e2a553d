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

mb_status mb_lexrows_read(mb_lexrows *rows, const char *path, mb_error *err)
{
    char *buf;
    size_t n;
    mb_status st = mb_strbuf_read_file(path, &buf, &n, err);
    if (st)
        return st;
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
        for (size_t k = 0; k < rows->n; k++)
            if (rows->v[k].cls == cls && strlen(rows->v[k].word) == fl[0] &&
                !memcmp(rows->v[k].word, f[0], fl[0])) {
                st = mb_error_set(err, MB_EDICT, "%s:%zu: duplicate: '%.*s' is already a word of class %s",
                                  path, lineno, (int)fl[0], f[0], classes[cls].name);
                break;
            }
        if (st)
            break;
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
    }
    free(buf);
    return st;
}

/* ---- the compiled section ----
 * u32 number of rows, u32 the class table's fingerprint, then for each row
 * three NUL-terminated strings: class name, word, items; zero padding to a
 * multiple of 8; then three arrays of a u64 a row (dict_format.h). */

static uint64_t hash_word(int cls, const char *s, size_t n);
static unsigned word_bits(const unsigned char *u, size_t n);

/* The fingerprint of the class table (every class's name and items, in
 * order): a section whose rows' classes and flags were computed against
 * the same table (its header holds this value) need not be checked row by
 * row again. FNV-1a, 32 bits. */
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
    for (const char *q = "hash: poly64 + fmix64"; *q; q++) /* the hashes written: this program's */
        h = (h ^ (unsigned char)*q) * 16777619u;
    return h;
}

mb_status mb_lexrows_image(const mb_lexrows *rows, unsigned char **img, size_t *n, mb_error *err)
{
    size_t len = 8;
    for (size_t i = 0; i < rows->n; i++)
        len += strlen(classes[rows->v[i].cls].name) + strlen(rows->v[i].word) + strlen(rows->v[i].items) + 3;
    size_t padded = (len + 7) & ~(size_t)7, nr = rows->n;
    if (padded + 24 * nr > UINT32_MAX)
        return mb_error_set(err, MB_EDICT, "lexicon: %zu rows over the 4 GiB a section may hold", nr);
    unsigned char *p = calloc(1, padded + 24 * nr);
    if (!p)
        return mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    mb_st32(p, (uint32_t)nr);
    mb_st32(p + 4, class_fingerprint());
    size_t at = 8;
    for (size_t i = 0; i < nr; i++) {
        const mb_lexrow *r = &rows->v[i];
        const char *s[3] = {classes[r->cls].name, r->word, r->items};
        size_t off[3];
        for (int k = 0; k < 3; k++) {
            size_t l = strlen(s[k]) + 1;
            off[k] = at;
            memcpy(p + at, s[k], l);
            at += l;
        }
        size_t wl = off[2] - off[1] - 1;
        mb_st64(p + padded + 8 * i, (uint64_t)r->cls |
                                        (uint64_t)word_bits((const unsigned char *)r->word, wl) << 16 |
                                        (uint64_t)r->flags << 32);
        mb_st64(p + padded + 8 * (nr + i), (uint64_t)off[1] | (uint64_t)off[2] << 32);
        mb_st64(p + padded + 8 * (2 * nr + i), hash_word(r->cls, r->word, wl));
    }
    *img = p;
    *n = padded + 24 * nr;
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

/* A row given to a builder: its class, word, items and flags, and its
 * index in the compiled section (UINT32_MAX: a user row). */
typedef void (*row_fn)(void *ctx, int cls, const char *w, size_t wl, const char *items, size_t il,
                       unsigned flags, uint32_t row);

/* Walk (and check) the rows of a section the slow way, string by string;
 * fn may be NULL. With meta, what the walk found of each row is stored in a
 * malloc'ed buffer laid out as the first two arrays after a section's rows
 * (16 * *nrows bytes: class | flags << 32 of each row, then word offset |
 * items offset << 32 of each), which walk_rows later reads instead of
 * checking and bounding the rows again.
 * When the section was compiled against this class table (its
 * fingerprint), the classes and flags written after the rows are taken:
 * a row's strings are bounded and its class name must be its class's, its
 * word and items are not checked again (the compiler did; the checksum
 * guards the image). Otherwise each row is checked as a lexicon file's. */
static mb_status walk_section(const char *name, const unsigned char *p, size_t n, size_t base_off,
                              uint32_t *nrows, row_fn fn, void *ctx, unsigned char **meta, mb_error *err)
{
    if (n < 8 || n % 8 || n > UINT32_MAX) /* (offsets in it are kept in 32 bits) */
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %zu: lexicon section of %zu bytes", name,
                            base_off, n);
    uint32_t nr = mb_ld32(p);
    if (nr > (n - 8) / 27) /* three NULs and three u64 a row at least */
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %zu: lexicon of %u rows in %zu bytes", name,
                            base_off, nr, n);
    size_t metaat = n - 24 * (size_t)nr; /* the classes and flags, after the rows */
    int trusted = mb_ld32(p + 4) == class_fingerprint();
    size_t at = 8;
    char msg[300];
    unsigned char *mt = NULL;
    item_memo memo;
    memset(&memo, 0, sizeof memo);
    if (meta && !(mt = malloc(nr ? 16 * (size_t)nr : 1)))
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
    const char *last_name = NULL; /* rows of a class stand together: the last class found */
    size_t last_len = 0;
    int last_cls = -1;
    for (uint32_t r = 0; r < nr; r++) {
        size_t rowat = at, l[3];
        const char *s[3];
        for (int k = 0; k < 3; k++)
            if (!(s[k] = next_str(p, metaat, &at, &l[k]))) {
                free(mt);
                return mb_error_set(err, MB_EDICT_CORRUPT,
                                    "%s: byte %zu: lexicon row %u runs past its section", name,
                                    base_off + rowat, r);
            }
        uint64_t m = mb_ld64(p + metaat + 8 * (size_t)r);
        int cls;
        if (last_name && l[0] == last_len && !memcmp(s[0], last_name, l[0]))
            cls = last_cls;
        else if (trusted) /* the class written for the row, if its name is the row's */
            cls = (m & 0xffff) < MB_LX_NCLASSES && strlen(classes[m & 0xffff].name) == l[0] &&
                          !memcmp(classes[m & 0xffff].name, s[0], l[0])
                      ? (int)(m & 0xffff)
                      : -1;
        else
            cls = mb_lex_class_find(s[0], l[0]);
        last_name = s[0];
        last_len = l[0];
        last_cls = cls;
        unsigned flags = 0;
        if (cls < 0 || (trusted && (int)(m & 0xffff) != cls)) {
            free(mt);
            return mb_error_set(err, MB_EDICT_CORRUPT,
                                "%s: byte %zu: lexicon row %u has the unknown class '%.40s'", name,
                                base_off + rowat, r, s[0]);
        }
        if (trusted)
            flags = (unsigned)(m >> 32);
        else if (!check_word(s[1], l[1], msg, sizeof msg) ||
                 (l[2] && !check_items(&memo, cls, s[2], l[2], &flags, msg, sizeof msg))) {
            free(mt);
            return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %zu: lexicon row %u: %s", name,
                                base_off + rowat, r, msg);
        }
        if (mt) {
            mb_st64(mt + 8 * (size_t)r, (uint64_t)cls | (uint64_t)flags << 32);
            mb_st64(mt + 8 * ((size_t)nr + r),
                    (uint64_t)(s[1] - (const char *)p) | (uint64_t)(s[2] - (const char *)p) << 32);
        }
        if (fn)
            fn(ctx, cls, s[1], l[1], s[2], l[2], flags, r);
    }
    for (; at < metaat; at++)
        if (p[at]) {
            free(mt);
            return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %zu: bytes after the last lexicon row", name,
                                base_off + at);
        }
    *nrows = nr;
    if (meta)
        *meta = mt;
    return MB_OK;
}

/* The check of a section compiled against this class table, by the offsets
 * written for each row instead of a search for its strings' ends: row r's
 * class name is the class's and ends where its word starts, its word (of
 * 1 to MB_DICT_MAX_WORD_BYTES bytes, as the index's counting sort needs)
 * ends (a NUL) where its items start, its items end (a NUL) where the next row's
 * class name starts, and all of it lies before the arrays; after the last
 * row's items only zeros. 0 when all of that holds; 1 when something does
 * not (walk_section then finds and names it). The hashes and filter bits
 * are not computed again: a wrong one can only make a look-up miss. */
static int check_offsets(const unsigned char *p, uint32_t nr, size_t metaat)
{
    size_t namelen[MB_LX_NCLASSES];
    for (int c = 0; c < MB_LX_NCLASSES; c++)
        namelen[c] = strlen(classes[c].name);
    const unsigned char *meta = p + metaat, *offs = meta + 8 * (size_t)nr;
    size_t prev_items = 0; /* where the items of the row before start (0: the first row) */
    for (uint32_t r = 0; r < nr; r++) {
        uint64_t m = mb_ld64(meta + 8 * (size_t)r), o = mb_ld64(offs + 8 * (size_t)r);
        unsigned cls = (unsigned)(m & 0xffff);
        if (cls >= MB_LX_NCLASSES)
            return 1;
        size_t woff = (uint32_t)o, ioff = (size_t)(o >> 32), nl = namelen[cls];
        if (woff < 8 + nl + 1 || ioff < woff + 2 || ioff >= metaat ||
            ioff - woff - 1 > MB_DICT_MAX_WORD_BYTES)
            return 1;
        size_t at = woff - nl - 1; /* where the row starts */
        if (r == 0 ? at != 8 : at < prev_items + 1 || p[at - 1])
            return 1;
        if (p[woff - 1] || p[ioff - 1] || memcmp(p + at, classes[cls].name, nl))
            return 1;
        prev_items = ioff;
    }
    size_t at = 8;
    if (nr) {
        const unsigned char *z = memchr(p + prev_items, 0, metaat - prev_items);
        if (!z)
            return 1;
        at = (size_t)(z - p) + 1;
    }
    for (; at < metaat; at++)
        if (p[at])
            return 1;
    return 0;
}

mb_status mb_lex_section_check(const char *name, const unsigned char *p, size_t n, size_t base_off,
                               uint32_t *nrows, int *trusted, unsigned char **meta, mb_error *err)
{
    *trusted = 0;
    if (n >= 8 && n % 8 == 0 && n <= UINT32_MAX && mb_ld32(p + 4) == class_fingerprint()) {
        uint32_t nr = mb_ld32(p);
        if (nr <= (n - 8) / 27 && !check_offsets(p, nr, n - 24 * (size_t)nr)) {
            *nrows = nr;
            *trusted = 1;
            if (meta)
                *meta = NULL;
            return MB_OK;
        }
        mb_status st = walk_section(name, p, n, base_off, nrows, NULL, NULL, NULL, err);
        if (st)
            return st;
        return mb_error_set(err, MB_EDICT_CORRUPT,
                            "%s: byte %zu: the offsets written after the lexicon rows are not theirs", name,
                            base_off + n - 16 * (size_t)nr);
    }
    return walk_section(name, p, n, base_off, nrows, NULL, NULL, meta, err);
}

/* Walk the nrows rows of a checked section p (mb_lex_section_check) by
 * each row's class and flags (meta) and string offsets (meta + 8 * nrows):
 * those written after a trusted section's rows, or those walk_section
 * recorded. Nothing is checked again; the word's length is the distance
 * to the items, the items' (mostly empty) is measured. */
static void walk_rows(const unsigned char *p, uint32_t nrows, const unsigned char *meta, row_fn fn, void *ctx)
{
    const unsigned char *offs = meta + 8 * (size_t)nrows;
    for (uint32_t r = 0; r < nrows; r++) {
        uint64_t m = mb_ld64(meta + 8 * (size_t)r), o = mb_ld64(offs + 8 * (size_t)r);
        size_t woff = (uint32_t)o, ioff = (size_t)(o >> 32);
        const char *items = (const char *)p + ioff;
        fn(ctx, (int)(m & 0xffff), (const char *)p + woff, ioff - woff - 1, items, strlen(items),
           (unsigned)(m >> 32), r);
    }
}

/* ---- the runtime index ---- */

#define HASH_TAG 0xFFFFFFFF00000000ull /* the bits of a hash a slot keeps */

struct mb_lexicon {
    mb_dict *dict; /* a reference: the compiled rows' strings are in its lexicon section */
    /* a trusted section's per-row arrays (mb_lex_section_check): each row's
     * class, filter bits and flags, and its hash; NULL otherwise */
    const unsigned char *premeta, *prehash;
    mb_lexword *w;
    size_t n, cap;
    char *arena; /* the words and items of every row */
    size_t alen, acap;
    uint64_t *slots; /* open addressing: the word's hash, upper 32 bits, << 32 | its index into w + 1
                      * (a probe that meets another word's hash reads no word) */
    size_t nslots;
    const mb_lexword **bycls[MB_LX_NCLASSES];
    const mb_lexword **inorder[MB_LX_NCLASSES]; /* the same in row order */
    size_t ncls[MB_LX_NCLASSES];
    size_t *lens[MB_LX_NCLASSES]; /* the distinct word lengths of the class, longest first */
    size_t nlens[MB_LX_NCLASSES];
    /* 256-bit filters of the first and the last character of the class's
     * words: most positions of a text start (or end) no word of a class */
    uint64_t first[MB_LX_NCLASSES][4], last[MB_LX_NCLASSES][4];
    /* the byte lengths of the class's words (1 to MB_DICT_MAX_WORD_BYTES) */
    uint64_t lenbits[MB_LX_NCLASSES][MB_DICT_MAX_WORD_BYTES / 64 + 1];
    /* the longest word of the class whose first character has filter bit
     * b, in bytes (255: 255 or more): no longer prefix is hashed or probed */
    uint8_t (*maxlen)[256];
    /* the BMP characters that have a t2s row (fold.c asks for every
     * character of a text) */
    uint64_t t2s_bits[0x10000 / 64];
    int failed;
};

void mb_lexicon_free(mb_lexicon *lex)
{
    if (!lex)
        return;
    for (int c = 0; c < MB_LX_NCLASSES; c++) {
        free(lex->bycls[c]);
        free(lex->inorder[c]);
        free(lex->lens[c]);
    }
    free(lex->w);
    mb_dict_close(lex->dict);
    free(lex->arena);
    free(lex->slots);
    free(lex->maxlen);
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

/* During the build the words and items of user rows are offsets into the
 * arena (which moves as it grows); finish() turns them into pointers.
 * Compiled rows point into the dictionary's section (NUL-terminated
 * there): their offsets are NO_OFF. */
typedef struct pending {
    size_t woff, ioff;
} pending;
#define NO_OFF ((size_t)-1)

typedef struct build {
    mb_lexicon *lex;
    pending *pend; /* NULL until the first user row: the compiled rows need none */
    size_t cap;
    int merge;                 /* rows may replace earlier ones (user rows) */
    int stable;                /* the strings stay where they are (the dictionary's section) */
    const unsigned char *keep; /* NULL, or keep[cls]: rows of the classes indexed */
} build;

static size_t arena_add(mb_lexicon *lex, const char *s, size_t n)
{
    if (lex->failed)
        return 0;
    if (lex->alen + n + 1 > lex->acap) {
        size_t cap = lex->acap ? lex->acap : 16384;
        while (cap < lex->alen + n + 1)
            cap *= 2;
        char *na = realloc(lex->arena, cap);
        if (!na) {
            lex->failed = 1;
            return 0;
        }
        lex->arena = na;
        lex->acap = cap;
    }
    size_t off = lex->alen;
    memcpy(lex->arena + off, s, n);
    lex->arena[off + n] = '\0';
    lex->alen += n + 1;
    return off;
}

/* Find cls+word among the rows added so far (a linear scan: only user
 * rows are looked up, the compiled ones are unique by construction). */
static long build_find(const build *b, int cls, const char *w, size_t n)
{
    const mb_lexicon *lex = b->lex;
    for (size_t i = 0; i < lex->n; i++) {
        const char *wi = b->pend[i].woff == NO_OFF ? lex->w[i].word : lex->arena + b->pend[i].woff;
        if ((int)lex->w[i].cls == cls && lex->w[i].len == n && !memcmp(wi, w, n))
            return (long)i;
    }
    return -1;
}

static void build_row(void *ctx, int cls, const char *w, size_t wl, const char *items, size_t il,
                      unsigned flags, uint32_t row)
{
    build *b = ctx;
    mb_lexicon *lex = b->lex;
    if (lex->failed || (b->keep && !b->keep[cls]))
        return;
    if (!b->stable && !b->pend) { /* the first user row: the rows before it are compiled ones */
        b->pend = malloc((lex->cap ? lex->cap : 1) * sizeof *b->pend);
        if (!b->pend) {
            lex->failed = 1;
            return;
        }
        for (size_t i = 0; i < lex->n; i++)
            b->pend[i] = (pending){NO_OFF, NO_OFF};
        b->cap = lex->cap;
    }
    long k = b->merge ? build_find(b, cls, w, wl) : -1;
    if (k < 0) {
        if (lex->n == lex->cap) {
            size_t cap = lex->cap ? lex->cap * 2 : 512;
            mb_lexword *nw = realloc(lex->w, cap * sizeof *nw);
            if (nw)
                lex->w = nw;
            pending *np = nw && b->pend ? realloc(b->pend, cap * sizeof *np) : NULL;
            if (!nw || (b->pend && !np)) {
                lex->failed = 1;
                return;
            }
            if (np)
                b->pend = np;
            lex->cap = b->cap = cap;
        }
        k = (long)lex->n++;
        lex->w[k] = (mb_lexword){b->stable ? w : NULL, wl, NULL, 0, (mb_lexclass)cls, (unsigned)k, row};
        if (b->pend)
            b->pend[k].woff = b->stable ? NO_OFF : arena_add(lex, w, wl);
    }
    lex->w[k].flags = flags;
    if (b->stable) {
        lex->w[k].items = items;
        if (b->pend)
            b->pend[k].ioff = NO_OFF;
    } else {
        b->pend[k].ioff = arena_add(lex, items, il);
    }
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

static mb_status finish(build *b, mb_error *err)
{
    mb_lexicon *lex = b->lex;
    if (lex->failed)
        return mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    for (size_t i = 0; b->pend && i < lex->n; i++) {
        if (b->pend[i].woff != NO_OFF)
            lex->w[i].word = lex->arena + b->pend[i].woff;
        if (b->pend[i].ioff != NO_OFF)
            lex->w[i].items = lex->arena + b->pend[i].ioff;
    }
    lex->nslots = 64;
    while (lex->nslots < 2 * lex->n + 2)
        lex->nslots *= 2;
    lex->slots = calloc(lex->nslots, sizeof *lex->slots);
    lex->maxlen = calloc(MB_LX_NCLASSES, sizeof *lex->maxlen);
    if (!lex->slots || !lex->maxlen)
        return mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    for (size_t i = 0; i < lex->n; i++) {
        const mb_lexword *w = &lex->w[i];
        const unsigned char *u = (const unsigned char *)w->word;
        uint64_t h;
        unsigned bits;
        if (lex->premeta && w->row != UINT32_MAX) { /* written by the compiler */
            h = mb_ld64(lex->prehash + 8 * (size_t)w->row);
            bits = (unsigned)(mb_ld64(lex->premeta + 8 * (size_t)w->row) >> 16) & 0xffffu;
        } else {
            h = hash_word(w->cls, w->word, w->len);
            bits = word_bits(u, w->len);
        }
        size_t s = h & (lex->nslots - 1);
        while (lex->slots[s])
            s = (s + 1) & (lex->nslots - 1);
        lex->slots[s] = (h & HASH_TAG) | (uint64_t)(i + 1);
        lex->ncls[w->cls]++;
        unsigned fb = bits & 0xffu, lb = bits >> 8;
        lex->first[w->cls][fb >> 6] |= 1ull << (fb & 63);
        uint8_t ml = (uint8_t)(w->len < 255 ? w->len : 255);
        if (lex->maxlen[w->cls][fb] < ml)
            lex->maxlen[w->cls][fb] = ml;
        lex->last[w->cls][lb >> 6] |= 1ull << (lb & 63);
        lex->lenbits[w->cls][w->len >> 6] |= 1ull << (w->len & 63);
        int32_t cp;
        if (w->cls == MB_LX_T2S && mb_utf8_decode(u, w->len, &cp) == (int)w->len && cp >= 0 && cp < 0x10000)
            lex->t2s_bits[cp >> 6] |= 1ull << (cp & 63);
    }
    size_t fill[MB_LX_NCLASSES] = {0};
    for (int c = 0; c < MB_LX_NCLASSES; c++) {
        size_t m = lex->ncls[c];
        lex->bycls[c] = malloc((m ? m : 1) * sizeof *lex->bycls[c]);
        lex->lens[c] = malloc((m ? m : 1) * sizeof *lex->lens[c]);
        lex->inorder[c] = malloc((m ? m : 1) * sizeof *lex->inorder[c]);
        if (!lex->bycls[c] || !lex->lens[c] || !lex->inorder[c])
            return mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    }
    for (size_t i = 0; i < lex->n; i++) /* each class's rows in row order, in one pass */
        lex->bycls[lex->w[i].cls][fill[lex->w[i].cls]++] = &lex->w[i];
    /* longest first, row order among words of one length: a counting sort
     * by length of the rows in row order (a word is at most
     * MB_DICT_MAX_WORD_BYTES long, checked when read) */
    size_t *at = malloc((MB_DICT_MAX_WORD_BYTES + 2) * sizeof *at);
    if (!at)
        return mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    for (int c = 0; c < MB_LX_NCLASSES; c++) {
        size_t m = lex->ncls[c];
        if (!m)
            continue;
        memcpy(lex->inorder[c], lex->bycls[c], m * sizeof *lex->inorder[c]);
        memset(at, 0, (MB_DICT_MAX_WORD_BYTES + 2) * sizeof *at);
        for (size_t i = 0; i < m; i++)
            at[lex->inorder[c][i]->len]++;
        size_t pos = 0; /* at[len]: where the words of that length start */
        for (size_t len = MB_DICT_MAX_WORD_BYTES + 1; len-- > 0;) {
            size_t k = at[len];
            at[len] = pos;
            pos += k;
            if (k)
                lex->lens[c][lex->nlens[c]++] = len;
        }
        for (size_t i = 0; i < m; i++)
            lex->bycls[c][at[lex->inorder[c][i]->len]++] = lex->inorder[c][i];
    }
    free(at);
    return MB_OK;
}

static mb_status lexicon_open(const mb_dict *dict, const char *const *user, size_t nuser,
                              const unsigned char *keep, mb_lexicon **out, mb_error *err)
{
    if (!out)
        return mb_error_set(err, MB_EARG, "mb_lexicon_open: out is NULL");
    *out = NULL;
    if (!dict)
        return mb_error_set(err, MB_EARG, "mb_lexicon_open: no dictionary");
    build b = {0};
    b.keep = keep;
    b.lex = calloc(1, sizeof *b.lex);
    if (!b.lex)
        return mb_error_set(err, MB_ENOMEM, "lexicon: out of memory");
    uint32_t nr;
    mb_status st = MB_OK;
    /* the compiled rows point into the dictionary's section, which the
     * lexicon's reference keeps (the caller may close the dictionary first) */
    b.lex->dict = mb_dict_ref(dict);
    b.stable = 1;
    if (dict->lextrusted) { /* checked when the dictionary was opened */
        b.lex->premeta = dict->lex + dict->lexsize - 24 * (size_t)dict->nlexrows;
        b.lex->prehash = b.lex->premeta + 16 * (size_t)dict->nlexrows;
        walk_rows(dict->lex, dict->nlexrows, b.lex->premeta, build_row, &b);
    } else if (dict->lexmeta) { /* the same */
        walk_rows(dict->lex, dict->nlexrows, dict->lexmeta, build_row, &b);
    } else
        st = walk_section(dict->name, dict->lex, dict->lexsize, dict->lexoff, &nr, build_row, &b, NULL, err);
    mb_lexrows rows = {0};
    b.merge = 1;
    b.stable = 0;
    for (size_t i = 0; i < nuser && !st; i++)
        st = mb_lexrows_read(&rows, user[i], err);
    for (size_t i = 0; i < rows.n && !st; i++) {
        const mb_lexrow *r = &rows.v[i];
        build_row(&b, r->cls, r->word, strlen(r->word), r->items, strlen(r->items), r->flags, UINT32_MAX);
    }
    mb_lexrows_free(&rows);
    if (!st)
        st = finish(&b, err);
    free(b.pend);
    if (st) {
        mb_lexicon_free(b.lex);
        return st;
    }
    *out = b.lex;
    return MB_OK;
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
    *cls = classes[lex->w[i].cls].name;
    *word = lex->w[i].word;
    *items = lex->w[i].items;
    return 1;
}

/* ---- look-ups ---- */

/* mb_lex_get with the hash of (cls, w[0..n)) given (hash_word, or the
 * polynomial of a prefix or suffix extended byte by byte, then poly_key). */
static const mb_lexword *get_hashed(const mb_lexicon *lex, mb_lexclass cls, const char *w, size_t n,
                                    uint64_t h)
{
    size_t mask = lex->nslots - 1;
    for (size_t s = h & mask;; s = (s + 1) & mask) {
        uint64_t k = lex->slots[s];
        if (!k)
            return NULL;
        if ((k & HASH_TAG) != (h & HASH_TAG))
            continue;
        const mb_lexword *e = &lex->w[(uint32_t)k - 1];
        if (e->cls == cls && e->len == n && !memcmp(e->word, w, n))
            return e;
    }
}

/* 1 when a word of cls may start with the character at u[0..n) (n >= 1):
 * its filter bit (in *fb) is set for the class */
static inline int may_start(const mb_lexicon *lex, mb_lexclass cls, const unsigned char *u, size_t n,
                            unsigned *fb)
{
    *fb = char_bit(u, first_len(u, n));
    return lex->first[cls][*fb >> 6] >> (*fb & 63) & 1;
}

/* 1 when cls has a word of n bytes (1 <= n <= MB_DICT_MAX_WORD_BYTES) */
static inline int has_len(const mb_lexicon *lex, mb_lexclass cls, size_t n)
{
    return lex->lenbits[cls][n >> 6] >> (n & 63) & 1;
}

const uint64_t *mb_lex_t2s_bitmap(const mb_lexicon *lex)
{
    return lex ? lex->t2s_bits : NULL;
}

const mb_lexword *mb_lex_get(const mb_lexicon *lex, mb_lexclass cls, const char *w, size_t n)
{
    if (!lex || !lex->nslots || (unsigned)cls >= MB_LX_NCLASSES || n == 0 || n > MB_DICT_MAX_WORD_BYTES)
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
    if (!lex->nslots || !lex->nlens[cls])
        return NULL;
    const unsigned char *u = (const unsigned char *)s + pos;
    /* the hashes of every prefix, in one pass (hash_word is byte by byte),
     * then the lengths of the class's words, longest first; none longer
     * than the longest word that starts with a character of this filter bit */
    size_t ml = lex->maxlen[cls][fb] < 255 ? lex->maxlen[cls][fb] : lex->lens[cls][0];
    size_t max = ml < len - pos ? ml : len - pos;
    uint64_t h[MB_DICT_MAX_WORD_BYTES + 1];
    h[0] = 0;
    for (size_t k = 0; k < max; k++)
        h[k + 1] = poly_step(h[k], u[k]);
    for (size_t i = 0; i < lex->nlens[cls]; i++) {
        size_t l = lex->lens[cls][i];
        const mb_lexword *w;
        if (l <= max && (w = get_hashed(lex, cls, s + pos, l, poly_key(cls, h[l]))))
            return w;
    }
    return NULL;
}

const mb_lexword *mb_lex_longest_at(const mb_lexicon *lex, mb_lexclass cls, const char *s, size_t len,
                                    size_t pos)
{
    unsigned fb;
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES || pos >= len ||
        !may_start(lex, cls, (const unsigned char *)s + pos, len - pos, &fb))
        return NULL;
    return longest_at(lex, cls, s, len, pos, fb);
}

const mb_lexword *mb_lex_first_in(const mb_lexicon *lex, mb_lexclass cls, const char *s, size_t a, size_t b,
                                  size_t *pos)
{
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES || !lex->nlens[cls])
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
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES || pos <= floor)
        return NULL;
    const unsigned char *u = (const unsigned char *)s + floor;
    size_t ll = last_len(u, pos - floor);
    unsigned lb = char_bit(u + (pos - floor) - ll, ll);
    if (!(lex->last[cls][lb >> 6] >> (lb & 63) & 1) || !lex->nslots || !lex->nlens[cls])
        return NULL;
    /* the suffixes ending at pos, shortest first, each hash extended by the
     * byte before it; a probe where a word of the class may start (its
     * length, a character start, a first character of the class); the last
     * word found is the longest */
    size_t max = lex->lens[cls][0] < pos - floor ? lex->lens[cls][0] : pos - floor;
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

const mb_lexword *const *mb_lex_words(const mb_lexicon *lex, mb_lexclass cls, size_t *n)
{
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES) {
        *n = 0;
        return NULL;
    }
    *n = lex->ncls[cls];
    return lex->bycls[cls];
}

const mb_lexword *const *mb_lex_words_in_order(const mb_lexicon *lex, mb_lexclass cls, size_t *n)
{
    if (!lex || (unsigned)cls >= MB_LX_NCLASSES) {
        *n = 0;
        return NULL;
    }
    *n = lex->ncls[cls];
    return lex->inorder[cls];
}

int mb_lex_flag(const mb_lexword *w, const char *name)
{
    int bit;
    if (!w || !w->flags || class_item(w->cls, name, strlen(name), 0, &bit, NULL, NULL) < 0)
        return 0;
    return (w->flags >> bit) & 1u;
}

const char *mb_lex_value(const mb_lexword *w, const char *key, size_t *n)
{
    if (!w)
        return NULL;
    size_t kl = strlen(key);
    for (const char *p = w->items; *p;) {
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

/* ---- pattern assembly ---- */

static void put_escaped(mb_strbuf *b, const char *s, size_t n, int in_class)
{
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (in_class ? strchr("\\]^-[", ch) != NULL : strchr("\\^$.|?*+()[]{}/#", ch) != NULL)
            mb_strbuf_putc(b, '\\');
        mb_strbuf_putc(b, ch);
    }
}

/* 1 when w passes the filter "key=value" (filter[0..fl), empty: all). */
static int pass_filter(const mb_lexword *w, const char *filter, size_t fl)
{
    if (!fl)
        return 1;
    const char *eq = memchr(filter, '=', fl);
    char key[64];
    if (!eq) {
        if (fl >= sizeof key)
            return 0;
        memcpy(key, filter, fl);
        key[fl] = '\0';
        return mb_lex_flag(w, key);
    }
    size_t kl = (size_t)(eq - filter);
    if (kl >= sizeof key)
        return 0;
    memcpy(key, filter, kl);
    key[kl] = '\0';
    size_t n;
    const char *v = mb_lex_value(w, key, &n);
    return v && n == fl - kl - 1 && !memcmp(v, eq + 1, n);
}

static void put_alternation(mb_strbuf *b, const mb_lexicon *lex, int cls, const char *filter, size_t fl)
{
    size_t n, k = 0;
    const mb_lexword *const *w = mb_lex_words(lex, (mb_lexclass)cls, &n);
    for (size_t i = 0; i < n; i++)
        k += pass_filter(w[i], filter, fl);
    if (!k) {
        mb_strbuf_puts(b, "(?!)");
        return;
    }
    mb_strbuf_puts(b, "(?:");
    for (size_t i = 0, first = 1; i < n; i++) {
        if (!pass_filter(w[i], filter, fl))
            continue;
        if (!first)
            mb_strbuf_putc(b, '|');
        first = 0;
        size_t pl, nl;
        const char *prev = mb_lex_value(w[i], "not_prev", &pl);
        const char *next = mb_lex_value(w[i], "not_next", &nl);
        if (prev) {
            mb_strbuf_puts(b, "(?<![");
            put_escaped(b, prev, pl, 1);
            mb_strbuf_puts(b, "])");
        }
        put_escaped(b, w[i]->word, w[i]->len, 0);
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
        if (close == '}') {
            put_alternation(&b, lex, cls, filter, fl);
        } else {
            size_t n;
            const mb_lexword *const *w = mb_lex_words(lex, (mb_lexclass)cls, &n);
            /* in row order: the class as written */
            const mb_lexword **v = malloc((n ? n : 1) * sizeof *v);
            if (!v) {
                mb_strbuf_free(&b);
                return mb_error_set(err, MB_ENOMEM, "pattern template: out of memory");
            }
            memcpy(v, w, n * sizeof *v);
            for (size_t i = 1; i < n; i++)
                for (size_t j = i; j > 0 && v[j - 1]->order > v[j]->order; j--) {
                    const mb_lexword *t = v[j];
                    v[j] = v[j - 1];
                    v[j - 1] = t;
                }
            for (size_t i = 0; i < n; i++)
                if (pass_filter(v[i], filter, fl))
                    put_escaped(&b, v[i]->word, v[i]->len, 1);
            free(v);
        }
        p = e + 1;
    }
    size_t n;
    return mb_strbuf_take(&b, out, &n, err);
}
