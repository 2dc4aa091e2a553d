/* jsonl.c — whole documents as JSON Lines (owns: mb_extract_jsonl,
 * mb_segment_write, mb_numbers_write, mb_free, mb_default_dict and the model
 * accessors the bindings use).  The `mubiao segment --json` and `mubiao
 * numbers` commands and the Python package (python/) print what these give,
 * so that both always agree. */
#include "emit.h"
#include "error.h"
#include "extract.h"
#include "jsonw.h"
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
    mb_jsonw w;
    mb_jsonw_init(&w, &b, 0);
    for (size_t i = 0; i < recs.n && !st; i++) {
        st = mb_emit_record_to(&w, doc, &recs, i, flags & ~MB_EMIT_PRETTY, err);
        mb_strbuf_putc(&b, '\n');
    }
    mb_records_free(&recs);
    if (!st)
        st = mb_jsonw_status(&w, err);
    if (st) {
        mb_strbuf_free(&b);
        return st;
    }
    return mb_strbuf_take(&b, out, len, err);
}

/* One line of segment JSON: {"path", "line", "tokens": [{text, start, end,
 * tag}]}, written in b (emptied first) and through w. */
static mb_status segment_line(const mb_doc *doc, const mb_text *t, size_t a, unsigned line,
                              const mb_tokens *tk, mb_strbuf *b, mb_write_fn w, void *ctx, mb_error *err)
{
    mb_jsonw j;
    mb_strbuf_clear(b);
    mb_jsonw_init(&j, b, 0);
    mb_jsonw_object_begin(&j);
    mb_jsonw_kstring(&j, "path", mb_doc_path(doc));
    mb_jsonw_knumber_g15(&j, "line", line);
    mb_jsonw_key(&j, "tokens");
    mb_jsonw_array_begin(&j);
    for (size_t i = 0; i < tk->n; i++) {
        const mb_token *k = &tk->v[i];
        uint32_t so, eo;
        mb_text_source_range(t, a + k->start, a + k->end, &so, &eo);
        mb_jsonw_object_begin(&j);
        mb_jsonw_kstring_n(&j, "text", t->s + a + k->start, k->end - k->start);
        mb_jsonw_knumber_g15(&j, "start", so);
        mb_jsonw_knumber_g15(&j, "end", eo);
        mb_jsonw_kstring(&j, "tag", k->tag);
        mb_jsonw_object_end(&j);
    }
    mb_jsonw_array_end(&j);
    mb_jsonw_object_end(&j);
    mb_strbuf_putc(b, '\n');
    mb_status st = mb_jsonw_status(&j, err);
    if (st)
        return st;
    return w(ctx, b->s, b->len) ? mb_error_set(err, MB_EIO, "cannot write output") : MB_OK;
}

mb_status mb_segment_write(const mb_dict *dict, const mb_dict *user, const mb_doc *doc, mb_write_fn w,
                           void *ctx, mb_error *err)
{
    const mb_text *t = mb_doc_text(doc);
    mb_tokens tk = {0};
    mb_strbuf b = {0};
    unsigned line = mb_doc_line_base(doc); /* a piece's lines are numbered in the file */
    mb_status st = MB_OK;
    for (size_t a = 0; a < t->len && !st;) {
        const char *nl = memchr(t->s + a, '\n', t->len - a);
        size_t e = nl ? (size_t)(nl - t->s) : t->len;
        line++;
        mb_error e2 = {0};
        if (mb_segment(dict, user, t->s + a, e - a, &tk, &e2))
            st = mb_error_set(err, e2.code, "%s: line %u: %s", mb_doc_path(doc), line, e2.message);
        else if (tk.n)
            st = segment_line(doc, t, a, line, &tk, &b, w, ctx, err);
        a = e + 1;
    }
    mb_tokens_free(&tk);
    mb_strbuf_free(&b);
    return st;
}

mb_status mb_numbers_write(const mb_recognizer *r, const mb_doc *doc, int doc_year, mb_write_fn w, void *ctx,
                           mb_error *err)
{
    mb_recognition res = {0};
    mb_strbuf b = {0};
    mb_jsonw j;
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
                mb_strbuf_clear(&b);
                mb_jsonw_init(&j, &b, 0);
                if (it >= res.nt || (iq < res.nq && res.q[iq].start < res.t[it].start))
                    st = mb_emit_quantity_to(&j, doc, k, si, s->start, &res.q[iq++], err);
                else
                    st = mb_emit_timex_to(&j, doc, k, si, s->start, &res.t[it++], err);
                if (!st) {
                    mb_strbuf_putc(&b, '\n');
                    st = mb_jsonw_status(&j, err);
                }
                if (!st && w(ctx, b.s, b.len))
                    st = mb_error_set(err, MB_EIO, "cannot write output");
            }
        }
    }
    mb_recognition_free(&res);
    mb_strbuf_free(&b);
    return st;
}
