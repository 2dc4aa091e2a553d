/* grow.h — growing a malloc'ed array (owns: mb_grow). */
#ifndef MB_GROW_H
#define MB_GROW_H

#include <stdlib.h>

/* Make room for need elements of size bytes in *v (capacity *cap),
 * doubling; returns 0 when out of memory (then *v is unchanged). */
static inline int mb_grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 1;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > ((size_t)-1) / 2 / size)
            return 0;
        nc *= 2;
    }
    void *nv = realloc(*v, nc * size);
    if (!nv)
        return 0;
    *v = nv;
    *cap = nc;
    return 1;
}

#endif
