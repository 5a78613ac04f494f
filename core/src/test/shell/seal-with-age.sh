#!/bin/sh
# Seals one value into a Sealwright envelope (docs/format.md §1 and §3) with the real age CLI and
# POSIX tools, no Sealwright code: the independent writer behind IndependentEnvelopesTest and the
# age_cli_* vectors. The value is read from stdin, byte for byte; the envelope is printed as one line.
#
#   seal-with-age.sh -s SCOPE [-n NAMESPACE] [-o NAME] -i ITEM [-u SERVICEACCOUNT]
#                    -r RECIPIENT [-r RECIPIENT...] [-a | -f | -p] < value
#
# The scope decides which names the binding line carries (strict: namespace and name; namespace:
# namespace; cluster: neither); the others are ignored, as §3 says. Each option below makes a broken
# envelope on purpose, for the negative tests:
#   -a  the body is the armored age file (age -a), which readers must refuse as malformed;
#   -f  the last payload byte is flipped, so the payload no longer authenticates;
#   -p  the base64 padding is cut off the body (non-canonical base64, malformed); refused when the
#       body has no padding.
set -eu

die() {
  echo "seal-with-age.sh: $*" >&2
  exit 2
}

here=$(dirname "$0")
scope='' namespace='' name='' item='' sa='' recipients='' broken=''
while getopts s:n:o:i:u:r:afp opt; do
  case $opt in
    s) scope=$OPTARG ;;
    n) namespace=$OPTARG ;;
    o) name=$OPTARG ;;
    i) item=$OPTARG ;;
    u) sa=$OPTARG ;;
    r) recipients="$recipients $OPTARG" ;; # age recipients never contain spaces
    a | f | p) broken=$opt ;;
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

# The age arguments and the clear key ids, both in the order of the recipients.
set --
ids=''
for r in $recipients; do
  set -- "$@" -r "$r"
  ids="${ids:+$ids,}$(sh "$here/key-id.sh" "$r")"
done
[ "$broken" != a ] || set -- "$@" -a

file=$(mktemp)
trap 'rm -f "$file"' EXIT
{
  printf '%s\n' "$line"
  cat
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
printf 'sw1:%s:%s:%s:%s\n' "$scope" "$sa" "$ids" "$body"
