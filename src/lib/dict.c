/* dict.c — the dictionary runtime: map, validate, look up. */
#include "dict.h"

#include "lexicon.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME  0x100000001b3ull

static inline uint64_t fnv_word(uint64_t h, uint64_t w)
{
    return (h ^ w) * FNV_PRIME;
}

/* FNV-1a in four lanes over a sequence of 64-bit words. */
typedef struct lanes {
    uint64_t lane[4];
    uint64_t nw; /* words so far: the next goes to lane nw % 4 */
} lanes;

static void lanes_init(lanes *l)
{
    l->lane[0] = FNV_OFFSET;
    l->lane[1] = FNV_OFFSET ^ 1;
    l->lane[2] = FNV_OFFSET ^ 2;
    l->lane[3] = FNV_OFFSET ^ 3;
    l->nw = 0;
}

/* Add the nw words at p. */
static void lanes_add(lanes *l, const unsigned char *p, size_t nw)
{
    size_t i = 0;
    for (; i < nw && l->nw % 4; i++, l->nw++)
        l->lane[l->nw % 4] = fnv_word(l->lane[l->nw % 4], mb_ld64(p + i * 8));
    size_t m0 = i; /* here lane nw % 4 is 0 */
    for (; i + 4 <= nw; i += 4) {
        l->lane[0] = fnv_word(l->lane[0], mb_ld64(p + i * 8));
        l->lane[1] = fnv_word(l->lane[1], mb_ld64(p + i * 8 + 8));
        l->lane[2] = fnv_word(l->lane[2], mb_ld64(p + i * 8 + 16));
        l->lane[3] = fnv_word(l->lane[3], mb_ld64(p + i * 8 + 24));
    }
    l->nw += i - m0;
    for (; i < nw; i++, l->nw++)
        l->lane[l->nw % 4] = fnv_word(l->lane[l->nw % 4], mb_ld64(p + i * 8));
}

static uint64_t lanes_fold(const lanes *l)
{
    uint64_t h = FNV_OFFSET;
    unsigned char b[40];
    for (int k = 0; k < 4; k++)
        mb_st64(b + 8 * k, l->lane[k]);
    mb_st64(b + 32, l->nw * 8);
    for (size_t k = 0; k < sizeof b; k++)
        h = (h ^ b[k]) * FNV_PRIME;
    return h;
}

/* Start a checksum with the header of p, its two checksum fields as 0. */
static void lanes_header(lanes *l, const unsigned char *p)
{
    unsigned char h[MB_DICT_HEADER_SIZE];
    memcpy(h, p, sizeof h);
    mb_st64(h + MB_DICT_CHECKSUM_AT, 0);
    mb_st64(h + MB_DICT_HEADSUM_AT, 0);
    lanes_init(l);
    lanes_add(l, h, sizeof h / 8);
}

uint64_t mb_dict_checksum(const unsigned char *p, size_t n)
{
    lanes l;
    lanes_header(&l, p);
    lanes_add(&l, p + MB_DICT_HEADER_SIZE, (n - MB_DICT_HEADER_SIZE) / 8);
    return lanes_fold(&l);
}

uint64_t mb_dict_checksum_head(const unsigned char *p, size_t n)
{
    lanes l;
    lanes_header(&l, p);
    for (unsigned i = 0; i < MB_DICT_NSECTIONS; i++) {
        if (i == MB_DICT_SEC_UNITS || i == MB_DICT_SEC_UTAGS || i == MB_DICT_SEC_LEXINDEX)
            continue; /* the trie and the lexicon index, read only where look-ups go */
        uint64_t off = mb_ld64(p + 64 + 16 * i), sz = mb_ld64(p + 72 + 16 * i);
        if (off >= n)
            continue;
        uint64_t words = (sz + 7) / 8;
        if (words > (n - off) / 8)
            words = (n - off) / 8;
        lanes_add(&l, p + off, (size_t)words);
    }
    return lanes_fold(&l);
}

void mb_dict_seal(unsigned char *p, size_t n)
{
    mb_st64(p + MB_DICT_HEADSUM_AT, mb_dict_checksum_head(p, n));
    mb_st64(p + MB_DICT_CHECKSUM_AT, mb_dict_checksum(p, n));
}

static void release(mb_dict *d)
{
    if (!d)
        return;
    if (d->img) {
        if (d->mapped)
            munmap((void *)d->img, d->size);
        else
            free((void *)d->img);
    }
    free(d->name);
    free(d);
}

void mb_dict_close(mb_dict *d)
{
    if (d && atomic_fetch_sub_explicit(&d->refs, 1, memory_order_acq_rel) == 1)
        release(d);
}

mb_dict *mb_dict_ref(const mb_dict *d)
{
    mb_dict *m = (mb_dict *)d; /* the count is the one field that changes */
    atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
    return m;
}

/* Check everything a lookup relies on; d->img and d->size are set. */
static mb_status validate(mb_dict *d, mb_error *err)
{
    const unsigned char *p = d->img;
    const char *name = d->name;
    size_t n = d->size;
    if (n < MB_DICT_HEADER_SIZE)
        return mb_error_set(err, MB_EDICT_CORRUPT,
                            "%s: byte %zu: file ends inside the %u-byte header (truncated dictionary)", name,
                            n, MB_DICT_HEADER_SIZE);
    if (memcmp(p, MB_DICT_MAGIC, 8) != 0)
        return mb_error_set(err, MB_EDICT_CORRUPT,
                            "%s: byte 0: expected the magic \"%s\": not a compiled mubiao dictionary", name,
                            MB_DICT_MAGIC);
    uint32_t bom = mb_ld32(p + 12);
    if (bom != MB_DICT_BOM)
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte 12: byte-order mark 0x%08x, expected 0x%08x%s",
                            name, bom, MB_DICT_BOM,
                            bom == 0x04030201u ? " (written with the other byte order)" : "");
    uint32_t version = mb_ld32(p + 8);
    if (version != MB_DICT_VERSION)
        return mb_error_set(err, MB_EDICT_VERSION,
                            "%s: byte 8: format version %u, this build reads version %u; recompile it with "
                            "'mubiao dict compile'",
                            name, version, MB_DICT_VERSION);
    if (mb_ld32(p + 16) != MB_DICT_HEADER_SIZE || mb_ld32(p + 20) != MB_DICT_NSECTIONS)
        return mb_error_set(err, MB_EDICT_CORRUPT,
                            "%s: byte 16: header size %u with %u sections, expected %u and %u", name,
                            mb_ld32(p + 16), mb_ld32(p + 20), MB_DICT_HEADER_SIZE, MB_DICT_NSECTIONS);
    uint64_t fsize = mb_ld64(p + 24);
    if (fsize != n)
        return mb_error_set(err, MB_EDICT_CORRUPT,
                            "%s: byte 24: header says the file has %llu bytes, it has %zu (%s)", name,
                            (unsigned long long)fsize, n, fsize > n ? "truncated" : "trailing bytes");
    if (n % 8)
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %zu: size not a multiple of 8", name, n);
    d->checksum = mb_ld64(p + MB_DICT_CHECKSUM_AT);
    d->total = mb_ld64(p + 40);
    d->nwords = mb_ld32(p + 48);
    d->nchars = mb_ld32(p + 52);
    d->unk_cost = mb_ld32(p + 56);
    d->flags = mb_ld32(p + 60);
    if (d->unk_cost > MB_DICT_COST_MAX)
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte 56: unknown-character cost %u out of range",
                            name, d->unk_cost);

    uint64_t off[MB_DICT_NSECTIONS], sz[MB_DICT_NSECTIONS];
    uint64_t prev_end = MB_DICT_HEADER_SIZE;
    for (unsigned i = 0; i < MB_DICT_NSECTIONS; i++) {
        off[i] = mb_ld64(p + 64 + 16 * i);
        sz[i] = mb_ld64(p + 72 + 16 * i);
        if (off[i] % 8 || off[i] < prev_end || off[i] > n || sz[i] > n - off[i])
            return mb_error_set(
                err, MB_EDICT_CORRUPT,
                "%s: byte %u: section %u at %llu, %llu bytes, lies outside the file (%zu bytes) "
                "or overlaps the one before",
                name, 64 + 16 * i, i, (unsigned long long)off[i], (unsigned long long)sz[i], n);
        prev_end = off[i] + sz[i];
    }
    uint64_t want = mb_ld64(p + MB_DICT_HEADSUM_AT);
#ifdef MB_FUZZ_NO_CHECKSUM
    /* fuzzing builds only (make fuzz): a mutated image must reach the parser */
    uint64_t got = want;
#else
    uint64_t got = mb_dict_checksum_head(p, n);
#endif
    if (want != got)
        return mb_error_set(err, MB_EDICT_CORRUPT,
                            "%s: byte %u: checksum 0x%016llx does not match the header and the sections "
                            "other than the trie (0x%016llx): the file is corrupted",
                            name, MB_DICT_HEADSUM_AT, (unsigned long long)want, (unsigned long long)got);
    if (sz[MB_DICT_SEC_PAGEIDX] != 2 * MB_DICT_NPAGEIDX)
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte 72: page index of %llu bytes, expected %u", name,
                            (unsigned long long)sz[0], 2 * MB_DICT_NPAGEIDX);
    if (sz[MB_DICT_SEC_PAGES] == 0 || sz[MB_DICT_SEC_PAGES] % 512 || sz[MB_DICT_SEC_PAGES] / 512 > 0x10000)
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte 88: pages section of %llu bytes", name,
                            (unsigned long long)sz[1]);
    if (sz[MB_DICT_SEC_UNITS] == 0 || sz[MB_DICT_SEC_UNITS] % MB_DICT_UNIT_SIZE ||
        sz[MB_DICT_SEC_UNITS] / MB_DICT_UNIT_SIZE > MB_DICT_MAX_UNITS)
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte 104: trie section of %llu bytes", name,
                            (unsigned long long)sz[2]);
    if (sz[MB_DICT_SEC_UTAGS] != sz[MB_DICT_SEC_UNITS] / MB_DICT_UNIT_SIZE)
        return mb_error_set(err, MB_EDICT_CORRUPT,
                            "%s: byte %u: unit tags section of %llu bytes, not one a unit (%llu)", name,
                            72 + 16 * MB_DICT_SEC_UTAGS, (unsigned long long)sz[MB_DICT_SEC_UTAGS],
                            (unsigned long long)(sz[MB_DICT_SEC_UNITS] / MB_DICT_UNIT_SIZE));
    d->pageidx = p + off[MB_DICT_SEC_PAGEIDX];
    d->pages = p + off[MB_DICT_SEC_PAGES];
    d->npages = (uint32_t)(sz[MB_DICT_SEC_PAGES] / 512);
    d->units = p + off[MB_DICT_SEC_UNITS];
    d->nunits = (uint32_t)(sz[MB_DICT_SEC_UNITS] / MB_DICT_UNIT_SIZE);
    d->utags = p + off[MB_DICT_SEC_UTAGS];
    for (uint32_t i = 0; i < MB_DICT_NPAGEIDX; i++)
        if (mb_ld16(d->pageidx + 2 * i) >= d->npages)
            return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %llu: page number %u, only %u pages", name,
                                (unsigned long long)(off[0] + 2 * i), mb_ld16(d->pageidx + 2 * i), d->npages);

    const char *tags = (const char *)(p + off[MB_DICT_SEC_TAGS]);
    size_t tlen = sz[MB_DICT_SEC_TAGS];
    if (tlen == 0 || tags[tlen - 1] != '\0')
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %llu: tag strings not NUL-terminated", name,
                            (unsigned long long)(off[MB_DICT_SEC_TAGS] + tlen));
    for (size_t i = 0; i < tlen;) {
        if (d->ntags == MB_DICT_MAX_TAGS)
            return mb_error_set(err, MB_EDICT_CORRUPT, "%s: byte %llu: more than %u tags", name,
                                (unsigned long long)(off[MB_DICT_SEC_TAGS] + i), MB_DICT_MAX_TAGS);
        d->tags[d->ntags++] = tags + i;
        i += strlen(tags + i) + 1;
    }
    d->lex = p + off[MB_DICT_SEC_LEXICON];
    d->lexsize = sz[MB_DICT_SEC_LEXICON];
    d->lexoff = off[MB_DICT_SEC_LEXICON];
    d->lexix = p + off[MB_DICT_SEC_LEXINDEX];
    if (off[MB_DICT_SEC_LEXINDEX] != off[MB_DICT_SEC_LEXICON] + sz[MB_DICT_SEC_LEXICON])
        return mb_error_set(
            err, MB_EDICT_CORRUPT,
            "%s: byte %u: the lexicon index at %llu does not follow the lexicon (ending at %llu)", name,
            64 + 16 * MB_DICT_SEC_LEXINDEX, (unsigned long long)off[MB_DICT_SEC_LEXINDEX],
            (unsigned long long)(off[MB_DICT_SEC_LEXICON] + sz[MB_DICT_SEC_LEXICON]));
    return mb_lex_section_check(name, d->lex, d->lexsize, d->lexoff, d->lexix, sz[MB_DICT_SEC_LEXINDEX],
                                &d->nlexrows, &d->lexindexed, err);
}

static mb_status finish_open(mb_dict *d, mb_dict **out, mb_error *err)
{
    mb_status st = validate(d, err);
    if (st) {
        release(d);
        return st;
    }
    atomic_init(&d->refs, 1);
    *out = d;
    return MB_OK;
}

mb_status mb_dict_adopt(const char *name, unsigned char *img, size_t n, mb_dict **out, mb_error *err)
{
    *out = NULL;
    mb_dict *d = calloc(1, sizeof *d);
    if (!d || !(d->name = strdup(name))) {
        free(d);
        free(img);
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
    }
    d->img = img;
    d->size = n;
    return finish_open(d, out, err);
}

mb_status mb_dict_open_mem(const char *name, const void *image, size_t n, mb_dict **out, mb_error *err)
{
    *out = NULL;
    unsigned char *copy = malloc(n ? n : 1);
    if (!copy)
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
    if (n)
        memcpy(copy, image, n);
    return mb_dict_adopt(name, copy, n, out, err);
}

mb_status mb_dict_open(const char *path, mb_dict **out, mb_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return mb_error_set(err, MB_EIO, "%s: cannot open: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        int e = errno;
        close(fd);
        return mb_error_set(err, MB_EIO, "%s: not a regular file%s%s", path, e ? ": " : "",
                            e ? strerror(e) : "");
    }
    if ((uint64_t)sb.st_size < MB_DICT_HEADER_SIZE) {
        close(fd);
        return mb_error_set(err, MB_EDICT_CORRUPT,
                            "%s: byte %lld: file ends inside the %u-byte header (truncated dictionary)", path,
                            (long long)sb.st_size, MB_DICT_HEADER_SIZE);
    }
    if ((uint64_t)sb.st_size > SIZE_MAX / 2) {
        close(fd);
        return mb_error_set(err, MB_EDICT_CORRUPT, "%s: file too large for a dictionary", path);
    }
    size_t n = (size_t)sb.st_size;
    /* not MAP_POPULATE: a start touches a few pages of the trie, a long run
     * faults the rest in as it needs them */
    void *m = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (m == MAP_FAILED)
        return mb_error_set(err, MB_EIO, "%s: cannot map: %s", path, strerror(e));
    mb_dict *d = calloc(1, sizeof *d);
    if (!d || !(d->name = strdup(path))) {
        free(d);
        munmap(m, n);
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", path);
    }
    d->img = m;
    d->size = n;
    d->mapped = 1;
    return finish_open(d, out, err);
}

mb_status mb_dict_verify(const mb_dict *d, mb_error *err)
{
    if (!d)
        return mb_error_set(err, MB_EARG, "dict verify: no dictionary");
    uint64_t got = mb_dict_checksum(d->img, d->size);
    if (got != d->checksum)
        return mb_error_set(err, MB_EDICT_CORRUPT,
                            "%s: byte %u: checksum 0x%016llx does not match the contents (0x%016llx): "
                            "the file is corrupted",
                            d->name, MB_DICT_CHECKSUM_AT, (unsigned long long)d->checksum,
                            (unsigned long long)got);
    /* the index against the one its rows give */
    const unsigned char *p = d->img;
    uint64_t ixsize = mb_ld64(p + 72 + 16 * MB_DICT_SEC_LEXINDEX);
    return mb_lex_index_verify(d->name, d->lex, d->lexsize, d->lexoff, d->lexix, (size_t)ixsize, err);
}

void mb_dict_get_info(const mb_dict *d, mb_dict_info *info)
{
    memset(info, 0, sizeof *info);
    if (!d)
        return;
    info->version = mb_ld32(d->img + 8);
    info->file_size = d->size;
    info->checksum = d->checksum;
    info->total_freq = d->total;
    info->words = d->nwords;
    info->chars = d->nchars;
    info->units = d->nunits;
    info->tags = d->ntags;
    info->lexicon_rows = d->nlexrows;
}

int mb_dict_lookup(const mb_dict *d, const char *word, size_t len, double *logp, const char **tag)
{
    if (!d || !word || len == 0)
        return 0;
    const unsigned char *w = (const unsigned char *)word;
    uint32_t s = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int k = mb_utf8_decode(w + i, len - i, &cp);
        if (k < 0)
            return 0;
        uint32_t c = mb_dict_char(d, (uint32_t)cp);
        if (!c || !mb_dict_step(d, &s, c))
            return 0;
        i += (size_t)k;
    }
    uint32_t wd = mb_dict_word(d, s);
    if (!wd || wd == MB_DICT_W_DELETED)
        return 0;
    if (logp)
        *logp = -(double)(wd - 1) / MB_DICT_COST_SCALE;
    if (tag)
        *tag = mb_dict_word_tag(d, s);
    return 1;
}
