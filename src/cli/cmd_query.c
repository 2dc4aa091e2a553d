/* cmd_query.c — `mubiao query`: records from the store. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_query = {
    "query",
    "select records from the store: JSON Lines, CSV or a table",
    "usage: mubiao query [--db PATH] [--kind KIND] [--year YEAR] [--indicator TEXT] [--exact]\n"
    "                    [--doc PATH] [--from DATE] [--to DATE] [--unit UNIT] [--issuer NAME]\n"
    "                    [--region NAME] [--sort KEY] [--limit N]\n"
    "                    [--format jsonl|json|csv|table] [--bom|--no-bom]\n"
    "\n"
    "Print the stored records that match every filter given, in document date\n"
    "order (documents without a date last), then path, then document order.\n"
    "\n"
    "Options:\n"
    "      --db PATH          the store (default: $MUBIAO_DB, else mubiao.db)\n"
    "  -k, --kind KIND        target or achievement\n"
    "  -y, --year YEAR        the year the record refers to\n"
    "  -i, --indicator TEXT   records whose indicator contains TEXT\n"
    "      --exact            ... whose indicator is exactly TEXT\n"
    "      --doc PATH         records of one document: its path as ingested, or the\n"
    "                         same file named relative to here or absolute\n"
    "      --from DATE        documents dated DATE (YYYY-MM-DD, or a year YYYY) or\n"
    "                         later; a document dated by its year alone counts as\n"
    "                         the whole year\n"
    "      --to DATE          documents dated DATE or earlier (with --from or --to,\n"
    "                         undated documents are left out)\n"
    "      --issuer NAME      documents of this issuer exactly (国务院, 江苏省人民政府)\n"
    "      --region NAME      records about this region: their own, else their\n"
    "                         document's (苏州 or 苏州市)\n"
    "  -u, --unit UNIT        records of this unit exactly (元, %, 家, ...)\n"
    "  -s, --sort KEY         date (default: document date, path, order in the\n"
    "                         document), year, value, indicator or path first;\n"
    "                         -KEY (e.g. -value) in descending order\n"
    "  -n, --limit N          at most N records\n"
    "  -f, --format FMT       jsonl (default): one record a line, exactly as\n"
    "                         mubiao extract prints it; json: the same records as\n"
    "                         one JSON array;\n"
    "                         csv: UTF-8 with a BOM (Excel reads the Chinese right),\n"
    "                         a header line, RFC 4180 quoting, CRLF line ends;\n"
    "                         table: aligned columns (date, kind, indicator, value,\n"
    "                         change, year, doc), wide characters counted as 2\n"
    "      --bom, --no-bom    CSV: start with a UTF-8 BOM (the default: Excel needs it)\n"
    "                         or not (Python: open(f, encoding='utf-8-sig') reads either)\n",
    run,
};

int cli_write_stdout(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    return cli_out(s, n);
}

int cli_write_json(void *ctx, const char *s, size_t n)
{
    cli_json_array *a = ctx;
    for (size_t i = 0; i < n;) {
        if (a->pending_nl || !a->started) { /* a record begins */
            if (fputs(a->started ? ",\n" : "[", stdout) == EOF)
                return -1;
            a->started = 1;
            a->pending_nl = 0;
        }
        const char *nl = memchr(s + i, '\n', n - i);
        size_t k = nl ? (size_t)(nl - (s + i)) : n - i;
        if (fwrite(s + i, 1, k, stdout) != k)
            return -1;
        i += k;
        if (nl) { /* held back: a comma goes before it if another record follows */
            a->pending_nl = 1;
            i++;
        }
    }
    return 0;
}

int cli_json_end(cli_json_array *a)
{
    return fputs(a->started ? "]\n" : "[]\n", stdout) == EOF ? -1 : 0;
}

mb_store *cli_open_store(const char *cmd, const char *db)
{
    /* a PostgreSQL store (postgresql://, postgres://) is no file */
    int pg = !strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11);
    if (!pg && access(db, F_OK) != 0) {
        cli_error(cmd, "%s: no store here (run 'mubiao ingest' first, or give --db)", db);
        return NULL;
    }
    mb_store *s = NULL;
    mb_error err = {0};
    if (mb_store_open(db, &s, &err)) {
        cli_error(cmd, "%s", err.message);
        return NULL;
    }
    mb_store_set_lexicon(s, cli_default_lexicon(cmd)); /* magnitude words of the values shown */
    return s;
}

static int run(int argc, char **argv)
{
    const char *db = NULL, *format = "jsonl";
    mb_query q = {0};
    int bom = 1;
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'B'},     {"kind", required_argument, NULL, 'k'},
        {"year", required_argument, NULL, 'y'},   {"indicator", required_argument, NULL, 'i'},
        {"exact", no_argument, NULL, 'x'},        {"doc", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'}, {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},     {"unit", required_argument, NULL, 'u'},
        {"sort", required_argument, NULL, 's'},   {"limit", required_argument, NULL, 'n'},
        {"bom", no_argument, NULL, 'O'},          {"no-bom", no_argument, NULL, 'o'},
        {"issuer", required_argument, NULL, 'I'}, {"region", required_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "k:y:i:f:u:s:n:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'B': db = optarg; break;
        case 'k': q.kind = optarg; break;
        case 'y': {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || end == optarg || y < 1 || y > 9999) {
                cli_error("query", "invalid --year '%s'", optarg);
                return 2;
            }
            q.year = (int)y;
            break;
        }
        case 'i': q.indicator = optarg; break;
        case 'x': q.exact = 1; break;
        case 'd': q.doc = optarg; break;
        case 'f': format = optarg; break;
        case 'F':
        case 'T': {
            mb_date d;
            if (mb_date_parse(optarg, &d)) {
                cli_error("query", "invalid --%s '%s': want YYYY-MM-DD or YYYY", c == 'F' ? "from" : "to",
                          optarg);
                return 2;
            }
            *(c == 'F' ? &q.from : &q.to) = optarg;
            break;
        }
        case 'u': q.unit = optarg; break;
        case 'I': q.issuer = optarg; break;
        case 'R': q.region = optarg; break;
        case 's': q.sort = optarg; break;
        case 'n': {
            char *end;
            long long n = strtoll(optarg, &end, 10);
            if (*end || end == optarg || n < 1) {
                cli_error("query", "invalid --limit '%s': want a number of records, 1 or more", optarg);
                return 2;
            }
            q.limit = (size_t)n;
            break;
        }
        case 'O': bom = 1; break;
        case 'o': bom = 0; break;
        case 'h': cli_fputs(cmd_query.help); return 0;
        default: return cli_usage(&cmd_query);
        }
    }
    if (optind < argc)
        return cli_usage(&cmd_query);
    if (q.kind && strcmp(q.kind, "target") && strcmp(q.kind, "achievement")) {
        cli_error("query", "unknown --kind '%s' (target or achievement)", q.kind);
        return 2;
    }
    mb_out_format f;
    int json = !strcmp(format, "json"); /* JSON Lines made one array */
    if (json)
        f = MB_OUT_JSONL;
    else if (mb_out_format_parse(format, &f)) {
        cli_error("query", "unknown --format '%s' (jsonl, json, csv or table)", format);
        return 2;
    }
    mb_store *s = cli_open_store("query", cli_db_path(db));
    if (!s)
        return 1;
    mb_store_set_bom(s, bom);
    mb_error err = {0};
    int rc = 0;
    cli_json_array arr = {0};
    if (mb_store_query(s, &q, f, json ? cli_write_json : cli_write_stdout, json ? (void *)&arr : NULL, NULL,
                       &err)) {
        if (!cli_out_failed()) /* else main says why the output failed */
            cli_error("query", "%s", err.message);
        rc = err.code == MB_EARG ? 2 : 1; /* an unknown --sort */
    } else if (json && cli_json_end(&arr)) {
        rc = 1;
    }
    mb_store_close(s);
    return rc;
}
