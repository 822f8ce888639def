# Shell helpers that run a throwaway Pebble (the ACME test CA) on loopback.
# Source this file, then: pebble_start DIR [ACME_PORT] [HTTP01_PORT]; ...; pebble_stop DIR
# pebble_start sets pebble_check_options: the options that point acmectl's self-check (run before the
# CA is asked) where this Pebble validates and at its DNS server, which resolves every name to 127.0.0.1.
# Needs pebble and pebble-challtestsrv (Debian package 'pebble', or $PEBBLE_HOME/usr/bin) and openssl.

pebble_bin() {
    if [ -n "${PEBBLE_HOME:-}" ] && [ -x "$PEBBLE_HOME/usr/bin/$1" ]; then echo "$PEBBLE_HOME/usr/bin/$1";
    elif [ -n "${PEBBLE_HOME:-}" ] && [ -x "$PEBBLE_HOME/bin/$1" ]; then echo "$PEBBLE_HOME/bin/$1";
    else command -v "$1"; fi
}

pebble_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
        || shuf -i 20000-60000 -n 1
}

pebble_wait_port() { # bounded: 100 tries of 0.1 s
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "pebble.sh: nothing listens on 127.0.0.1:$1 after 10 s" >&2
    return 1
}

pebble_start() {
    local dir=$1 acme_port=${2:-14000} http_port=${3:-5002}
    local pebble challtestsrv dns_port mgmt_port chall_mgmt
    pebble=$(pebble_bin pebble) && challtestsrv=$(pebble_bin pebble-challtestsrv) || {
        echo "pebble.sh: pebble is not installed (apt-get install pebble, or set PEBBLE_HOME)" >&2; return 1; }
    mkdir -p "$dir"
    dns_port=$(pebble_free_port); mgmt_port=$(pebble_free_port); chall_mgmt=$(pebble_free_port)
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=pebble-tls-ca \
        -keyout "$dir/tls-ca.key" -out "$dir/tls-ca.pem" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
        -keyout "$dir/tls.key" -out "$dir/tls.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$dir/tls.ext"
    openssl x509 -req -in "$dir/tls.csr" -CA "$dir/tls-ca.pem" -CAkey "$dir/tls-ca.key" -CAcreateserial \
        -days 2 -extfile "$dir/tls.ext" -out "$dir/tls.pem" 2>/dev/null
    cat > "$dir/pebble.json" <<JSON
{"pebble":{"listenAddress":"127.0.0.1:$acme_port","managementListenAddress":"127.0.0.1:$mgmt_port",
 "certificate":"$dir/tls.pem","privateKey":"$dir/tls.key","httpPort":$http_port,"tlsPort":5001,
 "ocspResponderURL":"","externalAccountBindingRequired":false}}
JSON
    local dns_flag=-dns01 extra=()
    # Read whole, not piped into grep -q: under pipefail (the bench scripts) the SIGPIPE grep -q can cause
    # made the newer flags look absent now and then, and the DNS server was started with flags it refuses.
    local usage; usage=$("$challtestsrv" -h 2>&1 || true)
    case $usage in *-dnsserver*) dns_flag=-dnsserver; extra=(-doh "") ;; esac
    "$challtestsrv" "$dns_flag" "127.0.0.1:$dns_port" -management "127.0.0.1:$chall_mgmt" -http01 "" \
        -https01 "" -tlsalpn01 "" -defaultIPv4 127.0.0.1 -defaultIPv6 "" "${extra[@]}" \
        > "$dir/challtestsrv.log" 2>&1 &
    echo $! > "$dir/challtestsrv.pid"
    PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=${PEBBLE_WFE_NONCEREJECT:-0} \
        "$pebble" -config "$dir/pebble.json" -dnsserver "127.0.0.1:$dns_port" > "$dir/pebble.log" 2>&1 &
    echo $! > "$dir/pebble.pid"
    pebble_wait_port "$chall_mgmt" # its DNS server answers Pebble's look-ups: an issuance before it fails
    pebble_wait_port "$acme_port"
    pebble_check_options=(--ca-validation-ports "$http_port,5001" --self-check-resolver "127.0.0.1:$dns_port")
}

pebble_stop() {
    local dir=$1 f
    for f in "$dir/pebble.pid" "$dir/challtestsrv.pid"; do
        [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"
    done
    return 0
}

# Starts a throwaway Pebble with no nonce rejection in a new temporary folder, stopped and removed
# when the script exits. Sets work, acme_port, http_port and pebble_options (acmectl's global options
# for it, with a store in $work/store).
pebble_start_temp() {
    work=$(mktemp -d)
    acme_port=$(pebble_free_port)
    http_port=$(pebble_free_port)
    PEBBLE_WFE_NONCEREJECT=0 pebble_start "$work/pebble" "$acme_port" "$http_port"
    trap 'pebble_stop "$work/pebble"; rm -rf "$work"' EXIT
    pebble_options=(--server "https://localhost:$acme_port/dir" --ca-bundle "$work/pebble/tls-ca.pem"
        "${pebble_check_options[@]}")
}
