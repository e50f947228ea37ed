#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# House rules that a compiler does not check (STYLE F2, L2, H3, N2):
# banned functions, raw allocation outside src/base/alloc.c, dependency
# headers outside their adapter folders, dependency types in public
# headers, missing SPDX lines.  Prints each violation; exits 1 if any.
set -u
cd "$(dirname "$0")/.."
fail=0
report() { echo "checksrc: $1"; fail=1; }

lib_sources=$(find src -name '*.c' -o -name '*.h' | grep -v '^src/cli/' | sort)
all_sources=$(find src include tools tests/unit samples -name '*.c' -o -name '*.h' 2>/dev/null | sort)

# Banned calls everywhere in our C sources.
for f in $all_sources; do
  grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol|alloca|setlocale)\s*\(' "$f" \
    | grep -vE 'snprintf|vsnprintf' | while IFS= read -r l; do echo "checksrc: $f:$l: banned function"; done
done | tee /tmp/checksrc.$$ ; [ -s /tmp/checksrc.$$ ] && fail=1; rm -f /tmp/checksrc.$$

# Raw allocation only in src/base/alloc.c (the CLI builds against the
# public API and uses the C library directly).
for f in $lib_sources; do
  [ "$f" = src/base/alloc.c ] && continue
  if grep -nE '(^|[^_a-z])(malloc|calloc|realloc|free|strdup)\s*\(' "$f" \
       | grep -vE '^[0-9]+:\s*(\*|/\*|//)' \
       | grep -vE 'sv__(malloc|calloc|realloc|free|strndup)|_free\s*\(|xmlFree|json_|free_list' >/tmp/cs.$$; then
    sed "s|^|checksrc: $f:|; s|$|: raw allocation (use sv__malloc and friends)|" /tmp/cs.$$; fail=1
  fi
done
rm -f /tmp/cs.$$

# Dependency headers only in their adapters.
for f in $lib_sources; do
  case "$f" in src/lang/*) ;; *)
    grep -qE '#include <(unicode/|hunspell)' "$f" && report "$f: ICU/hunspell outside src/lang/";;
  esac
  case "$f" in src/formats/*) ;; *)
    grep -qE '#include <(libxml/|jansson)' "$f" && report "$f: libxml2/jansson outside src/formats/";;
  esac
done
grep -lE '\b(UChar|UErrorCode|xmlChar|Hunhandle|json_t)\b' include/sverka/*.h* 2>/dev/null \
  | while read -r f; do echo "checksrc: $f: dependency type in a public header"; done | grep . && fail=1
grep -lE '#include' src/cli/*.c src/cli/*.h | xargs grep -hE '#include "(base|lang|formats|normalize|brackets|align|garble)/' \
  && report "src/cli includes library internals"

# Locale-dependent classification on text.
for f in $lib_sources; do
  grep -qE '#include <(ctype|wctype)\.h>' "$f" && report "$f: <ctype.h> on text (STYLE U5)"
done

# SPDX line first.
for f in $all_sources include/sverka/*.in; do
  head -1 "$f" | grep -q 'SPDX-License-Identifier' || report "$f: no SPDX line"
done

[ "$fail" = 0 ] && echo "checksrc: clean"
exit $fail
