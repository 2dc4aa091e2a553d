/* cmd_report.c — `mubiao report`: one self-contained HTML page to audit
 * the records of documents in a browser. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_report = {
    "report",
    "write one self-contained HTML page to audit records in a browser",
    "usage: mubiao report [--date YYYY-MM-DD] [--kind KIND] [--title T] [-o FILE] [--explain]\n"
    "                     [--dict F] [--user-dict F]... [--user-lexicon F]... [--encoding NAME] [--lenient]\n"
    "                     [--name NAME] [FILE|FOLDER|-]...\n"
    "\n"
    "Extract the records of each document (as 'mubiao extract' does) and write\n"
    "one HTML page (to standard output, or FILE) with inline CSS and JavaScript\n"
    "that loads nothing from the network:\n"
    "  - a table of all records (number, kind, indicator, value, unit,\n"
    "    comparator, change, year, document, paragraph, span, verdict): click\n"
    "    a header to sort; filter by any text, kind, document, year, indicator\n"
    "    or verdict; the rows shown export as CSV (with a BOM) or JSON;\n"
    "  - the verdict of a target is its indicator's for its year as 'mubiao\n"
    "    track' gives it against the outcomes the documents given report (met,\n"
    "    missed, pending, no-data, not-comparable); an achievement a target was\n"
    "    judged against has that target's verdict; other records none;\n"
    "  - every document's paragraphs with each record's span highlighted and\n"
    "    numbered (green: target, blue: achievement, purple: both);\n"
    "  - clicking a row scrolls to its span and flashes it; clicking a\n"
    "    highlight selects its row. report.html#r12 opens at record 12.\n"
    "  - the filters and the selected record are kept in the address:\n"
    "    report.html#kind=target&year=2025&ind=GDP&r=12 opens that view\n"
    "    (keys q, kind, year, doc, ind, verdict, r; year=none and\n"
    "    verdict=none: records without one).\n"
    "Record numbers run across the page, in the order of the files and of\n"
    "'mubiao extract'. All document text is HTML-escaped, and the page's\n"
    "Content-Security-Policy runs only its own script.\n"
    "\n"
    "Options:\n"
    "  -d, --date YYYY-MM-DD  the date of every document (as for extract)\n"
    "  -k, --kind KIND        only records of this kind: target or achievement (the\n"
    "                         verdicts still read the records of both kinds)\n"
    "  -t, --title T          the page title (default: mubiao report)\n"
    "  -o, --output FILE      write the page to FILE instead of standard output\n"
    "  -x, --explain          a last column \"why\": the rule and the text that set\n"
    "                         each record's kind, year and change (as show --explain)\n"
    "      --dict F, --user-dict F, --user-lexicon F,\n"
    "      -e/--encoding NAME, --lenient: as for extract\n" CLI_NAME_HELP "\n"
    "Exit status: 0 success, 1 a file failed (the page still holds the others),\n"
    "2 usage error.\n",
    run,
};

static int run(int argc, char **argv)
{
    mb_doc_options opt = {0};
    const char *date = NULL, *kind = NULL, *dict = NULL, *title = NULL, *output = NULL;
    int explain = 0;
    const char *users[64];
    size_t nusers = 0;
    const char *lexs[64];
    size_t nlexs = 0;
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"kind", required_argument, NULL, 'k'},
        {"title", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'},
        {"explain", no_argument, NULL, 'x'},
        {"dict", required_argument, NULL, 'D'},
        {"user-dict", required_argument, NULL, 'U'},
        {"user-lexicon", required_argument, NULL, 'L'},
        {"encoding", required_argument, NULL, 'e'},
        {"lenient", no_argument, NULL, 'l'},
        {"name", required_argument, NULL, CLI_OPT_NAME},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:k:t:o:xe:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': date = optarg; break;
        case 'k': kind = optarg; break;
        case 't': title = optarg; break;
        case 'o': output = optarg; break;
        case 'x': explain = 1; break;
        case 'D': dict = optarg; break;
        case 'L':
            if (nlexs == sizeof lexs / sizeof lexs[0]) {
                cli_error("report", "too many --user-lexicon options");
                return 2;
            }
            lexs[nlexs++] = optarg;
            break;
        case 'U':
            if (nusers == sizeof users / sizeof users[0]) {
                cli_error("report", "too many --user-dict options");
                return 2;
            }
            users[nusers++] = optarg;
            break;
        case 'e': opt.encoding = optarg; break;
        case 'l': opt.lenient = 1; break;
        case CLI_OPT_NAME: cli_stdin_name = optarg; break;
        case 'h': cli_fputs(cmd_report.help); return 0;
        default: return cli_usage(&cmd_report);
        }
    }
    if (optind >= argc && isatty(STDIN_FILENO)) /* else standard input */
        return cli_usage(&cmd_report);
    if (kind && strcmp(kind, "target") && strcmp(kind, "achievement")) {
        cli_error("report", "unknown --kind '%s' (target or achievement)", kind);
        return 2;
    }
    mb_date dd;
    if (date && mb_date_parse(date, &dd)) {
        cli_error("report", "invalid --date '%s': want YYYY-MM-DD or YYYY", date);
        return 2;
    }
    mb_model *model = cli_model("report", dict, users, nusers, lexs, nlexs, 1);
    if (!model)
        return 1;
    opt.lexicon = mb_model_lexicon(model); /* Big5 detection, page dates */
    mb_report *rep = NULL;
    mb_error err = {0};
    if (mb_report_new(title, &rep, &err)) {
        cli_error("report", "%s", err.message);
        mb_model_free(model);
        return 1;
    }
    mb_report_set_lexicon(rep, mb_model_lexicon(model)); /* 万, 亿, /年 in the table */
    mb_report_set_explain(rep, explain);
    if (kind) /* the verdicts still pair every record */
        mb_report_set_kind(rep, strcmp(kind, "target") ? MB_KIND_ACHIEVEMENT : MB_KIND_TARGET);
    int rc = 0;
    size_t nin = 0;
    char **in = cli_inputs("report", argc, argv, optind, &nin, &rc);
    for (size_t i = 0; i < nin; i++) {
        mb_doc *doc = cli_load("report", in[i], &opt);
        if (!doc) {
            rc = 1;
            continue;
        }
        mb_records recs;
        if (mb_extract(model, doc, date, &recs, &err)) {
            cli_error("report", "%s", err.message);
            rc = 1;
        } else {
            if (mb_report_add(rep, doc, &recs, &err)) {
                cli_error("report", "%s", err.message);
                rc = 1;
            }
            mb_records_free(&recs);
        }
        mb_doc_free(doc);
    }
    cli_inputs_free(in, nin);
    char *html = NULL;
    size_t len = 0;
    mb_status fst = mb_report_finish(rep, &html, &len, &err);
    mb_model_free(model); /* after: the report reads its lexicon to the end */
    if (fst) {
        cli_error("report", "%s", err.message);
        mb_report_free(rep);
        return 1;
    }
    mb_report_free(rep);
    if (!output) { /* main flushes, closes and reports a failure */
        cli_out(html, len);
        free(html);
        return rc;
    }
    FILE *f = fopen(output, "wb");
    if (!f) {
        cli_error("report", "%s: cannot write: %s", output, strerror(errno));
        free(html);
        return 1;
    }
    errno = 0;
    int bad = fwrite(html, 1, len, f) != len;
    int e = errno;
    free(html);
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        cli_error("report", "%s: cannot write output: %s", output, strerror(e ? e : EIO));
        rc = 1;
    }
    return rc;
}
