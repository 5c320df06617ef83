#!/usr/bin/env bash
# Creates (once) a development CA and one member certificate for a local multi-process cluster
# (./run.sh --silos N --gateways M): silos and gateways talk mutual TLS as in a deployment
# (docs/security.md), with certificates that exist only under .local/certs. Prints the folder.
# The member certificate carries serverAuth and clientAuth (the cluster accepts a peer only with
# both) and is valid for 30 days; an expired or missing one is made again.
set -euo pipefail
dir="${1:?usage: dev-cluster-certs.sh DIR}"
mkdir -p "$dir"
cd "$dir"
if [ -s member.crt ] && [ -s member.key ] && [ -s ca.crt ] && openssl x509 -in member.crt -noout -checkend 86400 > /dev/null 2>&1; then
  pwd; exit 0
fi
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=local cluster dev CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout ca.key -out ca.crt 2> /dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=cluster-member" -keyout member.key -out member.csr 2> /dev/null
printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
  "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:localhost,DNS:cluster-member,IP:127.0.0.1" > member.ext
openssl x509 -req -in member.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile member.ext -out member.crt 2> /dev/null
rm -f member.csr member.ext ca.srl
pwd
