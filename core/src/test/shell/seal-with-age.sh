#!/bin/sh
# Seals one value into a Sealwright envelope (docs/format.md §1 and §3) with the real age CLI,
# openssl and POSIX tools, no Sealwright code: the independent writer behind IndependentEnvelopesTest
# and the age_cli_* vectors. The value is read from stdin, byte for byte; the envelope is printed as
# one line.
#
#   seal-with-age.sh -s SCOPE [-n NAMESPACE] [-o NAME] -i ITEM [-u SERVICEACCOUNT]
#                    -r RECIPIENT [-r RECIPIENT...] [-K HEXKEY | -T] [-a | -f | -p | -l] < value
#
# The scope decides which names the binding line carries (strict: namespace and name; namespace:
# namespace; cluster: neither); the others are ignored, as §3 says. The value's tag key r (§3.1) is
# 32 bytes from /dev/urandom, or the 64 hex digits of -K (the same key twice is a re-seal of the same
# value); it goes into the binding line as valuekey=, and the tag, HMAC-SHA256 by openssl, into the
# sixth field. -T writes the format before value tags instead: no valuekey, five fields. Each option
# below makes a broken envelope on purpose, for the negative tests:
#   -a  the body is the armored age file (age -a), which readers must refuse as malformed;
#   -f  the last payload byte is flipped, so the payload no longer authenticates;
#   -p  the base64 padding is cut off the body (non-canonical base64, malformed); refused when the
#       body has no padding;
#   -l  the clear tag lies: it is the tag of the value with one more byte, so the envelope fails
#       authentication although its age file is intact.
set -eu

die() {
  echo "seal-with-age.sh: $*" >&2
  exit 2
}

here=$(dirname "$0")
scope='' namespace='' name='' item='' sa='' recipients='' broken='' hexkey='' untagged=''
while getopts s:n:o:i:u:r:K:Tafpl opt; do
  case $opt in
    s) scope=$OPTARG ;;
    n) namespace=$OPTARG ;;
    o) name=$OPTARG ;;
    i) item=$OPTARG ;;
    u) sa=$OPTARG ;;
    r) recipients="$recipients $OPTARG" ;; # age recipients never contain spaces
    K) hexkey=$OPTARG ;;
    T) untagged=1 ;;
    a | f | p | l) broken=$opt ;;
    *) die "unknown option (see the comment at the top of this script)" ;;
  esac
done
[ -n "$item" ] || die "-i ITEM is required"
[ -n "$recipients" ] || die "at least one -r RECIPIENT is required"

# The binding line, in the canonical field order of §3.
line="sealwright.dev/v1 scope=$scope"
case $scope in
  strict) line="$line namespace=$namespace name=$name" ;;
  namespace) line="$line namespace=$namespace" ;;
  cluster) ;;
  *) die "-s must be strict, namespace or cluster" ;;
esac
line="$line item=$item"
[ -z "$sa" ] || line="$line serviceaccount=$sa"

file=$(mktemp)
value=$(mktemp)
key=$(mktemp)
trap 'rm -f "$file" "$value" "$key"' EXIT
cat >"$value"

# The value tag of §3.1: r as valuekey= (unpadded base64url) at the end of the binding line, and
# HMAC-SHA256(r, "sealwright.dev/v1 value-tag" LF value) for the sixth field (padded base64).
tag=''
if [ -z "$untagged" ]; then
  if [ -z "$hexkey" ]; then
    hexkey=$(head -c 32 /dev/urandom | od -An -tx1 -v | tr -d ' \n')
  fi
  printf '%s' "$hexkey" | grep -Eqx '[0-9a-f]{64}' || die "-K takes 64 lower-case hex digits"
  h=$hexkey
  while [ -n "$h" ]; do
    rest=${h#??}
    # shellcheck disable=SC2059 # the format is the octal escape of one key byte
    printf "\\$(printf %03o $((0x${h%"$rest"})))"
    h=$rest
  done >"$key"
  line="$line valuekey=$(base64 -w0 <"$key" | tr '+/' '-_' | tr -d '=')"
  tag=$({
    printf 'sealwright.dev/v1 value-tag\n'
    cat "$value"
    [ "$broken" != l ] || printf 'x'
  } | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | base64 -w0)
fi

# The age arguments and the clear key ids, both in the order of the recipients.
set --
ids=''
for r in $recipients; do
  set -- "$@" -r "$r"
  ids="${ids:+$ids,}$(sh "$here/key-id.sh" "$r")"
done
[ "$broken" != a ] || set -- "$@" -a

{
  printf '%s\n' "$line"
  cat "$value"
} | age "$@" >"$file"

if [ "$broken" = f ]; then
  # Read the last byte as a number, flip its low bit, write it back in place.
  size=$(wc -c <"$file")
  last=$(od -An -tu1 -j $((size - 1)) -N1 "$file" | tr -d ' ')
  # shellcheck disable=SC2059 # the format is the octal escape of the new byte
  printf "\\$(printf %03o $((last ^ 1)))" |
    dd of="$file" bs=1 seek=$((size - 1)) conv=notrunc 2>/dev/null
fi

body=$(base64 -w0 <"$file")
if [ "$broken" = p ]; then
  case $body in
    *=) body=${body%%=*} ;;
    *) die "-p: this body has no padding to cut; use a value one byte longer" ;;
  esac
fi
printf 'sw1:%s:%s:%s:%s%s\n' "$scope" "$sa" "$ids" "$body" "${tag:+:$tag}"
