/* hash.c — SHA-256 with nettle. */
#include "hash.h"

#include <nettle/sha2.h>
#include <stdlib.h>

void mb_sha256(const void *p, size_t n, uint8_t out[MB_SHA256_SIZE])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, n, p);
    sha256_digest(&ctx, MB_SHA256_SIZE, out);
}

static void hex(const uint8_t dig[MB_SHA256_SIZE], size_t nbytes, char *out)
{
    static const char hx[] = "0123456789abcdef";
    if (nbytes > MB_SHA256_SIZE)
        nbytes = MB_SHA256_SIZE;
    for (size_t i = 0; i < nbytes; i++) {
        out[2 * i] = hx[dig[i] >> 4];
        out[2 * i + 1] = hx[dig[i] & 15];
    }
    out[2 * nbytes] = '\0';
}

void mb_sha256_hex(const void *p, size_t n, size_t nbytes, char *out)
{
    uint8_t dig[MB_SHA256_SIZE];
    mb_sha256(p, n, dig);
    hex(dig, nbytes, out);
}

struct mb_sha256_stream {
    struct sha256_ctx ctx;
};

mb_sha256_stream *mb_sha256_stream_new(void)
{
    mb_sha256_stream *h = malloc(sizeof *h);
    if (h)
        sha256_init(&h->ctx);
    return h;
}

void mb_sha256_stream_add(mb_sha256_stream *h, const void *p, size_t n)
{
    sha256_update(&h->ctx, n, p);
}

void mb_sha256_stream_hex(mb_sha256_stream *h, char out[2 * MB_SHA256_SIZE + 1])
{
    uint8_t dig[MB_SHA256_SIZE];
    sha256_digest(&h->ctx, MB_SHA256_SIZE, dig);
    hex(dig, MB_SHA256_SIZE, out);
    free(h);
}
