/* html_align.c — locate the parser's text nodes in the HTML source. */
#include "html_align.h"

#include "text.h"

#include <string.h>
#include <strings.h>

#define SEARCH_LIMIT 65536 /* characters of text tried before giving up on a node */

static int ascii_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int ascii_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* What libxml2 accepts as the first character of a tag or attribute name. */
static int name_start(unsigned char c)
{
    return ascii_letter(c) || c == '_' || c == ':' || c == '.';
}

static int name_char(unsigned char c)
{
    return name_start(c) || ascii_digit(c) || c == '-';
}

/* A character XML allows (libxml2 drops the others from text). */
static int xml_char(int32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

static size_t find_gt(const char *s, size_t n, size_t q)
{
    const char *g = q < n ? memchr(s + q, '>', n - q) : NULL;
    return g ? (size_t)(g - s) + 1 : n;
}

/* A start tag from s[p] = '<' (s[p+1] is a letter): name, then attributes
 * whose values may be quoted; ends after '>' or "/>". */
static size_t start_tag_end(const char *s, size_t n, size_t p)
{
    size_t q = p + 1;
    while (q < n && name_char((unsigned char)s[q]))
        q++;
    for (;;) {
        while (q < n && blank((unsigned char)s[q]))
            q++;
        if (q >= n)
            return n;
        if (s[q] == '>')
            return q + 1;
        if (s[q] == '/' && q + 1 < n && s[q + 1] == '>')
            return q + 2;
        if (name_start((unsigned char)s[q])) {
            while (q < n && name_char((unsigned char)s[q]))
                q++;
            while (q < n && blank((unsigned char)s[q]))
                q++;
            if (q < n && s[q] == '=') {
                q++;
                while (q < n && blank((unsigned char)s[q]))
                    q++;
                if (q < n && (s[q] == '"' || s[q] == '\'')) {
                    const char *e = memchr(s + q + 1, s[q], n - q - 1);
                    if (!e)
                        return n;
                    q = (size_t)(e - s) + 1;
                } else {
                    while (q < n && !blank((unsigned char)s[q]) && s[q] != '>')
                        q++;
                }
            }
        } else { /* junk where an attribute name should be */
            size_t q0 = q;
            while (q < n && !blank((unsigned char)s[q]) && s[q] != '>' &&
                   !(s[q] == '/' && q + 1 < n && s[q + 1] == '>'))
                q++;
            if (q == q0)
                q++;
        }
    }
}

size_t mb_html_markup_end(const char *s, size_t n, size_t p)
{
    if (p + 1 >= n || s[p] != '<')
        return p;
    unsigned char c = (unsigned char)s[p + 1];
    if (ascii_letter(c))
        return start_tag_end(s, n, p);
    if (c == '/') {
        if (p + 2 < n && name_start((unsigned char)s[p + 2]))
            return find_gt(s, n, p + 2);
        return p + 2; /* libxml2 drops a "</" that starts no end tag */
    }
    if (c == '?')
        return find_gt(s, n, p + 2);
    if (c == '!') {
        if (p + 3 < n && s[p + 2] == '-' && s[p + 3] == '-') {
            for (size_t q = p + 4; q + 2 < n; q++) {
                if (s[q] == '-' && s[q + 1] == '-') {
                    if (s[q + 2] == '>')
                        return q + 3;
                    if (q + 3 < n && s[q + 2] == '!' && s[q + 3] == '>')
                        return q + 4;
                }
            }
            return n; /* an unterminated comment runs to the end */
        }
        if (p + 9 <= n && !strncasecmp(s + p + 2, "doctype", 7))
            return find_gt(s, n, p + 9);
    }
    return p;
}

static int hex_value(unsigned char c)
{
    if (ascii_digit(c))
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* A character reference at s[p] ('&'): 1 with the code point it yields in
 * *cp (-1: it yields nothing) and its length; 0 when the '&' is text. */
static int reference_at(const mb_html_aligner *al, size_t p, int32_t *cp, size_t *len)
{
    const char *s = al->s;
    size_t n = al->n, q = p + 1;
    if (q < n && s[q] == '#') {
        int hex = q + 1 < n && (s[q + 1] == 'x' || s[q + 1] == 'X');
        q += hex ? 2 : 1;
        int32_t v = 0;
        for (; q < n; q++) {
            int d =
                hex ? hex_value((unsigned char)s[q]) : (ascii_digit((unsigned char)s[q]) ? s[q] - '0' : -1);
            if (d < 0)
                break;
            if (v < 0x110000)
                v = v * (hex ? 16 : 10) + d;
        }
        if (q < n && s[q] == ';')
            q++;
        *len = q - p;
        *cp = xml_char(v) ? v : -1;
        return 1;
    }
    size_t a = q;
    while (q < n && (ascii_letter((unsigned char)s[q]) || ascii_digit((unsigned char)s[q])))
        q++;
    if (q == a || q >= n || s[q] != ';' || !al->entity)
        return 0;
    int32_t c = al->entity(s + a, q - a);
    if (c < 0)
        return 0;
    *cp = c;
    *len = q + 1 - p;
    return 1;
}

/* Match t[0..tl) at s[p..]; returns the end in s, or (size_t)-1. */
static size_t match_at(const mb_html_aligner *al, size_t p, const char *t, size_t tl, uint32_t *a,
                       uint32_t *b)
{
    const char *s = al->s;
    size_t n = al->n, i = 0, q = p;
    while (i < tl) {
        int32_t tc;
        int tn = mb_utf8_decode((const unsigned char *)t + i, tl - i, &tc);
        if (tn < 1)
            tn = 1;
        if (q >= n)
            return (size_t)-1;
        if (s[q] == '&') {
            int32_t ec;
            size_t el;
            if (reference_at(al, q, &ec, &el)) {
                if (ec < 0) {
                    q += el;
                    continue;
                }
                if (ec == tc) {
                    for (int k = 0; k < tn; k++) {
                        a[i + k] = (uint32_t)q;
                        b[i + k] = (uint32_t)(q + el);
                    }
                    i += (size_t)tn;
                    q += el;
                    continue;
                }
            }
        }
        int32_t sc;
        int sn = mb_utf8_decode((const unsigned char *)s + q, n - q, &sc);
        if (sn < 1)
            sn = 1;
        if (sn == tn && !memcmp(s + q, t + i, (size_t)tn)) {
            for (int k = 0; k < tn; k++) {
                a[i + k] = (uint32_t)q;
                b[i + k] = (uint32_t)(q + (size_t)sn);
            }
            i += (size_t)tn;
            q += (size_t)sn;
            continue;
        }
        if (sc == '\r' || (sc >= 0 && !xml_char(sc))) {
            q += (size_t)sn; /* dropped by the parser */
            continue;
        }
        if (s[q] == '<' && q + 1 < n && s[q + 1] == '/' &&
            (q + 2 >= n || !name_start((unsigned char)s[q + 2]))) {
            q += 2;
            continue;
        }
        return (size_t)-1;
    }
    return q;
}

int mb_html_align(mb_html_aligner *al, const char *t, size_t tl, uint32_t *a, uint32_t *b)
{
    if (tl == 0)
        return 1;
    size_t p = al->cur, tries = 0;
    while (p < al->n && tries < SEARCH_LIMIT) {
        if (al->s[p] == '<') {
            if (t[0] == '<') { /* text that starts with '<' (libxml2 reads "<!x" or "< " as text) */
                size_t e = match_at(al, p, t, tl, a, b);
                if (e != (size_t)-1) {
                    al->cur = e;
                    return 1;
                }
            }
            size_t e = mb_html_markup_end(al->s, al->n, p);
            if (e > p) {
                p = e;
                continue;
            }
        }
        size_t e = match_at(al, p, t, tl, a, b);
        if (e != (size_t)-1) {
            al->cur = e;
            return 1;
        }
        p += (size_t)mb_utf8_len((unsigned char)al->s[p]);
        tries++;
    }
    return 0;
}
