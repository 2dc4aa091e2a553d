/* mapper.c (cli) — mapper mode (--input jsonl, issue 16): the JSON Lines
 * reader with its line limit, the checks of each document, the writer that
 * puts a document's id into its output lines, and the JSON error lines. */
#include "mapper.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <nettle/base64.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* A line longer than this is not read: said, and skipped to its end. */
#define MAX_LINE MB_MAX_FILE_SIZE
/* What is kept of such a line to name its document (a leading "id"). */
#define KEEP_LONG 65536

/* ---- the line reader ---- */

typedef struct reader {
    int fd;
    char buf[65536];
    size_t pos, end;
    int eof;
    char *line; /* the current line, NUL-terminated, without its "\n" */
    size_t len, cap;
} reader;

static int fill(reader *r)
{
    for (;;) {
        ssize_t k = read(r->fd, r->buf, sizeof r->buf);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        r->pos = 0;
        r->end = (size_t)k;
        if (!k)
            r->eof = 1;
        return 0;
    }
}

/* Append n bytes to the line, keeping at most limit bytes. */
static int keep(reader *r, const char *s, size_t n, size_t limit)
{
    if (r->len >= limit)
        return 0;
    if (n > limit - r->len)
        n = limit - r->len;
    if (r->len + n + 1 > r->cap) {
        size_t nc = r->cap ? r->cap : 4096;
        while (nc < r->len + n + 1)
            nc *= 2;
        if (nc > limit + 1)
            nc = limit + 1;
        char *nl = realloc(r->line, nc);
        if (!nl)
            return -1;
        r->line = nl;
        r->cap = nc;
    }
    memcpy(r->line + r->len, s, n);
    r->len += n;
    r->line[r->len] = '\0';
    return 0;
}

enum { LINE_EOF = 0, LINE_OK, LINE_LONG, LINE_NOMEM, LINE_ERR };

/* The next line, without its "\n": LINE_OK; LINE_LONG when longer than
 * MAX_LINE, or LINE_NOMEM when it cannot be held: read to its end, its
 * first KEEP_LONG bytes kept; LINE_EOF; LINE_ERR, a read error (errno). */
static int next_line(reader *r)
{
    r->len = 0;
    uint64_t total = 0;
    int any = 0, nomem = 0;
    for (;;) {
        if (r->pos == r->end) {
            if (!r->eof && fill(r))
                return LINE_ERR;
            if (r->eof)
                break;
        }
        any = 1;
        char *s = r->buf + r->pos;
        size_t avail = r->end - r->pos;
        char *nl = memchr(s, '\n', avail);
        size_t n = nl ? (size_t)(nl - s) : avail;
        total += n;
        if ((total > MAX_LINE || nomem) && r->len > KEEP_LONG) /* past the limit: keep the start */
            r->len = KEEP_LONG;
        if (keep(r, s, n, total > MAX_LINE || nomem ? KEEP_LONG : MAX_LINE))
            nomem = 1;
        r->pos += n + (nl ? 1 : 0);
        if (nl)
            break;
    }
    if (r->line)
        r->line[r->len] = '\0';
    if (!any)
        return LINE_EOF;
    return nomem ? LINE_NOMEM : total > MAX_LINE ? LINE_LONG : LINE_OK;
}

/* ---- stderr lines ---- */

/* One JSON line on stderr: {"id", "line", "input" (files only), key: msg}. */
static void say(const cli_jdoc *jd, const char *key, const char *msg)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) {
        fprintf(stderr, "mubiao: %s: line %zu: %s\n", jd->input, jd->line, msg);
        return;
    }
    if (jd->id)
        cJSON_AddStringToObject(o, "id", jd->id);
    else
        cJSON_AddNullToObject(o, "id");
    cJSON_AddNumberToObject(o, "line", (double)jd->line);
    if (strcmp(jd->input, "-"))
        cJSON_AddStringToObject(o, "input", jd->input);
    cJSON_AddStringToObject(o, key, msg);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (s) {
        fprintf(stderr, "%s\n", s);
        free(s);
    } else {
        fprintf(stderr, "mubiao: %s: line %zu: %s\n", jd->input, jd->line, msg);
    }
}

/* ---- the writer: each output line with the document's id ---- */

typedef struct idwriter {
    char *idjson; /* the id as a JSON string, quotes included */
    char *pending;
    size_t npending, cap;
} idwriter;

/* One whole line (without "\n"): "id" first in its doc object, or "doc_id"
 * before a doc that is a string (numbers). The doc key comes before any
 * text of the document in every output, so its first occurrence is it. */
static int put_line(idwriter *w, const char *s, size_t n)
{
    static const char key[] = "\"doc\":";
    const size_t kl = sizeof key - 1;
    const char *p = NULL;
    for (size_t i = 0; i + kl < n; i++)
        if (s[i] == '"' && !memcmp(s + i, key, kl)) {
            p = s + i;
            break;
        }
    if (!p || (p[kl] != '{' && p[kl] != '"')) {
        errno = EINVAL;
        return -1; /* an output line without a doc: cannot happen */
    }
    int obj = p[kl] == '{';
    size_t cut = obj ? (size_t)(p - s) + kl + 1 : (size_t)(p - s);
    const char *ins = obj ? "\"id\":" : "\"doc_id\":";
    if (cli_out(s, cut) || cli_out(ins, strlen(ins)) || cli_out(w->idjson, strlen(w->idjson)) ||
        cli_out(",", 1) || cli_out(s + cut, n - cut) || cli_out("\n", 1))
        return -1;
    return 0;
}

static int idwrite(void *ctx, const char *s, size_t n)
{
    idwriter *w = ctx;
    while (n) {
        const char *nl = memchr(s, '\n', n);
        size_t k = nl ? (size_t)(nl - s) : n;
        if (!nl || w->npending) { /* hold a part line */
            if (w->npending + k + 1 > w->cap) {
                size_t nc = w->cap ? w->cap * 2 : 4096;
                while (nc < w->npending + k + 1)
                    nc *= 2;
                char *np = realloc(w->pending, nc);
                if (!np)
                    return -1;
                w->pending = np;
                w->cap = nc;
            }
            memcpy(w->pending + w->npending, s, k);
            w->npending += k;
            if (nl) {
                int st = put_line(w, w->pending, w->npending);
                w->npending = 0;
                if (st)
                    return -1;
            }
        } else if (put_line(w, s, k)) {
            return -1;
        }
        s += k + (nl ? 1 : 0);
        n -= k + (nl ? 1 : 0);
    }
    return 0;
}

/* ---- one document ---- */

/* 1 when a string of the JSON text s holds the escape \u0000 (cJSON would
 * cut the string there). */
static int has_nul_escape(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\\')
            continue;
        if (s[i + 1] == 'u' && i + 5 < n && !memcmp(s + i + 2, "0000", 4))
            return 1;
        i++; /* the escaped character */
    }
    return 0;
}

/* The "id" a line too long to read starts with ({"id": "..."), or NULL. */
static char *sniff_id(const char *s, size_t n)
{
    size_t i = 0;
#define WS()                                                                                                 \
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))                                           \
    i++
    WS();
    if (i >= n || s[i++] != '{')
        return NULL;
    WS();
    if (n - i < 4 || memcmp(s + i, "\"id\"", 4))
        return NULL;
    i += 4;
    WS();
    if (i >= n || s[i++] != ':')
        return NULL;
    WS();
#undef WS
    size_t a = i;
    if (i >= n || s[i++] != '"')
        return NULL;
    while (i < n && s[i] != '"')
        i += s[i] == '\\' ? 2 : 1;
    if (i >= n)
        return NULL;
    cJSON *j = cJSON_ParseWithLength(s + a, i + 1 - a);
    char *id = cJSON_IsString(j) && *j->valuestring ? strdup(j->valuestring) : NULL;
    cJSON_Delete(j);
    return id;
}

static int decode_base64(const char *src, unsigned char **out, size_t *len)
{
    size_t n = strlen(src);
    unsigned char *dst = malloc(BASE64_DECODE_LENGTH(n) + 1);
    if (!dst)
        return -1;
    struct base64_decode_ctx ctx;
    base64_decode_init(&ctx);
    size_t dl = 0;
    if (!base64_decode_update(&ctx, &dl, dst, n, src) || !base64_decode_final(&ctx)) {
        free(dst);
        return -1;
    }
    *out = dst;
    *len = dl;
    return 0;
}

typedef struct stream {
    const char *cmd;
    const mb_doc_options *opt;
    const char *date; /* --date */
    cli_mapper_fn fn;
    void *ctx;
    int failed;
} stream;

/* A string member: 0 absent or null, 1 a string (*out set), -1 another type. */
static int member_string(const cJSON *o, const char *key, const char **out)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
    *out = NULL;
    if (!m || cJSON_IsNull(m))
        return 0;
    if (!cJSON_IsString(m))
        return -1;
    *out = m->valuestring;
    return 1;
}

static void fail(stream *st, const cli_jdoc *jd, const char *msg)
{
    say(jd, "error", msg);
    st->failed = 1;
}

/* Check, load and hand over the document of line jd->line (text s, n bytes). */
static void one_document(stream *st, cli_jdoc *jd, const char *s, size_t n)
{
    char msg[600];
    if (memchr(s, '\0', n)) {
        fail(st, jd, "a NUL byte in the line: not JSON text");
        return;
    }
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(s, n, &end, 0);
    if (!j) {
        char *sid = sniff_id(s, n); /* name the document when its start is whole */
        jd->id = sid;
        snprintf(msg, sizeof msg, "invalid JSON at byte %zu of the line",
                 end && end >= s ? (size_t)(end - s) : 0);
        fail(st, jd, msg);
        free(sid);
        return;
    }
    size_t rest = end ? (size_t)(end - s) : n;
    while (rest < n && (s[rest] == ' ' || s[rest] == '\t' || s[rest] == '\r'))
        rest++;
    const char *bad = NULL;
    const char *text = NULL, *b64 = NULL, *id = NULL;
    int ht = 0, hb = 0;
    if (!cJSON_IsObject(j)) {
        bad = "not a JSON object";
    } else if (member_string(j, "id", &id) != 1 || !*id) {
        id = NULL;
        bad = "missing \"id\": a non-empty string";
    } else if (rest < n) {
        snprintf(msg, sizeof msg, "invalid JSON at byte %zu of the line: text after the object", rest);
        bad = msg;
    }
    jd->id = id;
    if (!bad && has_nul_escape(s, n))
        bad = "\\u0000 (a NUL character) in a string: not text";
    if (!bad && member_string(j, "path", &jd->path) < 0)
        bad = "\"path\" must be a string";
    if (!bad && member_string(j, "encoding", &jd->encoding) < 0)
        bad = "\"encoding\" must be a string";
    if (!bad && member_string(j, "issuer", &jd->issuer) < 0)
        bad = "\"issuer\" must be a string";
    if (!bad) {
        const char *date = NULL;
        int hd = member_string(j, "date", &date);
        mb_date d;
        if (hd < 0) {
            bad = "\"date\" must be a string YYYY-MM-DD";
        } else if (hd && mb_date_parse(date, &d)) {
            snprintf(msg, sizeof msg, "\"date\" is not a YYYY-MM-DD date (1900-2199): %.400s", date);
            bad = msg;
        } else {
            jd->date = hd ? date : st->date;
        }
    }
    if (!bad) {
        ht = member_string(j, "text", &text);
        hb = member_string(j, "bytes_base64", &b64);
        if (ht < 0)
            bad = "\"text\" must be a string";
        else if (hb < 0)
            bad = "\"bytes_base64\" must be a string";
        else if (ht && hb)
            bad = "both \"text\" and \"bytes_base64\": give one";
        else if (!ht && !hb)
            bad = "missing \"text\" (or \"bytes_base64\")";
        else if (ht && jd->encoding && strcasecmp(jd->encoding, "utf-8") && strcasecmp(jd->encoding, "utf8"))
            bad = "\"encoding\" is for \"bytes_base64\": \"text\" is UTF-8";
    }
    unsigned char *raw = NULL;
    if (!bad && hb) {
        if (decode_base64(b64, &raw, &jd->len))
            bad = "\"bytes_base64\" is not valid base64";
        jd->bytes = raw;
    } else if (!bad) {
        jd->bytes = (const unsigned char *)text;
        jd->len = strlen(text);
        jd->encoding = "utf-8"; /* the JSON text is UTF-8 */
    }
    if (bad) {
        fail(st, jd, bad);
        cJSON_Delete(j);
        return;
    }
    if (!jd->path)
        jd->path = jd->id;
    if (!jd->encoding)
        jd->encoding = st->opt->encoding;

    mb_doc_options o = *st->opt;
    o.encoding = jd->encoding;
    o.name_only = 1; /* the path is untrusted: a name, never a file */
    if (!o.lexicon)
        o.lexicon = cli_default_lexicon(st->cmd);
    mb_doc *doc = NULL;
    mb_error err = {0};
    if (mb_doc_load_mem(jd->path, jd->bytes, jd->len, &o, &doc, &err)) {
        fail(st, jd, err.message[0] ? err.message : mb_strerror(err.code));
    } else {
        for (size_t i = 0; mb_doc_warning(doc, i); i++)
            say(jd, "warning", mb_doc_warning(doc, i));
        idwriter w = {0};
        w.idjson = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(j, "id"));
        if (!w.idjson) {
            fail(st, jd, "out of memory");
        } else {
            int rc = st->fn(st->ctx, jd, doc, idwrite, &w, &err);
            if (!rc && w.npending && put_line(&w, w.pending, w.npending)) { /* a last line, no "\n" */
                err.code = MB_EIO;
                snprintf(err.message, sizeof err.message, "cannot write output");
                rc = 1;
            }
            if (rc && !cli_out_failed())
                fail(st, jd, err.message[0] ? err.message : "failed");
            else if (rc)
                st->failed = 1;
        }
        free(w.idjson);
        free(w.pending);
        mb_doc_free(doc);
    }
    free(raw);
    cJSON_Delete(j);
}

/* ---- the stream ---- */

int cli_mapper_input(const char *cmd, const char *value)
{
    if (!strcmp(value, "files"))
        return 0;
    if (!strcmp(value, "jsonl"))
        return 1;
    cli_error(cmd, "unknown --input '%s' (files or jsonl)", value);
    return -1;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

int cli_mapper_run(const char *cmd, int argc, char **argv, int first, const mb_doc_options *opt,
                   const char *date, cli_mapper_fn fn, void *ctx)
{
    stream st = {cmd, opt, date, fn, ctx, 0};
    reader *r = calloc(1, sizeof *r);
    if (!r) {
        cli_error(cmd, "out of memory");
        return 1;
    }
    int nin = first < argc ? argc - first : 1;
    for (int i = 0; i < nin && !cli_out_failed(); i++) {
        const char *name = first < argc ? argv[first + i] : "-";
        int fd = 0;
        if (strcmp(name, "-")) {
            struct stat sb;
            fd = open(name, O_RDONLY | O_CLOEXEC);
            if (fd < 0 || fstat(fd, &sb)) {
                cli_error(cmd, "%s: %s", name, strerror(errno));
                if (fd >= 0)
                    close(fd);
                st.failed = 1;
                continue;
            }
            if (S_ISDIR(sb.st_mode)) {
                cli_error(cmd, "%s: a folder: --input jsonl reads JSON Lines files", name);
                close(fd);
                st.failed = 1;
                continue;
            }
        }
        r->fd = fd;
        r->pos = r->end = 0;
        r->eof = 0;
        size_t line = 0;
        while (!cli_out_failed()) {
            int k = next_line(r);
            if (k == LINE_EOF)
                break;
            if (k == LINE_ERR) {
                cli_error(cmd, "%s: line %zu: %s", name, line + 1, strerror(errno));
                st.failed = 1;
                break;
            }
            cli_jdoc jd = {0};
            jd.input = name;
            jd.line = ++line;
            if (k == LINE_LONG || k == LINE_NOMEM) {
                char *id = sniff_id(r->line ? r->line : "", r->len);
                jd.id = id;
                fail(&st, &jd,
                     k == LINE_LONG ? "line longer than 1073741824 bytes (the document limit): not read"
                                    : "out of memory reading the line: not read");
                free(id);
                continue;
            }
            if (is_blank(r->line, r->len)) /* an empty line: nothing to read */
                continue;
            one_document(&st, &jd, r->line, r->len);
        }
        if (fd)
            close(fd);
    }
    free(r->line);
    free(r);
    return st.failed || cli_out_failed() ? 1 : 0;
}
