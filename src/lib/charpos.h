/* charpos.h — character positions in a source file (owns: the length of a
 * character in each encoding mubiao reads, and a sparse table from source
 * byte offsets to character counts): the start and end of a span counted
 * in characters (Unicode code points) of the decoded file, a BOM not
 * counted, as the W3C Web Annotation TextPositionSelector counts them for
 * a text/plain resource. */
#ifndef MB_CHARPOS_H
#define MB_CHARPOS_H

#include "mubiao.h"

#include <stddef.h>
#include <stdint.h>

typedef struct mb_charpos {
    uint32_t *byte, *count; /* checkpoints at character starts, about every 1 KiB */
    size_t n;
    size_t bom; /* bytes of a byte order mark at the start */
    int enc;    /* internal encoding code */
} mb_charpos;

/* Build the table of src[0..n) in encoding enc (mubiao's canonical names:
 * utf-8, utf-16le, utf-16be, gb18030, big5). MB_ENOMEM or MB_OK. */
mb_status mb_charpos_build(mb_charpos *cp, const unsigned char *src, size_t n, const char *enc);
/* The number of characters before byte offset b (a character start). */
uint32_t mb_charpos_at(const mb_charpos *cp, const unsigned char *src, size_t n, uint32_t b);
void mb_charpos_free(mb_charpos *cp);

#endif
