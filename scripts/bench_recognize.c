/* bench_recognize.c — the driver of scripts/bench-recognize: time
 * mb_recognize alone (documents are loaded first, outside the clock).
 *
 *   bench_recognize [-r PASSES] [-y YEAR] FILE...
 *
 * Loads every FILE (decode, normalize, reflow), then runs the recognizer
 * over every sentence PASSES times (default 5) and prints one line:
 *   files=N bytes=SOURCE_BYTES sentences=N items=N seconds=S
 * where seconds is the best pass and items counts the quantities and time
 * expressions of one pass. */
#include "mubiao.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int passes = 5, year = 2024, c;
    while ((c = getopt(argc, argv, "r:y:")) != -1) {
        switch (c) {
        case 'r': passes = atoi(optarg); break;
        case 'y': year = atoi(optarg); break;
        default: fprintf(stderr, "usage: bench_recognize [-r PASSES] [-y YEAR] FILE...\n"); return 2;
        }
    }
    int nfiles = argc - optind;
    if (nfiles <= 0 || passes <= 0) {
        fprintf(stderr, "usage: bench_recognize [-r PASSES] [-y YEAR] FILE...\n");
        return 2;
    }
    mb_doc **docs = calloc((size_t)nfiles, sizeof *docs);
    if (!docs)
        return 1;
    size_t bytes = 0;
    mb_error err = {0};
    for (int i = 0; i < nfiles; i++) {
        if (mb_doc_load_file(argv[optind + i], NULL, &docs[i], &err)) {
            fprintf(stderr, "bench_recognize: %s\n", err.message);
            return 1;
        }
        size_t n;
        mb_doc_source(docs[i], &n);
        bytes += n;
    }
    /* the lexicon of the dictionary: $MUBIAO_DICT, else build/mubiao.dict */
    const char *dpath = getenv("MUBIAO_DICT");
    mb_dict *dict = NULL;
    mb_lexicon *lex = NULL;
    if (mb_dict_open(dpath && *dpath ? dpath : "build/mubiao.dict", &dict, &err) ||
        mb_lexicon_open(dict, NULL, 0, &lex, &err)) {
        fprintf(stderr, "bench_recognize: %s\n", err.message);
        return 1;
    }
    mb_dict_close(dict);
    mb_recognizer *rec = NULL;
    if (mb_recognizer_new(lex, &rec, &err)) {
        fprintf(stderr, "bench_recognize: %s\n", err.message);
        return 1;
    }
    mb_recognition res = {0};
    double best = 1e30;
    size_t sentences = 0, items = 0;
    for (int p = 0; p < passes; p++) {
        size_t ns = 0, ni = 0;
        double t0 = now();
        for (int i = 0; i < nfiles; i++) {
            for (size_t k = 0; k < mb_doc_paragraph_count(docs[i]); k++) {
                const mb_paragraph *para = mb_doc_paragraph(docs[i], k);
                for (size_t s = 0; s < para->nsentences; s++) {
                    const mb_sentence *se = &para->sentences[s];
                    if (mb_recognize(rec, para->text.s + se->start, se->end - se->start, year, &res, &err)) {
                        fprintf(stderr, "bench_recognize: %s\n", err.message);
                        return 1;
                    }
                    ns++;
                    ni += res.nq + res.nt;
                }
            }
        }
        double dt = now() - t0;
        if (dt < best)
            best = dt;
        sentences = ns;
        items = ni;
    }
    printf("files=%d bytes=%zu sentences=%zu items=%zu seconds=%.6f\n", nfiles, bytes, sentences, items,
           best);
    mb_recognition_free(&res);
    mb_recognizer_free(rec);
    mb_lexicon_free(lex);
    for (int i = 0; i < nfiles; i++)
        mb_doc_free(docs[i]);
    free(docs);
    return 0;
}
