/* model.c — the model: dictionary, user dictionaries, lexicon, recognizer. */
#include "error.h"
#include "extract.h"

#include <stdlib.h>

mb_status mb_model_open_lexicon(const char *dict_path, const char *const *user_dicts, size_t nuser,
                                const char *const *user_lexicons, size_t nlex, mb_model **out, mb_error *err)
{
    return mb_model_open_opts(dict_path, user_dicts, nuser, user_lexicons, nlex, 0, out, err);
}

void mb_model_jit(mb_model *m)
{
    if (m)
        mb_recognizer_jit(m->rec);
}

mb_status mb_model_open_opts(const char *dict_path, const char *const *user_dicts, size_t nuser,
                             const char *const *user_lexicons, size_t nlex, unsigned flags, mb_model **out,
                             mb_error *err)
{
    *out = NULL;
    mb_model *m = calloc(1, sizeof *m);
    if (!m)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    mb_status st = mb_dict_open(dict_path, &m->dict, err);
    if (!st && nuser)
        st = mb_dict_load_user(m->dict, user_dicts, nuser, &m->user, err);
    if (!st)
        st = mb_lexicon_open(m->dict, user_lexicons, nlex, &m->lex, err);
    if (!st)
        st = mb_recognizer_open(m->lex, !(flags & MB_MODEL_NO_JIT), &m->rec, err);
    if (!st)
        st = mb_docdate_rx_new(m->lex, &m->dates, err);
    if (st) {
        mb_model_free(m);
        return st;
    }
    *out = m;
    return MB_OK;
}

mb_status mb_model_open(const char *dict_path, const char *const *user_dicts, size_t nuser, mb_model **out,
                        mb_error *err)
{
    return mb_model_open_lexicon(dict_path, user_dicts, nuser, NULL, 0, out, err);
}

const mb_lexicon *mb_model_lexicon(const mb_model *m)
{
    return m ? m->lex : NULL;
}

void mb_model_free(mb_model *m)
{
    if (!m)
        return;
    mb_docdate_rx_free(m->dates);
    mb_recognizer_free(m->rec);
    mb_lexicon_free(m->lex);
    mb_dict_close(m->user);
    mb_dict_close(m->dict);
    free(m);
}
