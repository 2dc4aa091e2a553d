/* fuzz_doc.c — document load: text and HTML, every encoding, forced and
 * detected, strict and lenient. The first byte chooses: bits 0-2 the
 * encoding (detected, or one forced), bit 3 HTML (name .html) or text,
 * bit 4 lenient, bit 5 lines_only. The rest is the file. */
#include "fuzz.h"

static const char *const encodings[8] = {NULL,       "utf-8",    "gb18030",  "big5",
                                         "utf-16le", "utf-16be", "utf-16",   "gbk"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t c = data[0];
    mb_doc_options o = {0};
    o.encoding = encodings[c & 7];
    o.lenient = (c >> 4) & 1;
    o.lines_only = (c >> 5) & 1;
    mb_doc *doc = NULL;
    mb_error err = {0};
    if (mb_doc_load_mem((c & 8) ? "f.html" : "f.txt", data + 1, size - 1, &o, &doc, &err) == MB_OK) {
        /* walk what was built: every paragraph, its map inside the source */
        size_t srclen;
        (void)mb_doc_source(doc, &srclen);
        for (size_t i = 0; i < mb_doc_paragraph_count(doc); i++) {
            const mb_paragraph *p = mb_doc_paragraph(doc, i);
            if (p->src_end > srclen || p->src_start > p->src_end)
                abort();
            char *s = NULL;
            if (mb_doc_source_text(doc, p->src_start, p->src_end, &s, &err) == MB_OK)
                free(s);
        }
        (void)mb_doc_sha256(doc);
        mb_doc_free(doc);
    } else if (!err.message[0]) {
        abort(); /* every failure says why */
    }
    return 0;
}
