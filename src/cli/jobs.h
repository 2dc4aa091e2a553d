/* jobs.h — `--jobs N` of the reading commands (extract, segment, numbers,
 * paragraphs) (owns: the worker threads, each file's buffered output, and
 * writing those buffers in input order).
 *
 * A command puts the work of one input in a function fn(ctx, i) and calls
 * cli_jobs_run. With one job the inputs are processed in order on the
 * calling thread and written at once, as before. With more, worker threads
 * take the inputs in order; everything fn writes through cli_out & co.
 * (standard output) and cli_errf, cli_error, cli_load (standard error) goes
 * to the buffers of input i, and the calling thread writes them in input
 * order, standard error before standard output: the output is
 * byte-identical to one job's. fn must only read what the threads share
 * (the model, the options). Once every input before its own is written,
 * a worker writes what it buffered and then as it goes, directly (the
 * calling thread is waiting for that input): a large file's output is not
 * held in memory. */
#ifndef MB_CLI_JOBS_H
#define MB_CLI_JOBS_H

#include <stddef.h>

/* getopt_long value and help line of --jobs */
#define CLI_OPT_JOBS 0x102
#define CLI_JOBS_HELP                                                                                        \
    "      --jobs N           process N files at a time (default: the online cores);\n"                      \
    "                         the output is the same, in input order\n"

/* The most jobs accepted. */
#define CLI_JOBS_MAX 256

/* The default number of jobs: the online cores (at least 1, at most
 * CLI_JOBS_MAX). */
int cli_jobs_default(void);
/* Parse the argument of --jobs (1..CLI_JOBS_MAX) into *jobs; prints the
 * error and returns 2 (usage) when it is not one, else 0. */
int cli_jobs_parse(const char *cmd, const char *arg, int *jobs);

/* Keep glibc's iconv conversion modules loaded while threads decode
 * (jobs.c says why): 1 before the threads start, 0 once they are joined
 * (from one thread; the calls nest). */
void cli_jobs_pin_iconv(int on);

typedef int (*cli_job_fn)(void *ctx, size_t i);
/* Run fn(ctx, i) for i = 0..n-1 with up to `jobs` threads (0: the
 * default), its output written in order of i; returns the OR of the
 * results (nonzero: an input failed). Stops taking inputs once a write to
 * standard output has failed (cli_out_failed). */
int cli_jobs_run(int jobs, size_t n, cli_job_fn fn, void *ctx);

/* For main.c's writers: whether the calling thread runs a job with more
 * than one, and appending to its buffers (fd 1: standard output, 2:
 * standard error; returns -1 when out of memory, else 0). */
int cli_jobs_capturing(void);
int cli_jobs_append(int fd, const char *s, size_t n);

#endif
