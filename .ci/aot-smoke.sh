#!/usr/bin/env bash
# Publishes samples/Integry.Sdk.Samples.AotSmoke with Native AOT (clang from Debian's packages), or trimmed when the
# native toolchain cannot be had, runs it, and fails on any trim or AOT warning.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts/aot"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

aot=true
if ! command -v clang >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 \
    && apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq clang lld zlib1g-dev >/dev/null 2>&1; then
    echo "installed clang for Native AOT"
  else
    echo "clang is not available: publishing trimmed instead of Native AOT"
    aot=false
  fi
fi

rm -rf "$out"
if [ "$aot" = true ]; then
  dotnet publish "$root/samples/Integry.Sdk.Samples.AotSmoke" -c Release -r linux-x64 -o "$out" -nologo | tee "$log"
else
  dotnet publish "$root/samples/Integry.Sdk.Samples.AotSmoke" -c Release -r linux-x64 -o "$out" -nologo \
    -p:PublishAot=false -p:PublishTrimmed=true -p:SelfContained=true | tee "$log"
fi

warnings=$(grep -cE "warning (IL|CA)[0-9]+" "$log" || true)
echo "trim/AOT warnings: $warnings"
test "$warnings" -eq 0
"$out/Integry.Sdk.Samples.AotSmoke" | tee -a "$log"
grep -q "AOT SMOKE OK" "$log"
