#!/bin/sh
# Opens a Sealwright envelope with the real age CLI and POSIX tools, no Sealwright code, and prints
# the age plaintext (docs/format.md §3): the binding line, LF, then the value byte for byte. It
# checks nothing about the binding; that is for the caller.
#
#   open-with-age.sh IDENTITY_FILE < envelope
set -eu
[ $# -eq 1 ] || { echo "usage: open-with-age.sh IDENTITY_FILE < envelope" >&2; exit 2; }
cut -d: -f5 | base64 -d | age -d -i "$1"
