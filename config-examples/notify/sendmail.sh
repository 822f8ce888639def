#!/bin/sh
# A notify command that mails the run's report through the local MTA's sendmail (postfix, exim,
# msmtp-mta, nullmailer all provide one). In want.yaml:
#
#   notify: { command: /etc/acmectl/notify/sendmail.sh }
#
# acmectl runs it once after a renew or issue --all run in which a certificate failed, or one is near
# its end and overdue for renewal (or after every run with always: true). The report (JSON, see
# README "Notifications") arrives on standard input; the environment says why in one line:
# ACMECTL_NOTIFY_SUMMARY ("acmectl renew: 1 failed (0 obtained, 4 in the run)"), ACMECTL_NOTIFY_REASONS
# ("failed expiring" or "always"), ACMECTL_FAILED_COUNT, ACMECTL_EXPIRING_COUNT, ACMECTL_RUN_COMMAND.
# Under acmectl-renew.service's ProtectSystem=strict, the MTA's queue must be writable: see
# config-examples/systemd.
set -eu

to="${ACMECTL_NOTIFY_TO:-root}"             # who gets it: set here, or in the service's environment
from="${ACMECTL_NOTIFY_FROM:-acmectl@$(hostname -f 2>/dev/null || hostname)}"
subject="${ACMECTL_NOTIFY_SUMMARY:-acmectl report} on $(hostname)"

{
    printf 'From: %s\n' "$from"
    printf 'To: %s\n' "$to"
    printf 'Subject: %s\n' "$subject"
    printf 'Content-Type: text/plain; charset=utf-8\n'
    printf '\n'
    printf '%s\n\n' "$subject"
    printf 'The report of the run (README "Notifications" explains each field):\n\n'
    cat
} | "${SENDMAIL:-/usr/sbin/sendmail}" -oi -t
