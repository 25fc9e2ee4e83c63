#!/usr/bin/env bash
# Creates a DEVELOPMENT certificate authority and certificates for SerialCluster's mutual TLS (docs/SECURITY.md):
#   ca.pem / ca.key        the cluster's CA (keep ca.key secret: whoever holds it can admit anyone)
#   silo.pem / silo.key    for silos: server and client authentication (silos accept and open connections)
#   client.pem / client.key for the CLI and other clients: client authentication only
# Usage: deploy/tls/make-dev-certs.sh [DIR] [DAYS]   (default DIR deploy/tls/dev, DAYS 365)
# Refuses to overwrite an existing CA in DIR. Needs openssl (apt-get install -y openssl).
set -euo pipefail

dir="${1:-$(dirname "$0")/dev}"
days="${2:-365}"
command -v openssl >/dev/null 2>&1 || { echo "make-dev-certs: openssl not found: apt-get install -y openssl" >&2; exit 2; }
[[ "$days" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "make-dev-certs: DAYS '$days' is not a number of days from 1 to 9999" >&2; exit 2; }
mkdir -p "$dir"
if [ -e "$dir/ca.key" ]; then
  echo "make-dev-certs: $dir/ca.key exists; remove the directory's files to make a new CA" >&2
  exit 2
fi

umask 077
ext="$(mktemp)"
trap 'rm -f "$ext" "$dir"/*.csr "$dir"/ca.srl' EXIT
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)

openssl req -x509 "${ec[@]}" -keyout "$dir/ca.key" -out "$dir/ca.pem" -days "$days" -subj "/CN=SerialCluster development CA" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

issue() { # name, common name, extended key usage
  local name="$1" cn="$2" usage="$3"
  openssl req "${ec[@]}" -keyout "$dir/$name.key" -out "$dir/$name.csr" -subj "/CN=$cn" 2>/dev/null
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=$usage" "subjectAltName=DNS:localhost,DNS:$cn,IP:127.0.0.1" >"$ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -out "$dir/$name.pem" -days "$days" -extfile "$ext" 2>/dev/null
}

issue silo serialcluster-silo serverAuth,clientAuth
issue client serialcluster-client clientAuth
chmod 644 "$dir"/*.pem
echo "development CA and certificates in $dir: ca.pem, silo.pem/silo.key, client.pem/client.key (valid $days days)"
