/* dict_format.h — the binary layout of a compiled dictionary (owns: the
 * file format constants, little-endian loads and stores, the checksum).
 * Shared by the compiler (dict_compile.c), which writes the format, and the
 * runtime (dict.c), which validates and reads it.
 *
 * Every integer is little-endian; the file is read with explicit byte loads,
 * never by casting structs onto the mapping.
 *
 *   offset size  header (MB_DICT_HEADER_SIZE bytes)
 *     0     8    magic "mubiaoDC"
 *     8     4    format version (MB_DICT_VERSION)
 *    12     4    byte-order mark 0x01020304 (reads 0x04030201 if swapped)
 *    16     4    header size (184)
 *    20     4    number of sections (7)
 *    24     8    total file size in bytes (a multiple of 8)
 *    32     8    checksum of the whole file (both checksum fields taken as 0)
 *    40     8    total frequency (sum of word frequencies)
 *    48     4    number of words
 *    52     4    number of distinct characters (char ids 1..n)
 *    56     4    cost of an unknown character (frequency 1)
 *    60     4    flags (MB_DICT_FLAG_*)
 *    64   112    section table: 7 x {u64 offset, u64 size}
 *   176     8    head checksum: of the header and of every section but the
 *                trie's two and the lexicon index (2, 3 and 6; both
 *                checksum fields taken as 0; each section with its padding
 *                to 8)
 *   sections (offsets multiples of 8, in this order, not overlapping):
 *     0  page index: 4352 x u16, code point >> 8 -> page number
 *     1  pages: npages x 256 x u16, code point & 255 -> char id (0: none);
 *        page 0 is all zeros
 *     2  double-array trie: nunits (at most MB_DICT_MAX_UNITS) x u64, one
 *        unit each: bits 0-23 base, 24-39 label, 40-63 word: 0 when no
 *        word ends here, else its cost + 1, where cost =
 *        round((ln total - ln freq) * MB_DICT_COST_SCALE), at most
 *        MB_DICT_COST_MAX; MB_DICT_W_DELETED marks a word a user
 *        dictionary removes.
 *        The child of unit s by char id c is t = base[s] + c when
 *        t < nunits and label[t] == c; the root is unit 0. Bases are
 *        unique, so a label names its parent; base 0 means no children
 *        (no node has base 0); a free unit is all zeros. Eight bytes a unit
 *        (12 until format 5: base, parent, value): a cache line holds 8
 *        units, not 5.3, where the walks go.
 *     3  unit tags: nunits x u8, the tag index + 1 of the word ending at
 *        each unit (0: none). Read once a word has won, apart from the
 *        units the walks read at every step.
 *     4  tags: NUL-terminated strings, tag index = order of appearance
 *     5  lexicon (lexicon.h): u32 number of rows, u32 fingerprint of
 *        the class table and index layout it was compiled against, then
 *        per row three NUL-terminated strings: class name, word, items;
 *        zero padding to 8. Rows are unique by class and word. Empty (0
 *        rows) in user dictionaries.
 *     6  lexicon index (lexicon.c, ix_layout), right after section 5: the
 *        hash slots, the rows (16 bytes each: the distance back from the
 *        row to its word and to its items in section 5, word length,
 *        class, flags), each class's words longest first and in row
 *        order, its word lengths and character filters, the t2s bitmap.
 *        A lexicon maps it as it is when the fingerprint is this
 *        program's: at open, every row's word and items are checked to
 *        lie in section 5 and end with a NUL, every row number of the
 *        lists to be a row, every class's range to lie in the lists; the
 *        hash slots are bounded where they are read. When the fingerprint
 *        is not this program's, the rows are read string by string, the
 *        word and items checked again (valid UTF-8, items declared by the
 *        class) and a lexicon builds its own index from them, as it does
 *        when user lexicon rows are merged. mb_dict_verify (dict info)
 *        builds the index again from section 5 and compares.
 *
 * Checksums: 64-bit FNV-1a applied to little-endian 64-bit words in four
 * interleaved lanes (word i goes to lane i % 4), the four lane values then
 * folded with FNV-1a over their bytes together with the byte count. The
 * head checksum runs over the header then sections 0, 1, 4 and 5 one after
 * the other; it is checked at every open (under a megabyte).  The whole-file
 * checksum covers the trie's megabytes (sections 2 and 3) and the lexicon
 * index (6) as well; it is checked by
 * mb_dict_verify (mubiao dict info), not at every open, since reading the
 * whole file costs more than the rest of a start.  They are guards against
 * corruption, not cryptographic signatures; the
 * runtime bounds-checks every index anyway. */
#ifndef MB_DICT_FORMAT_H
#define MB_DICT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define MB_DICT_MAGIC "mubiaoDC"
#define MB_DICT_VERSION                                                                                      \
    7u /* 2: the lexicon section; 3: its classes and flags; 4: head checksum; 5: its rows' offsets, hashes   \
        * and filter bits; 6: 8-byte trie units, the unit tags section; 7: the lexicon index section */
#define MB_DICT_BOM            0x01020304u
#define MB_DICT_HEADER_SIZE    184u
#define MB_DICT_NSECTIONS      7u
#define MB_DICT_CHECKSUM_AT    32u
#define MB_DICT_HEADSUM_AT     176u
#define MB_DICT_NPAGEIDX       0x1100u /* 0x110000 code points / 256 */
#define MB_DICT_UNIT_SIZE      8u
#define MB_DICT_BASE_MASK      0xFFFFFFu /* a unit's bits 0-23 */
#define MB_DICT_MAX_UNITS      MB_DICT_BASE_MASK
#define MB_DICT_LABEL_SHIFT    24
#define MB_DICT_LABEL_MASK     0xFFFFu /* after the shift */
#define MB_DICT_WORD_SHIFT     40
#define MB_DICT_W_DELETED      0xFFFFFFu /* a unit's word: removed by a user dictionary */
#define MB_DICT_COST_SCALE     65536.0
#define MB_DICT_COST_MAX       0xFFFFFDu /* + 1 below MB_DICT_W_DELETED; ln(total / freq) is below 45 */
#define MB_DICT_COST_DELETED   0xFFFFFFu
#define MB_DICT_MAX_TAGS       255u
#define MB_DICT_FLAG_OVERLAY   1u /* built in memory for a user dictionary */
#define MB_DICT_MAX_WORD_BYTES 256u

enum {
    MB_DICT_SEC_PAGEIDX,
    MB_DICT_SEC_PAGES,
    MB_DICT_SEC_UNITS,
    MB_DICT_SEC_UTAGS,
    MB_DICT_SEC_TAGS,
    MB_DICT_SEC_LEXICON,
    MB_DICT_SEC_LEXINDEX
};

static inline uint16_t mb_ld16(const unsigned char *p)
{
    return (uint16_t)(p[0] | (unsigned)p[1] << 8);
}
static inline uint32_t mb_ld32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t mb_ld64(const unsigned char *p)
{
    return (uint64_t)mb_ld32(p) | (uint64_t)mb_ld32(p + 4) << 32;
}
static inline void mb_st16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}
static inline void mb_st32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}
static inline void mb_st64(unsigned char *p, uint64_t v)
{
    mb_st32(p, (uint32_t)v);
    mb_st32(p + 4, (uint32_t)(v >> 32));
}

/* The whole-file checksum of an image of n bytes (n a multiple of 8, >=
 * header). */
uint64_t mb_dict_checksum(const unsigned char *p, size_t n);
/* The head checksum of an image of n bytes (n a multiple of 8, >= header);
 * a section the table puts outside the image counts as far as the image
 * goes. */
uint64_t mb_dict_checksum_head(const unsigned char *p, size_t n);
/* Store both checksums of an image (the compiler; tests that forge one). */
void mb_dict_seal(unsigned char *p, size_t n);

#endif
