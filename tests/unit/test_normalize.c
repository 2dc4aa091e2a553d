/* test_normalize.c — normalization and its source map. */
#include "normalize.h"
#include "t.h"
#include "t_map.h"

#include <stdlib.h>

static char *norm(const char *in, mb_text *out)
{
    mb_text t;
    mb_text_init(&t);
    size_t n = strlen(in);
    for (size_t i = 0; i < n;) {
        int len = mb_utf8_len((unsigned char)in[i]);
        mb_text_append(&t, in + i, (size_t)len, (uint32_t)i, (uint32_t)(i + (size_t)len));
        i += (size_t)len;
    }
    mb_text_init(out);
    mb_normalize(&t, out, NULL);
    mb_text_free(&t);
    return out->s;
}

int main(void)
{
    mb_text o;
    T_EQ_STR(norm("２０２５年增长５．５％", &o), "2025年增长5.5%", "full-width digits, point and percent");
    T_EQ_INT(t_so(&o, 0), 0, "first digit maps to byte 0");
    T_EQ_INT(t_eo(&o, 0), 3, "first digit ends at byte 3");
    T_EQ_INT(t_so(&o, 4), 12, "年 maps to byte 12");
    mb_text_free(&o);
    T_EQ_STR(norm("今年，目标：增长；好！是吗？（注）“引”、。", &o),
             "今年，目标：增长；好！是吗？（注）“引”、。", "Chinese punctuation kept");
    mb_text_free(&o);
    T_EQ_STR(norm("ＧＤＰ\xe3\x80\x80超\xe2\x80\x8b３万", &o), "GDP 超3万",
             "letters, ideographic space, zero-width");
    T_EQ_INT(t_so(&o, 5), 12, "超 after the dropped zero-width space keeps its offset");
    mb_text_free(&o);
    T_EQ_STR(norm("二〇二五年○", &o), "二〇二五年○", "〇 and ○ kept");
    mb_text_free(&o);
    T_EQ_STR(norm("a\r\nb\rc\td\xc2\xa0"
                  "e",
                  &o),
             "a\nb\nc d e", "CRLF, CR, tab, no-break space");
    T_EQ_INT(t_so(&o, 1), 1, "LF of CRLF starts at the CR");
    T_EQ_INT(t_eo(&o, 1), 3, "... and ends after the LF");
    mb_text_free(&o);
    T_EQ_STR(norm("a\n\fb\fc", &o), "a\nb\nc", "form feed after a line break dropped, alone a break");
    mb_text_free(&o);
    return t_done();
}
