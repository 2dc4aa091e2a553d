/* test_clause.c — the clause bounds of text.c (mb_clause_start,
 * mb_clause_end) over mb_clause_break's marks: full-width ，；：。！？ and
 * ASCII , ;, from any byte position, mid-character included. */
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
    return t_done();
}
