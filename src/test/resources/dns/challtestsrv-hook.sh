#!/bin/sh
# A certbot-style DNS hook for the tests: puts the TXT record into pebble-challtestsrv (Pebble's DNS)
# through its management API, or takes it out. Usage: challtestsrv-hook.sh URL set|clear|fail|hang LOG
# The record comes from the environment only (ACMECTL_TXT_NAME, CERTBOT_VALIDATION...); each run
# appends one line to LOG: the mode and the variables it was given.
set -eu
url=$1
mode=$2
log=$3
printf '%s name=%s value=%s domain=%s remaining=%s all=%s auth_output=%s\n' "$mode" "$ACMECTL_TXT_NAME" \
    "$CERTBOT_VALIDATION" "$CERTBOT_DOMAIN" "$CERTBOT_REMAINING_CHALLENGES" "$CERTBOT_ALL_DOMAINS" \
    "${CERTBOT_AUTH_OUTPUT:-}" >> "$log"
case $mode in
set)
    curl -fsS -X POST -d "{\"host\":\"$ACMECTL_TXT_NAME\",\"value\":\"$ACMECTL_TXT_VALUE\"}" "$url/set-txt"
    echo "added $ACMECTL_TXT_NAME"
    ;;
clear)
    curl -fsS -X POST -d "{\"host\":\"$ACMECTL_TXT_NAME\"}" "$url/clear-txt"
    ;;
fail)
    echo "the DNS provider refused the API token"
    exit 3
    ;;
hang)
    curl -fsS -X POST -d "{\"host\":\"$ACMECTL_TXT_NAME\",\"value\":\"$ACMECTL_TXT_VALUE\"}" "$url/set-txt"
    touch "$log.hanging"
    sleep 60
    ;;
esac
