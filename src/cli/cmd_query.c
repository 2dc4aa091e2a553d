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
    "                    [--doc PATH] [--format jsonl|csv|table]\n"
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
    "      --doc PATH         records of one document (its path as ingested)\n"
    "  -f, --format FMT       jsonl (default): one record a line, exactly as\n"
    "                         mubiao extract prints it;\n"
    "                         csv: UTF-8 with a BOM (Excel reads the Chinese right),\n"
    "                         a header line, RFC 4180 quoting, CRLF line ends;\n"
    "                         table: aligned columns (date, kind, indicator, value,\n"
    "                         change, year, doc), wide characters counted as 2\n",
    run,
};

int cli_write_stdout(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    return cli_out(s, n);
}

mb_store *cli_open_store(const char *cmd, const char *db)
{
    if (access(db, F_OK) != 0) {
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
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'B'},
        {"kind", required_argument, NULL, 'k'},
        {"year", required_argument, NULL, 'y'},
        {"indicator", required_argument, NULL, 'i'},
        {"exact", no_argument, NULL, 'x'},
        {"doc", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "k:y:i:f:h", longopts, NULL)) != -1) {
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
    if (mb_out_format_parse(format, &f)) {
        cli_error("query", "unknown --format '%s' (jsonl, csv or table)", format);
        return 2;
    }
    mb_store *s = cli_open_store("query", cli_db_path(db));
    if (!s)
        return 1;
    mb_error err = {0};
    int rc = 0;
    if (mb_store_query(s, &q, f, cli_write_stdout, NULL, NULL, &err)) {
        if (!cli_out_failed()) /* else main says why the output failed */
            cli_error("query", "%s", err.message);
        rc = 1;
    }
    mb_store_close(s);
    return rc;
}
