/* test_emit_number.c — mb_jsonw_number, the number writer of every record
 * (once mb_emit_number): integers digit by digit, others shortest; no
 * undefined conversion for numbers past long long's range (a fuzzed
 * document gave 1e22). */
#include "jsonw.h"
#include "t.h"

#include <math.h>
#include <stdlib.h>

static void check(double v, const char *want)
{
    mb_strbuf b = {0};
    mb_jsonw w;
    mb_jsonw_init(&w, &b, 0);
    mb_jsonw_array_begin(&w);
    mb_jsonw_number(&w, v);
    mb_jsonw_array_end(&w);
    char *s = NULL;
    if (!mb_jsonw_status(&w, NULL))
        mb_strbuf_take(&b, &s, NULL, NULL);
    char what[64];
    snprintf(what, sizeof what, "number %.17g", v);
    T_EQ_STR(s, want, what);
    free(s);
    mb_strbuf_free(&b);
}

int main(void)
{
    check(0, "[0]");
    check(2030, "[2030]");
    check(-15, "[-15]");
    check(7.5, "[7.5]");
    check(7.9, "[7.9]");
    check(3e12, "[3000000000000]");
    check(9007199254740991.0, "[9007199254740991]");
    check(1e22, "[1e+22]");
    check(-1e22, "[-1e+22]");
    check(9223372036854775808.0, "[9.2233720368547758e+18]");
    check(NAN, "[null]");
    check(INFINITY, "[null]");
    return t_done();
}
