/* textmap.c — the source map of an mb_text, kept per run of characters
 * (owns: the runs of mb_text, mb_text_map*, mb_text_source_range,
 * mb_text_byte_source, mb_text_cursor_source).  A run is a sequence of
 * units of the same text width whose source ranges have the same width and
 * follow each other at a constant step (see mb_text_run in mubiao.h).
 * Units are added at the end of the text, one at a time (mb_text_map) or
 * copied as runs from another text (mb_text_map_slice); look-ups are
 * binary searches, or a step to the next run through a cursor. */
#include "text.h"

#include <stdlib.h>

/* Room for one more run. */
static mb_status grow_runs(mb_text *t)
{
    if (t->nruns < t->runs_cap)
        return MB_OK;
    size_t cap = t->runs_cap ? t->runs_cap * 2 : 8;
    if (cap > SIZE_MAX / sizeof *t->runs)
        return MB_ENOMEM;
    mb_text_run *r = realloc(t->runs, cap * sizeof *r);
    if (!r)
        return MB_ENOMEM;
    t->runs = r;
    t->runs_cap = cap;
    return MB_OK;
}

/* The text offset where the map ends. */
static size_t map_end(const mb_text *t)
{
    if (!t->nruns)
        return 0;
    const mb_text_run *r = &t->runs[t->nruns - 1];
    return r->at + t->tail_units * r->width;
}

/* Add m units of w bytes at text offset pos (the end of the map): unit k
 * maps to [so + k*step, eo + k*step). */
static mb_status add_units(mb_text *t, size_t pos, uint32_t w, uint32_t so, uint32_t eo, uint32_t step,
                           size_t m)
{
    while (m > 0) {
        mb_text_run *r = t->nruns ? &t->runs[t->nruns - 1] : NULL;
        if (r && r->width == w && eo - so == r->eo - r->so &&
            (t->tail_units == 1 || so == r->so + (uint32_t)t->tail_units * r->step)) {
            if (t->tail_units == 1)
                r->step = so - r->so;
            size_t take = (m > 1 && step == r->step) ? m : 1;
            t->tail_units += take;
            so += (uint32_t)take * step;
            eo += (uint32_t)take * step;
            pos += take * w;
            m -= take;
            continue;
        }
        if (grow_runs(t))
            return MB_ENOMEM;
        r = &t->runs[t->nruns++];
        r->at = pos;
        r->so = so;
        r->eo = eo;
        r->step = step;
        r->width = w;
        t->tail_units = m;
        return MB_OK;
    }
    return MB_OK;
}

mb_status mb_text_map_same(mb_text *t, size_t w, size_t m, uint32_t so)
{
    if (m == 0)
        return MB_OK;
    if (w == 0 || w > UINT32_MAX || (so + (uint64_t)w * m) > UINT32_MAX)
        return MB_EARG;
    return add_units(t, t->len, (uint32_t)w, so, so + (uint32_t)w, (uint32_t)w, m);
}

mb_status mb_text_map_slow(mb_text *t, size_t n, uint32_t so, uint32_t eo)
{
    size_t pos = t->len;
    /* a unit wider than a run can say: pieces of the same range */
    while (n > UINT32_MAX) {
        if (add_units(t, pos, 1u << 31, so, eo, 0, 1))
            return MB_ENOMEM;
        pos += (size_t)1 << 31;
        n -= (size_t)1 << 31;
    }
    if (n == 0)
        return MB_OK;
    return add_units(t, pos, (uint32_t)n, so, eo, 0, 1);
}

/* The index of the run holding text byte i (i < map end). */
static size_t run_of(const mb_text *t, size_t i)
{
    size_t lo = 0, hi = t->nruns;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->runs[mid].at <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The end of run k. */
static size_t run_end(const mb_text *t, size_t k)
{
    if (k + 1 < t->nruns)
        return t->runs[k + 1].at;
    return map_end(t);
}

/* The run holding byte i (< map end) of c->t, tried at c->run, then the
 * next run, then by binary search; c->run is set to it. */
static size_t cursor_run(mb_text_cursor *c, size_t i)
{
    const mb_text *t = c->t;
    size_t k = c->run < t->nruns ? c->run : 0;
    if (i < t->runs[k].at)
        k = run_of(t, i);
    else if (i >= run_end(t, k))
        k = (k + 1 < t->nruns && i < run_end(t, k + 1)) ? k + 1 : run_of(t, i);
    c->run = k;
    return k;
}

mb_status mb_text_map_slice(mb_text *t, const mb_text *src, size_t a, size_t b)
{
    mb_text_cursor c = {src, 0};
    return mb_text_map_slice_cursor(t, &c, a, b);
}

mb_status mb_text_map_slice_cursor(mb_text *t, mb_text_cursor *c, size_t a, size_t b)
{
    const mb_text *src = c->t;
    size_t pos = t->len;
    if (a >= b || a >= map_end(src))
        return MB_OK;
    for (size_t k = cursor_run(c, a); a < b && k < src->nruns; k++) {
        c->run = k;
        const mb_text_run *r = &src->runs[k];
        size_t e = run_end(src, k);
        if (e > b)
            e = b;
        size_t u = (a - r->at) / r->width, off = (a - r->at) % r->width;
        uint32_t so = r->so + (uint32_t)u * r->step, eo = r->eo + (uint32_t)u * r->step;
        if (off) { /* the slice starts inside a unit: the rest of it */
            size_t n = r->width - off;
            if (n > e - a)
                n = e - a;
            if (add_units(t, pos, (uint32_t)n, so, eo, 0, 1))
                return MB_ENOMEM;
            pos += n;
            a += n;
            so += r->step;
            eo += r->step;
        }
        size_t m = (e - a) / r->width;
        if (m) {
            if (add_units(t, pos, r->width, so, eo, r->step, m))
                return MB_ENOMEM;
            pos += m * r->width;
            a += m * r->width;
            so += (uint32_t)m * r->step;
            eo += (uint32_t)m * r->step;
        }
        if (a < e) { /* ... and ends inside one */
            if (add_units(t, pos, (uint32_t)(e - a), so, eo, 0, 1))
                return MB_ENOMEM;
            pos += e - a;
            a = e;
        }
    }
    return MB_OK;
}

void mb_text_map_clear(mb_text *t)
{
    t->nruns = 0;
    t->tail_units = 0;
}

void mb_text_byte_source(const mb_text *t, size_t i, uint32_t *so, uint32_t *eo)
{
    size_t end = map_end(t);
    if (end == 0) {
        *so = *eo = 0;
        return;
    }
    if (i >= end) { /* the end of the last character */
        const mb_text_run *r = &t->runs[t->nruns - 1];
        *so = *eo = r->eo + (uint32_t)(t->tail_units - 1) * r->step;
        return;
    }
    const mb_text_run *r = &t->runs[run_of(t, i)];
    uint32_t u = (uint32_t)((i - r->at) / r->width);
    *so = r->so + u * r->step;
    *eo = r->eo + u * r->step;
}

void mb_text_cursor_source(mb_text_cursor *c, size_t i, uint32_t *so, uint32_t *eo)
{
    const mb_text *t = c->t;
    if (i >= map_end(t)) {
        mb_text_byte_source(t, i, so, eo);
        return;
    }
    const mb_text_run *r = &t->runs[cursor_run(c, i)];
    uint32_t u = (uint32_t)((i - r->at) / r->width);
    *so = r->so + u * r->step;
    *eo = r->eo + u * r->step;
}

void mb_text_source_range(const mb_text *t, size_t a, size_t b, uint32_t *start, uint32_t *end)
{
    uint32_t so, eo;
    if (t->len == 0 || a >= t->len || b <= a) {
        mb_text_byte_source(t, a, &so, &eo);
        *start = *end = a < t->len ? so : eo;
        return;
    }
    if (b > t->len)
        b = t->len;
    mb_text_byte_source(t, a, start, &eo);
    mb_text_byte_source(t, b - 1, &so, end);
}
