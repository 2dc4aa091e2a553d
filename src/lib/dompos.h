/* dompos.h — an HTML page's characters as a browser's DOM holds them (owns:
 * which characters of the page document.body.textContent is made of, and
 * the table from the page's source bytes to that text's character count).
 *
 * A Web Annotation tool in a browser (Hypothesis: "offsets in the document
 * body's textContent") counts a TextPositionSelector in the text of
 * <body>: every text node under it in document order, so the text of a
 * <script> or <style> inside the body too; markup, comments and what lies
 * outside the body (the <head>, <title>) not. The page is read as the HTML
 * standard's tokenizer and tree builder read it, as far as that decides
 * the characters and their order:
 *   - CR LF and a lone CR are one line feed; a BOM is not text;
 *   - a character reference (&amp; &nbsp; &#x4E00; &#19968;, and a legacy
 *     name without its ';', &nbsp) counts the one or two characters it
 *     stands for (the WHATWG list, html_entities.h); an '&' that starts no
 *     reference is itself a character;
 *   - tags (quoted attribute values may hold '>'), comments (<!-- -->,
 *     <!-->), <!DOCTYPE>, <?...> and <!...> (CDATA outside <svg>/<math>
 *     is such a bogus comment) count nothing; CDATA inside <svg>/<math>
 *     counts its text;
 *   - the text of script, style, xmp, iframe, noembed, noframes and
 *     noscript (scripting on, as in a browser) is raw: counted as written,
 *     to its end tag (for script, with the standard's <!-- <script>
 *     escapes); that of title and textarea with its references read;
 *     plaintext takes the rest of the page;
 *   - a line feed right after <pre>, <listing> or <textarea> is dropped;
 *     the content of a <template> is not in the DOM text;
 *   - the body starts after <body ...>; without one, at the first
 *     character that is not white space or the first tag that does not
 *     belong in <head> (html, head, base, basefont, bgsound, link, meta,
 *     title, noscript, noframes, style, script, template), and also at an
 *     end tag body, html or br; white space before it is not in the body;
 *     a frameset page has no body (no table: positions are null).
 * Not modelled: text a browser moves (non-blank text directly in a table,
 * outside its cells, is put before the table), and tags ignored in odd
 * places (an <iframe> inside <select>). */
#ifndef MB_DOMPOS_H
#define MB_DOMPOS_H

#include "charpos.h"
#include "text.h"

/* Build cp for the page decoded in dec (each character mapped to the
 * source bytes it came from) in source encoding enc: flat checkpoints over
 * what the DOM text does not hold, cp->origin the source byte where the
 * body starts (UINT32_MAX: none). A frameset page gives an empty table.
 * MB_ENOMEM or MB_OK. */
mb_status mb_dompos_build(mb_charpos *cp, const mb_text *dec, const char *enc);

#endif
