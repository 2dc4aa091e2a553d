/* store.h — the store (owns: the schema and its migrations, the
 * one-transaction replacement of a document's rows, the SQL that selects
 * records). The logic is store.c; the SQL is in its two backends,
 * store_sqlite.c and store_pg.c (store_backend.h), chosen by the name
 * given to mb_store_open (postgresql:// or postgres:// picks PostgreSQL).
 * query.c formats what it selects.
 *
 * Schema (version MB_STORE_SCHEMA, kept in PRAGMA user_version and PRAGMA
 * application_id in SQLite, in the table mubiao_schema in PostgreSQL):
 *   documents(id, path UNIQUE, sha256, size, format, encoding, title, date,
 *             date_source, ingested_at, paragraphs, records, issuer, region,
 *             region_level, region_code, meta)
 *   paragraphs(doc_id, idx, src_start, src_end, line, text)
 *   records(doc_id, seq, id, paragraph, sentence, span_start, span_end,
 *           span_text, quote_exact, quote_prefix, quote_suffix, kind,
 *           indicator, value, min, max, unit, comparator, change, year,
 *           time_text, period, modality, json, indicator_id, region,
 *           region_level, base_year)
 * json is the record exactly as mubiao extract prints it. */
#ifndef MB_STORE_H
#define MB_STORE_H

#include "mubiao.h"

/* One selected record. Strings are NULL for SQL NULL; valid during the
 * callback only. */
typedef struct mb_store_row {
    long long doc_id;
    const char *path, *date;
    long long seq;
    const char *id, *kind, *indicator, *unit, *comparator, *change, *time_text, *period, *modality;
    const char *indicator_id; /* NULL: not in the indicator lexicon */
    const char *span_text, *sentence, *json;
    int has_value, has_range, has_year;
    double value, min, max;
    int year;
    long long span_start, span_end;
    const char *sha256; /* the document's */
    long long paragraph;
    const char *quote_prefix, *quote_exact, *quote_suffix;
    const char *issuer;                /* the document's; NULL: unknown */
    const char *region, *region_level; /* the record's own region, else the document's */
    int base_year;                     /* 0: none written */
} mb_store_row;

/* Called for each row; a non-zero return stops the selection and becomes
 * its status. */
typedef mb_status (*mb_store_row_fn)(void *ctx, const mb_store_row *row);

/* The records q selects; by_indicator orders by indicator first (its
 * lexicon id when it has one, else its text: history),
 * then document date (NULL last), path and order in the document. */
/* 1 unless mb_store_set_bom(s, 0) was called: CSV starts with a BOM. */
int mb_store_bom(const mb_store *s);
/* The lexicon set with mb_store_set_lexicon, or NULL. */
const mb_lexicon *mb_store_lexicon(const mb_store *s);

mb_status mb_store_select(mb_store *s, const mb_query *q, int by_indicator, mb_store_row_fn fn, void *ctx,
                          mb_error *err);

/* One stored document (strings NULL for SQL NULL; valid during the
 * callback only). */
typedef struct mb_store_doc {
    long long id;
    const char *path, *date, *issuer, *region;
    long long own_targets; /* its targets for its own year (no period): a target list */
} mb_store_doc;
typedef mb_status (*mb_store_doc_fn)(void *ctx, const mb_store_doc *d);
/* Every stored document, in date order (undated last), then path. */
mb_status mb_store_documents(mb_store *s, mb_store_doc_fn fn, void *ctx, mb_error *err);

#endif
