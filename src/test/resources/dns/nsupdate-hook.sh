#!/bin/sh
# A DNS hook for the tests: adds the TXT value to (or deletes exactly that value from) each named on
# 127.0.0.1 at the ports given, by unsigned RFC 2136 updates through nsupdate.
# Usage: nsupdate-hook.sh add|delete PORT...
# The record comes from the environment only (ACMECTL_TXT_NAME, ACMECTL_TXT_VALUE).
set -eu
action=$1
shift
for port in "$@"; do
    printf 'server 127.0.0.1 %s\nupdate %s %s 5 TXT "%s"\nsend\n' "$port" "$action" "$ACMECTL_TXT_NAME" \
        "$ACMECTL_TXT_VALUE" | nsupdate
done
echo "$action $ACMECTL_TXT_NAME on $*"
