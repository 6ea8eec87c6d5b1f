#!/usr/bin/env bash
# Mints the webhook's serving certificate for the self-signed overlay (deploy/overlays/self-signed), with openssl.
#
#   certs/mint.sh                  new CA + serving certificate into certs/out/ (refuses if a CA is already there)
#   certs/mint.sh --rotate-leaf    new serving certificate and key from the existing CA; the CA is not touched
#
# Writes into the output folder (git-ignored; keys are never committed):
#   ca.key, ca.crt           the CA (keep ca.key private: whoever holds it can impersonate the webhook)
#   tls.key, tls.crt         the serving key and certificate, SANs <service>.<namespace>.svc[.cluster.local];
#                            symlinks through ..data to the current ..<timestamp> directory, swapped atomically
#                            by --rotate-leaf
#   tls-secret.yaml          the kubernetes.io/tls Secret the Deployment mounts
#   ca-bundle.yaml           the CA, base64, as a local-config ConfigMap (never applied; kustomize reads it)
#   kustomization.yaml       the self-signed overlay + that Secret + the CA in every webhook's caBundle
# Then: kubectl apply -k <output folder>
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: certs/mint.sh [--rotate-leaf] [--out DIR] [--overlay DIR] [--namespace NS] [--service NAME]
                     [--ca-days N] [--days N]
  --rotate-leaf   issue a new serving certificate from the CA already in --out (caBundle unchanged)
  --out DIR       output folder (default: certs/out)
  --overlay DIR   the kustomize overlay the output builds on (default: deploy/overlays/self-signed)
  --namespace NS  the webhook's namespace (default: admission-webhook)
  --service NAME  the webhook's Service (default: admission-webhook)
  --ca-days N     CA validity in days (default: 3650)
  --days N        serving certificate validity in days (default: 365)
USAGE
}

here=$(cd "$(dirname "$0")" && pwd -P)
out="$here/out"
overlay="$here/../deploy/overlays/self-signed"
namespace=admission-webhook
service=admission-webhook
ca_days=3650
days=365
rotate_leaf=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rotate-leaf) rotate_leaf=true; shift ;;
    --out) out=$2; shift 2 ;;
    --overlay) overlay=$2; shift 2 ;;
    --namespace) namespace=$2; shift 2 ;;
    --service) service=$2; shift 2 ;;
    --ca-days) ca_days=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "mint.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

command -v openssl >/dev/null 2>&1 || { echo "mint.sh: openssl is required" >&2; exit 1; }
[ -f "$overlay/kustomization.yaml" ] || { echo "mint.sh: no kustomization.yaml in overlay $overlay" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd -P)
overlay=$(cd "$overlay" && pwd -P)
# Keys are created readable by their owner only.
umask 077

if $rotate_leaf; then
  if [ ! -f "$out/ca.key" ] || [ ! -f "$out/ca.crt" ]; then
    echo "mint.sh: --rotate-leaf needs the CA in $out (ca.key, ca.crt); run without --rotate-leaf first" >&2
    exit 1
  fi
else
  if [ -f "$out/ca.key" ]; then
    echo "mint.sh: a CA already exists in $out. Use --rotate-leaf to renew the serving certificate only," >&2
    echo "         or remove $out to start over (a new CA means a new caBundle: see deploy/README.md)." >&2
    exit 1
  fi
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/ca.key" 2>/dev/null
  openssl req -x509 -new -sha256 -key "$out/ca.key" -days "$ca_days" \
    -subj "/CN=${service}.${namespace} webhook CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$out/ca.crt"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dns="${service}.${namespace}.svc"
cat > "$work/leaf.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:${dns},DNS:${dns}.cluster.local
EXT
# The key and certificate live together in a fresh directory, out/..<timestamp>/; out/..data is a symlink to the
# current one, and out/tls.crt and out/tls.key are symlinks through it (the layout the kubelet gives a mounted
# Secret). Replacing ..data is one rename(2), so a webhook reading tls.crt and tls.key (--tls-cert/--tls-key) sees
# the old pair or the new pair, never the new certificate with the old key.
pair="..$(date -u +%Y_%m_%d_%H_%M_%S).$$"
mkdir "$out/$pair"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/$pair/tls.key" 2>/dev/null
openssl req -new -sha256 -key "$out/$pair/tls.key" -subj "/CN=${dns}" -out "$work/tls.csr"
# Back-dating is not possible with "openssl x509 -req"; clock skew between nodes is covered by the CA's age.
openssl x509 -req -sha256 -in "$work/tls.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" \
  -set_serial "0x$(openssl rand -hex 16)" -days "$days" -extfile "$work/leaf.ext" -out "$out/$pair/tls.crt" 2>/dev/null
openssl verify -CAfile "$out/ca.crt" "$out/$pair/tls.crt" >/dev/null
chmod 755 "$out/$pair"
chmod 644 "$out/$pair/tls.crt"
previous=$(readlink "$out/..data" 2>/dev/null || true)
ln -s "$pair" "$out/..data_tmp"
# GNU mv: -T replaces the symlink itself; BSD mv: -h does not follow it into the old directory.
mv -T "$out/..data_tmp" "$out/..data" 2>/dev/null || mv -fh "$out/..data_tmp" "$out/..data"
for name in tls.crt tls.key; do
  # Once, from the layout of earlier versions (plain files): from now on they point through ..data.
  if [ ! -L "$out/$name" ]; then
    ln -s "..data/$name" "$out/$name.tmp"
    mv -f "$out/$name.tmp" "$out/$name"
  fi
done
if [ -n "$previous" ] && [ "$previous" != "$pair" ]; then
  rm -rf "${out:?}/$previous"
fi

b64() { openssl base64 -A -in "$1"; }

# The Secret the Deployment mounts (name fixed by deploy/base/deployment.yaml).
cat > "$out/tls-secret.yaml" <<YAML
# Generated by certs/mint.sh: holds a private key. Never commit it.
apiVersion: v1
kind: Secret
metadata:
  name: admission-webhook-tls
  namespace: ${namespace}
  labels:
    app.kubernetes.io/name: admission-webhook
  annotations:
    admission-webhook.io/placeholder: null
type: kubernetes.io/tls
data:
  tls.crt: $(b64 "$out/tls.crt")
  tls.key: $(b64 "$out/tls.key")
YAML

if ! $rotate_leaf; then
  cat > "$out/ca-bundle.yaml" <<YAML
# Generated by certs/mint.sh: the CA certificate (public), read by kustomize and never applied.
apiVersion: v1
kind: ConfigMap
metadata:
  name: admission-webhook-ca-bundle
  annotations:
    config.kubernetes.io/local-config: "true"
data:
  caBundle: $(b64 "$out/ca.crt")
YAML
fi

# kustomize accepts only relative paths to other kustomizations.
relpath() {
  local from=$1 to=$2 common=$1 up=""
  while [ "$common" != "/" ] && [ "${to#"$common"/}" = "$to" ] && [ "$common" != "$to" ]; do
    common=$(dirname "$common")
    up="../$up"
  done
  if [ "$common" = "$to" ]; then
    echo "${up:-.}"
  elif [ "$common" = "/" ]; then
    echo "${up}${to#/}"
  else
    echo "${up}${to#"$common"/}"
  fi
}

cat > "$out/kustomization.yaml" <<YAML
# Generated by certs/mint.sh: the self-signed overlay with the minted Secret and the CA in every caBundle.
# Apply with: kubectl apply -k $(relpath "$PWD" "$out")
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - $(relpath "$out" "$overlay")
  - ca-bundle.yaml
patches:
  - path: tls-secret.yaml
replacements:
  - source:
      kind: ConfigMap
      name: admission-webhook-ca-bundle
      fieldPath: data.caBundle
    targets:
      - select:
          group: admissionregistration.k8s.io
          kind: ValidatingWebhookConfiguration
        fieldPaths: ["webhooks.*.clientConfig.caBundle"]
        options:
          create: true
      - select:
          group: admissionregistration.k8s.io
          kind: MutatingWebhookConfiguration
        fieldPaths: ["webhooks.*.clientConfig.caBundle"]
        options:
          create: true
YAML

# Certificates are public; keys and the Secret stay owner-only.
chmod 644 "$out/ca.crt" "$out/ca-bundle.yaml" "$out/kustomization.yaml"

echo "CA:          $out/ca.crt (expires $(openssl x509 -noout -enddate -in "$out/ca.crt" | cut -d= -f2))"
echo "serving:     $out/tls.crt for ${dns} (expires $(openssl x509 -noout -enddate -in "$out/tls.crt" | cut -d= -f2))"
echo "apply with:  kubectl apply -k $(relpath "$PWD" "$out")"
