#!/bin/sh
# A notify command that posts the run's report (JSON, see README "Notifications") to a webhook with
# curl: an alerting gateway, a chat's incoming-webhook relay, your own endpoint. In want.yaml:
#
#   notify: { command: /etc/acmectl/notify/webhook.sh, timeout: 30 }
#
# The URL often holds a token, so it is neither in want.yaml nor on curl's command line (which ps
# shows to every user): it lives in a curl config file only root can read, /etc/acmectl/webhook.curl
# (mode 0600), holding one line:
#
#   url = "https://hooks.example.com/services/T0KEN"
#
# The report arrives on standard input and goes out as it is; ACMECTL_NOTIFY_SUMMARY and
# ACMECTL_NOTIFY_REASONS (made by acmectl: one line each) travel as headers for endpoints that want
# only a line. --fail makes an HTTP error a failure, which acmectl reports without changing the run's
# exit code; --max-time stays below the notify timeout.
set -eu

config="${ACMECTL_WEBHOOK_CONFIG:-/etc/acmectl/webhook.curl}"

curl --config "$config" --silent --show-error --fail --max-time 25 --retry 2 \
    -H 'Content-Type: application/json' \
    -H "X-Acmectl-Summary: ${ACMECTL_NOTIFY_SUMMARY:-}" \
    -H "X-Acmectl-Reasons: ${ACMECTL_NOTIFY_REASONS:-}" \
    --data-binary @-
