/* bench_segment.c — library-level timing for scripts/bench-segment: how long
 * mb_dict_open takes, and mb_segment's throughput over the normalized lines
 * of the given files (decode and normalize are not counted).
 *   bench_segment DICT FILE...   prints: open_ms=X segment_mbps=Y bytes=N tokens=N */
#include "mubiao.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_segment DICT FILE...\n");
        return 2;
    }
    mb_error err = {0};
    mb_dict *d = NULL;
    double best_open = 1e9;
    for (int r = 0; r < 20; r++) {
        double t0 = now();
        if (mb_dict_open(argv[1], &d, &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        double t1 = now();
        if (t1 - t0 < best_open)
            best_open = t1 - t0;
        if (r < 19)
            mb_dict_close(d);
    }
    int nd = argc - 2;
    mb_doc **docs = calloc((size_t)nd, sizeof *docs);
    size_t bytes = 0;
    for (int i = 0; i < nd; i++) {
        if (mb_doc_load_file(argv[i + 2], NULL, &docs[i], &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        bytes += mb_doc_text(docs[i])->len;
    }
    mb_tokens tk = {0};
    size_t ntok = 0;
    double best = 1e9;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
        ntok = 0;
        for (int i = 0; i < nd; i++) {
            const mb_text *t = mb_doc_text(docs[i]);
            for (size_t a = 0; a < t->len;) {
                const char *nl = memchr(t->s + a, '\n', t->len - a);
                size_t b = nl ? (size_t)(nl - t->s) : t->len;
                if (mb_segment(d, NULL, t->s + a, b - a, &tk, &err)) {
                    fprintf(stderr, "%s\n", err.message);
                    return 1;
                }
                ntok += tk.n;
                a = b + 1;
            }
        }
        double t1 = now();
        if (t1 - t0 < best)
            best = t1 - t0;
    }
    printf("open_ms=%.3f segment_mbps=%.1f bytes=%zu tokens=%zu\n", best_open * 1e3,
           (double)bytes / 1e6 / best, bytes, ntok);
    mb_tokens_free(&tk);
    for (int i = 0; i < nd; i++)
        mb_doc_free(docs[i]);
    free(docs);
    mb_dict_close(d);
    return 0;
}
