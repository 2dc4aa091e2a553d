/* cmd_track.c — `mubiao track`: targets against outcomes, from the store. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_track = {
    "track",
    "targets against the outcomes reported for their year: met, missed, pending...",
    "usage: mubiao track [--db PATH] [--exact] [--issuer NAME] [--region NAME] [--year YEAR]\n"
    "                    [--format table|jsonl|json|csv|html] [-o FILE] [--bom|--no-bom]\n"
    "                    INDICATOR...|--all\n"
    "\n"
    "For every stored target with a year and a value whose indicator contains\n"
    "INDICATOR (or names its lexicon id: GDP finds 国内生产总值), grouped by\n"
    "indicator, region, unit, change, period and year, find the achievement\n"
    "reported for the same in a document of a later year (usually the next\n"
    "year's report or communiqué) and give a verdict (README \"Tracking\n"
    "promises\"):\n"
    "  met, missed       the outcome against the target in force (the last one\n"
    "                    stated in a document of the year or before); ~ (approx)\n"
    "                    allows 0.1 for % and 个百分点, else 2%; exceeding counts\n"
    "                    as met, or undershooting where less is better (失业率)\n"
    "  pending           no document of the issuer is dated after the year yet\n"
    "  no-data           later documents exist; none reports it for the year\n"
    "  not-comparable    an outcome in another unit or as another change\n"
    "  absent            among the issuer's targets for the year before, and not\n"
    "                    stated in its document of this year\n"
    "and, across documents, the target's revision: first, restated, raised or\n"
    "lowered (against the same year's target in an earlier document).\n"
    "\n"
    "Options:\n"
    "      --db PATH        the store (default: $MUBIAO_DB, else mubiao.db)\n"
    "      --all            every indicator\n"
    "      --exact          match each INDICATOR exactly (or its lexicon id)\n"
    "      --issuer NAME    targets of documents of this issuer (国务院, 苏州市人民政府)\n"
    "      --region NAME    targets about this region (苏州 or 苏州市)\n"
    "  -y, --year YEAR      targets for this year\n"
    "  -f, --format FMT     table (default): indicator, region, year, target,\n"
    "                       outcome, verdict (difference), revision, documents;\n"
    "                       jsonl: one verdict a line, schema mubiao/track/v1\n"
    "                       (README) with the records it rests on: ids, quotes,\n"
    "                       documents, dates; json: the same as one JSON array;\n"
    "                       csv: the same flat, UTF-8 with a BOM;\n"
    "                       html: a page with a chart (inline SVG) per indicator\n"
    "                       and the table, no network needed\n"
    "  -o, --output FILE    write there instead of standard output\n"
    "      --bom, --no-bom  CSV with a UTF-8 BOM (the default) or without\n",
    run,
};

/* -o FILE: every write checked, and the close */
typedef struct file_out {
    FILE *f;
    int err; /* errno of the first failure */
} file_out;

static int file_write(void *ctx, const char *s, size_t n)
{
    file_out *o = ctx;
    errno = 0;
    if (!o->err && fwrite(s, 1, n, o->f) != n)
        o->err = errno ? errno : EIO;
    return o->err ? -1 : 0;
}

static int run(int argc, char **argv)
{
    const char *db = NULL, *format = "table", *output = NULL;
    mb_track_query q = {0};
    int all = 0, bom = 1;
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'B'},     {"all", no_argument, NULL, 'a'},
        {"exact", no_argument, NULL, 'x'},        {"issuer", required_argument, NULL, 'I'},
        {"region", required_argument, NULL, 'R'}, {"year", required_argument, NULL, 'y'},
        {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
        {"bom", no_argument, NULL, 'O'},          {"no-bom", no_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "y:f:o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'B': db = optarg; break;
        case 'a': all = 1; break;
        case 'x': q.exact = 1; break;
        case 'I': q.issuer = optarg; break;
        case 'R': q.region = optarg; break;
        case 'y': {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || end == optarg || y < 1 || y > 9999) {
                cli_error("track", "invalid --year '%s'", optarg);
                return 2;
            }
            q.year = (int)y;
            break;
        }
        case 'f': format = optarg; break;
        case 'o': output = optarg; break;
        case 'O': bom = 1; break;
        case 'N': bom = 0; break;
        case 'h': cli_fputs(cmd_track.help); return 0;
        default: return cli_usage(&cmd_track);
        }
    }
    if (all == (optind < argc)) { /* indicators or --all, one of the two */
        cli_error("track", all ? "give INDICATOR... or --all, not both" : "give INDICATOR... or --all");
        return 2;
    }
    for (int i = optind; i < argc; i++)
        if (!argv[i][0]) {
            cli_error("track", "an empty INDICATOR");
            return 2;
        }
    q.indicators = (const char *const *)argv + optind;
    q.nindicators = (size_t)(argc - optind);
    mb_track_format f;
    int json = !strcmp(format, "json"); /* JSON Lines made one array */
    if (json && output) {
        cli_error("track", "--format json writes to standard output (use jsonl with -o)");
        return 2;
    }
    if (json)
        f = MB_TRACK_JSONL;
    else if (mb_track_format_parse(format, &f)) {
        cli_error("track", "unknown --format '%s' (table, jsonl, json, csv or html)", format);
        return 2;
    }
    mb_store *s = cli_open_store("track", cli_db_path(db));
    if (!s)
        return 1;
    mb_store_set_bom(s, bom);
    file_out fo = {NULL, 0};
    if (output && !(fo.f = fopen(output, "wb"))) {
        cli_error("track", "%s: cannot write: %s", output, strerror(errno));
        mb_store_close(s);
        return 1;
    }
    mb_error err = {0};
    int rc = 0;
    cli_json_array arr = {0};
    mb_write_fn wf = output ? file_write : json ? cli_write_json : cli_write_stdout;
    void *wctx = output ? (void *)&fo : json ? (void *)&arr : NULL;
    if (mb_store_track(s, &q, f, wf, wctx, NULL, &err)) {
        if (!cli_out_failed() && !fo.err)
            cli_error("track", "%s", err.message);
        rc = 1;
    } else if (json && cli_json_end(&arr)) {
        rc = 1;
    }
    if (output && fclose(fo.f) != 0 && !fo.err)
        fo.err = errno ? errno : EIO;
    if (output && fo.err) {
        cli_error("track", "%s: cannot write output: %s", output, strerror(fo.err));
        rc = 1;
    }
    mb_store_close(s);
    return rc;
}
