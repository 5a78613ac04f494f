#!/bin/sh
# Writes the age_cli_* envelope vectors (docs/format.md §8): vectors made by seal-with-age.sh, i.e.
# by the real age CLI and POSIX tools, to identities made by age-keygen, with no Sealwright code.
# EnvelopeVectorsTest checks them like every other vector; no test runs this script. Like
# EnvelopeVectorsGenerator it writes only the files that do not exist yet, so committed vectors keep
# their bytes (delete a file to make it again, with new keys). From the repository root:
#
#   PATH="$HOME/.cache/sealwright-peers/bin:$PATH" sh core/src/test/shell/make-age-cli-vectors.sh
#
# An optional argument names another directory to write to.
set -eu

here=$(dirname "$0")
dir=${1:-$here/../resources/vectors}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
version=$(age --version)

age-keygen -pq -o "$tmp/pq.txt" 2>/dev/null
age-keygen -o "$tmp/x25519.txt" 2>/dev/null
pq=$(age-keygen -y "$tmp/pq.txt")
x25519=$(age-keygen -y "$tmp/x25519.txt")
printf 'correct horse battery staple' >"$tmp/text"
# A binary value: LFs (the first right after the binding line's LF), NULs and a 0xff byte.
printf '\nline one\nline two\000\000\377end\n' >"$tmp/binary"

# vector NAME EXPECT KEY EXPECTED-BINDING-LINE VALUE-FILE COMMENT SEAL-WITH-AGE-OPTIONS...
# With PREVIOUS set to an earlier envelope of the item and CHANGE to what happened since
# (docs/format.md §8), the file also carries those two lines.
vector() {
  out="$dir/$1.txt"
  expect=$2 key=$3 binding=$4 value=$5 comment=$6
  shift 6
  [ ! -e "$out" ] || return 0
  envelope=$(sh "$here/seal-with-age.sh" "$@" <"$value")
  {
    printf 'expect: %s\n' "$expect"
    printf 'identity: %s\n' "$(grep '^AGE-SECRET-KEY-' "$tmp/$key.txt")"
    printf 'binding: %s\n' "$binding"
    [ "$expect" != success ] || printf 'value: %s\n' "$(od -An -tx1 -v "$value" | tr -d ' \n')"
    printf 'comment: %s (made by seal-with-age.sh, %s)\n' "$comment" "$version"
    [ -z "${PREVIOUS:-}" ] || printf 'previous: %s\nchange: %s\n' "$PREVIOUS" "$CHANGE"
    printf 'envelope: %s\n' "$envelope"
  } >"$out"
  echo "wrote $out"
}

strict='sealwright.dev/v1 scope=strict namespace=prod name=db item=password'
vector age_cli_strict_hybrid success pq "$strict" "$tmp/text" \
  'strict scope, post-quantum recipient from age-keygen -pq' \
  -s strict -n prod -o db -i password -r "$pq" -T
vector age_cli_namespace_service_account_x25519 success x25519 \
  'sealwright.dev/v1 scope=namespace namespace=prod item=password serviceaccount=api' "$tmp/text" \
  'namespace scope bound to service account api, X25519 recipient from age-keygen' \
  -s namespace -n prod -i password -u api -r "$x25519" -T
vector age_cli_cluster_binary_value success pq 'sealwright.dev/v1 scope=cluster item=tls.key' \
  "$tmp/binary" 'cluster scope, a binary value with LFs, NULs and 0xff' \
  -s cluster -i tls.key -r "$pq" -T
vector age_cli_moved_item 'binding mismatch' pq "$strict" "$tmp/text" \
  'the binding line says item=username; used as password' \
  -s strict -n prod -o db -i username -r "$pq" -T
vector age_cli_tampered_payload 'authentication failed' x25519 "$strict" "$tmp/text" \
  'last payload byte flipped with od and dd' \
  -s strict -n prod -o db -i password -r "$x25519" -f -T

# With value tags (docs/format.md §3.1): the tag key r comes from /dev/urandom or -K, the tag from
# openssl dgst -mac HMAC. The first five vectors above are of the format before value tags (-T).
vector age_cli_value_tag success pq "$strict" "$tmp/text" \
  'value tag: valuekey= in the binding line, HMAC-SHA256 by openssl in the sixth field' \
  -s strict -n prod -o db -i password -r "$pq"
vector age_cli_value_tag_lying 'authentication failed' x25519 "$strict" "$tmp/text" \
  'the clear tag is the tag of another value under the sealed key: the age file is intact' \
  -s strict -n prod -o db -i password -r "$x25519" -l
r=$(head -c 32 /dev/urandom | od -An -tx1 -v | tr -d ' \n')
PREVIOUS=$(sh "$here/seal-with-age.sh" -s strict -n prod -o db -i password -r "$x25519" -K "$r" \
  <"$tmp/text") CHANGE=resealed vector age_cli_value_tag_resealed success pq "$strict" \
  "$tmp/text" 're-sealed from an X25519 to a post-quantum recipient with the same tag key (-K)' \
  -s strict -n prod -o db -i password -r "$pq" -K "$r"
