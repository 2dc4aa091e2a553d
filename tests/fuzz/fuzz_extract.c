/* fuzz_extract.c — extract, emit, show and report on a fuzzed document:
 * the first byte chooses HTML or text (bit 0), JSON flags (bit 1) and the
 * kind filter (bits 2-3); the rest is the file. The model is the compiled
 * dictionary (fuzz.h), opened once. */
#include "fuzz.h"

static mb_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mb_error err = {0};
    fuzz_need(mb_model_open(fuzz_dict_path(), NULL, 0, &model, &err) == MB_OK, err.message);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t c = data[0];
    mb_doc_options o = {0};
    o.lexicon = mb_model_lexicon(model);
    mb_doc *doc = NULL;
    mb_error err = {0};
    if (mb_doc_load_mem((c & 1) ? "f.html" : "f.txt", data + 1, size - 1, &o, &doc, &err) != MB_OK)
        return 0;
    mb_records recs;
    if (mb_extract(model, doc, (c & 16) ? "2024-03-05" : NULL, &recs, &err) == MB_OK) {
        if (c & 4)
            mb_records_filter_kind(&recs, (c & 8) ? MB_KIND_TARGET : MB_KIND_ACHIEVEMENT);
        char *js = NULL;
        for (size_t k = 0; k < recs.n; k++)
            if (mb_emit_record(doc, &recs, k, (c >> 1) & 1, &js, &err) == MB_OK)
                free(js);
        if (mb_emit_document(doc, &recs, 0, &js, &err) == MB_OK)
            free(js);
        mb_show_options so = {0};
        so.lexicon = mb_model_lexicon(model);
        so.explain = (c >> 5) & 1;
        so.color = (c >> 6) & 1;
        if (mb_show_render(doc, &recs, &so, &js, &err) == MB_OK)
            free(js);
        mb_report *rep = NULL;
        if (mb_report_new("fuzz", &rep, &err) == MB_OK) {
            mb_report_set_lexicon(rep, mb_model_lexicon(model));
            size_t len;
            if (mb_report_add(rep, doc, &recs, &err) == MB_OK && mb_report_finish(rep, &js, &len, &err) == MB_OK)
                free(js);
            mb_report_free(rep);
        }
        mb_records_free(&recs);
    }
    mb_doc_free(doc);
    return 0;
}
