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

#endif
