/* store_sqlite.c — the SQLite backend of the store (owns: the connection,
 * its prepared statements, the schema's migrations kept in PRAGMA
 * user_version, the SQL of every look-up, insert and selection). The only
 * file that includes sqlite3.h. */
#include "store_backend.h"

#include "error.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define APPLICATION_ID 0x6D624442 /* "mbDB" */

/* Migration i takes a store from schema version i to i + 1. */
static const char *const migrations[MB_STORE_SCHEMA] = {
    "CREATE TABLE documents ("
    "  id INTEGER PRIMARY KEY,"
    "  path TEXT NOT NULL UNIQUE,"
    "  sha256 TEXT NOT NULL,"
    "  size INTEGER NOT NULL,"
    "  format TEXT NOT NULL,"
    "  encoding TEXT NOT NULL,"
    "  title TEXT,"
    "  date TEXT,"
    "  date_source TEXT NOT NULL,"
    "  ingested_at TEXT NOT NULL,"
    "  paragraphs INTEGER NOT NULL,"
    "  records INTEGER NOT NULL);"
    "CREATE INDEX documents_sha256 ON documents(sha256);"
    "CREATE INDEX documents_date ON documents(date);"
    "CREATE TABLE paragraphs ("
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),"
    "  idx INTEGER NOT NULL,"
    "  src_start INTEGER NOT NULL,"
    "  src_end INTEGER NOT NULL,"
    "  line INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  PRIMARY KEY (doc_id, idx));"
    "CREATE TABLE records ("
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),"
    "  seq INTEGER NOT NULL,"
    "  id TEXT NOT NULL,"
    "  paragraph INTEGER NOT NULL,"
    "  sentence TEXT NOT NULL,"
    "  span_start INTEGER NOT NULL,"
    "  span_end INTEGER NOT NULL,"
    "  span_text TEXT NOT NULL,"
    "  quote_exact TEXT NOT NULL,"
    "  quote_prefix TEXT NOT NULL,"
    "  quote_suffix TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  indicator TEXT,"
    "  value REAL,"
    "  min REAL,"
    "  max REAL,"
    "  unit TEXT,"
    "  comparator TEXT,"
    "  change TEXT NOT NULL,"
    "  year INTEGER,"
    "  time_text TEXT,"
    "  period TEXT,"
    "  modality TEXT,"
    "  json TEXT NOT NULL,"
    "  PRIMARY KEY (doc_id, seq));"
    "CREATE INDEX records_indicator ON records(indicator);"
    "CREATE INDEX records_year ON records(year);"
    "CREATE INDEX records_kind ON records(kind, year);",
    /* 1 → 2: the canonical id of the indicator (NULL in rows stored before:
     * re-ingest with --force to fill it) */
    "ALTER TABLE records ADD COLUMN indicator_id TEXT;"
    "CREATE INDEX records_indicator_id ON records(indicator_id);",
    /* 2 → 3 (issue 12): whose document and which region; a record's own
     * region; meta, what besides the content decided the rows (the date and
     * issuer given, the sidecar's bytes): when it changes, the next ingest
     * reads the document again. Rows stored before have NULL here and are
     * read again by the next ingest. */
    "ALTER TABLE documents ADD COLUMN issuer TEXT;"
    "ALTER TABLE documents ADD COLUMN region TEXT;"
    "ALTER TABLE documents ADD COLUMN region_level TEXT;"
    "ALTER TABLE documents ADD COLUMN region_code TEXT;"
    "ALTER TABLE documents ADD COLUMN meta TEXT;"
    "ALTER TABLE records ADD COLUMN region TEXT;"
    "ALTER TABLE records ADD COLUMN region_level TEXT;"
    "ALTER TABLE records ADD COLUMN base_year INTEGER;"
    "CREATE INDEX documents_issuer ON documents(issuer);"
    "CREATE INDEX records_region ON records(region);",
};

enum {
    S_BY_SHA,
    S_BY_PATH,
    S_DEL_RECORDS,
    S_DEL_PARAS,
    S_DEL_DOC,
    S_INS_DOC,
    S_INS_PARA,
    S_INS_RECORD,
    S_BEGIN,
    S_COMMIT,
    S_ROLLBACK,
    NSTMT
};

static const char *const sql[NSTMT] = {
    [S_BY_SHA] = "SELECT path FROM documents WHERE sha256 = ?1 LIMIT 1",
    [S_BY_PATH] = "SELECT id, sha256, meta FROM documents WHERE path = ?1",
    [S_DEL_RECORDS] = "DELETE FROM records WHERE doc_id = ?1",
    [S_DEL_PARAS] = "DELETE FROM paragraphs WHERE doc_id = ?1",
    [S_DEL_DOC] = "DELETE FROM documents WHERE id = ?1",
    [S_INS_DOC] = "INSERT INTO documents (path, sha256, size, format, encoding, title, date, date_source,"
                  " ingested_at, paragraphs, records, issuer, region, region_level, region_code, meta)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    [S_INS_PARA] = "INSERT INTO paragraphs (doc_id, idx, src_start, src_end, line, text)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [S_INS_RECORD] =
        "INSERT INTO records (doc_id, seq, id, paragraph, sentence, span_start, span_end, span_text,"
        " quote_exact, quote_prefix, quote_suffix, kind, indicator, value, min, max, unit,"
        " comparator, change, year, time_text, period, modality, json, indicator_id, region, region_level,"
        " base_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_ROLLBACK] = "ROLLBACK",
};

typedef struct sq {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *st[NSTMT];
    int busy;    /* the last failed exec or db_error was SQLITE_BUSY */
    int reading; /* in the read transaction of the look-ups */
} sq;

static mb_status db_error(sq *s, mb_error *err, const char *what)
{
    s->busy = (sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY;
    return mb_error_set(err, MB_ESTORE, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static mb_status exec(sq *s, const char *q, mb_error *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, q, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        s->busy = (rc & 0xff) == SQLITE_BUSY;
        mb_status st = mb_error_set(err, MB_ESTORE, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return st;
    }
    return MB_OK;
}

static int pragma_int(sq *s, const char *q, int *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) != SQLITE_OK)
        return 0;
    int ok = sqlite3_step(st) == SQLITE_ROW;
    if (ok)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return ok;
}

static mb_status migrate(sq *s, mb_error *err)
{
    int version = 0, app = 0;
    if (!pragma_int(s, "PRAGMA user_version", &version) || !pragma_int(s, "PRAGMA application_id", &app))
        return db_error(s, err, "cannot read the schema version");
    if (app != 0 && app != APPLICATION_ID)
        return mb_error_set(err, MB_ESTORE, "%s: not a mubiao store (application_id %d)", s->path, app);
    if (version > MB_STORE_SCHEMA)
        return mb_error_set(
            err, MB_ESTORE,
            "%s: store schema version %d is newer than this mubiao's (%d); use a newer mubiao", s->path,
            version, MB_STORE_SCHEMA);
    for (int v = version; v < MB_STORE_SCHEMA; v++) {
        char set[96];
        snprintf(set, sizeof set, "PRAGMA user_version = %d; PRAGMA application_id = %d;", v + 1,
                 APPLICATION_ID);
        mb_status st = exec(s, "BEGIN IMMEDIATE", err);
        if (st)
            return st;
        /* re-read under the lock: another process may have migrated meanwhile */
        int now = 0;
        if (!pragma_int(s, "PRAGMA user_version", &now)) {
            exec(s, "ROLLBACK", NULL);
            return db_error(s, err, "cannot read the schema version");
        }
        if (now > v) {
            exec(s, "ROLLBACK", NULL);
            v = now - 1;
            continue;
        }
        st = exec(s, migrations[v], err);
        if (!st)
            st = exec(s, set, err);
        if (!st)
            st = exec(s, "COMMIT", err);
        if (st) {
            exec(s, "ROLLBACK", NULL);
            return st;
        }
    }
    return MB_OK;
}

static void sq_close(void *db)
{
    sq *s = db;
    if (!s)
        return;
    for (int i = 0; i < NSTMT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE;
}

static void sq_read_begin(void *db)
{
    sq *s = db;
    /* both look-ups (path, then sha256) in one read transaction: another
     * ingest committing this very file between them made it look like a
     * duplicate of itself */
    s->reading = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void sq_read_end(void *db)
{
    sq *s = db;
    if (s->reading)
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    s->reading = 0;
}

static mb_status sq_begin(void *db, const char *path, const char *sha, mb_error *err)
{
    (void)path;
    (void)sha;
    sq *s = db;
    if (!step_done(s->st[S_BEGIN]))
        return db_error(s, err, "cannot begin a transaction");
    return MB_OK;
}

static mb_status sq_commit(void *db, mb_error *err)
{
    sq *s = db;
    if (!step_done(s->st[S_COMMIT]))
        return db_error(s, err, "cannot commit");
    return MB_OK;
}

static void sq_rollback(void *db)
{
    sq *s = db;
    step_done(s->st[S_ROLLBACK]);
}

static char *dup_col(sqlite3_stmt *st, int i, int *oom)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    if (!t)
        return NULL;
    char *d = strdup(t);
    if (!d)
        *oom = 1;
    return d;
}

static int sq_by_path(void *db, const char *path, long long *id, char **sha, char **meta, mb_error *err)
{
    sq *s = db;
    sqlite3_stmt *st = s->st[S_BY_PATH];
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), r = 0, oom = 0;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *sha = dup_col(st, 1, &oom);
        *meta = dup_col(st, 2, &oom);
        r = 1;
        if (oom || !*sha) {
            free(*sha);
            free(*meta);
            *sha = *meta = NULL;
            r = -1;
            mb_error_set(err, MB_ENOMEM, "out of memory");
        }
    } else if (rc != SQLITE_DONE) {
        r = -1;
        db_error(s, err, "cannot look up the document");
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return r;
}

static int sq_by_sha(void *db, const char *sha, char **path, mb_error *err)
{
    sq *s = db;
    sqlite3_stmt *st = s->st[S_BY_SHA];
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), r = 0, oom = 0;
    if (rc == SQLITE_ROW) {
        *path = dup_col(st, 0, &oom);
        r = 1;
        if (!*path) {
            r = -1;
            mb_error_set(err, MB_ENOMEM, "out of memory");
        }
    } else if (rc != SQLITE_DONE) {
        r = -1;
        db_error(s, err, "cannot look up the document");
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return r;
}

static mb_status sq_delete_doc(void *db, long long id, mb_error *err)
{
    sq *s = db;
    static const int del[] = {S_DEL_RECORDS, S_DEL_PARAS, S_DEL_DOC};
    for (int k = 0; k < 3; k++) {
        sqlite3_bind_int64(s->st[del[k]], 1, id);
        if (!step_done(s->st[del[k]]))
            return db_error(s, err, "cannot delete the old rows");
    }
    return MB_OK;
}

static void bind_val(sqlite3_stmt *st, int i, const mb_val *v)
{
    switch (v->type) {
    case MB_VAL_NULL: sqlite3_bind_null(st, i); break;
    case MB_VAL_INT: sqlite3_bind_int64(st, i, (sqlite3_int64)v->i); break;
    case MB_VAL_REAL: sqlite3_bind_double(st, i, v->d); break;
    case MB_VAL_TEXT: sqlite3_bind_text(st, i, v->s, (int)v->len, SQLITE_STATIC); break;
    }
}

static mb_status sq_insert(void *db, mb_store_table t, long long doc_id, const mb_val *v, long long *id,
                           mb_error *err)
{
    sq *s = db;
    static const char *const what[] = {"cannot store the document", "cannot store a paragraph",
                                       "cannot store a record"};
    sqlite3_stmt *st;
    int n, first = 1;
    if (t == MB_TABLE_DOCUMENTS) {
        st = s->st[S_INS_DOC];
        n = MB_DOC_COLS;
    } else {
        st = s->st[t == MB_TABLE_PARAGRAPHS ? S_INS_PARA : S_INS_RECORD];
        n = t == MB_TABLE_PARAGRAPHS ? MB_PARA_COLS : MB_RECORD_COLS;
        sqlite3_bind_int64(st, 1, doc_id);
        first = 2;
    }
    for (int i = 0; i < n; i++)
        bind_val(st, first + i, &v[i]);
    if (!step_done(st))
        return db_error(s, err, what[t]);
    if (id && t == MB_TABLE_DOCUMENTS)
        *id = sqlite3_last_insert_rowid(s->db);
    return MB_OK;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* SQL function mb_same_path(stored, given): 1 when both name the same path. */
static void sql_same_path(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *a = (const char *)sqlite3_value_text(argv[0]);
    const char *b = (const char *)sqlite3_value_text(argv[1]);
    if (!a || !b) {
        sqlite3_result_int(cx, 0);
        return;
    }
    if (!strcmp(a, b)) {
        sqlite3_result_int(cx, 1);
        return;
    }
    char *ca = mb_store_path_canonical(a), *cb = mb_store_path_canonical(b);
    if (!ca || !cb) {
        free(ca);
        free(cb);
        sqlite3_result_error_nomem(cx);
        return;
    }
    sqlite3_result_int(cx, !strcmp(ca, cb));
    free(ca);
    free(cb);
}

static mb_status sq_select(void *db, const mb_select_args *a, mb_store_row_fn fn, void *ctx, mb_error *err)
{
    sq *s = db;
    const mb_query *q = a->q;
    int by_indicator = a->by_indicator;
    const char *first = a->first;
    if (q->doc && sqlite3_create_function(s->db, "mb_same_path", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                          sql_same_path, NULL, NULL) != SQLITE_OK)
        return db_error(s, err, "cannot register mb_same_path");
    /* The statement is put together from fixed pieces; values are bound. */
    char text[2048];
    snprintf(text, sizeof text,
             "SELECT " MB_SELECT_COLUMNS
             " FROM records r JOIN documents d ON d.id = r.doc_id WHERE 1%s%s%s%s%s%s%s%s%s"
             " ORDER BY %s%sd.date IS NULL, d.date, d.path, r.seq%s",
             q->kind ? " AND r.kind = ?1" : "", q->year ? " AND r.year = ?2" : "",
             q->indicator ? (q->exact ? " AND (r.indicator = ?3 OR r.indicator_id = ?9)"
                                      : " AND (instr(r.indicator, ?3) > 0 OR r.indicator_id = ?9)")
                          : "",
             q->doc ? " AND mb_same_path(d.path, ?4)" : "",
             /* a date of a year alone (2014) stands for its whole year; so does --to 2014 */
             q->from ? " AND (d.date >= ?5 OR (length(d.date) = 4 AND d.date >= substr(?5, 1, 4)))" : "",
             q->to ? " AND (d.date <= ?6 OR substr(d.date, 1, length(?6)) = ?6)" : "",
             q->unit ? " AND r.unit = ?7" : "", q->issuer ? " AND d.issuer = ?10" : "",
             q->region ? " AND coalesce(r.region, d.region) IN (?11, ?12)" : "",
             by_indicator ? "coalesce(r.indicator_id, r.indicator), " : "", first,
             q->limit ? " LIMIT ?8" : "");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, text, -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "cannot prepare the query");
    if (q->kind)
        sqlite3_bind_text(st, 1, q->kind, -1, SQLITE_STATIC);
    if (q->year)
        sqlite3_bind_int(st, 2, q->year);
    /* the indicator asked for also matches every way its lexicon id is
     * written: GDP finds 国内生产总值 and 经济总量 */
    if (q->indicator) {
        sqlite3_bind_text(st, 3, q->indicator, -1, SQLITE_STATIC);
        if (a->indicator_id)
            sqlite3_bind_text(st, 9, a->indicator_id, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 9);
    }
    if (q->doc)
        sqlite3_bind_text(st, 4, q->doc, -1, SQLITE_STATIC);
    if (q->from)
        sqlite3_bind_text(st, 5, q->from, -1, SQLITE_STATIC);
    if (q->to)
        sqlite3_bind_text(st, 6, q->to, -1, SQLITE_STATIC);
    if (q->unit)
        sqlite3_bind_text(st, 7, q->unit, -1, SQLITE_STATIC);
    if (q->issuer)
        sqlite3_bind_text(st, 10, q->issuer, -1, SQLITE_STATIC);
    if (q->region) {
        sqlite3_bind_text(st, 11, q->region, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 12, a->region_full, -1, SQLITE_STATIC);
    }
    if (q->limit)
        sqlite3_bind_int64(st, 8, q->limit > (size_t)INT64_MAX ? INT64_MAX : (sqlite3_int64)q->limit);
    mb_status rc = MB_OK;
    int r = SQLITE_DONE;
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        mb_store_row row;
        memset(&row, 0, sizeof row);
        row.doc_id = sqlite3_column_int64(st, 0);
        row.path = col_text(st, 1);
        row.date = col_text(st, 2);
        row.seq = sqlite3_column_int64(st, 3);
        row.id = col_text(st, 4);
        row.kind = col_text(st, 5);
        row.indicator = col_text(st, 6);
        row.unit = col_text(st, 7);
        row.comparator = col_text(st, 8);
        row.change = col_text(st, 9);
        row.time_text = col_text(st, 10);
        row.period = col_text(st, 11);
        row.modality = col_text(st, 12);
        row.span_text = col_text(st, 13);
        row.sentence = col_text(st, 14);
        row.json = col_text(st, 15);
        row.has_value = sqlite3_column_type(st, 16) != SQLITE_NULL;
        row.value = sqlite3_column_double(st, 16);
        row.has_range =
            sqlite3_column_type(st, 17) != SQLITE_NULL && sqlite3_column_type(st, 18) != SQLITE_NULL;
        row.min = sqlite3_column_double(st, 17);
        row.max = sqlite3_column_double(st, 18);
        row.has_year = sqlite3_column_type(st, 19) != SQLITE_NULL;
        row.year = sqlite3_column_int(st, 19);
        row.span_start = sqlite3_column_int64(st, 20);
        row.span_end = sqlite3_column_int64(st, 21);
        row.sha256 = col_text(st, 22);
        row.paragraph = sqlite3_column_int64(st, 23);
        row.quote_prefix = col_text(st, 24);
        row.quote_exact = col_text(st, 25);
        row.quote_suffix = col_text(st, 26);
        row.indicator_id = col_text(st, 27);
        row.issuer = col_text(st, 28);
        row.region = col_text(st, 29);
        row.region_level = col_text(st, 30);
        row.base_year = sqlite3_column_int(st, 31);
        rc = fn(ctx, &row);
    }
    if (!rc && r != SQLITE_DONE)
        rc = db_error(s, err, "query failed");
    sqlite3_finalize(st);
    return rc;
}

static mb_status sq_documents(void *db, mb_store_doc_fn fn, void *ctx, mb_error *err)
{
    sq *s = db;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT d.id, d.path, d.date, d.issuer, d.region,"
                           " (SELECT count(*) FROM records r WHERE r.doc_id = d.id AND r.kind = 'target'"
                           "  AND r.period IS NULL AND r.year = CAST(substr(d.date, 1, 4) AS INTEGER))"
                           " FROM documents d ORDER BY d.date IS NULL, d.date, d.path",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "cannot prepare the query");
    mb_status rc = MB_OK;
    int r = SQLITE_DONE;
    while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
        mb_store_doc d = {
            sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2), col_text(st, 3), col_text(st, 4),
            sqlite3_column_int64(st, 5)};
        rc = fn(ctx, &d);
    }
    if (!rc && r != SQLITE_DONE)
        rc = db_error(s, err, "query failed");
    sqlite3_finalize(st);
    return rc;
}

static const mb_store_backend sqlite_backend = {
    sq_close,   sq_read_begin, sq_read_end,   sq_begin,  sq_commit, sq_rollback,
    sq_by_path, sq_by_sha,     sq_delete_doc, sq_insert, sq_select, sq_documents,
};

mb_status mb_store_sqlite_open(const char *path, const mb_store_backend **be, void **db, mb_error *err)
{
    *be = &sqlite_backend;
    *db = NULL;
    sq *s = calloc(1, sizeof *s);
    if (!s)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    s->path = strdup(path);
    if (!s->path) {
        free(s);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    mb_status st = MB_OK;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        st = s->db ? db_error(s, err, "cannot open") : mb_error_set(err, MB_ENOMEM, "out of memory");
        sq_close(s);
        return st;
    }
    sqlite3_busy_timeout(s->db, 10000);
    /* WAL: readers do not block the writer; a killed writer leaves the
     * last committed document. NORMAL sync is safe in WAL against a
     * crash of the process. */
    /* Another process opening or writing the same store can make these
     * answer SQLITE_BUSY at once, without the busy handler (the switch to
     * WAL, the schema check): try again for up to 10 s. */
    for (int tries = 0;; tries++) {
        st = exec(s,
                  "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;"
                  " PRAGMA temp_store = MEMORY;",
                  err);
        if (!st)
            st = migrate(s, err);
        if (!st || !s->busy || tries == 200)
            break;
        s->busy = 0;
        sqlite3_sleep(50);
    }
    for (int i = 0; i < NSTMT && !st; i++)
        if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK)
            st = db_error(s, err, "cannot prepare a statement (is this a mubiao store?)");
    if (st) {
        sq_close(s);
        return st;
    }
    *db = s;
    return MB_OK;
}
