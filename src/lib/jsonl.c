/* jsonl.c — whole documents as JSON Lines (owns: mb_extract_jsonl,
 * mb_segment_write, mb_numbers_write, mb_free, mb_default_dict and the model
 * accessors the bindings use).  The `mubiao segment --json` and `mubiao
 * numbers` commands and the Python package (python/) print what these give,
 * so that both always agree. */
#include "emit.h"
#include "error.h"
#include "extract.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

#ifndef MB_DATADIR
#define MB_DATADIR "/usr/local/share/mubiao"
#endif

void mb_free(void *p)
{
    free(p);
}

const char *mb_default_dict(void)
{
    return MB_DATADIR "/mubiao.dict";
}

const mb_dict *mb_model_dict(const mb_model *m)
{
    return m ? m->dict : NULL;
}

const mb_dict *mb_model_user_dict(const mb_model *m)
{
    return m ? m->user : NULL;
}

const mb_recognizer *mb_model_recognizer(const mb_model *m)
{
    return m ? m->rec : NULL;
}

mb_status mb_extract_jsonl(const mb_model *m, const mb_doc *doc, const char *date, int flags, char **out,
                           size_t *len, mb_error *err)
{
    *out = NULL;
    if (len)
        *len = 0;
    mb_records recs = {0};
    mb_status st = mb_extract(m, doc, date, &recs, err);
    if (st)
        return st;
    mb_strbuf b = {0};
    for (size_t i = 0; i < recs.n && !st; i++) {
        char *js = NULL;
        st = mb_emit_record(doc, &recs, i, flags & ~MB_EMIT_PRETTY, &js, err);
        if (!st) {
            mb_strbuf_puts(&b, js);
            mb_strbuf_putc(&b, '\n');
            free(js);
        }
    }
    mb_records_free(&recs);
    if (st) {
        mb_strbuf_free(&b);
        return st;
    }
    return mb_strbuf_take(&b, out, len, err);
}

/* One line of segment JSON: {"path", "line", "tokens": [{text, start, end, tag}]}. */
static mb_status segment_line(const mb_doc *doc, const mb_text *t, size_t a, unsigned line,
                              const mb_tokens *tk, mb_write_fn w, void *ctx, mb_error *err)
{
    cJSON *o = cJSON_CreateObject();
    int bad = !o || !cJSON_AddStringToObject(o, "path", mb_doc_path(doc)) ||
              !cJSON_AddNumberToObject(o, "line", line);
    cJSON *toks = bad ? NULL : cJSON_AddArrayToObject(o, "tokens");
    bad |= !toks;
    for (size_t i = 0; i < tk->n && !bad; i++) {
        const mb_token *k = &tk->v[i];
        uint32_t so, eo;
        mb_text_source_range(t, a + k->start, a + k->end, &so, &eo);
        cJSON *e = cJSON_CreateObject();
        cJSON *txt = mb_emit_slice(t, a + k->start, a + k->end);
        if (!e || !txt) {
            cJSON_Delete(e);
            cJSON_Delete(txt);
            bad = 1;
            break;
        }
        cJSON_AddItemToObject(e, "text", txt);
        bad |= !cJSON_AddNumberToObject(e, "start", so);
        bad |= !cJSON_AddNumberToObject(e, "end", eo);
        bad |= !cJSON_AddStringToObject(e, "tag", k->tag);
        cJSON_AddItemToArray(toks, e);
    }
    char *s = bad ? NULL : cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!s)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    size_t n = strlen(s);
    s[n] = '\n';
    int wr = w(ctx, s, n + 1);
    free(s);
    return wr ? mb_error_set(err, MB_EIO, "cannot write output") : MB_OK;
}

mb_status mb_segment_write(const mb_dict *dict, const mb_dict *user, const mb_doc *doc, mb_write_fn w,
                           void *ctx, mb_error *err)
{
    const mb_text *t = mb_doc_text(doc);
    mb_tokens tk = {0};
    unsigned line = 0;
    mb_status st = MB_OK;
    for (size_t a = 0; a < t->len && !st;) {
        const char *nl = memchr(t->s + a, '\n', t->len - a);
        size_t b = nl ? (size_t)(nl - t->s) : t->len;
        line++;
        mb_error e2 = {0};
        if (mb_segment(dict, user, t->s + a, b - a, &tk, &e2))
            st = mb_error_set(err, e2.code, "%s: line %u: %s", mb_doc_path(doc), line, e2.message);
        else if (tk.n)
            st = segment_line(doc, t, a, line, &tk, w, ctx, err);
        a = b + 1;
    }
    mb_tokens_free(&tk);
    return st;
}

mb_status mb_numbers_write(const mb_recognizer *r, const mb_doc *doc, int doc_year, mb_write_fn w, void *ctx,
                           mb_error *err)
{
    mb_recognition res = {0};
    mb_status st = MB_OK;
    for (size_t k = 0; k < mb_doc_paragraph_count(doc) && !st; k++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, k);
        for (size_t si = 0; si < p->nsentences && !st; si++) {
            const mb_sentence *s = &p->sentences[si];
            mb_error e2 = {0};
            if (mb_recognize(r, p->text.s + s->start, s->end - s->start, doc_year, &res, &e2)) {
                st = mb_error_set(err, e2.code, "%s: paragraph %zu: %s", mb_doc_path(doc), k, e2.message);
                break;
            }
            /* quantities and times merged in text order */
            size_t iq = 0, it = 0;
            while (!st && (iq < res.nq || it < res.nt)) {
                char *js = NULL;
                if (it >= res.nt || (iq < res.nq && res.q[iq].start < res.t[it].start))
                    st = mb_emit_quantity(doc, k, si, s->start, &res.q[iq++], &js, err);
                else
                    st = mb_emit_timex(doc, k, si, s->start, &res.t[it++], &js, err);
                if (st)
                    break;
                size_t n = strlen(js);
                js[n] = '\n'; /* the NUL's place: written with its length */
                if (w(ctx, js, n + 1))
                    st = mb_error_set(err, MB_EIO, "cannot write output");
                free(js);
            }
        }
    }
    mb_recognition_free(&res);
    return st;
}
