#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile XML for the TMX/XLIFF readers behind "sverka check" (issue #8):
# external entities must not be read (the "secret" is a FIFO, so any open
# of it is seen by the writer on the other side), nothing is fetched from
# the network (a local listener counts connections), entity bombs stop
# with a clear error within 10 s and 200 MB, a truncated TMX or one whose
# bytes do not match its encoding is a format error with a one-line
# message; the HTML reader (normalize --format html) loads nothing either.
set -uo pipefail
sverka=$1 src=$2
data=$src/tests/data/hostile
tmp=$(mktemp -d)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
export SVERKA_DICTS=${SVERKA_DICTS:-}

# A document whose first segment is "a <body> b"; $1 the DOCTYPE line.
tmx_doc() {
  printf '<?xml version="1.0"?>\n%s\n<tmx version="1.4"><header srclang="en"/><body>\n' "$1"
  printf '<tu><tuv xml:lang="en"><seg>a %s b</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu>\n</body></tmx>\n' "$2"
}
xlf_doc() {
  printf '<?xml version="1.0"?>\n%s\n<xliff version="1.2"><file source-language="en" target-language="ru"><body>\n' "$1"
  printf '<trans-unit id="1"><source>a %s b</source><target>б</target></trans-unit>\n</body></file></xliff>\n' "$2"
}

# run NAME FILE EXPECTED_STDERR: exit 3, the message, within the bounds.
run() {
  local name=$1 file=$2 want=$3 status rss secs
  /usr/bin/time -f '%M %e' -o "$tmp/$name.time" \
    timeout 20 "$sverka" check --all --no-garble "$file" \
    > "$tmp/$name.out" 2> "$tmp/$name.err"
  status=$?
  read -r rss secs < <(tail -n 1 "$tmp/$name.time")
  printf '%-22s exit %s  %6s KB  %5s s  %s\n' "$name" "$status" "$rss" "$secs" \
    "$(head -n 1 "$tmp/$name.err")"
  [ "$status" = 3 ] || { echo "  $name: exit status $status (expected 3)"; fail=1; }
  grep -qF -- "$want" "$tmp/$name.err" ||
    { echo "  $name: stderr lacks '$want'"; fail=1; }
  [ "${rss:-999999}" -lt 204800 ] || { echo "  $name: $rss KB (limit 200 MB)"; fail=1; }
  awk -v s="${secs:-99}" 'BEGIN { exit !(s < 10) }' ||
    { echo "  $name: $secs s (limit 10 s)"; fail=1; }
  if grep -qE 'root:|SVERKA-SECRET' "$tmp/$name.out" "$tmp/$name.err"; then
    echo "  $name: file content in the output"; fail=1
  fi
}

# run_ok NAME COMMAND...: a harmless document, exit 0, no secret in the
# output.
run_ok() {
  local name=$1 status
  shift
  timeout 20 "$sverka" "$@" > "$tmp/$name.ok" 2>&1
  status=$?
  printf '%-22s exit %s  %s\n' "$name" "$status" "$(head -n 1 "$tmp/$name.ok")"
  [ "$status" = 0 ] || { echo "  $name: exit status $status (expected 0)"; fail=1; }
  if grep -q SVERKA-SECRET "$tmp/$name.ok"; then
    echo "  $name: secret in output"; fail=1
  fi
}

# 1. XXE: the secret is a FIFO; a writer waits for a reader and leaves a
# mark when one came.
mkfifo "$tmp/secret"
( printf 'SVERKA-SECRET\n' > "$tmp/secret" && touch "$tmp/secret.read" ) &
pids+=($!)
refused="entity reference '&x;' refused"
tmx_doc "<!DOCTYPE tmx [<!ENTITY x SYSTEM \"file://$tmp/secret\">]>" '&x;' > "$tmp/xxe.tmx"
xlf_doc "<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file://$tmp/secret\">]>" '&x;' > "$tmp/xxe.xlf"
tmx_doc '<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>' '&x;' > "$tmp/xxe_passwd.tmx"
tmx_doc "<!DOCTYPE tmx [<!ENTITY % p SYSTEM \"file://$tmp/secret\"> %p;]>" '&amp;' > "$tmp/xxe_param.tmx"
tmx_doc "<!DOCTYPE tmx SYSTEM \"file://$tmp/secret\">" '&amp;' > "$tmp/xxe_dtd.tmx"
run xxe_tmx "$tmp/xxe.tmx" "$refused"
run xxe_xliff "$tmp/xxe.xlf" "$refused"
run xxe_passwd "$tmp/xxe_passwd.tmx" "$refused"
# A parameter entity or an external DTD is not loaded; the document itself
# is fine, so these succeed (exit 0) without touching the secret.
for name in xxe_param xxe_dtd; do
  run_ok "$name" check --all --no-garble "$tmp/$name.tmx"
done
sleep 0.2
[ -e "$tmp/secret.read" ] && { echo "XXE: the secret file was opened"; fail=1; }

# 2. No network: a listener on a free local port records connections.
if command -v python3 >/dev/null 2>&1; then
  python3 - "$tmp" <<'EOF' &
import socket, sys, os
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(5)
open(os.path.join(sys.argv[1], "port"), "w").write(str(s.getsockname()[1]))
s.settimeout(60)
try:
    c, _ = s.accept()
    open(os.path.join(sys.argv[1], "connected"), "w").write("yes")
except OSError:
    pass
EOF
  pids+=($!)
  for i in $(seq 1 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
  port=$(cat "$tmp/port")
  url="http://127.0.0.1:$port/x"
  tmx_doc "<!DOCTYPE tmx [<!ENTITY x SYSTEM \"$url\">]>" '&x;' > "$tmp/net.tmx"
  tmx_doc "<!DOCTYPE tmx SYSTEM \"$url\">" '&amp;' > "$tmp/net_dtd.tmx"
  tmx_doc "<!DOCTYPE tmx [<!ENTITY % p SYSTEM \"$url\"> %p;]>" '&amp;' > "$tmp/net_param.tmx"
  run net_entity "$tmp/net.tmx" "$refused"
  "$sverka" check --no-garble "$tmp/net_dtd.tmx" > /dev/null 2>&1 ||
    { echo "net_dtd: failed"; fail=1; }
  "$sverka" check --no-garble "$tmp/net_param.tmx" > /dev/null 2>&1 ||
    { echo "net_param: failed"; fail=1; }
  sleep 0.2
  [ -e "$tmp/connected" ] && { echo "network: a connection was made to $url"; fail=1; }
  echo "network: no connection to the listener on port $port"
else
  echo "network: python3 missing, listener check skipped"
fi

# 3. Entity bombs and a truncated document.
run laughs "$data/laughs.tmx" "malformed XML"
run laughs_attr "$data/laughs_attr.xlf" "malformed XML"
big=$(head -c 100000 /dev/zero | tr '\0' A)
refs=$(for i in $(seq 1 500); do printf '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'; done)
tmx_doc "<!DOCTYPE tmx [<!ENTITY a \"$big\">]>" "$refs" > "$tmp/quadratic.tmx"
run quadratic "$tmp/quadratic.tmx" "entity reference '&a;' refused"
run truncated "$data/truncated.tmx" "truncated.tmx:"

# 4. Bytes that do not match the declared encoding: one line on stderr
# (libxml2's own messages are caught, not printed), naming the problem.
run bad_encoding "$data/bad_encoding.tmx" "bad_encoding.tmx:2: malformed XML: input conversion failed"
run invalid_utf8 "$data/invalid_utf8.tmx" "Input is not proper UTF-8"
for name in bad_encoding invalid_utf8; do
  [ "$(wc -l < "$tmp/$name.err")" = 1 ] ||
    { echo "  $name: stderr is not one line:"; cat "$tmp/$name.err"; fail=1; }
done

# 5. HTML input (normalize --format html): the HTML parser never loads a
# DTD or entity, and a page nested 100000 deep is refused (the parser would
# stop at depth 256 and lose the rest) within the bounds.
printf '<!DOCTYPE html [<!ENTITY x SYSTEM "file://%s/secret">]>\n<p>a &x; b</p>\n' "$tmp" > "$tmp/xxe.html"
printf '<!DOCTYPE html SYSTEM "file://%s/secret">\n<p>a</p>\n' "$tmp" > "$tmp/dtd.html"
for name in xxe dtd; do
  run_ok "html_$name" normalize --format html "$tmp/$name.html"
done
sleep 0.2
[ -e "$tmp/secret.read" ] && { echo "HTML: the secret file was opened"; fail=1; }
{ for i in $(seq 1 100000); do printf '<div>'; done; printf 'deep'; } > "$tmp/deep.html"
/usr/bin/time -f '%M %e' -o "$tmp/deep.time" timeout 20 \
  "$sverka" normalize --format html "$tmp/deep.html" > "$tmp/deep.out" 2> "$tmp/deep.err"
status=$?
read -r rss secs < <(tail -n 1 "$tmp/deep.time")
printf '%-22s exit %s  %6s KB  %5s s  %s\n' html_deep "$status" "$rss" "$secs" \
  "$(head -c 60 "$tmp/deep.out")$(head -n 1 "$tmp/deep.err")"
[ "$status" = 3 ] || { echo "  html_deep: exit status $status (expected 3)"; fail=1; }
grep -q "nested more than 255 deep" "$tmp/deep.err" ||
  { echo "  html_deep: no message about the nesting"; fail=1; }
[ "${rss:-999999}" -lt 204800 ] || { echo "  html_deep: $rss KB (limit 200 MB)"; fail=1; }
awk -v s="${secs:-99}" 'BEGIN { exit !(s < 10) }' || { echo "  html_deep: $secs s"; fail=1; }

exit $fail
