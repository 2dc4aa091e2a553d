/* emit.c — JSON output with cJSON. */
#include "emit.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>

cJSON *mb_emit_doc_object(const mb_doc *doc)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    if (!cJSON_AddStringToObject(o, "path", mb_doc_path(doc)) ||
        !cJSON_AddStringToObject(o, "sha256", mb_doc_sha256(doc)) ||
        !cJSON_AddStringToObject(o, "encoding", mb_doc_encoding(doc))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *slice_string(const mb_text *t, size_t a, size_t b)
{
    char *s = malloc(b - a + 1);
    if (!s)
        return NULL;
    memcpy(s, t->s + a, b - a);
    s[b - a] = '\0';
    cJSON *j = cJSON_CreateString(s);
    free(s);
    return j;
}

mb_status mb_emit_paragraph(const mb_doc *doc, size_t i, char **out, mb_error *err)
{
    *out = NULL;
    const mb_paragraph *p = mb_doc_paragraph(doc, i);
    if (!p)
        return mb_error_set(err, MB_EARG, "%s: no paragraph %zu", mb_doc_path(doc), i);
    cJSON *o = cJSON_CreateObject();
    cJSON *d = mb_emit_doc_object(doc);
    cJSON *sents = cJSON_CreateArray();
    if (!o || !d || !sents) {
        cJSON_Delete(o);
        cJSON_Delete(d);
        cJSON_Delete(sents);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    cJSON_AddItemToObject(o, "doc", d);
    cJSON_AddNumberToObject(o, "index", (double)p->index);
    cJSON_AddNumberToObject(o, "start", p->src_start);
    cJSON_AddNumberToObject(o, "end", p->src_end);
    cJSON_AddNumberToObject(o, "line", p->line);
    cJSON_AddStringToObject(o, "text", p->text.s ? p->text.s : "");
    cJSON_AddItemToObject(o, "sentences", sents);
    for (size_t k = 0; k < p->nsentences; k++) {
        const mb_sentence *s = &p->sentences[k];
        uint32_t a, b;
        mb_text_source_range(&p->text, s->start, s->end, &a, &b);
        cJSON *so = cJSON_CreateObject();
        if (!so)
            break;
        cJSON_AddItemToArray(sents, so);
        cJSON_AddNumberToObject(so, "start", a);
        cJSON_AddNumberToObject(so, "end", b);
        cJSON *txt = slice_string(&p->text, s->start, s->end);
        if (txt)
            cJSON_AddItemToObject(so, "text", txt);
    }
    char *js = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!js)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    *out = js;
    return MB_OK;
}
