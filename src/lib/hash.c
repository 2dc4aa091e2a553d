/* hash.c — SHA-256 with nettle. */
#include "hash.h"

#include <nettle/sha2.h>

void mb_sha256(const void *p, size_t n, uint8_t out[MB_SHA256_SIZE])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, n, p);
    sha256_digest(&ctx, MB_SHA256_SIZE, out);
}

void mb_sha256_hex(const void *p, size_t n, size_t nbytes, char *out)
{
    static const char hx[] = "0123456789abcdef";
    uint8_t dig[MB_SHA256_SIZE];
    mb_sha256(p, n, dig);
    if (nbytes > MB_SHA256_SIZE)
        nbytes = MB_SHA256_SIZE;
    for (size_t i = 0; i < nbytes; i++) {
        out[2 * i] = hx[dig[i] >> 4];
        out[2 * i + 1] = hx[dig[i] & 15];
    }
    out[2 * nbytes] = '\0';
}
