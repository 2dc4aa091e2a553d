/* dict.h — the dictionary runtime (owns: mb_dict_open*, mb_dict_close,
 * mb_dict_lookup, mb_dict_get_info, and the inline trie walk the segmenter
 * uses).  A compiled dictionary is mapped read-only with mmap (or adopted
 * from memory for user dictionaries), validated completely at open — header,
 * section bounds, checksum, page index — and then never written but for its
 * reference count (atomic; the caller's and each lexicon's): one open
 * dictionary can be shared by any number of threads.  Every trie step is
 * bounds-checked, so even a file whose checksum was forged cannot make a
 * lookup read outside the mapping. */
#ifndef MB_DICT_H
#define MB_DICT_H

#include "dict_format.h"
#include "error.h"

#include <stdatomic.h>

struct mb_dict {
    atomic_uint refs;         /* the caller's and each lexicon's (mb_dict_ref) */
    const unsigned char *img; /* the whole image */
    size_t size;
    int mapped; /* 1: munmap on close; 0: free */
    char *name; /* path or label, for messages */
    const unsigned char *pageidx;
    const unsigned char *pages;
    uint32_t npages;
    const unsigned char *units;
    uint32_t nunits;
    const unsigned char *utags; /* the unit tags section: nunits bytes */
    const char *tags[MB_DICT_MAX_TAGS];
    uint32_t ntags;
    const unsigned char *lex; /* the lexicon section (lexicon.h) */
    size_t lexsize, lexoff;
    const unsigned char *lexix; /* the lexicon index section, right after it */
    uint32_t nlexrows;
    int lexindexed; /* the index was written against this class table and checked at open (lexicon.h) */
    uint64_t total;
    uint64_t checksum;
    uint32_t nwords, nchars, unk_cost, flags;
};

/* Take a reference to d (a lexicon whose words point into its image); the
 * image is released when the last mb_dict_close drops the last one. */
mb_dict *mb_dict_ref(const mb_dict *d);

/* Adopt a malloc'ed image (ownership passes to the dictionary, also on
 * failure): validate it as mb_dict_open would. */
mb_status mb_dict_adopt(const char *name, unsigned char *img, size_t n, mb_dict **out, mb_error *err);

/* Char id of code point cp (0: no word contains it). */
static inline uint32_t mb_dict_char(const mb_dict *d, uint32_t cp)
{
    if (cp >= 0x110000u)
        return 0;
    uint32_t page = mb_ld16(d->pageidx + 2 * (cp >> 8)); /* < npages, checked at open */
    return mb_ld16(d->pages + 512 * (size_t)page + 2 * (cp & 255));
}

/* Follow the edge labelled c (a char id, 1..0xFFFF) from unit *s; 0 if
 * there is none. */
static inline int mb_dict_step(const mb_dict *d, uint32_t *s, uint32_t c)
{
    uint64_t u = mb_ld64(d->units + (size_t)*s * MB_DICT_UNIT_SIZE);
    uint32_t t = (uint32_t)(u & MB_DICT_BASE_MASK) + c;
    if (t >= d->nunits)
        return 0;
    uint64_t v = mb_ld64(d->units + (size_t)t * MB_DICT_UNIT_SIZE);
    if ((uint32_t)(v >> MB_DICT_LABEL_SHIFT & MB_DICT_LABEL_MASK) != c)
        return 0;
    *s = t;
    return 1;
}

/* Ask for the unit a walk from the root reads at its second step, the
 * characters being c1 and c2 (char ids), ahead of the walk: the first step's
 * unit (a root's child: few, and in the cache) is read now, the second's is
 * prefetched. Most of a walk's time is that second unit's load out of the
 * cache; a walk some characters ahead finds it there. A hint only, and without a
 * branch (a branch here, on whether c1 is a child of the root, was
 * mispredicted once every few characters): nothing is read past the
 * units, and a wrong guess (c1 or c2 0, or no child) costs one prefetch.
 * always_inline: a function that only reads memory is "pure" to GCC, and a
 * call to it whose result is unused is deleted, prefetch and all (GCC 12
 * counts a prefetch as no side effect); inlined, the prefetch stays. */
static inline __attribute__((always_inline)) void mb_dict_prefetch_second(const mb_dict *d, uint32_t c1,
                                                                          uint32_t c2)
{
    uint32_t t = (uint32_t)(mb_ld64(d->units) & MB_DICT_BASE_MASK) + c1;
    t = t < d->nunits ? t : 0;
    uint64_t v = mb_ld64(d->units + (size_t)t * MB_DICT_UNIT_SIZE);
    uint32_t t2 = (uint32_t)(v & MB_DICT_BASE_MASK) + c2;
    t2 = t2 < d->nunits ? t2 : 0;
    __builtin_prefetch(d->units + (size_t)t2 * MB_DICT_UNIT_SIZE);
}

/* The word ending at unit s (s < nunits): 0 if none, else its cost + 1
 * (MB_DICT_W_DELETED: a word a user dictionary removes). */
static inline uint32_t mb_dict_word(const mb_dict *d, uint32_t s)
{
    return (uint32_t)(mb_ld64(d->units + (size_t)s * MB_DICT_UNIT_SIZE) >> MB_DICT_WORD_SHIFT);
}

/* The tag of the word ending at unit s (s < nunits; a valid index is
 * checked here: "x" otherwise). */
static inline const char *mb_dict_word_tag(const mb_dict *d, uint32_t s)
{
    uint32_t i = (uint32_t)d->utags[s] - 1;
    return i < d->ntags ? d->tags[i] : "x";
}

#endif
