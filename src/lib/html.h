/* html.h — HTML pages (owns: telling HTML from text, the page's charset,
 * the article-body heuristic, paragraphs from block structure, the page's
 * title and date). The only file that includes libxml2's headers is html.c.
 *
 * Charset: a BOM; else UTF-8 when the bytes are valid UTF-8 (pages saved by
 * scripts are often re-encoded to UTF-8 while their <meta> still says
 * gb2312); else the charset of <meta charset> or <meta http-equiv=
 * "Content-Type" content="...; charset=..."> when it is one mubiao decodes
 * (GB2312/GBK/GB18030, Big5, UTF-8); else detection as for text.
 *
 * The decoded page is parsed with libxml2's HTML parser; each text node is
 * found again in the decoded source (html_align.h), so every character of a
 * paragraph maps to the bytes of the file it came from (a reference such as
 * &#x4E07; to all of its bytes).
 *
 * Body: script, style, noscript, template, head, nav, header, footer,
 * aside, form, iframe, select, button, textarea, svg, object and menu are
 * dropped, and so is any element whose class or id has a word (split on
 * - and _) among nav, navbar, navigation, menu, header, footer, foot,
 * bottom, breadcrumb(s), crumb(s), location, position, sidebar, share,
 * copyright, toolbar, topbar. Each text character outside links counts for
 * its container: the nearest block element, or, for text in a paragraph
 * element (p, h1-h6, li, dt, dd, pre, caption, figcaption, address), the
 * nearest div, section, article, main, blockquote, center, td, th or body
 * above it (lists and tables in between are looked through). The container
 * with most characters is the article; it grows to its parent while the
 * parent holds at least 1.2 times its text (an article split over nested
 * divs). The last h1-h3 (or element whose class or id has the word
 * "title") before the article, within three levels above it, is kept as its
 * heading. If the class/id rule leaves no text, it is not applied.
 *
 * Paragraphs: every block element (p, div, h1-h6, li, tr, ...) and <br>
 * ends a paragraph; table cells are separated by one space. White space is
 * collapsed to one space, dropped at both ends of a paragraph and where a
 * line break meets a CJK character on either side. Each paragraph is then
 * normalized (normalize.h) and split into sentences (reflow.h).
 *
 * Title: the <title> element; site: <meta name="SiteName"> or
 * <meta property="og:site_name">. Date: <meta> PubDate, firstpublishedtime,
 * publishdate, article:published_time or dc.date (in that order); else the
 * last full date (2024-06-26, 2024/6/26, 2024年6月26日) in a short text
 * (under 200 bytes) before the article, outside dropped elements. */
#ifndef MB_HTML_H
#define MB_HTML_H

#include "strlist.h"
#include "text.h"

/* 1 when the file is HTML: its name ends in .html or .htm (any case), or
 * its text starts, after a BOM and white space, with <!DOCTYPE html,
 * <html, <head or <meta (any case). */
int mb_html_sniff(const char *name, const unsigned char *src, size_t n);

/* The charset a <meta> declares in the first 64 KiB, as mubiao's canonical
 * encoding name (utf-8, gb18030, big5); NULL when there is none or it is
 * one mubiao does not decode. The name as written goes to declared
 * (truncated to size; "" when none). */
const char *mb_html_declared_charset(const unsigned char *src, size_t n, char *declared, size_t size);

/* Decode a page as described above. forced: an encoding name (overrides
 * everything) or NULL. Arguments as for mb_decode. */
mb_status mb_html_decode(const char *name, const unsigned char *src, size_t n, const char *forced,
                         int lenient, const mb_lexicon *lex, mb_text *out, const char **encoding,
                         mb_strlist *warnings, mb_error *err);

typedef struct mb_html_page {
    mb_text norm;        /* the paragraphs' texts, one per line */
    mb_paragraph *paras; /* free with mb_paragraphs_free */
    size_t npara;
    char *title;  /* NULL when the page has none */
    char *site;   /* <meta name="SiteName"> or og:site_name, NULL when none */
    mb_date date; /* year 0 when the page states none; source "text" */
} mb_html_page;

/* Parse the decoded page dec (maps to the file's bytes) into paragraphs;
 * lex gives the date words of YYYY年M月D日 (NULL: numeric dates only).
 * Text nodes that cannot be found in the source are left out with a
 * warning. */
mb_status mb_html_parse(const char *name, const mb_text *dec, const mb_lexicon *lex, mb_html_page *out,
                        mb_strlist *warnings, mb_error *err);
void mb_html_page_free(mb_html_page *p);

#endif
