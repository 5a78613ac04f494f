#!/bin/sh
# Recomputes the value tag of a Sealwright envelope (docs/format.md §3.1) with the real age CLI,
# openssl and POSIX tools, no Sealwright code: decrypts the body, takes the tag key r from the
# binding line's valuekey= field and the value from the bytes after the first LF, and prints
# HMAC-SHA256(r, "sealwright.dev/v1 value-tag" LF value) as padded base64. A genuine envelope
# carries exactly this in its sixth field. It checks nothing else; that is for the caller.
#
#   value-tag.sh IDENTITY_FILE < envelope
set -eu
[ $# -eq 1 ] || { echo "usage: value-tag.sh IDENTITY_FILE < envelope" >&2; exit 2; }
plain=$(mktemp)
trap 'rm -f "$plain"' EXIT
cut -d: -f5 | base64 -d | age -d -i "$1" >"$plain"
line=$(head -n 1 "$plain")
case $line in
  *" valuekey="*) ;;
  *) echo "value-tag.sh: the binding line has no valuekey field" >&2; exit 1 ;;
esac
# The key is the last field: 43 characters of unpadded base64url, 32 bytes.
hexkey=$(printf '%s=' "${line##* valuekey=}" | tr -- '-_' '+/' | base64 -d | od -An -tx1 -v | tr -d ' \n')
tail -n +2 "$plain" | {
  printf 'sealwright.dev/v1 value-tag\n'
  cat
} | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | base64 -w0
echo
