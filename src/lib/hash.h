/* hash.h — SHA-256 with nettle (owns: every digest the library computes:
 * document hashes, record ids, the report's script hash). */
#ifndef MB_HASH_H
#define MB_HASH_H

#include <stddef.h>
#include <stdint.h>

#define MB_SHA256_SIZE 32

void mb_sha256(const void *p, size_t n, uint8_t out[MB_SHA256_SIZE]);
/* The first nbytes of the digest of p[0..n) as lowercase hex into out
 * (2 * nbytes + 1 chars, NUL-terminated); nbytes <= MB_SHA256_SIZE. */
void mb_sha256_hex(const void *p, size_t n, size_t nbytes, char *out);

/* The digest of bytes given in pieces (reader.c hashes a large file as it
 * reads it): new (NULL when out of memory), add, then hex, which writes
 * the whole digest in lowercase hex and frees the stream. */
typedef struct mb_sha256_stream mb_sha256_stream;
mb_sha256_stream *mb_sha256_stream_new(void);
void mb_sha256_stream_add(mb_sha256_stream *h, const void *p, size_t n);
void mb_sha256_stream_hex(mb_sha256_stream *h, char out[2 * MB_SHA256_SIZE + 1]);

#endif
