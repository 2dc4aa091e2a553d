/* decode.h — source bytes to UTF-8 with iconv(3) (owns: encoding detection,
 * conversion, the byte-exact offset map of decoded text to source bytes).
 *
 * The decoded text holds every character of the source, line breaks (CR,
 * LF, CRLF) included, and a BOM dropped; so[i]/eo[i] give each character's
 * source bytes. Detection: BOM (UTF-8, UTF-16LE/BE), else valid UTF-8 (or
 * mostly UTF-8: then its bad bytes are errors), else Big5 when the text
 * reads clearly better as Big5, else GB18030 (a superset of GBK and
 * GB2312). UTF-16 without a BOM only when forced ("utf-16": big-endian). */
#ifndef MB_DECODE_H
#define MB_DECODE_H

#include "strlist.h"
#include "text.h"

/* Decode src[0..n). name is used in messages ("FILE: byte 123: ...").
 * forced: NULL to detect, else an encoding name (utf-8, gb18030, gbk,
 * gb2312, big5, utf-16, utf-16le, utf-16be; case-insensitive).
 * lenient: bad sequences become U+FFFD and a warning in *warnings instead
 * of an MB_EDECODE error naming the file, byte offset and encoding.
 * NUL bytes in an 8-bit encoding (U+0000 in UTF-16) give MB_EBINARY, also
 * when lenient. At most 20 warnings, then one "N more" line. An empty input
 * gives an empty text. *encoding receives a static canonical name: utf-8,
 * gb18030, big5, utf-16le or utf-16be. lex: its class common_char holds
 * the very common characters that tell Big5 from GB18030 (NULL: none, so
 * Big5 is never detected). */
mb_status mb_decode(const char *name, const unsigned char *src, size_t n, const char *forced, int lenient,
                    const mb_lexicon *lex, mb_text *out, const char **encoding, mb_strlist *warnings,
                    mb_error *err);

/* mb_decode of a piece of a file that starts at byte base of the file
 * (reader.c): the text's source map and every message give offsets in the
 * file; a lenient reading warns of no bad sequence before file offset
 * quiet_to (bytes read again: warned about with the piece before). */
mb_status mb_decode_at(const char *name, const unsigned char *src, size_t n, size_t base, size_t quiet_to,
                       const char *forced, int lenient, const mb_lexicon *lex, mb_text *out,
                       const char **encoding, mb_strlist *warnings, mb_error *err);

/* MB_EBINARY, with mb_decode's message, when the first bytes src[0..n) of
 * an input already show it is binary (a NUL byte; a U+0000 unit in
 * UTF-16, by BOM or forced): read a prefix, check it, then read the rest. */
mb_status mb_decode_check_nul(const char *name, const unsigned char *src, size_t n, const char *forced,
                              mb_error *err);

/* 1 when p[0..n) is UTF-8 throughout (a NUL byte is valid here). */
int mb_utf8_valid(const unsigned char *p, size_t n);

/* Canonical name for an encoding name or alias, or NULL if unsupported. */
const char *mb_encoding_canonical(const char *name);

#endif
