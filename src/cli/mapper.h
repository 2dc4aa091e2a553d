/* mapper.h (cli) — mapper mode, `--input jsonl` of extract, numbers and
 * paragraphs (issue 16): documents read as JSON Lines from files or
 * standard input, one model for the whole stream, each document's output
 * lines carrying its id, and one JSON error line on stderr for each bad
 * document while the stream goes on. Owns the line reader, the parsed
 * document (cli_jdoc) and the writer that puts the id into each line. */
#ifndef MB_CLI_MAPPER_H
#define MB_CLI_MAPPER_H

#include "cli.h"

/* One document of the stream, parsed and checked. Every string is owned by
 * the reader and valid during the callback only. */
typedef struct cli_jdoc {
    const char *input;    /* the JSON Lines file, "-" for standard input */
    size_t line;          /* 1-based line of the document in input */
    const char *id;       /* "id": a non-empty string */
    const char *path;     /* "path" (a name only, never opened), else the id */
    const char *date;     /* "date" (a valid YYYY-MM-DD), else the command's --date, else NULL */
    const char *encoding; /* "encoding" of bytes_base64, else the command's --encoding;
                             "utf-8" for "text" */
    /* "issuer": the document's issuer (doc.issuer: extract passes it to
     * mb_extract_with), else the command's --issuer; NULL: none. */
    const char *issuer;
    const unsigned char *bytes; /* "text" as UTF-8, or "bytes_base64" decoded */
    size_t len;
} cli_jdoc;

/* What a command does with one loaded document: write its output lines
 * through w/wctx (each line gets the document's id: doc.id, or doc_id where
 * doc is a string) and return 0, or fill err and return nonzero. */
typedef int (*cli_mapper_fn)(void *ctx, const cli_jdoc *jd, const mb_doc *doc, mb_write_fn w, void *wctx,
                             mb_error *err);

/* Read the JSON Lines files argv[first..argc) ("-" or none: standard
 * input), load each document with opt (its own encoding, name_only set)
 * and hand it to fn. date is the command's --date (may be NULL). Returns
 * the exit status: 0, or 1 when a document or an input failed or standard
 * output could not be written. */
int cli_mapper_run(const char *cmd, int argc, char **argv, int first, const mb_doc_options *opt,
                   const char *date, cli_mapper_fn fn, void *ctx);

/* The value of --input: 0 for "files", 1 for "jsonl"; -1 (said) otherwise. */
int cli_mapper_input(const char *cmd, const char *value);

#define CLI_OPT_INPUT 0x101 /* getopt_long value of --input */
#define CLI_INPUT_HELP                                                                                       \
    "      --input FMT        files (default) or jsonl: mapper mode, documents as JSON\n"                    \
    "                         Lines {\"id\", \"path\", \"text\"|\"bytes_base64\", \"date\",\n"               \
    "                         \"encoding\", \"issuer\"} from the files named or standard\n"                  \
    "                         input; output lines carry the document's id (doc.id);\n"                       \
    "                         a bad document is one JSON line on stderr {\"id\", \"line\",\n"                \
    "                         \"error\"} and the stream goes on (exit 1 at the end)\n"

#endif
