/* html_align.h — where the text of an HTML parser's text nodes lies in the
 * page (owns: the rules for markup, character references and dropped
 * characters that mirror libxml2's HTML parser, and the map from each byte
 * of a text node to the source characters it came from).
 *
 * The parser hands over text nodes with references resolved (&nbsp; is
 * U+00A0, &#x4E07; is 万) and no positions. Text nodes come in document
 * order, so each one is searched for from where the last one ended:
 * markup is skipped (tags, quoted attribute values, comments, <!DOCTYPE>,
 * <?...>), and the node's characters are matched against the source one by
 * one, a character reference matching the one character it stands for and
 * mapping to all of its bytes. Characters libxml2 drops (control
 * characters, U+FFFE/U+FFFF, invalid or empty numeric references, a "</"
 * that starts no end tag) are skipped. No libxml2 here: named references
 * are resolved by a callback. */
#ifndef MB_HTML_ALIGN_H
#define MB_HTML_ALIGN_H

#include <stddef.h>
#include <stdint.h>

/* The code point of the named reference name[0..len) (without & and ;),
 * or -1 when there is no such name. */
typedef int32_t (*mb_html_entity_fn)(const char *name, size_t len);

typedef struct mb_html_aligner {
    const char *s; /* the page as UTF-8 (decoded) */
    size_t n;
    size_t cur; /* where the next text node is searched from */
    mb_html_entity_fn entity;
} mb_html_aligner;

/* Find text node t[0..tl) at or after al->cur. On success, a[i] and b[i]
 * receive the offsets in s of the source character (or reference) that
 * gave byte i of t, al->cur moves past it, and 1 is returned; 0 when it is
 * not found within 64 Ki characters of text (al->cur is left alone). */
int mb_html_align(mb_html_aligner *al, const char *t, size_t tl, uint32_t *a, uint32_t *b);

/* The end of the markup starting at s[p] ('<'), or p when libxml2 reads
 * that '<' as text. Exposed for tests. */
size_t mb_html_markup_end(const char *s, size_t n, size_t p);

#endif
