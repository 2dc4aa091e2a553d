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
    const char *tags[MB_DICT_MAX_TAGS];
    uint32_t ntags;
    const unsigned char *lex; /* the lexicon section (lexicon.h) */
    size_t lexsize, lexoff;
    uint32_t nlexrows;
    int lextrusted;         /* the lexicon's own classes, flags and offsets checked at open (lexicon.h) */
    unsigned char *lexmeta; /* else each row's class and flags, then string offsets, as the check at open
                             * found them (owned; laid out as in the section, lexicon.h) */
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

/* Follow the edge labelled c from unit *s; 0 if there is none. */
static inline int mb_dict_step(const mb_dict *d, uint32_t *s, uint32_t c)
{
    const unsigned char *u = d->units + (size_t)*s * MB_DICT_UNIT_SIZE;
    int64_t t = (int64_t)(int32_t)mb_ld32(u) + (int64_t)c;
    if (t <= 0 || (uint64_t)t >= d->nunits)
        return 0;
    const unsigned char *v = d->units + (size_t)t * MB_DICT_UNIT_SIZE;
    if (mb_ld32(v + 4) != *s)
        return 0;
    *s = (uint32_t)t;
    return 1;
}

/* The value of unit s (0: no word ends here). */
static inline uint32_t mb_dict_value(const mb_dict *d, uint32_t s)
{
    return mb_ld32(d->units + (size_t)s * MB_DICT_UNIT_SIZE + 8);
}

/* The tag of a value (a valid index is checked here). */
static inline const char *mb_dict_value_tag(const mb_dict *d, uint32_t v)
{
    uint32_t i = (v >> 24) - 1;
    return i < d->ntags ? d->tags[i] : "x";
}

#endif
