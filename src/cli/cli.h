/* cli.h — the mubiao command-line tool: shared helpers for subcommands.
 * The tool only parses arguments, calls libmubiao and prints; exit codes:
 * 0 success, 1 some input failed, 2 usage error. */
#ifndef MB_CLI_H
#define MB_CLI_H

#include "mubiao.h"

#include <stdio.h>

typedef struct mb_cli_cmd {
    const char *name;
    const char *summary; /* one line for `mubiao --help` */
    const char *help;    /* full text for `mubiao help CMD` */
    int (*run)(int argc, char **argv);
} mb_cli_cmd;

/* Standard output, every write checked. Each returns 0, or -1 once a write
 * has failed: the first failure's errno is kept, every later call fails at
 * once (so a command stops at the first failure), and main, after the
 * command, flushes and closes standard output and prints
 * "mubiao CMD: cannot write output: REASON" and exits 1 (or the command's
 * own non-zero status). */
int cli_out(const char *s, size_t n);
int cli_puts(const char *s);  /* s and a newline */
int cli_fputs(const char *s); /* s alone */
int cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_out_failed(void); /* nonzero once a write to standard output failed */

/* Print "mubiao CMD: message" to stderr. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print to stderr (under --jobs, to the buffer of the input being read). */
void cli_errf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the usage line of cmd and return 2. */
int cli_usage(const mb_cli_cmd *cmd);
const mb_cli_cmd *cli_find(const char *name);

/* Load one input: "-" reads standard input. Prints the error and returns
 * NULL on failure. Warnings are printed to stderr. Without opt->lexicon,
 * the default dictionary's lexicon (cli_default_lexicon) is used. */
mb_doc *cli_load(const char *cmd, const char *path, const mb_doc_options *opt);
/* One input read in pieces (mubiao.h, mb_reader): fn(ctx, piece) for each
 * piece in file order, its warnings printed first; "-" and a file no
 * larger than a piece are one piece, the document cli_load gives. The piece
 * size is $MUBIAO_PIECE_SIZE bytes when set (README "Limits"), else
 * MB_PIECE_SIZE. Prints the error of a piece that cannot be read and
 * returns 1; stops at the first nonzero fn, and returns it. */
typedef int (*cli_piece_fn)(void *ctx, const mb_doc *piece);
int cli_pieces(const char *cmd, const char *path, const mb_doc_options *opt, cli_piece_fn fn, void *ctx);

/* The documents of a reading command: argv[first..argc), each "-" and each
 * file as given, each folder walked (mb_files_collect: recursively, in name
 * order, .txt .html .htm); with none, "-" when standard input is not a
 * terminal. NULL (nothing to read: print the usage) or a list of *n paths
 * (maybe 0) to release with cli_inputs_free. A folder that cannot be read
 * is reported and sets *failed. */
char **cli_inputs(const char *cmd, int argc, char **argv, int first, size_t *n, int *failed);
void cli_inputs_free(char **v, size_t n);
/* The name standard input ("-") is given in doc.path and messages:
 * --name NAME of the reading commands; "-" by default. */
extern const char *cli_stdin_name;
#define CLI_OPT_NAME 0x100 /* getopt_long value of --name */
#define CLI_NAME_HELP                                                                                        \
    "      --name NAME        the name of standard input in doc.path and messages\n"                         \
    "                         (default -); standard input is read when no FILE is\n"                         \
    "                         named and it is not a terminal. A FOLDER is walked\n"                          \
    "                         recursively: its .txt, .html and .htm files, in name order\n"

/* The lexicon of the default dictionary ($MUBIAO_DICT, beside the program,
 * installed), opened once; NULL (with a warning) when there is none. */
const mb_lexicon *cli_default_lexicon(const char *cmd);

/* The compiled dictionary to use: given (--dict), else $MUBIAO_DICT, else
 * mubiao.dict beside the executable (a build tree), else
 * ../share/mubiao/mubiao.dict from the executable (an installed tree), else
 * MB_DATADIR. buf holds the result when it is built there. */
const char *cli_dict_path(const char *given, char *buf, size_t size);
/* Open the model (dictionary, user dictionaries, recognizer); prints the
 * error and returns NULL on failure. jit 0: the recognizer's patterns are
 * not JIT-compiled (cli_jit). */
mb_model *cli_model(const char *cmd, const char *dict, const char *const *users, size_t nusers,
                    const char *const *lexicons, size_t nlex, int jit);
/* 1 when the inputs are worth JIT-compiling the recognizer's patterns for:
 * standard input, anything but a regular file, or files of
 * $MUBIAO_JIT_MIN bytes together (default 32 KiB; 0: always). Below that
 * the interpreter reads them sooner than the JIT compiler (2-3 ms) pays;
 * above it the JIT wins more with every kilobyte (a third faster at 512
 * KB). */
int cli_jit(char *const *in, size_t n);
/* The lexicon of the dictionary (found as for cli_model) with the user
 * lexicons merged over it; prints the error and returns NULL on failure. */
mb_lexicon *cli_lexicon(const char *cmd, const char *dict, const char *const *lexicons, size_t nlex);

/* Commands, one file each (cmd_NAME.c). */
extern const mb_cli_cmd cmd_paragraphs;
extern const mb_cli_cmd cmd_segment;
extern const mb_cli_cmd cmd_dict;
extern const mb_cli_cmd cmd_numbers;
extern const mb_cli_cmd cmd_extract;
extern const mb_cli_cmd cmd_audit;
extern const mb_cli_cmd cmd_show;
extern const mb_cli_cmd cmd_report;

/* Ingest, query, history (issue 7): the store path (given --db, else
 * $MUBIAO_DB, else mubiao.db); an existing store opened (prints the error
 * and returns NULL on failure); an mb_write_fn writing to stdout. */
extern const mb_cli_cmd cmd_ingest;
extern const mb_cli_cmd cmd_query;
extern const mb_cli_cmd cmd_history;
extern const mb_cli_cmd cmd_track;
const char *cli_db_path(const char *given);
/* ingest --watch (watch.c): ingest the folders roots[0..n), then every file
 * completed in them until SIGINT or SIGTERM; one line per document on
 * stdout. Returns the exit status. */
int cli_ingest_watch(const char *const *roots, size_t n, mb_store *store, const mb_model *model,
                     const mb_doc_options *opt, const char *db);
mb_store *cli_open_store(const char *cmd, const char *db);
int cli_write_stdout(void *ctx, const char *s, size_t n);
/* --format json of query and history: the JSON Lines written through
 * cli_write_json become one JSON array on stdout, a record a line. Start
 * from {0}; cli_json_end closes the array (returns 0 on success). */
typedef struct cli_json_array {
    int started, pending_nl;
} cli_json_array;
int cli_write_json(void *ctx, const char *s, size_t n);
int cli_json_end(cli_json_array *a);

#endif
