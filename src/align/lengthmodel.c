/* SPDX-License-Identifier: MIT */
/*
 * The Gale-Church length term (Gale & Church 1993): the target length of
 * a true bead is normal with mean c * ls and variance s2 * ls, so
 * delta = (lt - c ls) / sqrt(s2 ls) and the cost is -log P(|Delta| >= |delta|).
 * Lengths are non-space code points.
 */
#include <math.h>

#include "align/align_internal.h"

/* ru -> en parameters, estimated on the WMT news test sets in
 * ../shared/data/align (non-space code points per segment, Russian
 * originals against professional references):
 *   WMT21 en_A: c = 1.0343, s2 = 1.916 (1000 segments)
 *   WMT21 en_B: c = 1.0251, s2 = 2.153
 *   WMT22 en_A: c = 0.9924, s2 = 2.046 (2016 segments, mixed domains)
 * so English runs about 2.5% longer than Russian on news.  We use
 * c = 1.025 and widen s2 to 3.0: the estimate comes from whole segments
 * of professional translations, and real pairs (loose translations,
 * split sentences) vary more.  For en -> ru the same model is inverted:
 * c' = 1/c, s2' = s2 / c^3 (same delta for the same pair).  Other pairs
 * use c = 1 and the same s2 = 3.0: Gale and Church's 6.8 (1993, Hansard)
 * is looser than today's professional translations (the Text+Berg de-fr
 * dev gold gives c = 0.989, s2 = 3.05 over its 381 non-empty beads). */
#define RU_EN_C 1.025
#define RU_EN_S2 3.0
#define GC_C 1.0
#define GC_S2 3.0

/* Cost cap: beyond this the length alone is "impossible". */
#define MAX_COST 30.0

void sv__al_lenmodel_for(sv__al_lang src, sv__al_lang tgt,
                         sv__al_lenmodel *out)
{
    if (src == SV__AL_RU && tgt == SV__AL_EN) {
        out->c = RU_EN_C;
        out->s2 = RU_EN_S2;
    } else if (src == SV__AL_EN && tgt == SV__AL_RU) {
        out->c = 1.0 / RU_EN_C;
        out->s2 = RU_EN_S2 / (RU_EN_C * RU_EN_C * RU_EN_C);
    } else {
        out->c = GC_C;
        out->s2 = GC_S2;
    }
}

double sv__al_len_cost(const sv__al_lenmodel *m, double ls, double lt)
{
    double mean, delta, p;

    if (ls <= 0 && lt <= 0)
        return 0.0;
    /* Symmetric base length, as in most implementations, so that a very
     * short source does not make every target look impossible. */
    mean = (ls + lt / m->c) / 2.0;
    if (mean < 1.0)
        mean = 1.0;
    delta = (lt - m->c * ls) / sqrt(m->s2 * mean);
    p = erfc(fabs(delta) / sqrt(2.0));
    if (p <= exp(-MAX_COST))
        return MAX_COST;
    return -log(p);
}
