#!/usr/bin/env bash
# A signing test bed for development (issue 19): a test root CA, a certificate for each demo leader account and a seal
# key for the centre, all made with openssl in .data/signing/ (git-ignored; nothing secret is committed). It prints the
# settings that make the portal trust the CA and sign with the seal; an NSS database per leader lets poppler's pdfsig
# sign a downloaded report PDF the way a leader's own tool would.
#
#   scripts/dev-ca.sh            # then: eval "$(scripts/dev-ca.sh --env)" before dotnet run
#   pdfsig -nssdir sql:.data/signing/nss-bithu.phuonghoankiem -nick leader -add-signature bao-cao.pdf bao-cao-da-ky.pdf
set -euo pipefail
cd "$(dirname "$0")/.."
out=.data/signing
password=${CHILDCARE_DEV_P12_PASSWORD:-childcare-dev}
leaders=("bithu.phuonghoankiem@childcare.local|Bí thư Đảng ủy phường Hoàn Kiếm")

if [ "${1:-}" = "--env" ]; then
  echo "export Signing__TrustAnchors__0=$PWD/$out/ca.crt"
  echo "export Signing__Keys__TW__Path=$PWD/$out/seal-TW.p12"
  echo "export Signing__Keys__TW__Password=$password"
  exit 0
fi
command -v openssl >/dev/null || { echo "openssl is needed (apt-get install -y openssl)"; exit 1; }
mkdir -p "$out"
cd "$out"

if [ ! -f ca.crt ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -utf8 -subj "/CN=CA thử nghiệm ChildCare/O=Phát triển" \
    -keyout ca.key -out ca.crt -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  chmod 600 ca.key
fi

issue() { # file stem, subject, extra extensions
  local stem=$1 subject=$2 extensions=$3
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n%s\n' "$extensions" > "$stem.cnf"
  openssl req -newkey rsa:2048 -nodes -utf8 -subj "$subject" -keyout "$stem.key" -out "$stem.csr" 2>/dev/null
  openssl x509 -req -in "$stem.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 730 -out "$stem.crt" -extfile "$stem.cnf" 2>/dev/null
  openssl pkcs12 -export -inkey "$stem.key" -in "$stem.crt" -certfile ca.crt -out "$stem.p12" -passout "pass:$password" -name leader
  chmod 600 "$stem.key" "$stem.p12"
  rm -f "$stem.csr" "$stem.cnf"
}

for entry in "${leaders[@]}"; do
  email=${entry%%|*} name=${entry#*|} stem=${email%%@*}
  issue "$stem" "/CN=$name/emailAddress=$email" "subjectAltName=email:$email"
  if command -v certutil >/dev/null && command -v pk12util >/dev/null; then
    rm -rf "nss-$stem" && mkdir "nss-$stem"
    certutil -N -d "sql:nss-$stem" --empty-password
    pk12util -i "$stem.p12" -d "sql:nss-$stem" -W "$password" >/dev/null
    certutil -M -d "sql:nss-$stem" -n "CA thử nghiệm ChildCare - Phát triển" -t "CT,C,C" 2>/dev/null || true
  fi
  echo "leader certificate: $out/$stem.p12 ($email)"
done
issue seal-TW "/CN=Ban Tuyên giáo và Dân vận Trung ương (khóa thử nghiệm)/O=ChildCare" ""
echo "centre seal key:    $out/seal-TW.p12"
echo "trust anchor:       $out/ca.crt"
echo
echo "Start the portal with them:  eval \"\$(scripts/dev-ca.sh --env)\" && dotnet run --project src/ChildCare.Web"
