/* t_map.h — the source of one text byte in unit tests: t_so(t, i) and
 * t_eo(t, i) are the source start and end of the character holding byte i
 * (what so[i] and eo[i] were before the map was kept per run). */
#ifndef MB_T_MAP_H
#define MB_T_MAP_H

#include "mubiao.h"

static inline uint32_t t_so(const mb_text *t, size_t i)
{
    uint32_t so, eo;
    mb_text_byte_source(t, i, &so, &eo);
    return so;
}

static inline uint32_t t_eo(const mb_text *t, size_t i)
{
    uint32_t so, eo;
    mb_text_byte_source(t, i, &so, &eo);
    return eo;
}

#endif
