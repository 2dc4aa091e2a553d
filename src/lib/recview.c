/* recview.c — the resolved view of a record (see recview.h). */
#include "recview.h"

#include "doc_internal.h"
#include "error.h"
#include "text.h"

#include <string.h>

/* A sentence longer than MB_SENTENCE_CAP characters is cut to at most
 * MB_SENTENCE_SIDE characters each side of the span (spec v1.1), so the
 * output stays linear in the input however long a sentence is. */
#define MB_SENTENCE_CAP  400
#define MB_SENTENCE_SIDE 200
#define MB_QUOTE_SIDE    32

static mb_rslice slice(const mb_text *t, size_t a, size_t b)
{
    mb_rslice x = {t->s + a, b > a ? b - a : 0};
    return x;
}

mb_status mb_record_view_of(const mb_doc *doc, const mb_records *rs, size_t i, mb_record_view *v,
                            mb_error *err)
{
    if (!rs || i >= rs->n)
        return mb_error_set(err, MB_EARG, "%s: no record %zu", mb_doc_path(doc), i);
    const mb_record *r = &rs->v[i];
    const mb_paragraph *p = mb_doc_paragraph_by_index(doc, r->paragraph);
    if (!p)
        return mb_error_set(err, MB_EARG, "%s: record %zu: no paragraph %zu", mb_doc_path(doc), i,
                            r->paragraph);
    const mb_text *t = &p->text;
    memset(v, 0, sizeof *v);
    v->r = r;
    v->p = p;
    v->region = r->region.name[0] ? &r->region : &rs->region;
    mb_text_source_range(t, r->span_start, r->span_end, &v->src_start, &v->src_end);
    v->has_position = mb_doc_char_range(doc, v->src_start, v->src_end, &v->pos_start, &v->pos_end);
    v->span = slice(t, r->span_start, r->span_end);
    v->prefix = slice(t, mb_utf8_back(t->s, r->span_start, MB_QUOTE_SIDE), r->span_start);
    v->suffix = slice(t, r->span_end, mb_utf8_fwd(t->s, t->len, r->span_end, MB_QUOTE_SIDE));
    size_t a = r->sent_start, b = r->sent_end;
    if (mb_utf8_count(t->s, a, b) <= MB_SENTENCE_CAP) {
        v->sentence = slice(t, a, b);
        return MB_OK;
    }
    size_t ca = mb_utf8_back(t->s, r->span_start, MB_SENTENCE_SIDE);
    size_t cb = mb_utf8_fwd(t->s, t->len, r->span_end, MB_SENTENCE_SIDE);
    if (ca < a)
        ca = a;
    if (cb > b)
        cb = b;
    v->sentence = slice(t, ca, cb);
    v->cut_before = ca > a;
    v->cut_after = cb < b;
    return MB_OK;
}

size_t mb_record_view_sentence_len(const mb_record_view *v)
{
    return v->sentence.n + (size_t)(v->cut_before + v->cut_after) * (sizeof MB_CUT_MARK - 1);
}

void mb_record_view_sentence_copy(const mb_record_view *v, char *buf)
{
    size_t k = sizeof MB_CUT_MARK - 1;
    if (v->cut_before) {
        memcpy(buf, MB_CUT_MARK, k);
        buf += k;
    }
    memcpy(buf, v->sentence.s, v->sentence.n);
    buf += v->sentence.n;
    if (v->cut_after)
        memcpy(buf, MB_CUT_MARK, k);
}
