/* reflow.c — STUB (one paragraph per non-blank line); replaced by the real
 * reflow. */
#include "reflow.h"

#include <stdlib.h>
#include <string.h>

mb_status mb_split_sentences(const char *text, size_t len, mb_sentence **out, size_t *n)
{
    (void)text;
    *out = malloc(sizeof **out);
    if (!*out)
        return MB_ENOMEM;
    (*out)[0].start = 0;
    (*out)[0].end = len;
    *n = 1;
    return MB_OK;
}

void mb_paragraphs_free(mb_paragraph *p, size_t n)
{
    if (!p)
        return;
    for (size_t i = 0; i < n; i++) {
        mb_text_free(&p[i].text);
        free(p[i].sentences);
    }
    free(p);
}

mb_status mb_reflow(const mb_text *norm, mb_paragraph **out, size_t *n, mb_error *err)
{
    (void)err;
    *out = NULL;
    *n = 0;
    size_t cap = 0, np = 0;
    mb_paragraph *ps = NULL;
    size_t i = 0;
    unsigned line = 1;
    while (i < norm->len) {
        size_t e = i;
        while (e < norm->len && norm->s[e] != '\n')
            e++;
        if (e > i) {
            if (np == cap) {
                cap = cap ? cap * 2 : 16;
                mb_paragraph *nps = realloc(ps, cap * sizeof *nps);
                if (!nps) {
                    mb_paragraphs_free(ps, np);
                    return MB_ENOMEM;
                }
                ps = nps;
            }
            mb_paragraph *p = &ps[np];
            memset(p, 0, sizeof *p);
            p->index = np;
            p->line = line;
            if (mb_text_append_slice(&p->text, norm, i, e) ||
                mb_split_sentences(p->text.s, p->text.len, &p->sentences, &p->nsentences)) {
                mb_paragraphs_free(ps, np + 1);
                return MB_ENOMEM;
            }
            mb_text_source_range(norm, i, e, &p->src_start, &p->src_end);
            np++;
        }
        i = e + 1;
        line++;
    }
    *out = ps;
    *n = np;
    return MB_OK;
}
