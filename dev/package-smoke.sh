#!/usr/bin/env bash
# The Debian package as an admin meets it (.ci/run calls this after the tests): installs the built
# target/acmectl_*_all.deb with dpkg -i (missing Java with apt-get -f), checks what it installed
# (launcher, class-data archive made for this machine's Java and mapped in by the first run, man pages,
# completions, /etc/acmectl 0700, the systemd units), issues a certificate from a throwaway Pebble with
# the installed /usr/bin/acmectl and completes its name in bash, then removes the package (dpkg -r)
# and checks what that removed, and purges it (the machine is left as found, also on a failure).
# Needs root (or sudo), and './mvnw package' before.
#   dev/package-smoke.sh [DEB]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-$(ls -t target/acmectl_*_all.deb 2>/dev/null | head -1)}
[ -f "$deb" ] || { echo "package-smoke: no target/acmectl_*_all.deb: run ./mvnw -DskipTests package first" >&2; exit 2; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
if dpkg-query -W -f='${Status}' acmectl 2>/dev/null | grep -q "ok installed"; then
    echo "package-smoke: acmectl is already installed here; not replacing an admin's install" >&2
    exit 2
fi

step() { printf '\n== %s\n' "$*"; }
fail() { echo "package-smoke: FAILED: $*" >&2; exit 1; }

# dpkg takes one lock per machine; another install may hold it for a while (bounded wait, 5 min).
dpkg_run() {
    local out
    for _ in $(seq 1 60); do
        if out=$($sudo env DEBIAN_FRONTEND=noninteractive dpkg "$@" 2>&1); then echo "$out"; return 0; fi
        case $out in *"dpkg frontend lock"*|*"dpkg status database is locked"*) sleep 5 ;; *) echo "$out" >&2; return 1 ;; esac
    done
    echo "package-smoke: dpkg stayed locked for 5 minutes" >&2; return 1
}

etc_existed=false
[ -d /etc/acmectl ] && etc_existed=true
installed=false
work=""
cleanup() {
    [ -n "$work" ] && { pebble_stop "$work/pebble" || true; rm -rf "$work"; }
    if $installed; then dpkg_run -P acmectl >/dev/null || true; fi
    # Leave the machine as found: an /etc/acmectl the package created, still empty, goes too.
    $etc_existed || $sudo rmdir /etc/acmectl 2>/dev/null || true
}
trap cleanup EXIT

work=$(mktemp -d)
step "the tarball: unpacked anywhere, its class-data archive made, run through a link"
tarball=$(ls -t target/acmectl-*.tar.gz | head -1)
tar -xzf "$tarball" -C "$work"
unpacked=$(ls -d "$work"/acmectl-*)
for part in bin/acmectl lib/acmectl.jar man/man1/acmectl-renew.1 completions/acmectl.bash completions/_acmectl \
        systemd/acmectl-renew.timer; do
    [ -e "$unpacked/$part" ] || fail "the tarball has no $part"
done
"$unpacked/lib/make-cds-archive" "$unpacked/lib"
ln -s "$unpacked/bin/acmectl" "$work/acmectl-link"
shared=$(ACMECTL_JAVA_OPTS='-Xlog:class+load=info:stdout' "$work/acmectl-link" --version \
    | grep -c 'io\.acmectl\..* source: shared objects file' || true)
[ "$shared" -gt 0 ] || fail "the tarball's launcher does not use the class-data archive"
echo "tarball: $shared of acmectl's classes from its class-data archive"

step "dpkg -i $deb"
if ! dpkg_run -i "$deb"; then
    echo "package-smoke: installing missing dependencies with apt-get -f install" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -f install -y -qq >/dev/null
fi
installed=true
dpkg-query -W -f='${Status}\n' acmectl | grep -q "install ok installed" || fail "acmectl is not configured"

step "what the package installed"
[ "$(readlink -f /usr/bin/acmectl)" = /usr/share/acmectl/bin/acmectl ] || fail "/usr/bin/acmectl is not the launcher"
/usr/bin/acmectl --version | head -1
$etc_existed || [ "$(stat -c %a /etc/acmectl)" = 700 ] || fail "/etc/acmectl is not 0700"
[ -s /var/cache/acmectl/acmectl.jsa ] || fail "the postinst made no class-data archive"
# The first run maps the archive in: acmectl's own classes come from it, not from the jar.
shared=$(ACMECTL_JAVA_OPTS='-Xlog:class+load=info:stdout' /usr/bin/acmectl --version \
    | grep -c 'io\.acmectl\..* source: shared objects file' || true)
[ "$shared" -gt 0 ] || fail "the installed launcher does not use the class-data archive"
echo "first run: $shared of acmectl's classes from the class-data archive"
for page in acmectl acmectl-renew acmectl-issue; do
    [ -f "/usr/share/man/man1/$page.1.gz" ] || fail "no man page $page"
done
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man acmectl-renew 2>/dev/null | grep -q -- '--cert-name' || fail "man acmectl-renew does not read"
fi
[ -f /usr/share/bash-completion/completions/acmectl ] && [ -f /usr/share/zsh/vendor-completions/_acmectl ] \
    || fail "completions missing"
[ -f /usr/share/doc/acmectl/copyright ] && [ -f /usr/share/doc/acmectl/changelog.gz ] || fail "doc files missing"
if command -v systemd-analyze >/dev/null 2>&1; then
    systemd-analyze verify --man=no /lib/systemd/system/acmectl-renew.service /lib/systemd/system/acmectl-renew.timer \
        || fail "systemd-analyze verify: the installed units"
else
    echo "package-smoke: systemd-analyze missing, installed units not verified (SystemdUnitsTest checks them)" >&2
fi

step "issue a certificate from Pebble with /usr/bin/acmectl"
. dev/pebble.sh
acme_port=$(pebble_free_port)
http_port=$(pebble_free_port)
PEBBLE_WFE_NONCEREJECT=0 pebble_start "$work/pebble" "$acme_port" "$http_port"
store="$work/store"
/usr/bin/acmectl --config-dir "$store" --server "https://localhost:$acme_port/dir" \
    --ca-bundle "$work/pebble/tls-ca.pem" "${pebble_check_options[@]}" issue smoke.example.test --standalone --http-address 127.0.0.1 \
    --http-port "$http_port" --agree-tos --email admin@example.com
openssl x509 -in "$store/live/smoke.example.test/cert.pem" -noout -ext subjectAltName | grep -q 'DNS:smoke.example.test' \
    || fail "no certificate for smoke.example.test"
/usr/bin/acmectl --config-dir "$store" certificates

step "bash completes the stored certificate's name"
words=$(bash -c 'source /usr/share/bash-completion/completions/acmectl; compopt() { :; }
    COMP_WORDS=(acmectl --config-dir "$1" renew --cert-name smo); COMP_CWORD=5; COMP_LINE="${COMP_WORDS[*]}"
    _complete_acmectl; printf "%s\n" "${COMPREPLY[@]}"' bash "$store")
[ "$words" = smoke.example.test ] || fail "renew --cert-name smo<TAB> gave '$words'"
echo "acmectl renew --cert-name smo<TAB>: $words"
if command -v zsh >/dev/null 2>&1; then
    step "zsh completes it too (/usr/share/zsh/vendor-completions/_acmectl, through a real zsh line editor)"
    line=$(zsh -f dev/zsh-complete.zsh "acmectl --config-dir $store renew --cert-name smo") || fail "zsh did not answer"
    [ "${line% }" = "acmectl --config-dir $store renew --cert-name smoke.example.test" ] || fail "zsh completed '$line'"
    echo "zsh: $line"
else
    echo "package-smoke: zsh missing, its completion not tried" >&2
fi

step "dpkg -r acmectl"
dpkg_run -r acmectl
[ ! -e /usr/bin/acmectl ] || fail "/usr/bin/acmectl is still there"
[ ! -e /var/cache/acmectl/acmectl.jsa ] || fail "the class-data archive is still there"
[ ! -e /usr/share/acmectl ] || fail "/usr/share/acmectl is still there"
step "dpkg -P acmectl"
dpkg_run -P acmectl
installed=false
[ ! -e /etc/systemd/system/acmectl-renew.timer ] && [ ! -e /etc/systemd/system/timers.target.wants/acmectl-renew.timer ] \
    || fail "the purge left the timer's links in /etc/systemd/system"
echo "package-smoke: OK"
