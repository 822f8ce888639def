#!/bin/sh
# A DNS hook for dns-01 that adds and deletes the _acme-challenge TXT record with nsupdate (RFC 2136
# dynamic updates, signed with a TSIG key). One script for both steps, the step as its argument:
#
#   add:     /etc/acmectl/hooks/dns-nsupdate.sh add
#   cleanup: /etc/acmectl/hooks/dns-nsupdate.sh delete
#
# It reads certbot's manual-hook variables, so it also serves certbot's --manual-auth-hook and
# --manual-cleanup-hook: CERTBOT_DOMAIN (the name validated), CERTBOT_VALIDATION (the TXT value), and
# acmectl's ACMECTL_TXT_NAME (the full record name) when set. Values come from the environment only,
# never from this command line, and are checked before nsupdate sees them.
#
# Set these for your DNS server (here, or in the service's environment):
server="${NSUPDATE_SERVER:-127.0.0.1}"          # the primary that accepts updates
port="${NSUPDATE_PORT:-53}"
keyfile="${NSUPDATE_KEYFILE:-/etc/acmectl/tsig.key}"   # tsig-keygen's output, mode 0600
ttl=60
set -eu

step="${1:-}"
case "$step" in
    add | delete) ;;
    *) echo "usage: $0 add|delete (the record comes from CERTBOT_DOMAIN and CERTBOT_VALIDATION)" >&2; exit 2 ;;
esac

domain="${CERTBOT_DOMAIN:?CERTBOT_DOMAIN is not set: run me as a DNS hook}"
value="${CERTBOT_VALIDATION:?CERTBOT_VALIDATION is not set: run me as a DNS hook}"
name="${ACMECTL_TXT_NAME:-_acme-challenge.${domain#\*.}}"
name="${name%.}."

# nsupdate reads commands: a name or value with a space or a line break could add one of its own.
case "$name" in
    *[!A-Za-z0-9._-]*) echo "dns-nsupdate: refusing record name '$name'" >&2; exit 1 ;;
esac
case "$value" in
    *[!A-Za-z0-9_-]*) echo "dns-nsupdate: refusing TXT value for $name (not base64url)" >&2; exit 1 ;;
esac

if [ "$step" = add ]; then
    change="update add $name $ttl IN TXT \"$value\""
else
    change="update delete $name IN TXT \"$value\""
fi

nsupdate -k "$keyfile" <<NSUPDATE
server $server $port
$change
send
NSUPDATE
echo "dns-nsupdate: $step TXT $name at $server"
