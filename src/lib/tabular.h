/* tabular.h — what query, history and track write with (owns: an output
 * buffer flushed through an mb_write_fn, RFC 4180 CSV fields, and aligned
 * tables whose columns count East Asian wide characters as 2). */
#ifndef MB_TABULAR_H
#define MB_TABULAR_H

#include "mubiao.h"

#include <stddef.h>

/* Bytes gathered and written through w every 64 KiB and at the end. */
typedef struct mb_out {
    mb_write_fn w;
    void *ctx;
    char *b;
    size_t n, cap;
    int failed; /* -1: out of memory, 1: w failed */
} mb_out;
int mb_out_put(mb_out *o, const char *s, size_t n);
void mb_out_puts(mb_out *o, const char *s);
void mb_out_pad(mb_out *o, size_t n); /* n spaces */
/* Write what is left and free the buffer: MB_ENOMEM, MB_EIO or MB_OK. */
mb_status mb_out_finish(mb_out *o, mb_error *err);

/* A CSV field (quoted when it holds , " CR or LF), after a comma unless
 * first; NULL is an empty field. */
void mb_csv_field(mb_out *o, const char *s, int first);
/* ",number" in the shortest form that reads back exactly; "," alone
 * without one. */
void mb_csv_number(mb_out *o, int has, double v);

/* Terminal columns of s[0..len) (wide characters 2). */
size_t mb_text_width(const char *s, size_t len);

#define MB_TABLE_MAXCOLS 10
typedef struct mb_table {
    int ncols;
    const char *head[MB_TABLE_MAXCOLS];
    size_t maxw[MB_TABLE_MAXCOLS];  /* cells wider than this are cut with … */
    int left_cut[MB_TABLE_MAXCOLS]; /* cut at the start (paths) instead of the end */
    char **cells;
    size_t n, cap; /* cells */
} mb_table;
/* Add a row of ncols cells (NULL: empty); -1 when out of memory. */
int mb_table_add(mb_table *t, const char *const *row);
void mb_table_render(mb_out *o, const mb_table *t);
void mb_table_free(mb_table *t);

#endif
