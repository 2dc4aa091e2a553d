/* fuzz.h — shared by the libFuzzer targets of tests/fuzz/ (make fuzz). */
#ifndef MB_FUZZ_H
#define MB_FUZZ_H

#include "mubiao.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The compiled dictionary: $MUBIAO_DICT, else the one make built (FUZZ_DICT). */
static inline const char *fuzz_dict_path(void)
{
    const char *e = getenv("MUBIAO_DICT");
#ifdef FUZZ_DICT
    return e && *e ? e : FUZZ_DICT;
#else
    return e && *e ? e : "build/mubiao.dict";
#endif
}

/* Stop at once when the setup fails: a fuzzer without its model finds nothing. */
static inline void fuzz_need(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz: setup failed: %s\n", what);
        exit(1);
    }
}

/* A private scratch folder (created once). */
static inline const char *fuzz_tmpdir(void)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/mubiao-fuzz.XXXXXX");
        fuzz_need(mkdtemp(dir) != NULL, "mkdtemp");
    }
    return dir;
}

/* Write data to the file path (whole); 0 on success. */
static inline int fuzz_write(const char *path, const uint8_t *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = n && fwrite(data, 1, n, f) != n;
    return fclose(f) != 0 || bad ? -1 : 0;
}

#endif
