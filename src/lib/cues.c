/* cues.c — the cue lexicon of extraction: look-ups in the lexicon classes
 * of dict/lexicon/cues.tsv (see cues.h). */
#include "cues.h"

#include "lexicon.h"

#include <string.h>

size_t mb_kind_cues(const mb_lexicon *lex, mb_cue *out, size_t max)
{
    static const struct {
        mb_lexclass cls;
        mb_cue_kind kind;
    } groups[] = {{MB_LX_CUE_TARGET, MB_CUE_TARGET}, {MB_LX_CUE_ACHIEVEMENT, MB_CUE_ACHIEVEMENT}};
    size_t k = 0;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        mb_lexlist ws = mb_lex_words(lex, groups[g].cls);
        for (size_t i = 0; i < ws.n && k < max; i++) {
            const mb_lexword *w = mb_lexlist_at(ws, i);
            out[k++] = (mb_cue){mb_lexw_word(w), groups[g].kind, mb_lex_flag(w, "whole_token"),
                                mb_lex_flag(w, "local")};
        }
    }
    return k;
}

int mb_change_of(const mb_lexicon *lex, const char *tok, size_t len)
{
    if (mb_lex_is(lex, MB_LX_CHANGE_UP, tok, len))
        return 1;
    if (mb_lex_is(lex, MB_LX_CHANGE_DOWN, tok, len))
        return -1;
    return 0;
}

int mb_is_linker(const mb_lexicon *lex, const char *tok, size_t len)
{
    return mb_lex_is(lex, MB_LX_LINKER, tok, len);
}

int mb_is_adverb(const mb_lexicon *lex, const char *tok, size_t len)
{
    return mb_is_modal(lex, tok, len) || mb_lex_is(lex, MB_LX_ADVERB, tok, len);
}

int mb_is_modal(const mb_lexicon *lex, const char *tok, size_t len)
{
    return mb_lex_is(lex, MB_LX_MODAL, tok, len);
}

int mb_is_generic_head(const mb_lexicon *lex, const char *tok, size_t len)
{
    return mb_lex_is(lex, MB_LX_GENERIC_HEAD, tok, len);
}

int mb_is_nounish(const char *tok, size_t len, const char *tag)
{
    (void)tok;
    (void)len;
    if (!tag)
        return 0;
    switch (tag[0]) {
    case 'n': /* n, nr, ns, nt, nz, ng */
    case 'j': /* abbreviation */
    case 'b': /* distinguishing word: 规上, 高端 */
    case 'l': /* fixed expression */
    case 'i':
    case 'g': return 1;
    case 'v': return tag[1] == 'n';       /* vn: 投资, 就业 */
    case 'a': return tag[1] == 'n';       /* an */
    case 'e': return !strcmp(tag, "eng"); /* GDP, CPI */
    default: return 0;
    }
}
