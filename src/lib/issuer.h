/* issuer.h — whose document and which region (owns: the document's issuer
 * and region, from a given name, the sidecar, the title or the speaker
 * line; a record's own region, named at the head of its clause).
 *
 * The words are lexicon classes (dict/lexicon/regions.tsv, issuer.tsv):
 * region (every province, prefecture-level city and county-level division
 * by its full name, the short names of provinces and cities, the nation),
 * issuer_name (国务院: a body named alone, with its region), issuer_suffix
 * (after a region's full name: 人民政府, 政府, 统计局) and office_word
 * (after a region's full name on a speaker line: 省长, 市长).
 *
 * In the first paragraphs of a document (and an HTML page's title; of a
 * long paragraph only its first words), the
 * first of: an issuer_name; a region's full name followed by an
 * issuer_suffix, or by an office_word (also after 人民政府) gives the
 * issuer (region + the suffix's issuer=) and its region. A record's own
 * region is a region name (full or short) at the head of its clause —
 * after a leading year (2025年) — that is not the document's region. */
#ifndef MB_ISSUER_H
#define MB_ISSUER_H

#include "lexicon.h"
#include "mubiao.h"

/* Set out->issuer, out->issuer_source and out->region for doc. given (may
 * be NULL): the caller's issuer or the sidecar's (mb_sidecar_read); else
 * the text's. */
mb_status mb_issuer_find(const mb_doc *doc, const char *given, const mb_lexicon *lex, mb_records *out,
                         mb_error *err);

/* Set each record's own region (mb_record.region) where its clause names
 * one other than the document's. */
void mb_issuer_record_regions(const mb_doc *doc, const mb_lexicon *lex, mb_records *out);

/* The region a name stands for (a full or short name of the lexicon):
 * 1 and *out set, or 0. */
int mb_region_lookup(const mb_lexicon *lex, const char *name, size_t n, mb_region *out);

#endif
