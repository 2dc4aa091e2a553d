/* store.c — the SQLite store: schema, migrations, ingest, selection. */
#include "store.h"

#include "error.h"
#include "readfile.h"
#include "hash.h"
#include "indid.h"
#include "issuer.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

struct mb_store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *st[NSTMT];
    const mb_lexicon *lex; /* magnitude words of the values shown (query, history) */
    int no_bom;            /* CSV without the UTF-8 BOM */
    int busy;              /* the last failed exec or db_error was SQLITE_BUSY */
    char *date, *issuer;   /* mb_store_set_ingest_options: given to every document */
    int force;
};

mb_status mb_store_set_ingest_options(mb_store *s, const mb_ingest_options *opt, mb_error *err)
{
    if (opt && opt->date) {
        mb_date d;
        if (mb_date_parse(opt->date, &d))
            return mb_error_set(err, MB_EARG, "invalid date '%s': want YYYY-MM-DD or YYYY", opt->date);
    }
    char *date = opt && opt->date ? strdup(opt->date) : NULL;
    char *issuer = opt && opt->issuer ? strdup(opt->issuer) : NULL;
    if ((opt && opt->date && !date) || (opt && opt->issuer && !issuer)) {
        free(date);
        free(issuer);
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    }
    free(s->date);
    free(s->issuer);
    s->date = date;
    s->issuer = issuer;
    s->force = opt ? opt->force : 0;
    return MB_OK;
}

/* What besides the content decides a document's rows: the date and issuer
 * given and the bytes of its sidecar FILE.meta.json; 16 hex digits. */
static void meta_fingerprint(const mb_store *s, const char *path, char out[17])
{
    size_t dl = s->date ? strlen(s->date) : 0, il = s->issuer ? strlen(s->issuer) : 0;
    size_t cap = dl + il + 4 + 65536;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        strcpy(out, "0000000000000000"); /* never equal to a stored one by chance */
        return;
    }
    size_t n = 0;
    buf[n++] = 'd';
    memcpy(buf + n, s->date ? s->date : "", dl);
    n += dl;
    buf[n++] = '\0';
    buf[n++] = 'i';
    memcpy(buf + n, s->issuer ? s->issuer : "", il);
    n += il;
    buf[n++] = '\0';
    if (strcmp(path, "-")) {
        size_t pl = strlen(path);
        char *meta = malloc(pl + sizeof ".meta.json");
        FILE *f = NULL;
        if (meta) {
            memcpy(meta, path, pl);
            memcpy(meta + pl, ".meta.json", sizeof ".meta.json");
            f = fopen(meta, "rb");
            free(meta);
        }
        if (f) {
            n += fread(buf + n, 1, cap - n, f);
            fclose(f);
        }
    }
    mb_sha256_hex(buf, n, 8, out);
    free(buf);
}

void mb_store_set_bom(mb_store *s, int bom)
{
    if (s)
        s->no_bom = !bom;
}

int mb_store_bom(const mb_store *s)
{
    return s && !s->no_bom;
}

void mb_store_set_lexicon(mb_store *s, const mb_lexicon *lex)
{
    if (s)
        s->lex = lex;
}

const mb_lexicon *mb_store_lexicon(const mb_store *s)
{
    return s ? s->lex : NULL;
}

static mb_status db_error(mb_store *s, mb_error *err, const char *what)
{
    s->busy = (sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY;
    return mb_error_set(err, MB_ESTORE, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static mb_status exec(mb_store *s, const char *q, mb_error *err)
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

static int pragma_int(mb_store *s, const char *q, int *out)
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

static mb_status migrate(mb_store *s, mb_error *err)
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

mb_status mb_store_open(const char *path, mb_store **out, mb_error *err)
{
    *out = NULL;
    mb_store *s = calloc(1, sizeof *s);
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
        mb_store_close(s);
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
        mb_store_close(s);
        return st;
    }
    *out = s;
    return MB_OK;
}

void mb_store_close(mb_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < NSTMT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    free(s->path);
    free(s->date);
    free(s->issuer);
    free(s);
}

const char *mb_ingest_status_name(mb_ingest_status s)
{
    switch (s) {
    case MB_INGEST_NEW: return "new";
    case MB_INGEST_UPDATED: return "updated";
    case MB_INGEST_UNCHANGED: return "unchanged";
    case MB_INGEST_DUPLICATE: return "duplicate";
    }
    return "?";
}

void mb_ingest_result_clear(mb_ingest_result *r)
{
    if (!r)
        return;
    free(r->same_as);
    for (size_t i = 0; i < r->nwarnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

/* ---- ingest ---- */

/* What the store holds for path with content sha: -1 on error; else
 * MB_INGEST_UNCHANGED (path stored with this content), MB_INGEST_UPDATED
 * (path stored with other content; *old its document id),
 * MB_INGEST_DUPLICATE (path not stored, content stored under *other,
 * malloc'ed) or MB_INGEST_NEW. */
static int lookup(mb_store *s, const char *path, const char *sha, const char *meta, long long *old,
                  char **other)
{
    *old = -1;
    *other = NULL;
    sqlite3_stmt *st = s->st[S_BY_PATH];
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), r = MB_INGEST_NEW;
    if (rc == SQLITE_ROW) {
        *old = sqlite3_column_int64(st, 0);
        const char *stored_meta = (const char *)sqlite3_column_text(st, 2);
        /* the same content read the same way (date, issuer, sidecar), unless forced */
        int same = !strcmp((const char *)sqlite3_column_text(st, 1), sha) && stored_meta &&
                   !strcmp(stored_meta, meta) && !s->force;
        r = same ? MB_INGEST_UNCHANGED : MB_INGEST_UPDATED;
    } else if (rc != SQLITE_DONE) {
        r = -1;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (r != MB_INGEST_NEW)
        return r;
    st = s->st[S_BY_SHA];
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *other = strdup((const char *)sqlite3_column_text(st, 0));
        r = *other ? MB_INGEST_DUPLICATE : -1;
    } else if (rc != SQLITE_DONE) {
        r = -1;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return r;
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE;
}

static const cJSON *jget(const cJSON *o, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
    return b ? cJSON_GetObjectItemCaseSensitive(x, b) : x;
}

static void bind_json_text(sqlite3_stmt *st, int i, const cJSON *x)
{
    if (cJSON_IsString(x))
        sqlite3_bind_text(st, i, x->valuestring, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_json_number(sqlite3_stmt *st, int i, const cJSON *x, int integer)
{
    if (!cJSON_IsNumber(x))
        sqlite3_bind_null(st, i);
    else if (integer)
        sqlite3_bind_int64(st, i, (sqlite3_int64)x->valuedouble);
    else
        sqlite3_bind_double(st, i, x->valuedouble);
}

/* A text document's title: its first paragraph when it has at most 80
 * characters. */
static char *title_of(const mb_doc *doc)
{
    if (mb_doc_title(doc))
        return strdup(mb_doc_title(doc));
    const mb_paragraph *p = mb_doc_paragraph(doc, 0);
    if (!p || !p->text.len)
        return NULL;
    size_t chars = 0;
    for (size_t i = 0; i < p->text.len; i++)
        chars += ((unsigned char)p->text.s[i] & 0xC0) != 0x80;
    return chars <= 80 ? strdup(p->text.s) : NULL;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static mb_status insert_document(mb_store *s, const mb_doc *doc, const mb_records *recs, const char *meta,
                                 uint64_t size, long long *id, mb_error *err)
{
    sqlite3_stmt *st = s->st[S_INS_DOC];
    char date[16] = "", now[32];
    mb_date_format(&recs->date, date);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char *title = title_of(doc);
    sqlite3_bind_text(st, 1, mb_doc_path(doc), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, mb_doc_sha256(doc), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)size);
    sqlite3_bind_text(st, 4, mb_doc_format(doc), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, mb_doc_encoding(doc), -1, SQLITE_STATIC);
    if (title)
        sqlite3_bind_text(st, 6, title, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 6);
    if (date[0])
        sqlite3_bind_text(st, 7, date, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 7);
    sqlite3_bind_text(st, 8, recs->date.source ? recs->date.source : "none", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)mb_doc_paragraph_count(doc));
    sqlite3_bind_int64(st, 11, (sqlite3_int64)recs->n);
    bind_text_or_null(st, 12, recs->issuer);
    bind_text_or_null(st, 13, recs->region.name);
    bind_text_or_null(st, 14, recs->region.level);
    bind_text_or_null(st, 15, recs->region.code);
    sqlite3_bind_text(st, 16, meta, -1, SQLITE_STATIC);
    int ok = step_done(st);
    free(title);
    if (!ok)
        return db_error(s, err, "cannot store the document");
    *id = sqlite3_last_insert_rowid(s->db);
    return MB_OK;
}

static mb_status insert_paragraphs(mb_store *s, const mb_doc *doc, long long id, mb_error *err)
{
    sqlite3_stmt *st = s->st[S_INS_PARA];
    for (size_t i = 0; i < mb_doc_paragraph_count(doc); i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)p->index);
        sqlite3_bind_int64(st, 3, p->src_start);
        sqlite3_bind_int64(st, 4, p->src_end);
        sqlite3_bind_int64(st, 5, p->line);
        sqlite3_bind_text(st, 6, p->text.s ? p->text.s : "", (int)p->text.len, SQLITE_STATIC);
        if (!step_done(st))
            return db_error(s, err, "cannot store a paragraph");
    }
    return MB_OK;
}

static mb_status insert_records(mb_store *s, const mb_doc *doc, const mb_records *recs, long long id,
                                mb_error *err)
{
    sqlite3_stmt *st = s->st[S_INS_RECORD];
    for (size_t i = 0; i < recs->n; i++) {
        char *js = NULL;
        mb_status rc = mb_emit_record(doc, recs, i, 0, &js, err);
        if (rc)
            return rc;
        cJSON *o = cJSON_Parse(js);
        if (!o) {
            free(js);
            return mb_error_set(err, MB_ENOMEM, "%s: out of memory", mb_doc_path(doc));
        }
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        bind_json_text(st, 3, jget(o, "id", NULL));
        bind_json_number(st, 4, jget(o, "paragraph", "index"), 1);
        bind_json_text(st, 5, jget(o, "sentence", NULL));
        bind_json_number(st, 6, jget(o, "span", "start"), 1);
        bind_json_number(st, 7, jget(o, "span", "end"), 1);
        bind_json_text(st, 8, jget(o, "span", "text"));
        bind_json_text(st, 9, jget(o, "quote", "exact"));
        bind_json_text(st, 10, jget(o, "quote", "prefix"));
        bind_json_text(st, 11, jget(o, "quote", "suffix"));
        bind_json_text(st, 12, jget(o, "kind", NULL));
        bind_json_text(st, 13, jget(o, "indicator", NULL));
        bind_json_number(st, 14, jget(o, "value", NULL), 0);
        bind_json_number(st, 15, jget(o, "min", NULL), 0);
        bind_json_number(st, 16, jget(o, "max", NULL), 0);
        bind_json_text(st, 17, jget(o, "unit", NULL));
        bind_json_text(st, 18, jget(o, "comparator", NULL));
        bind_json_text(st, 19, jget(o, "change", NULL));
        bind_json_number(st, 20, jget(o, "year", NULL), 1);
        bind_json_text(st, 21, jget(o, "time_text", NULL));
        bind_json_text(st, 22, jget(o, "period", NULL));
        bind_json_text(st, 23, jget(o, "modality", NULL));
        sqlite3_bind_text(st, 24, js, -1, SQLITE_STATIC);
        bind_json_text(st, 25, jget(o, "indicator_id", NULL));
        bind_json_text(st, 26, jget(o, "region", "name"));
        bind_json_text(st, 27, jget(o, "region", "level"));
        bind_json_number(st, 28, jget(o, "base_year", NULL), 1);
        int ok = step_done(st);
        cJSON_Delete(o);
        free(js);
        if (!ok)
            return db_error(s, err, "cannot store a record");
    }
    return MB_OK;
}

/* Replace the rows of the document's path, in one transaction. */
static mb_status store_document(mb_store *s, const mb_doc *doc, const mb_records *recs, const char *meta,
                                mb_ingest_result *res, mb_error *err)
{
    if (!step_done(s->st[S_BEGIN]))
        return db_error(s, err, "cannot begin a transaction");
    /* again under the write lock: another process may have stored it meanwhile */
    long long old;
    char *other;
    int state = lookup(s, mb_doc_path(doc), mb_doc_sha256(doc), meta, &old, &other);
    if (state < 0) {
        mb_status st = db_error(s, err, "cannot look up the document");
        step_done(s->st[S_ROLLBACK]);
        return st;
    }
    if (state == MB_INGEST_UNCHANGED || state == MB_INGEST_DUPLICATE) {
        res->status = (mb_ingest_status)state;
        res->same_as = other;
        step_done(s->st[S_ROLLBACK]);
        return MB_OK;
    }
    mb_status st = MB_OK;
    long long id = -1;
    if (old >= 0) {
        static const int del[] = {S_DEL_RECORDS, S_DEL_PARAS, S_DEL_DOC};
        for (int k = 0; k < 3 && !st; k++) {
            sqlite3_bind_int64(s->st[del[k]], 1, old);
            if (!step_done(s->st[del[k]]))
                st = db_error(s, err, "cannot delete the old rows");
        }
    }
    if (!st)
        st = insert_document(s, doc, recs, meta, res->bytes, &id, err);
    if (!st)
        st = insert_paragraphs(s, doc, id, err);
    if (!st)
        st = insert_records(s, doc, recs, id, err);
    if (!st && !step_done(s->st[S_COMMIT]))
        st = db_error(s, err, "cannot commit");
    if (st) {
        step_done(s->st[S_ROLLBACK]);
        return st;
    }
    res->status = old >= 0 ? MB_INGEST_UPDATED : MB_INGEST_NEW;
    res->paragraphs = mb_doc_paragraph_count(doc);
    res->records = recs->n;
    return MB_OK;
}

static mb_read_opts ingest_read_opts(const mb_doc_options *opt)
{
    /* a regular file only (no FIFO, device or socket), under the size
     * limit, refused unread when it is not; a binary one after 64 KiB */
    mb_read_opts ro = {.regular_only = 1};
    if (opt) {
        ro.max_size = opt->max_size;
        ro.root = opt->root;
        ro.encoding = opt->encoding;
    }
    return ro;
}

static mb_status ingest_bytes(mb_store *s, const mb_model *m, const char *path, unsigned char *buf, size_t n,
                              const mb_doc_options *opt, mb_ingest_result *res, mb_error *err);

mb_status mb_store_ingest_file(mb_store *s, const mb_model *m, const char *path, const mb_doc_options *opt,
                               mb_ingest_result *res, mb_error *err)
{
    memset(res, 0, sizeof *res);
    unsigned char *buf;
    size_t n;
    mb_read_opts ro = ingest_read_opts(opt);
    mb_status st = mb_read_path(path, &ro, &buf, &n, err);
    if (st)
        return st;
    return ingest_bytes(s, m, path, buf, n, opt, res, err);
}

mb_status mb_store_ingest_fd(mb_store *s, const mb_model *m, const char *name, int fd,
                             const mb_doc_options *opt, mb_ingest_result *res, mb_error *err)
{
    memset(res, 0, sizeof *res);
    unsigned char *buf;
    size_t n;
    mb_read_opts ro = ingest_read_opts(opt);
    ro.regular_only = 0; /* a pipe is what standard input usually is */
    mb_status st = mb_read_fd(name, fd, &ro, &buf, &n, err);
    if (st)
        return st;
    return ingest_bytes(s, m, name, buf, n, opt, res, err);
}

/* Takes buf (malloc'ed). */
static mb_status ingest_bytes(mb_store *s, const mb_model *m, const char *path, unsigned char *buf, size_t n,
                              const mb_doc_options *opt, mb_ingest_result *res, mb_error *err)
{
    mb_status st;
    res->bytes = n;
    char sha[65];
    mb_sha256_hex(buf, n, MB_SHA256_SIZE, sha);
    long long old;
    char *other;
    char meta[17];
    meta_fingerprint(s, path, meta);
    /* both look-ups (path, then sha256) in one read transaction: another
     * ingest committing this very file between them made it look like a
     * duplicate of itself */
    int txn = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    int state = lookup(s, path, sha, meta, &old, &other);
    if (txn)
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (state < 0) {
        free(buf);
        return db_error(s, err, "cannot look up the document");
    }
    if (state == MB_INGEST_UNCHANGED || state == MB_INGEST_DUPLICATE) {
        free(buf);
        res->status = (mb_ingest_status)state;
        res->same_as = other;
        return MB_OK;
    }
    mb_doc *doc = NULL;
    mb_doc_options o = {0};
    if (opt)
        o = *opt;
    if (!o.lexicon)
        o.lexicon = mb_model_lexicon(m); /* Big5 detection, page dates */
    st = mb_doc_load_mem(path, buf, n, &o, &doc, err);
    free(buf);
    if (st)
        return st;
    for (size_t i = 0; mb_doc_warning(doc, i); i++) {
        char **w = realloc(res->warnings, (res->nwarnings + 1) * sizeof *w);
        if (!w || !(w[res->nwarnings] = strdup(mb_doc_warning(doc, i)))) {
            if (w)
                res->warnings = w;
            mb_doc_free(doc);
            return mb_error_set(err, MB_ENOMEM, "%s: out of memory", path);
        }
        res->warnings = w;
        res->nwarnings++;
    }
    mb_records recs;
    mb_extract_options eo = {.date = s->date, .issuer = s->issuer};
    st = mb_extract_with(m, doc, &eo, &recs, err);
    if (!st) {
        st = store_document(s, doc, &recs, meta, res, err);
        mb_records_free(&recs);
    }
    mb_doc_free(doc);
    return st;
}

/* ---- selection ---- */

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* path made absolute (against the working folder) with "." and ".."
 * components and repeated slashes removed: a malloc'ed string, NULL when
 * out of memory. No link is resolved: the stored file may be gone. */
static char *path_canonical(const char *path)
{
    char cwd[4096];
    const char *base = "";
    if (path[0] != '/') {
        if (!getcwd(cwd, sizeof cwd))
            return strdup(path);
        base = cwd;
    }
    size_t bl = strlen(base), pl = strlen(path);
    char *in = malloc(bl + pl + 2), *out = malloc(bl + pl + 2);
    if (!in || !out) {
        free(in);
        free(out);
        return NULL;
    }
    memcpy(in, base, bl);
    in[bl] = '/';
    memcpy(in + bl + 1, path, pl + 1);
    size_t n = 0; /* out holds "/a/b" without a trailing slash */
    for (char *p = in; *p;) {
        while (*p == '/')
            p++;
        char *e = p;
        while (*e && *e != '/')
            e++;
        size_t len = (size_t)(e - p);
        if (len == 0 || (len == 1 && p[0] == '.')) {
            /* nothing */
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
        } else {
            out[n++] = '/';
            memcpy(out + n, p, len);
            n += len;
        }
        p = e;
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = '\0';
    free(in);
    return out;
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
    char *ca = path_canonical(a), *cb = path_canonical(b);
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

/* The ORDER BY keys put before the usual order for q->sort; NULL when the
 * name is unknown. */
static const char *sort_keys(const char *sort, char *buf, size_t n)
{
    static const char *const keys[][2] = {
        {"date", ""},
        {"year", "r.year IS NULL, r.year%s, "},
        {"value", "coalesce(r.value, r.min) IS NULL, coalesce(r.value, r.min)%s, "},
        {"indicator", "r.indicator IS NULL, r.indicator%s, "},
        {"path", "d.path%s, "},
    };
    if (!sort || !*sort)
        sort = "date";
    int desc = sort[0] == '-';
    const char *name = sort + desc;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(name, keys[i][0]))
            continue;
        if (i == 0)
            snprintf(buf, n, "%s", desc ? "d.date IS NULL, d.date DESC, " : "");
        else
            snprintf(buf, n, keys[i][1], desc ? " DESC" : "");
        return buf;
    }
    return NULL;
}

mb_status mb_store_select(mb_store *s, const mb_query *q, int by_indicator, mb_store_row_fn fn, void *ctx,
                          mb_error *err)
{
    char sortbuf[128];
    const char *first = sort_keys(q->sort, sortbuf, sizeof sortbuf);
    if (!first)
        return mb_error_set(err, MB_EARG,
                            "unknown sort '%s' (date, year, value, indicator, path; -KEY reverses)", q->sort);
    if (q->doc && sqlite3_create_function(s->db, "mb_same_path", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                          sql_same_path, NULL, NULL) != SQLITE_OK)
        return db_error(s, err, "cannot register mb_same_path");
    /* The statement is put together from fixed pieces; values are bound. */
    char text[2048];
    snprintf(
        text, sizeof text,
        "SELECT d.id, d.path, d.date, r.seq, r.id, r.kind, r.indicator, r.unit, r.comparator, r.change,"
        " r.time_text, r.period, r.modality, r.span_text, r.sentence, r.json, r.value, r.min, r.max, r.year,"
        " r.span_start, r.span_end, d.sha256, r.paragraph, r.quote_prefix, r.quote_exact, r.quote_suffix,"
        " r.indicator_id, d.issuer, coalesce(r.region, d.region), coalesce(r.region_level, d.region_level),"
        " r.base_year"
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
        by_indicator ? "coalesce(r.indicator_id, r.indicator), " : "", first, q->limit ? " LIMIT ?8" : "");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, text, -1, &st, NULL) != SQLITE_OK)
        return db_error(s, err, "cannot prepare the query");
    if (q->kind)
        sqlite3_bind_text(st, 1, q->kind, -1, SQLITE_STATIC);
    if (q->year)
        sqlite3_bind_int(st, 2, q->year);
    /* the indicator asked for also matches every way its lexicon id is
     * written: GDP finds 国内生产总值 and 经济总量 */
    char *qid = NULL;
    if (q->indicator) {
        sqlite3_bind_text(st, 3, q->indicator, -1, SQLITE_STATIC);
        qid = mb_indicator_id(s->lex, q->indicator, strlen(q->indicator));
        if (qid)
            sqlite3_bind_text(st, 9, qid, -1, SQLITE_STATIC);
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
        /* a short name (苏州) finds the full one (苏州市) too */
        mb_region g;
        sqlite3_bind_text(st, 11, q->region, -1, SQLITE_STATIC);
        if (s->lex && mb_region_lookup(s->lex, q->region, strlen(q->region), &g))
            sqlite3_bind_text(st, 12, g.name, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_text(st, 12, q->region, -1, SQLITE_STATIC);
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
    free(qid);
    return rc;
}

mb_status mb_store_documents(mb_store *s, mb_store_doc_fn fn, void *ctx, mb_error *err)
{
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
