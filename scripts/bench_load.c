/* bench_load.c — time the document pipeline (read, hash, decode, normalize,
 * reflow; no JSON) over files. scripts/bench-load compiles and runs it.
 *
 *   bench_load [-r N] [-s] FILE...   ("-" alone: read the paths from stdin)
 *
 * Loads every file N times (default 1; paths read from stdin are loaded
 * once, as they come) with mb_doc_load_file, one document at a time, and
 * prints one line of key=value pairs: files, bytes, seconds (CPU time of
 * the process, user + system, loads only: steadier than wall time on a busy
 * machine, and the same on an idle one for this single thread), paragraphs,
 * maxrss_kb (peak resident set, getrusage). -s also
 * runs each file's stages apart (decode, normalize, reflow, through the
 * library's internal functions) and adds decode_s, normalize_s, reflow_s. */
#include "decode.h"
#include "mubiao.h"
#include "normalize.h"
#include "reflow.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + len, 1, cap - len, f)) > 0) {
        len += r;
        if (len == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    *n = len;
    return buf;
}

/* Stage times of one file, added to t[0..3). */
static int stages(const char *path, double t[3], size_t *bytes)
{
    size_t n = 0;
    char *src = slurp(path, &n);
    if (!src)
        return -1;
    mb_error err = {0};
    mb_text dec, norm;
    mb_strlist warn = {0};
    const char *enc = NULL;
    mb_text_init(&dec);
    mb_text_init(&norm);
    mb_paragraph *ps = NULL;
    size_t np = 0;
    double a = now();
    int rc = mb_decode(path, (const unsigned char *)src, n, NULL, 0, NULL, &dec, &enc, &warn, &err) != MB_OK;
    double b = now();
    rc = rc || mb_normalize(&dec, &norm, &err) != MB_OK;
    double c = now();
    rc = rc || mb_reflow(&norm, &ps, &np, &err) != MB_OK;
    double d = now();
    t[0] += b - a;
    t[1] += c - b;
    t[2] += d - c;
    *bytes += n;
    mb_paragraphs_free(ps, np);
    mb_text_free(&dec);
    mb_text_free(&norm);
    mb_strlist_free(&warn);
    free(src);
    if (rc)
        fprintf(stderr, "bench_load: %s\n", err.message);
    return rc ? -1 : 0;
}

typedef struct totals {
    size_t files, bytes, paragraphs, stage_bytes;
    double seconds, stage[3];
} totals;

/* Load one file through the public API (timed), then its stages apart. */
static int one(const char *path, int split, totals *t)
{
    mb_doc *d = NULL;
    mb_error err = {0};
    double a = now();
    if (mb_doc_load_file(path, NULL, &d, &err) != MB_OK) {
        fprintf(stderr, "bench_load: %s\n", err.message);
        return -1;
    }
    t->seconds += now() - a;
    size_t len;
    mb_doc_source(d, &len);
    t->bytes += len;
    t->paragraphs += mb_doc_paragraph_count(d);
    t->files++;
    mb_doc_free(d);
    return split ? stages(path, t->stage, &t->stage_bytes) : 0;
}

int main(int argc, char **argv)
{
    /* as the mubiao program does (src/cli/main.c): keep freed memory for
     * the next document; BENCH_TRIM=1 measures glibc's default instead */
    const char *trim = getenv("BENCH_TRIM");
    if (!trim || strcmp(trim, "1")) {
        mallopt(M_TRIM_THRESHOLD, 256 << 20);
        mallopt(M_MMAP_THRESHOLD, 64 << 20);
    }
    int reps = 1, split = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "-r") && i + 1 < argc)
            reps = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-s"))
            split = 1;
        else
            break;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: bench_load [-r N] [-s] FILE...|-\n");
        return 2;
    }
    totals t = {0};
    if (argc - i == 1 && !strcmp(argv[i], "-")) { /* paths on stdin, one at a time */
        char line[4096];
        while (fgets(line, sizeof line, stdin)) {
            line[strcspn(line, "\n")] = '\0';
            if (line[0] && one(line, split, &t))
                return 1;
        }
    } else {
        for (int r = 0; r < reps; r++)
            for (int k = i; k < argc; k++)
                if (one(argv[k], split, &t))
                    return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("files=%zu bytes=%zu seconds=%.6f paragraphs=%zu maxrss_kb=%ld", t.files, t.bytes, t.seconds,
           t.paragraphs, ru.ru_maxrss);
    if (split)
        printf(" decode_s=%.6f normalize_s=%.6f reflow_s=%.6f", t.stage[0], t.stage[1], t.stage[2]);
    printf("\n");
    return 0;
}
