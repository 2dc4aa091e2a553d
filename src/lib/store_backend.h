/* store_backend.h — the interface between the store's logic (store.c:
 * ingest, look-ups, options) and the database that keeps it: SQLite
 * (store_sqlite.c) or PostgreSQL (store_pg.c). The backends are the only
 * files that hold SQL; each owns its connection, its prepared statements
 * and the schema's migrations in its own dialect.
 *
 * Rows are written as arrays of values in the columns' order (the lists
 * in store.h); every function that fails sets err, naming the store. */
#ifndef MB_STORE_BACKEND_H
#define MB_STORE_BACKEND_H

#include "store.h"

#include <stddef.h>

typedef enum { MB_VAL_NULL, MB_VAL_INT, MB_VAL_REAL, MB_VAL_TEXT } mb_val_type;

/* One value to write; s is not copied (len: its length in bytes). */
typedef struct mb_val {
    mb_val_type type;
    long long i;
    double d;
    const char *s;
    size_t len;
} mb_val;

/* The documents row without its id, the paragraphs and records rows
 * without their doc_id: the number of values each insert takes. */
enum { MB_DOC_COLS = 16, MB_PARA_COLS = 5, MB_RECORD_COLS = 27 };

typedef enum { MB_TABLE_DOCUMENTS, MB_TABLE_PARAGRAPHS, MB_TABLE_RECORDS } mb_store_table;

/* The columns a selection reads, in the order of mb_store_row's fields as
 * the backends fill them (d: documents, r: records), the same SQL in both
 * dialects. */
#define MB_SELECT_COLUMNS                                                                                    \
    "d.id, d.path, d.date, r.seq, r.id, r.kind, r.indicator, r.unit, r.comparator, r.change,"                \
    " r.time_text, r.period, r.modality, r.span_text, r.sentence, r.json, r.value, r.min, r.max, r.year,"    \
    " r.span_start, r.span_end, d.sha256, r.paragraph, r.quote_prefix, r.quote_exact, r.quote_suffix,"       \
    " r.indicator_id, d.issuer, coalesce(r.region, d.region), coalesce(r.region_level, d.region_level),"     \
    " r.base_year"

/* What a selection needs besides the query: the ORDER BY keys put first
 * (sort_keys in store.c), the lexicon id of q->indicator (NULL: none) and
 * the full name of q->region (the region itself when it has none). */
typedef struct mb_select_args {
    const mb_query *q;
    int by_indicator;
    const char *first;
    const char *indicator_id;
    const char *region_full;
} mb_select_args;

typedef struct mb_store_backend {
    void (*close)(void *db);
    /* A snapshot for the two look-ups before a document is read. */
    void (*read_begin)(void *db);
    void (*read_end)(void *db);
    /* The write transaction of one document; holds what keeps other
     * writers of the same path or content out until commit or rollback. */
    mb_status (*begin)(void *db, const char *path, const char *sha, mb_error *err);
    mb_status (*commit)(void *db, mb_error *err);
    void (*rollback)(void *db);
    /* 1 and *id, *sha, *meta (malloc'ed; *meta NULL for SQL NULL) when path
     * is stored, 0 when not, -1 on error (err set). */
    int (*by_path)(void *db, const char *path, long long *id, char **sha, char **meta, mb_error *err);
    /* 1 and *path (malloc'ed) when a document holds content sha, 0 when
     * none, -1 on error. */
    int (*by_sha)(void *db, const char *sha, char **path, mb_error *err);
    /* The document id and all its rows. */
    mb_status (*delete_doc)(void *db, long long id, mb_error *err);
    /* One row; *id is the new document's id (documents only). */
    mb_status (*insert)(void *db, mb_store_table t, long long doc_id, const mb_val *v, long long *id,
                        mb_error *err);
    mb_status (*select)(void *db, const mb_select_args *a, mb_store_row_fn fn, void *ctx, mb_error *err);
    mb_status (*documents)(void *db, mb_store_doc_fn fn, void *ctx, mb_error *err);
} mb_store_backend;

/* Open (creating and migrating when needed) the store at name; *db is
 * the backend's own state. */
mb_status mb_store_sqlite_open(const char *name, const mb_store_backend **be, void **db, mb_error *err);
mb_status mb_store_pg_open(const char *uri, const mb_store_backend **be, void **db, mb_error *err);

/* 1 when name is a PostgreSQL URI (postgresql:// or postgres://). */
int mb_store_is_pg(const char *name);

/* path made absolute against the working folder, "." and ".." and repeated
 * slashes removed (no link resolved): malloc'ed, NULL when out of memory. */
char *mb_store_path_canonical(const char *path);

#endif
