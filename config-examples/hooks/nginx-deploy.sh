#!/bin/sh
# A deploy hook for nginx: after a certificate is issued or renewed, check nginx's configuration and
# reload it, so that new connections get the new certificate. In want.yaml:
#
#   hooks: { deploy: ["/etc/acmectl/hooks/nginx-deploy.sh"] }
#
# nginx reads the certificate through the live/ paths acmectl keeps stable, for example
#   ssl_certificate     /etc/acmectl/live/example.com/fullchain.pem;
#   ssl_certificate_key /etc/acmectl/live/example.com/privkey.pem;
# so nothing needs copying: a reload is enough. acmectl passes what changed in the environment only
# (ACMECTL_CERT_NAME, ACMECTL_DOMAINS, ACMECTL_FULLCHAIN_PATH, ACMECTL_KEY_PATH, RENEWED_LINEAGE...);
# nothing is ever spliced into this command line. A non-zero exit is reported and makes the run exit 1.
set -eu

name="${ACMECTL_CERT_NAME:-unknown}"

# A broken configuration must not take nginx down: test it first, and say which certificate it was.
if ! nginx -t -q; then
    echo "nginx-deploy: nginx -t failed after $name was renewed; nginx was not reloaded" >&2
    exit 1
fi

# systemd's reload where nginx runs under systemd, else nginx's own signal.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx; then
    systemctl reload nginx
else
    nginx -s reload
fi
echo "nginx-deploy: nginx reloaded for $name"
