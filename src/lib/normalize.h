/* normalize.h — character normalization with utf8proc (owns: which
 * characters are rewritten before recognition).
 *
 * Full-width digits, Latin letters and the ASCII punctuation that numbers
 * and units use (％ ＋ － ． ／ ～ ...) become half-width; the Chinese
 * punctuation ，。；：！？（）“”、 is kept; ideographic and other odd
 * spaces become U+0020; zero-width and other format characters are dropped;
 * CR and CRLF become LF; a form feed (pdftotext's page break) after a line
 * break is dropped, elsewhere it becomes LF, so line numbers stay the file's. 〇 and ○ are kept (they are read as zero by the
 * recognizer). The source map carries through. */
#ifndef MB_NORMALIZE_H
#define MB_NORMALIZE_H

#include "text.h"

mb_status mb_normalize(const mb_text *in, mb_text *out, mb_error *err);

/* Normalize one code point as mb_normalize would: writes the replacement
 * to out (up to 4 code points) and returns how many (0: dropped). */
int mb_normalize_cp(int32_t cp, int32_t out[4]);

#endif
