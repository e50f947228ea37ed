/* SPDX-License-Identifier: MIT */
/*
 * Status codes and the caller-owned error record.  Codes are append-only
 * (STYLE E2); the detailed message travels in an sv_error or in a handle,
 * never in thread-local state (E3).
 */
#ifndef SV_ERRORS_H
#define SV_ERRORS_H

#include "sverka/common.h"

/** @file sverka/errors.h
 *  @brief Status codes, sv_error and sv_strerror().
 */

SV_BEGIN_DECL

/** Status codes returned by every fallible function.  0 is success,
 *  failures are negative.  Values never change and none is removed. */
enum {
    SV_OK = 0,           /**< success */
    SV_ERROR = -1,       /**< generic failure */
    SV_ENOMEM = -2,      /**< out of memory */
    SV_EINVAL = -3,      /**< invalid argument */
    SV_EILSEQ = -4,      /**< invalid UTF-8 or undecodable input */
    SV_ETOOBIG = -5,     /**< input exceeds a configured limit */
    SV_EIO = -6,         /**< read or write failed */
    SV_ENOTFOUND = -7,   /**< resource or file not found */
    SV_EFORMAT = -8,     /**< malformed input format (JSON, XML, TSV) */
    SV_EUNSUPPORTED = -9,/**< feature not available in this build */
    SV_EUSER = -10       /**< a user callback asked to stop */
};

/** Size of sv_error::message, including the terminating NUL. */
#define SV_ERROR_MESSAGE_SIZE 256

/** Detailed failure report filled by handle-less calls and constructors.
 *
 *  The message is one line without program name or trailing period.  For
 *  data errors @c byte_offset is the offset into the input where the problem
 *  was found, @c line and @c column (1-based, column in code points) locate
 *  it when known, and are 0 otherwise. */
typedef struct sv_error {
    int code;                            /**< the SV_E* code, SV_OK if none */
    size_t byte_offset;                  /**< offset into the input */
    size_t line;                         /**< 1-based line, 0 if unknown */
    size_t column;                       /**< 1-based column, 0 if unknown */
    char message[SV_ERROR_MESSAGE_SIZE]; /**< NUL-terminated message */
} sv_error;

/** Static initialiser for an empty sv_error. */
#define SV_ERROR_INIT {0, 0, 0, 0, {0}}

/** Short static description of a status code.
 *
 *  @param code an SV_* status code (unknown codes give "unknown error")
 *  @return static text, never NULL.
 *  Ownership: the string is static; do not free it. */
SV_API const char *sv_strerror(int code);

/** Reset an sv_error to SV_ERROR_INIT.
 *
 *  @param[out] err the record to clear; NULL is ignored.
 *  Ownership: the caller owns @p err. */
SV_API void sv_error_clear(sv_error *err);

SV_END_DECL

#endif /* SV_ERRORS_H */
