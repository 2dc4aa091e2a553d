/* charpos.h — character positions in a source file (owns: the length of a
 * character in each encoding mubiao reads, and a sparse table from source
 * byte offsets to character counts): the start and end of a span counted
 * in characters (Unicode code points) of the decoded file, a BOM not
 * counted, as the W3C Web Annotation TextPositionSelector counts them for
 * a text/plain resource. For an HTML page dompos.c fills the same table
 * with the characters of the page's DOM text instead: there checkpoints
 * may be flat (markup, a character reference: bytes that add no character
 * of their own; what a reference stands for is in the next checkpoint's
 * count). */
#ifndef MB_CHARPOS_H
#define MB_CHARPOS_H

#include "mubiao.h"

#include <stddef.h>
#include <stdint.h>

typedef struct mb_charpos {
    uint32_t *byte, *count; /* checkpoints at character starts, about every 1 KiB */
    uint8_t *flat;          /* NULL (a text file), or 1 for a checkpoint whose bytes add no character */
    size_t n, cap;
    size_t bom;      /* bytes of a byte order mark at the start */
    uint32_t origin; /* the first byte counted: after a BOM; on a page, where its body starts */
    int enc;         /* internal encoding code */
} mb_charpos;

/* Build the table of src[0..n) in encoding enc (mubiao's canonical names:
 * utf-8, utf-16le, utf-16be, gb18030, big5). MB_ENOMEM or MB_OK. */
mb_status mb_charpos_build(mb_charpos *cp, const unsigned char *src, size_t n, const char *enc);
/* The number of characters before byte offset b (a character start). */
uint32_t mb_charpos_at(const mb_charpos *cp, const unsigned char *src, size_t n, uint32_t b);
void mb_charpos_free(mb_charpos *cp);

/* For a table of another text (dompos.c): an empty table for encoding enc,
 * flat checkpoints allowed, origin UINT32_MAX; then checkpoints appended in
 * byte order (MB_ENOMEM or MB_OK). Between a checkpoint that is not flat
 * and the next, every character of the source counts one. */
void mb_charpos_init(mb_charpos *cp, const char *enc);
mb_status mb_charpos_push(mb_charpos *cp, uint32_t byte, uint32_t count, int flat);

#endif
