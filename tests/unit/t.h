/* t.h — a tiny test harness for unit tests linked against libmubiao.
 * Each check prints "ok N - what" or "not ok N - what (file:line: detail)";
 * tests/run.sh counts them. main() ends with `return t_done();`. */
#ifndef MB_T_H
#define MB_T_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int t_n, t_failed;

static void t_report(int ok, const char *file, int line, const char *what, const char *detail)
{
    t_n++;
    if (ok) {
        printf("ok %d - %s\n", t_n, what);
    } else {
        t_failed++;
        printf("not ok %d - %s (%s:%d: %s)\n", t_n, what, file, line, detail ? detail : "");
    }
}

#define T_OK(cond, what) t_report(!!(cond), __FILE__, __LINE__, (what), #cond)

#define T_EQ_INT(got, want, what)                                                                            \
    do {                                                                                                     \
        long long t_g_ = (long long)(got), t_w_ = (long long)(want);                                         \
        char t_d_[128];                                                                                      \
        snprintf(t_d_, sizeof t_d_, "got %lld, want %lld", t_g_, t_w_);                                      \
        t_report(t_g_ == t_w_, __FILE__, __LINE__, (what), t_d_);                                            \
    } while (0)

#define T_EQ_STR(got, want, what)                                                                            \
    do {                                                                                                     \
        const char *t_g_ = (got), *t_w_ = (want);                                                            \
        int t_ok_ = t_g_ && t_w_ && strcmp(t_g_, t_w_) == 0;                                                 \
        char t_d_[1024];                                                                                     \
        snprintf(t_d_, sizeof t_d_, "got \"%.400s\", want \"%.400s\"", t_g_ ? t_g_ : "(null)",               \
                 t_w_ ? t_w_ : "(null)");                                                                    \
        t_report(t_ok_, __FILE__, __LINE__, (what), t_d_);                                                   \
    } while (0)

static int t_done(void)
{
    return t_failed ? 1 : 0;
}

#endif
