/* cmd_show.c — `mubiao show`: a document and its records in a terminal. */
#include "cli.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_show = {
    "show",
    "show a document with its records marked, for a terminal",
    "usage: mubiao show [--kind KIND] [--date YYYY-MM-DD] [--color[=WHEN]] [--only-records] [--explain]\n"
    "                   [--width N] [--pager] [--dict F] [--user-dict F]... [--user-lexicon F]... "
    "[--encoding NAME]\n"
    "                   [--lenient]\n"
    "                   [--name NAME] [FILE|FOLDER|-]...\n"
    "\n"
    "Extract the records of each document (as 'mubiao extract' does) and print\n"
    "its paragraphs wrapped to 80 columns with every record's span marked, and\n"
    "under each paragraph a table of its records:\n"
    "\n"
    "  [5] line 25\n"
    "  ...到 2025 年离岸创新中心总数⟦1:超过 25 个⟧，本土创新...\n"
    "    #  kind    indicator     value  change  year\n"
    "    1  target  离岸创新中心  >25个          2025\n"
    "\n"
    "[5] is the paragraph index (paragraph.index in the JSON), N in ⟦N:…⟧ the\n"
    "record's number: the Nth line of 'mubiao extract' with the same options.\n"
    "Values: >, >=, <, <=, ~ (approximately) before the number, none for an exact\n"
    "one; 万/亿/万亿 when exact (1.5万 = 15000); a range as 6-6.5; /年 per year.\n"
    "With colours, a span is shown in reverse video (green: target, cyan:\n"
    "achievement) after its number [N] in yellow, without the ⟦ ⟧ markers.\n"
    "\n"
    "Options:\n"
    "  -k, --kind KIND        only records of this kind: target or achievement\n"
    "  -d, --date YYYY-MM-DD  the document date (as for extract)\n"
    "      --color[=WHEN]     auto (default: when standard output is a terminal and\n"
    "                         NO_COLOR is not set), always (the default of a bare\n"
    "                         --color) or never\n"
    "  -r, --only-records     leave out paragraphs without records\n"
    "  -x, --explain          under each table, why each record has its kind, year\n"
    "                         and change: the rule and the text it read, with the\n"
    "                         index of that text's paragraph in [ ]\n"
    "  -w, --width N          wrap to N columns (at least 40); default: $COLUMNS,\n"
    "                         else the terminal's width, else 80\n"
    "      --pager            on a terminal, page the output through $PAGER (default\n"
    "                         less -R: colours kept)\n"
    "      --dict F, --user-dict F, --user-lexicon F,\n"
    "      -e/--encoding NAME, --lenient: as for extract\n" CLI_NAME_HELP "\n"
    "Exit status: 0 success, 1 a file failed (the others are still shown),\n"
    "2 usage error.\n",
    run,
};

/* The columns to wrap to without --width: $COLUMNS, else the terminal's
 * width, else 80; within 40..10000. */
static unsigned terminal_width(void)
{
    long w = 0;
    const char *env = getenv("COLUMNS");
    if (env && *env) {
        char *end;
        w = strtol(env, &end, 10);
        if (*end)
            w = 0;
    }
    struct winsize ws;
    if (w <= 0 && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
        w = ws.ws_col;
    if (w <= 0)
        w = 80;
    return (unsigned)(w < 40 ? 40 : w > 10000 ? 10000 : w);
}

/* --pager: standard output becomes a pipe to $PAGER (default less -R). */
static FILE *start_pager(void)
{
    const char *cmd = getenv("PAGER");
    if (!cmd || !*cmd)
        cmd = "less -R";
    fflush(stdout);
    FILE *p = popen(cmd, "w");
    if (!p)
        return NULL;
    if (dup2(fileno(p), STDOUT_FILENO) < 0) {
        pclose(p);
        return NULL;
    }
    return p;
}

static int run(int argc, char **argv)
{
    mb_doc_options opt = {0};
    const char *date = NULL, *kind = NULL, *dict = NULL, *color = "auto";
    int pager = 0;
    const char *users[64];
    size_t nusers = 0;
    const char *lexs[64];
    size_t nlexs = 0;
    mb_show_options so = {0, 0, 0, 0, NULL}; /* width 0: terminal_width() */
    static const struct option longopts[] = {
        {"kind", required_argument, NULL, 'k'},
        {"date", required_argument, NULL, 'd'},
        {"color", optional_argument, NULL, 'C'},
        {"colour", optional_argument, NULL, 'C'},
        {"only-records", no_argument, NULL, 'r'},
        {"explain", no_argument, NULL, 'x'},
        {"width", required_argument, NULL, 'w'},
        {"pager", no_argument, NULL, 'P'},
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
    while ((c = getopt_long(argc, argv, "k:d:rxw:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'k': kind = optarg; break;
        case 'd': date = optarg; break;
        case 'C': color = optarg ? optarg : "always"; break;
        case 'r': so.only_records = 1; break;
        case 'P': pager = 1; break;
        case 'x': so.explain = 1; break;
        case 'w': {
            char *end;
            long w = strtol(optarg, &end, 10);
            if (*end || w < 40 || w > 10000) {
                cli_error("show", "invalid --width '%s': want a number of columns from 40 to 10000", optarg);
                return 2;
            }
            so.width = (unsigned)w;
            break;
        }
        case 'D': dict = optarg; break;
        case 'L':
            if (nlexs == sizeof lexs / sizeof lexs[0]) {
                cli_error("show", "too many --user-lexicon options");
                return 2;
            }
            lexs[nlexs++] = optarg;
            break;
        case 'U':
            if (nusers == sizeof users / sizeof users[0]) {
                cli_error("show", "too many --user-dict options");
                return 2;
            }
            users[nusers++] = optarg;
            break;
        case 'e': opt.encoding = optarg; break;
        case 'l': opt.lenient = 1; break;
        case CLI_OPT_NAME: cli_stdin_name = optarg; break;
        case 'h': cli_fputs(cmd_show.help); return 0;
        default: return cli_usage(&cmd_show);
        }
    }
    if (optind >= argc && isatty(STDIN_FILENO)) /* else standard input */
        return cli_usage(&cmd_show);
    if (kind && strcmp(kind, "target") && strcmp(kind, "achievement")) {
        cli_error("show", "unknown --kind '%s' (target or achievement)", kind);
        return 2;
    }
    if (!strcmp(color, "always")) {
        so.color = 1;
    } else if (!strcmp(color, "auto")) {
        const char *term = getenv("TERM"), *no = getenv("NO_COLOR");
        so.color = isatty(STDOUT_FILENO) && !(no && *no) && !(term && !strcmp(term, "dumb"));
    } else if (strcmp(color, "never")) {
        cli_error("show", "invalid --color '%s' (auto, always or never)", color);
        return 2;
    }
    mb_date dd;
    if (date && mb_date_parse(date, &dd)) {
        cli_error("show", "invalid --date '%s': want YYYY-MM-DD or YYYY", date);
        return 2;
    }
    if (!so.width)
        so.width = terminal_width();
    mb_model *model = cli_model("show", dict, users, nusers, lexs, nlexs, 1);
    if (!model)
        return 1;
    FILE *pg = pager && isatty(STDOUT_FILENO) ? start_pager() : NULL;
    so.lexicon = mb_model_lexicon(model);  /* 万, 亿, /年 in the tables */
    opt.lexicon = mb_model_lexicon(model); /* Big5 detection, page dates */
    int rc = 0;
    size_t nin = 0;
    char **in = cli_inputs("show", argc, argv, optind, &nin, &rc);
    for (size_t i = 0; i < nin && !cli_out_failed(); i++) {
        mb_doc *doc = cli_load("show", in[i], &opt);
        if (!doc) {
            rc = 1;
            continue;
        }
        mb_records recs;
        mb_error err = {0};
        char *text = NULL;
        if (mb_extract(model, doc, date, &recs, &err)) {
            cli_error("show", "%s", err.message);
            rc = 1;
        } else {
            if (kind)
                mb_records_filter_kind(&recs, strcmp(kind, "target") ? MB_KIND_ACHIEVEMENT : MB_KIND_TARGET);
            if (mb_show_render(doc, &recs, &so, &text, &err)) {
                cli_error("show", "%s", err.message);
                rc = 1;
            } else {
                if (i > 0)
                    cli_out("\n", 1);
                cli_fputs(text);
                free(text);
            }
            mb_records_free(&recs);
        }
        mb_doc_free(doc);
    }
    cli_inputs_free(in, nin);
    mb_model_free(model);
    if (pg) {           /* the pager reads to the end of our output, then the reader quits it */
        fflush(stdout); /* a pager quit early is no failed write of ours */
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) { /* stdout stays open for main's final flush and close */
            dup2(null, STDOUT_FILENO);
            close(null);
        }
        pclose(pg);
    }
    return rc;
}
