/* SPDX-License-Identifier: MIT */
/*
 * A compiled word list: every form a hunspell dictionary accepts, written
 * at build time by tools/mkwords.c, sorted and front-coded in blocks, and
 * mapped read-only at run time.  Opening costs a few page faults where
 * hunspell spends a tenth of a second parsing ru_RU, and one mapping
 * serves every thread.  The file records a fingerprint of each source file
 * so a dictionary updated after the build is noticed (the caller then
 * falls back to hunspell).
 */
#ifndef SV_LANG_WORDSET_H
#define SV_LANG_WORDSET_H

#include <stddef.h>
#include <stdint.h>

#include "sverka/errors.h"

typedef struct sv__wordset sv__wordset;

/* What identifies a source file's content: its size and a hash of its
 * first and last 64 KiB (cheap enough to check at every start-up, and
 * copies and reinstalls keep it, unlike a modification time). */
typedef struct sv__fingerprint {
    uint64_t size;
    uint64_t hash;
} sv__fingerprint;

/* Longest word the format stores, in bytes. */
#define SV__WORDSET_MAX_WORD 255
/* At most this many input-conversion pairs (hunspell's ICONV). */
#define SV__WORDSET_MAX_ICONV 64

/* One input-conversion pair: hunspell replaces from by to in every word
 * before looking it up (en_US: ’ by '). */
typedef struct sv__iconv_pair {
    const char *from, *to;
    size_t from_len, to_len;
} sv__iconv_pair;

/* SV_OK, SV_ENOTFOUND (no such file) or SV_EIO, with err naming path. */
int sv__fingerprint_file(const char *path, sv__fingerprint *fp, sv_error *err);

/* Write words[0..n) (byte-wise sorted, without duplicates, each at most
 * SV__WORDSET_MAX_WORD bytes) with the sources' fingerprints and the
 * input conversions.  Nothing is taken over. */
int sv__wordset_write(const char *path, const char *const *words, size_t n,
                      const sv__fingerprint *sources, size_t n_sources,
                      const sv__iconv_pair *iconv, size_t n_iconv,
                      sv_error *err);

/* Check data[0..size) and wrap it; the set borrows data, which must
 * outlive it.  SV_EFORMAT with err saying what is wrong. */
int sv__wordset_from_memory(sv__wordset **out, const void *data, size_t size,
                            sv_error *err);

/* Map path and wrap it.  When sources is given, the recorded fingerprints
 * must equal sources[0..n_sources) or SV_ERROR ("stale") is returned.
 * SV_ENOTFOUND when the file does not exist. */
int sv__wordset_open(sv__wordset **out, const char *path,
                     const sv__fingerprint *sources, size_t n_sources,
                     sv_error *err);

/* 1 when w[0..len) is one of the stored forms, byte for byte. */
int sv__wordset_contains(const sv__wordset *ws, const char *w, size_t len);

/* 1 when some stored form contains the code point cp. */
int sv__wordset_uses(const sv__wordset *ws, uint32_t cp);

size_t sv__wordset_count(const sv__wordset *ws);

/* The i-th input conversion; 0 when i is past the last. */
int sv__wordset_iconv(const sv__wordset *ws, size_t i, sv__iconv_pair *pair);

/* Unmap and free; NULL is ignored. */
void sv__wordset_free(sv__wordset *ws);

#endif
