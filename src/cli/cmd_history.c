/* cmd_history.c — `mubiao history`: an indicator across documents. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_history = {
    "history",
    "an indicator's records across documents, with targets restated, raised or lowered",
    "usage: mubiao history [--db PATH] [--exact] [--format table|jsonl|json|csv] [--bom|--no-bom]\n"
    "                      INDICATOR\n"
    "\n"
    "Print every stored record whose indicator contains INDICATOR (is exactly\n"
    "INDICATOR with --exact), grouped by indicator, each group in document date\n"
    "order (documents without a date last). Each target with a year and a\n"
    "value is compared with the last target of the same indicator, unit,\n"
    "change (increase, decrease, level), period and year in an earlier\n"
    "document: 'first', 'restated' (same value; ranges by their middle),\n"
    "'raised' or 'lowered' (from the earlier value). Achievements are listed\n"
    "without a revision.\n"
    "\n"
    "Options:\n"
    "      --db PATH      the store (default: $MUBIAO_DB, else mubiao.db)\n"
    "      --exact        match the indicator exactly\n"
    "  -f, --format FMT   table (default): indicator, date, kind, value, change,\n"
    "                     year, revision, doc;\n"
    "                     jsonl: each record as extract prints it, plus\n"
    "                     \"revision\": {\"status\", \"previous\": {id, path, value}}\n"
    "                     (null when not compared); json: the same records as one\n"
    "                     JSON array;\n"
    "                     csv: the query columns plus revision, previous_id,\n"
    "                     previous_value (UTF-8 with a BOM)\n"
    "      --bom, --no-bom  CSV with a UTF-8 BOM (the default) or without\n",
    run,
};

static int run(int argc, char **argv)
{
    const char *db = NULL, *format = "table";
    int exact = 0, bom = 1;
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'B'},
        {"exact", no_argument, NULL, 'x'},
        {"format", required_argument, NULL, 'f'},
        {"bom", no_argument, NULL, 'O'},
        {"no-bom", no_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'B': db = optarg; break;
        case 'x': exact = 1; break;
        case 'f': format = optarg; break;
        case 'O': bom = 1; break;
        case 'o': bom = 0; break;
        case 'h': cli_fputs(cmd_history.help); return 0;
        default: return cli_usage(&cmd_history);
        }
    }
    if (optind + 1 != argc || !argv[optind][0])
        return cli_usage(&cmd_history);
    mb_out_format f;
    int json = !strcmp(format, "json"); /* JSON Lines made one array */
    if (json)
        f = MB_OUT_JSONL;
    else if (mb_out_format_parse(format, &f)) {
        cli_error("history", "unknown --format '%s' (table, jsonl, json or csv)", format);
        return 2;
    }
    mb_store *s = cli_open_store("history", cli_db_path(db));
    if (!s)
        return 1;
    mb_store_set_bom(s, bom);
    mb_error err = {0};
    int rc = 0;
    cli_json_array arr = {0};
    if (mb_store_history(s, argv[optind], exact, f, json ? cli_write_json : cli_write_stdout,
                         json ? (void *)&arr : NULL, NULL, &err)) {
        if (!cli_out_failed()) /* else main says why the output failed */
            cli_error("history", "%s", err.message);
        rc = 1;
    } else if (json && cli_json_end(&arr)) {
        rc = 1;
    }
    mb_store_close(s);
    return rc;
}
