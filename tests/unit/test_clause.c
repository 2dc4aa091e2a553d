/* test_clause.c — the clause bounds of text.c (mb_clause_start,
 * mb_clause_end) over mb_clause_break's marks: full-width ，；：。！？ and
 * ASCII , ;, from any byte position, mid-character included; the colon
 * and semicolon tests (mb_colon_at, mb_semicolon_before); mb_find (first
 * occurrence, bounds) and the inline mb_utf8_decode against the general
 * decoder on every one-, two- and three-byte sequence. */
#include "t.h"
#include "text.h"

int main(void)
{
    const char *s = "5.8%,\xe6\xb7\xb1\xe5\x9c\xb3\xef\xbc\x8c\xe6\x88\x90"; /* 5.8%,深圳，成 */
    size_t n = strlen(s);
    /* from every position: after "," (byte 5) or after "，" (byte 14) */
    size_t want_start[] = {0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 14, 14, 14, 14};
    int ok = 1;
    for (size_t p = 0; p <= n; p++)
        ok = ok && mb_clause_start(s, 0, p) == want_start[p];
    T_OK(ok, "clause start from every byte, an ASCII comma three bytes back is no 3-byte mark");
    T_EQ_INT(mb_clause_start(s, 12, 14), 12, "... never before floor (a mark cut by it is none)");
    T_EQ_INT(mb_clause_end(s, n, 0), 4, "clause end: the ASCII comma");
    T_EQ_INT(mb_clause_end(s, n, 5), 11, "... the full-width comma");
    T_EQ_INT(mb_clause_end(s, n, 14), n, "... none: the end");
    const char *t = "a:b!c?d";
    T_EQ_INT(mb_clause_end(t, strlen(t), 0), strlen(t),
             "ASCII : ! ? are no breaks (the extraction rules' set)");
    /* mb_colon_at, mb_semicolon_before: ： U+FF1A, ； U+FF1B and ASCII : ; */
    const char *u = "a\xef\xbc\x9a:b\xef\xbc\x9b;"; /* a：:b；; */
    size_t un = strlen(u);
    T_EQ_INT(mb_colon_at(u, un, 1), 3, "colon: the full-width one");
    T_EQ_INT(mb_colon_at(u, un, 4), 1, "... the ASCII one");
    T_EQ_INT(mb_colon_at(u, 3, 1), 0, "... not cut by len");
    T_EQ_INT(mb_colon_at(u, un, 0), 0, "... none at a letter");
    T_EQ_INT(mb_colon_at(u, un, 2), 0, "... none mid-character");
    T_EQ_INT(mb_colon_at(u, un, un), 0, "... none at the end");
    T_EQ_INT(mb_colon_at(u, un, 6), 0, "... a semicolon is none");
    T_EQ_INT(mb_semicolon_before(u, 9), 3, "semicolon before: the full-width one");
    T_EQ_INT(mb_semicolon_before(u, un), 1, "... the ASCII one");
    T_EQ_INT(mb_semicolon_before(u, 8), 0, "... none mid-character");
    T_EQ_INT(mb_semicolon_before(u, 4), 0, "... a colon is none");
    T_EQ_INT(mb_semicolon_before(u, 0), 0, "... none at the start");
    T_EQ_INT(mb_semicolon_before(";", 1), 1, "... the whole text");
    /* mb_find: the first occurrence, never past n, also of a word whose
     * third byte it looks for first */
    const char *h = "\xe7\x9b\xae\xe6\xa0\x87\xe7\x9b\xae\xe6\xa0\x87"
                    "a"; /* 目标目标a */
    T_EQ_INT(mb_find(h, 13, "\xe6\xa0\x87", 3) - h, 3, "mb_find: the first 标");
    T_EQ_INT(mb_find(h, 13, "\xe6\xa0\x87\xe7\x9b\xae", 6) - h, 3, "mb_find: 标目");
    T_OK(mb_find(h, 11,
                 "\xe6\xa0\x87"
                 "a",
                 4) == NULL,
         "mb_find: not past n");
    T_EQ_INT(mb_find(h, 13, "a", 1) - h, 12, "mb_find: an ASCII byte");
    /* a character with the word's third byte before it: 万 (E4 B8 87) differs
     * from 标 (E6 A0 87) in its first byte, 枇 (E6 9E 87) in its second */
    const char *wan = "\xe4\xb8\x87\xe6\xa0\x87", *pi = "\xe6\x9e\x87\xe6\xa0\x87"; /* 万标, 枇标 */
    T_EQ_INT(mb_find(wan, 6, "\xe6\xa0\x87", 3) - wan, 3, "mb_find: 标 after 万, whose first byte differs");
    T_EQ_INT(mb_find(pi, 6, "\xe6\xa0\x87", 3) - pi, 3, "mb_find: 标 after 枇, whose second byte differs");
    T_OK(mb_find(wan, 3, "\xe6\xa0\x87", 3) == NULL, "mb_find: not in 万 alone");
    T_OK(mb_find(h, 2, "\xe7\x9b\xae", 3) == NULL, "mb_find: a word longer than the text");
    T_OK(mb_find(h, 13, "", 0) == h, "mb_find: the empty word at the start");
    /* the inline decoder gives what the general one gives */
    int same = 1;
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (unsigned c2 = 0x70; c2 < 0xC8; c2++) {
                unsigned char u[3] = {(unsigned char)a, (unsigned char)b, (unsigned char)c2};
                for (size_t len = 1; len <= 3; len++) {
                    int32_t x, y;
                    int lx = mb_utf8_decode(u, len, &x), ly = mb_utf8_decode_any(u, len, &y);
                    same = same && lx == ly && x == y;
                }
            }
    T_OK(same, "inline UTF-8 decoding = the general decoder on 3.7 M sequences");
    /* mb_utf8_plain3_run (eight bytes a step) = mb_utf8_plain3 a character
     * at a time, on strings of pieces: plain characters (中, ， U+FF0C),
     * leads that are not plain (E0, ED), a bad continuation, ASCII, a cut */
    static const char *const piece[] = {
        "\xe4\xb8\xad", "\xef\xbc\x8c", "\xe0\xa4\x85", "\xed\x9f\xbf", "\xe4\x41\xad", "a", "\xe4\xb8"};
    unsigned seed = 99;
    int runs_same = 1;
    for (int round = 0; round < 20000; round++) {
        unsigned char b[64];
        size_t bn = 0;
        seed = seed * 1103515245u + 12345u;
        int np = (int)((seed >> 16) % 12);
        for (int k = 0; k < np; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 16; /* mostly 中, so that runs are long */
            const char *pc = piece[r < 7 ? 0 : r - 9 < 6 ? r - 9 + 1 : 0];
            size_t pl = strlen(pc);
            memcpy(b + bn, pc, pl);
            bn += pl;
        }
        for (size_t cut = 0; cut <= bn; cut++) {
            size_t want = 0;
            while (mb_utf8_plain3(b + want, cut - want))
                want += 3;
            runs_same = runs_same && mb_utf8_plain3_run(b, cut) == want;
        }
    }
    T_OK(runs_same, "the run of plain three-byte characters, eight bytes a step = one character a step");
    return t_done();
}
