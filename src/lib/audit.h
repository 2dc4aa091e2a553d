/* audit.h — verdicts on commitment records against their source files
 * (owns: mb_auditor, mb_audit_*, mb_verdict_name; the document cache of an
 * audit run; quote search in a changed file and the corrected record).
 *
 * A record (one JSON object, spec v1) is checked against the file named by
 * doc.path:
 *  - ok: the file's sha256 is doc.sha256 and its bytes [span.start,
 *    span.end) decode and normalize to span.text (white space aside: the
 *    spec's "line breaks of the layout aside");
 *  - moved: the file changed (or the span's bytes no longer give its text)
 *    but quote.prefix + quote.exact + quote.suffix occurs exactly once in
 *    one paragraph of the file as read now: the new span is where the
 *    exact part is;
 *  - changed: not so, but quote.prefix followed by quote.suffix (nearest
 *    one, at most max(4 × exact, exact + 64) bytes further) occurs exactly
 *    once, and the text between differs from quote.exact: the new span is
 *    that text. Prefix and suffix must hold 6 characters or more together;
 *  - missing: neither found, or found more than once (ambiguous);
 *  - unreadable: the file cannot be opened or decoded.
 * Matching ignores white space (normalization keeps or inserts spaces
 * where the layout had them). When the file's sha256 matches, it is read
 * with the record's doc.encoding; otherwise its encoding is detected (a
 * file re-encoded to GB18030 is found and its offsets are GB18030 bytes),
 * and the record's encoding is tried second when detection finds nothing.
 * A file that only decodes leniently is accepted when its sha256 matches
 * (it was extracted with --lenient).
 *
 * Documents are cached across records (4 at a time, least recently used
 * first out), so records grouped by document load each file once. A file
 * whose inode, size or modification time changed is loaded again (a
 * rewrite within the file system's timestamp granularity that keeps the
 * size can go unnoticed: audit a file again with a new auditor). */
#ifndef MB_AUDIT_H
#define MB_AUDIT_H

#include "mubiao.h"

/* Characters of context kept on each side of a span in quote.prefix and
 * quote.suffix (the same rule as emit.c). */
#define MB_QUOTE_CONTEXT 32

#endif
