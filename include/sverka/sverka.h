/* SPDX-License-Identifier: MIT */
/*
 * Umbrella header: include this to get the whole public API.
 */
#ifndef SV_SVERKA_H
#define SV_SVERKA_H

/** @file sverka/sverka.h
 *  @brief The whole public API of libsverka.
 */

#include "sverka/common.h"
#include "sverka/version.h"
#include "sverka/errors.h"
#include "sverka/buf.h"
#include "sverka/resources.h"
#include "sverka/io.h"
#include "sverka/pool.h"
#include "sverka/brackets.h"
#include "sverka/segment.h"
#include "sverka/garble.h"
#include "sverka/align.h"

#endif /* SV_SVERKA_H */
