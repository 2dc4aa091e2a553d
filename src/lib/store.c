/* store.c — the store's logic (owns: the ingest options, the look-ups that
 * decide new, updated, unchanged or duplicate, the one-transaction
 * replacement of a document's rows, the record's columns taken from its
 * JSON, the choice of backend). The SQL is in the backends:
 * store_sqlite.c and store_pg.c (store_backend.h). */
#include "store_backend.h"

#include "emit.h"
#include "error.h"
#include "readfile.h"
#include "hash.h"
#include "indid.h"
#include "issuer.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct mb_store {
    const mb_store_backend *be;
    void *db;              /* the backend's */
    const mb_lexicon *lex; /* magnitude words of the values shown (query, history) */
    int no_bom;            /* CSV without the UTF-8 BOM */
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

int mb_store_is_pg(const char *name)
{
    return name && (!strncmp(name, "postgresql://", 13) || !strncmp(name, "postgres://", 11));
}

mb_status mb_store_open(const char *path, mb_store **out, mb_error *err)
{
    *out = NULL;
    mb_store *s = calloc(1, sizeof *s);
    if (!s)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    mb_status st = mb_store_is_pg(path) ? mb_store_pg_open(path, &s->be, &s->db, err)
                                        : mb_store_sqlite_open(path, &s->be, &s->db, err);
    if (st) {
        free(s);
        return st;
    }
    *out = s;
    return MB_OK;
}

void mb_store_close(mb_store *s)
{
    if (!s)
        return;
    s->be->close(s->db);
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
                  char **other, mb_error *err)
{
    *old = -1;
    *other = NULL;
    char *stored_sha = NULL, *stored_meta = NULL;
    long long id;
    int r = s->be->by_path(s->db, path, &id, &stored_sha, &stored_meta, err);
    if (r < 0)
        return -1;
    if (r == 1) {
        *old = id;
        /* the same content read the same way (date, issuer, sidecar), unless forced */
        int same = !strcmp(stored_sha, sha) && stored_meta && !strcmp(stored_meta, meta) && !s->force;
        free(stored_sha);
        free(stored_meta);
        return same ? MB_INGEST_UNCHANGED : MB_INGEST_UPDATED;
    }
    r = s->be->by_sha(s->db, sha, other, err);
    if (r < 0)
        return -1;
    return r == 1 ? MB_INGEST_DUPLICATE : MB_INGEST_NEW;
}

/* lookup in one read transaction of the backend: both of its look-ups
 * (path, then sha256) see the same store, else another ingest committing
 * this very file between them made it look like a duplicate of itself. */
static int lookup_read(mb_store *s, const char *path, const char *sha, const char *meta, long long *old,
                       char **other, mb_error *err)
{
    s->be->read_begin(s->db);
    int state = lookup(s, path, sha, meta, old, other, err);
    s->be->read_end(s->db);
    return state;
}

static mb_val val_text(const char *v)
{
    mb_val x = {.type = v ? MB_VAL_TEXT : MB_VAL_NULL, .s = v, .len = v ? strlen(v) : 0};
    return x;
}

static mb_val val_int(long long i)
{
    mb_val x = {.type = MB_VAL_INT, .i = i};
    return x;
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

static mb_val text_or_null(const char *v)
{
    return val_text(v && *v ? v : NULL);
}

static mb_status insert_document(mb_store *s, const mb_doc *doc, const mb_records *recs, const char *meta,
                                 uint64_t size, long long *id, mb_error *err)
{
    char date[16] = "", now[32];
    mb_date_format(&recs->date, date);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char *title = title_of(doc);
    mb_val v[MB_DOC_COLS] = {
        val_text(mb_doc_path(doc)),
        val_text(mb_doc_sha256(doc)),
        val_int((long long)size),
        val_text(mb_doc_format(doc)),
        val_text(mb_doc_encoding(doc)),
        val_text(title),
        val_text(date[0] ? date : NULL),
        val_text(recs->date.source ? recs->date.source : "none"),
        val_text(now),
        val_int((long long)mb_doc_paragraph_count(doc)),
        val_int((long long)recs->n),
        text_or_null(recs->issuer),
        text_or_null(recs->region.name),
        text_or_null(recs->region.level),
        text_or_null(recs->region.code),
        val_text(meta),
    };
    mb_status st = s->be->insert(s->db, MB_TABLE_DOCUMENTS, 0, v, id, err);
    free(title);
    return st;
}

static mb_status insert_paragraphs(mb_store *s, const mb_doc *doc, long long id, mb_error *err)
{
    for (size_t i = 0; i < mb_doc_paragraph_count(doc); i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        mb_val v[MB_PARA_COLS] = {
            val_int((long long)p->index),
            val_int(p->src_start),
            val_int(p->src_end),
            val_int(p->line),
            {.type = MB_VAL_TEXT, .s = p->text.s ? p->text.s : "", .len = p->text.s ? p->text.len : 0},
        };
        mb_status st = s->be->insert(s->db, MB_TABLE_PARAGRAPHS, id, v, NULL, err);
        if (st)
            return st;
    }
    return MB_OK;
}

static mb_val val_slice(mb_rslice x)
{
    mb_val v = {.type = MB_VAL_TEXT, .s = x.s, .len = x.n};
    return v;
}

static mb_val val_real_if(int has, double d)
{
    mb_val v = {.type = has ? MB_VAL_REAL : MB_VAL_NULL, .d = d};
    return v;
}

static mb_val val_int_if(int has, long long i)
{
    mb_val v = {.type = has ? MB_VAL_INT : MB_VAL_NULL, .i = i};
    return v;
}

/* The rows of the records: their columns from each record's view (the
 * same view the JSON is written from), the record's JSON beside them. */
static mb_status insert_records(mb_store *s, const mb_doc *doc, const mb_records *recs, long long id,
                                mb_error *err)
{
    mb_strbuf js = {0}, sent = {0}, docjs = {0};
    mb_status st = MB_OK;
    mb_emit_doc_object(&docjs, doc, recs); /* the same in every record: written once */
    for (size_t i = 0; i < recs->n && !st; i++) {
        mb_record_view v;
        if ((st = mb_record_view_of(doc, recs, i, &v, err)))
            break;
        mb_strbuf_clear(&js);
        mb_jsonw w;
        mb_jsonw_init(&w, &js, 0);
        mb_emit_record_view_doc(&w, doc, recs, &v, 0, docjs.failed ? NULL : docjs.s, docjs.len);
        if ((st = mb_jsonw_status(&w, err)))
            break;
        mb_val sentence = val_slice(v.sentence);
        if (v.cut_before || v.cut_after) { /* the capped sentence with its … marks */
            size_t n = mb_record_view_sentence_len(&v);
            mb_strbuf_clear(&sent);
            if (!mb_strbuf_reserve(&sent, n + 1)) {
                st = mb_error_set(err, MB_ENOMEM, "%s: out of memory", mb_doc_path(doc));
                break;
            }
            mb_record_view_sentence_copy(&v, sent.s);
            sentence.s = sent.s;
            sentence.len = n;
        }
        const mb_record *r = v.r;
        const mb_region *g = v.region;
        mb_val cols[MB_RECORD_COLS] = {
            val_int((long long)i),
            val_text(r->id),
            val_int((long long)v.p->index),
            sentence,
            val_int(v.src_start),
            val_int(v.src_end),
            val_slice(v.span),
            val_slice(v.span),
            val_slice(v.prefix),
            val_slice(v.suffix),
            val_text(r->kind == MB_KIND_TARGET ? "target" : "achievement"),
            val_text(r->indicator),
            val_real_if(r->has_value && !r->has_range, r->value),
            val_real_if(r->has_range, r->min),
            val_real_if(r->has_range, r->max),
            val_text(r->unit),
            val_text(r->comparator),
            val_text(r->change ? r->change : "level"),
            val_int_if(r->year != 0, r->year),
            val_text(r->time_text),
            val_text(r->period),
            val_text(r->modality),
            {.type = MB_VAL_TEXT, .s = js.s, .len = js.len},
            val_text(r->indicator_id),
            val_text(g->name[0] ? g->name : NULL),
            val_text(g->name[0] && g->level[0] ? g->level : NULL),
            val_int_if(r->base_year != 0, r->base_year),
        };
        st = s->be->insert(s->db, MB_TABLE_RECORDS, id, cols, NULL, err);
    }
    mb_strbuf_free(&js);
    mb_strbuf_free(&docjs);
    mb_strbuf_free(&sent);
    return st;
}

/* Replace the rows of the document's path, in one transaction. */
static mb_status store_document(mb_store *s, const mb_doc *doc, const mb_records *recs, const char *meta,
                                mb_ingest_result *res, mb_error *err)
{
    mb_status st = s->be->begin(s->db, mb_doc_path(doc), mb_doc_sha256(doc), err);
    if (st)
        return st;
    /* again under the write lock: another process may have stored it meanwhile */
    long long old;
    char *other;
    int state = lookup(s, mb_doc_path(doc), mb_doc_sha256(doc), meta, &old, &other, err);
    if (state < 0) {
        s->be->rollback(s->db);
        return err ? err->code : MB_ESTORE;
    }
    if (state == MB_INGEST_UNCHANGED || state == MB_INGEST_DUPLICATE) {
        res->status = (mb_ingest_status)state;
        res->same_as = other;
        s->be->rollback(s->db);
        return MB_OK;
    }
    long long id = -1;
    if (old >= 0)
        st = s->be->delete_doc(s->db, old, err);
    if (!st)
        st = insert_document(s, doc, recs, meta, res->bytes, &id, err);
    if (!st)
        st = insert_paragraphs(s, doc, id, err);
    if (!st)
        st = insert_records(s, doc, recs, id, err);
    if (!st)
        st = s->be->commit(s->db, err);
    if (st) {
        s->be->rollback(s->db);
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

/* A document between its look-up and its rows (mb_store_ingest_begin,
 * mb_ingest_job_run, mb_store_ingest_end). */
struct mb_ingest_job {
    char *path;
    unsigned char *buf; /* the bytes, until run */
    size_t n;
    mb_doc_options opt;
    const char *date, *issuer; /* the store's ingest options (they outlive the job) */
    char meta[17];
    char sha[65];
    mb_doc *doc;
    mb_records recs;
    int extracted;
    char **warnings; /* handed to the result at the end */
    size_t nwarnings;
    mb_status st; /* of the run */
    mb_error err;
};

void mb_ingest_job_free(mb_ingest_job *job)
{
    if (!job)
        return;
    free(job->path);
    free(job->buf);
    if (job->extracted)
        mb_records_free(&job->recs);
    mb_doc_free(job->doc);
    for (size_t i = 0; i < job->nwarnings; i++)
        free(job->warnings[i]);
    free(job->warnings);
    free(job);
}

/* Takes buf (malloc'ed): hash it and look it up; a job when it must be read. */
static mb_status begin_bytes(mb_store *s, const char *path, unsigned char *buf, size_t n,
                             const mb_doc_options *opt, mb_ingest_job **job, mb_ingest_result *res,
                             mb_error *err)
{
    *job = NULL;
    res->bytes = n;
    char sha[65];
    mb_sha256_hex(buf, n, MB_SHA256_SIZE, sha);
    long long old;
    char *other;
    char meta[17];
    meta_fingerprint(s, path, meta);
    int state = lookup_read(s, path, sha, meta, &old, &other, err);
    if (state < 0) {
        free(buf);
        return err ? err->code : MB_ESTORE;
    }
    if (state == MB_INGEST_UNCHANGED || state == MB_INGEST_DUPLICATE) {
        free(buf);
        res->status = (mb_ingest_status)state;
        res->same_as = other;
        return MB_OK;
    }
    mb_ingest_job *j = calloc(1, sizeof *j);
    if (!j || !(j->path = strdup(path))) {
        free(j);
        free(buf);
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", path);
    }
    j->buf = buf;
    j->n = n;
    if (opt)
        j->opt = *opt;
    j->date = s->date;
    j->issuer = s->issuer;
    memcpy(j->meta, meta, sizeof meta);
    memcpy(j->sha, sha, sizeof sha);
    *job = j;
    return MB_OK;
}

mb_status mb_store_ingest_begin(mb_store *s, const char *path, const mb_doc_options *opt, mb_ingest_job **job,
                                mb_ingest_result *res, mb_error *err)
{
    memset(res, 0, sizeof *res);
    *job = NULL;
    unsigned char *buf;
    size_t n;
    mb_read_opts ro = ingest_read_opts(opt);
    mb_status st = mb_read_path(path, &ro, &buf, &n, err);
    if (st)
        return st;
    return begin_bytes(s, path, buf, n, opt, job, res, err);
}

mb_status mb_store_ingest_begin_fd(mb_store *s, const char *name, int fd, const mb_doc_options *opt,
                                   mb_ingest_job **job, mb_ingest_result *res, mb_error *err)
{
    memset(res, 0, sizeof *res);
    *job = NULL;
    unsigned char *buf;
    size_t n;
    mb_read_opts ro = ingest_read_opts(opt);
    ro.regular_only = 0; /* a pipe is what standard input usually is */
    mb_status st = mb_read_fd(name, fd, &ro, &buf, &n, err);
    if (st)
        return st;
    return begin_bytes(s, name, buf, n, opt, job, res, err);
}

mb_status mb_ingest_job_run(mb_ingest_job *job, const mb_model *m)
{
    if (!job->buf) /* run already */
        return job->st;
    mb_doc_options o = job->opt;
    if (!o.lexicon)
        o.lexicon = mb_model_lexicon(m); /* Big5 detection, page dates */
    job->st = mb_doc_load_mem(job->path, job->buf, job->n, &o, &job->doc, &job->err);
    free(job->buf);
    job->buf = NULL;
    if (job->st)
        return job->st;
    for (size_t i = 0; mb_doc_warning(job->doc, i); i++) {
        char **w = realloc(job->warnings, (job->nwarnings + 1) * sizeof *w);
        if (!w || !(w[job->nwarnings] = strdup(mb_doc_warning(job->doc, i)))) {
            if (w)
                job->warnings = w;
            return job->st = mb_error_set(&job->err, MB_ENOMEM, "%s: out of memory", job->path);
        }
        job->warnings = w;
        job->nwarnings++;
    }
    mb_extract_options eo = {.date = job->date, .issuer = job->issuer};
    job->st = mb_extract_with(m, job->doc, &eo, &job->recs, &job->err);
    job->extracted = job->st == MB_OK;
    return job->st;
}

/* 1 when the store now holds the job's file as unchanged or a duplicate
 * (stored since the job's look-up, by an earlier job of the same run or
 * another ingest): res says so. */
static int stored_meanwhile(mb_store *s, mb_ingest_job *job, mb_ingest_result *res)
{
    long long old;
    char *other = NULL;
    mb_error e = {0};
    int state = lookup_read(s, job->path, job->sha, job->meta, &old, &other, &e);
    if (state != MB_INGEST_UNCHANGED && state != MB_INGEST_DUPLICATE) {
        free(other);
        return 0;
    }
    res->status = (mb_ingest_status)state;
    res->same_as = other;
    return 1;
}

mb_status mb_store_ingest_end(mb_store *s, mb_ingest_job *job, mb_ingest_result *res, mb_error *err)
{
    mb_status st = job->buf ? mb_error_set(err, MB_EARG, "%s: ingest job not run", job->path) : MB_OK;
    /* a file stored meanwhile is what it would have been found to be had
     * it been looked up now: unchanged or a duplicate, not read (no
     * warnings, no error of its reading) */
    if (!st && job->st && stored_meanwhile(s, job, res)) {
        mb_ingest_job_free(job);
        return MB_OK;
    }
    /* the warnings of the reading, also when it failed after them */
    res->warnings = job->warnings;
    res->nwarnings = job->nwarnings;
    job->warnings = NULL;
    job->nwarnings = 0;
    if (!st && job->st) {
        st = job->st;
        if (err)
            *err = job->err;
    }
    if (!st) {
        st = store_document(s, job->doc, &job->recs, job->meta, res, err);
        if (!st && (res->status == MB_INGEST_UNCHANGED || res->status == MB_INGEST_DUPLICATE)) {
            for (size_t i = 0; i < res->nwarnings; i++)
                free(res->warnings[i]);
            free(res->warnings);
            res->warnings = NULL;
            res->nwarnings = 0;
        }
    }
    mb_ingest_job_free(job);
    return st;
}

/* begin, run and end in one (the single-threaded path). */
static mb_status ingest_one(mb_store *s, const mb_model *m, mb_status st, mb_ingest_job *job,
                            mb_ingest_result *res, mb_error *err)
{
    if (st || !job)
        return st;
    mb_ingest_job_run(job, m);
    return mb_store_ingest_end(s, job, res, err);
}

mb_status mb_store_ingest_file(mb_store *s, const mb_model *m, const char *path, const mb_doc_options *opt,
                               mb_ingest_result *res, mb_error *err)
{
    mb_ingest_job *job;
    mb_status st = mb_store_ingest_begin(s, path, opt, &job, res, err);
    return ingest_one(s, m, st, job, res, err);
}

mb_status mb_store_ingest_fd(mb_store *s, const mb_model *m, const char *name, int fd,
                             const mb_doc_options *opt, mb_ingest_result *res, mb_error *err)
{
    mb_ingest_job *job;
    mb_status st = mb_store_ingest_begin_fd(s, name, fd, opt, &job, res, err);
    return ingest_one(s, m, st, job, res, err);
}

/* ---- selection ---- */

/* path made absolute (against the working folder) with "." and ".."
 * components and repeated slashes removed: a malloc'ed string, NULL when
 * out of memory. No link is resolved: the stored file may be gone. */
char *mb_store_path_canonical(const char *path)
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
    /* the indicator asked for also matches every way its lexicon id is
     * written: GDP finds 国内生产总值 and 经济总量 */
    char *qid = q->indicator ? mb_indicator_id(s->lex, q->indicator, strlen(q->indicator)) : NULL;
    /* a short name (苏州) finds the full one (苏州市) too */
    char *full = NULL;
    if (q->region) {
        mb_region g;
        if (s->lex && mb_region_lookup(s->lex, q->region, strlen(q->region), &g))
            full = strdup(g.name);
        else
            full = strdup(q->region);
        if (!full) {
            free(qid);
            return mb_error_set(err, MB_ENOMEM, "out of memory");
        }
    }
    mb_select_args a = {q, by_indicator, first, qid, full};
    mb_status rc = s->be->select(s->db, &a, fn, ctx, err);
    free(qid);
    free(full);
    return rc;
}

mb_status mb_store_documents(mb_store *s, mb_store_doc_fn fn, void *ctx, mb_error *err)
{
    return s->be->documents(s->db, fn, ctx, err);
}
