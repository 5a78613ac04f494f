#!/bin/sh
# Prints the key id of an age recipient (docs/format.md §1): the first 8 bytes of SHA-256 over the
# recipient string, as 16 lower-case hex digits. sha256sum prints the digest in lower-case hex, so
# the first 16 characters are the first 8 bytes.
#
#   key-id.sh RECIPIENT
set -eu
[ $# -eq 1 ] || { echo "usage: key-id.sh RECIPIENT" >&2; exit 2; }
printf %s "$1" | sha256sum | cut -c1-16
