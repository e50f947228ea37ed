/* SPDX-License-Identifier: MIT */
/*
 * Shared macros for the public headers: export markers, C++ linkage,
 * deprecation.  Every other public header includes this first.
 */
#ifndef SV_COMMON_H
#define SV_COMMON_H

#include <stddef.h>
#include <stdint.h>

/** @file sverka/common.h
 *  @brief Export and linkage macros shared by every public header.
 */

#ifdef __cplusplus
#define SV_BEGIN_DECL extern "C" {
#define SV_END_DECL }
#else
#define SV_BEGIN_DECL
#define SV_END_DECL
#endif

#if defined(_WIN32) && !defined(SV_STATIC)
#ifdef SV_BUILDING_LIBRARY
#define SV_API __declspec(dllexport)
#else
#define SV_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define SV_API __attribute__((visibility("default")))
#else
#define SV_API
#endif

#if defined(SV_DEPRECATE_HARD)
#define SV_DEPRECATED
#elif defined(__GNUC__)
#define SV_DEPRECATED __attribute__((deprecated))
#else
#define SV_DEPRECATED
#endif

#endif /* SV_COMMON_H */
