/* test_emit_number.c — mb_emit_number, the number writer of every record:
 * integers digit by digit, others shortest; no undefined conversion for
 * numbers past long long's range (a fuzzed document gave 1e22). */
#include "emit.h"
#include "t.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>

static void check(double v, const char *want)
{
    cJSON *n = mb_emit_number(v);
    cJSON *a = cJSON_CreateArray();
    cJSON_AddItemToArray(a, n);
    char *s = cJSON_PrintUnformatted(a);
    char what[64];
    snprintf(what, sizeof what, "number %.17g", v);
    T_EQ_STR(s, want, what);
    free(s);
    cJSON_Delete(a);
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
