#!/bin/sh
# A certbot-style DNS hook for the tests: puts the TXT record into pebble-challtestsrv (Pebble's DNS)
# through its management API, or takes it out. Usage: challtestsrv-hook.sh URL set|clear|wrong|fail|hang LOG
# The record comes from the environment only (ACMECTL_TXT_NAME, CERTBOT_VALIDATION...); each run
# appends one line to LOG: the mode and the variables it was given.
set -eu
url=$1
mode=$2
log=$3
printf '%s name=%s value=%s domain=%s remaining=%s all=%s auth_output=%s\n' "$mode" "$ACMECTL_TXT_NAME" \
    "$CERTBOT_VALIDATION" "$CERTBOT_DOMAIN" "$CERTBOT_REMAINING_CHALLENGES" "$CERTBOT_ALL_DOMAINS" \
    "${CERTBOT_AUTH_OUTPUT:-}" >> "$log"
# POST a JSON body to the management API with curl, else wget (dev/install-deps.sh installs either)
post() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -X POST -d "$2" "$url$1"
    else
        wget -q -O - --post-data="$2" "$url$1"
    fi
}
case $mode in
set)
    post /set-txt "{\"host\":\"$ACMECTL_TXT_NAME\",\"value\":\"$ACMECTL_TXT_VALUE\"}"
    echo "added $ACMECTL_TXT_NAME"
    ;;
clear)
    post /clear-txt "{\"host\":\"$ACMECTL_TXT_NAME\"}"
    ;;
wrong)
    post /set-txt "{\"host\":\"$ACMECTL_TXT_NAME\",\"value\":\"not-the-digest\"}"
    ;;
fail)
    echo "the DNS provider refused the API token"
    exit 3
    ;;
hang)
    post /set-txt "{\"host\":\"$ACMECTL_TXT_NAME\",\"value\":\"$ACMECTL_TXT_VALUE\"}"
    touch "$log.hanging"
    sleep 60
    ;;
esac
