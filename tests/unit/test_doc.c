/* test_doc.c — the document object: options and lazily computed fields. */
#include "mubiao.h"
#include "t.h"

int main(void)
{
    const char *text = "第一行，到2025年。\n\n第二段落的文字。\n";
    mb_doc *full = NULL, *lines = NULL;
    mb_error err = {0};
    mb_doc_options lo = {.lines_only = 1};
    T_EQ_INT(mb_doc_load_mem("a.txt", text, strlen(text), NULL, &full, &err), MB_OK, "load");
    T_EQ_INT(mb_doc_load_mem("a.txt", text, strlen(text), &lo, &lines, &err), MB_OK, "load lines only");
    T_EQ_INT(mb_doc_paragraph_count(full), 2, "paragraphs built");
    T_EQ_INT(mb_doc_paragraph_count(lines), 0, "lines only: no paragraphs");
    T_EQ_STR(mb_doc_text(lines)->s, mb_doc_text(full)->s, "lines only: the same normalized text");
    T_EQ_STR(mb_doc_sha256(lines), mb_doc_sha256(full), "lines only: sha256 computed on first use");
    T_EQ_STR(mb_doc_sha256(full), "795b2359ddc7885170bf5e7cb2d0f78c5b3441fc8e9f6e7e6ad7248749b1ec81",
             "sha256 of the bytes");
    mb_doc_free(full);
    mb_doc_free(lines);
    return t_done();
}
