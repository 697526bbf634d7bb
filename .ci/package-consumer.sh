#!/usr/bin/env bash
# Packs the packages into a local folder feed and uses them as a fresh consumer would, outside the repository:
#   1. a console project that references Integry.Sdk;
#   2. an NUnit project that references Integry.Sdk.Testing (emulator in-process, a FakeApp passthrough, the provider
#      conformance suite against InMemoryCredentialProvider);
#   3. the integry tool installed with `dotnet tool install --tool-path` and run: --help, emulator + invoke, apps list,
#      explain and mcp (stdio);
#   4. a console project that references Integry.Sdk.EntityFrameworkCore: the store over SQLite through dependency
#      injection, one credential saved and read back (net10.0; EF Core 10, as Directory.Packages.props pins it).
# Every step prints one "package consumer: ..." line; a failure says which step failed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="$root/artifacts/packages"
# A unique prerelease version, so the NuGet cache never serves an older build of the same version.
suffix="consumer.$(date +%Y%m%d%H%M%S).$$"
version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")-$suffix"
central() { sed -n "s:.*PackageVersion Include=\"$1\" Version=\"\([^\"]*\)\".*:\1:p" "$root/Directory.Packages.props" | head -n 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
step() { echo "package consumer: $*"; }
fail() { echo "package consumer: FAILED: $*" >&2; exit 1; }
# console_project DIR NAME ID=VERSION...: a fresh net10.0 console project ($work/DIR/NAME.csproj), warnings as errors.
console_project() {
  local dir="$work/$1" name="$2"
  shift 2
  mkdir -p "$dir"
  {
    printf '%s\n' '<Project Sdk="Microsoft.NET.Sdk">' '  <PropertyGroup>' '    <OutputType>Exe</OutputType>' \
      '    <TargetFramework>net10.0</TargetFramework>' '    <Nullable>enable</Nullable>' '    <ImplicitUsings>enable</ImplicitUsings>' \
      '    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>' '  </PropertyGroup>' '  <ItemGroup>'
    for reference in "$@"; do
      printf '    <PackageReference Include="%s" Version="%s" />\n' "${reference%%=*}" "${reference#*=}"
    done
    printf '%s\n' '  </ItemGroup>' '</Project>'
  } > "$dir/$name.csproj"
}

rm -rf "$feed"
for project in Integry.Sdk Integry.Sdk.Emulator Integry.Sdk.Testing Integry.Tool Integry.Sdk.EntityFrameworkCore; do
  dotnet pack "$root/src/$project/$project.csproj" -c Release -o "$feed" --version-suffix "$suffix" -nologo -v quiet \
    || fail "dotnet pack $project"
  test -f "$feed/$project.$version.nupkg" || fail "$project.$version.nupkg is missing"
done
test -f "$feed/Integry.Sdk.$version.snupkg" || fail "Integry.Sdk.$version.snupkg is missing"
step "packed $(cd "$feed" && ls -- *.nupkg | tr '\n' ' ')"

cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
CONFIG

# 1. The core package from a console project.
console_project console Consumer "Integry.Sdk=$version" "Microsoft.Extensions.DependencyInjection=10.0.0"
cp "$root/tests/Integry.Sdk.PackageConsumer/Program.cs" "$root/samples/Integry.Sdk.Samples.AotSmoke/OneRequestServer.cs" "$work/console/"
(cd "$work" && dotnet run --project console/Consumer.csproj -c Release -nologo) | tee "$work/console.txt" || fail "the Integry.Sdk console consumer"
grep -q "CONSUMER OK" "$work/console.txt" || fail "the Integry.Sdk console consumer did not print CONSUMER OK"
step "Integry.Sdk $version: console consumer OK"

# 2. The test kit from a fresh NUnit project.
mkdir -p "$work/kit"
cp "$root/tests/Integry.Sdk.PackageConsumer/Testing/KitTests.cs" "$work/kit/"
cat > "$work/kit/Kit.Tests.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <IsTestProject>true</IsTestProject>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Integry.Sdk.Testing" Version="$version" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="$(central Microsoft.NET.Test.Sdk)" />
    <PackageReference Include="NUnit" Version="$(central NUnit)" />
    <PackageReference Include="NUnit3TestAdapter" Version="$(central NUnit3TestAdapter)" />
  </ItemGroup>
</Project>
PROJECT
(cd "$work" && dotnet test kit/Kit.Tests.csproj -c Release -nologo --logger "console;verbosity=normal") | tee "$work/kit.txt" \
  || fail "the Integry.Sdk.Testing NUnit consumer (see the test output above)"
grep -q "KIT passthrough" "$work/kit.txt" || fail "the NUnit consumer's passthrough did not run"
step "Integry.Sdk.Testing $version: NUnit consumer OK ($(grep -Eo 'Passed: +[0-9]+' "$work/kit.txt" | tail -n 1 | tr -s ' '))"

# 3. The tool, installed from the feed.
dotnet tool install Integry.Tool --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >/dev/null \
  || fail "dotnet tool install Integry.Tool $version"
integry="$work/tools/integry"
"$integry" --help > "$work/help.txt" || fail "integry --help exited non-zero"
grep -q "Usage:" "$work/help.txt" || fail "integry --help printed no usage"
step "integry --help OK"

# Both servers bind port 0 and report the port the OS gave them (no "pick a free port, then bind it" race).
mkdir -p "$work/app"
echo '{"results":[{"id":1,"name":"Ada"}]}' > "$work/app/contacts.json"
(cd "$work/app" && exec python3 -u -m http.server 0 --bind 127.0.0.1 >"$work/app.txt" 2>&1) &
pids+=($!)
for _ in $(seq 1 100); do
  grep -q "Serving HTTP" "$work/app.txt" 2>/dev/null && break
  sleep 0.2
done
app_port="$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$work/app.txt" | head -n 1)"
[ -n "$app_port" ] || fail "the loopback app did not start: $(cat "$work/app.txt")"
cat > "$work/emulator.json" <<CONFIG
{
  "apps": [ { "slug": "localcrm", "displayName": "Local CRM", "hosts": [ "127.0.0.1" ], "baseUrl": "http://127.0.0.1:$app_port/", "allowLocalNetwork": true } ],
  "users": [ { "id": "user-42", "accounts": [ { "app": "localcrm", "id": "1", "credential": { "type": "bearer", "token": "local-token" } } ] } ]
}
CONFIG
"$integry" emulator --port 0 --config "$work/emulator.json" > "$work/emulator.txt" 2>&1 &
emulator_pid=$!
pids+=("$emulator_pid")
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/emulator.txt" 2>/dev/null && break
  kill -0 "$emulator_pid" 2>/dev/null || fail "integry emulator exited: $(cat "$work/emulator.txt")"
  sleep 0.2
done
grep -q "listening on" "$work/emulator.txt" || fail "integry emulator did not start within 20 s"
emulator_port="$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/emulator.txt" | head -n 1)"
[ -n "$emulator_port" ] || fail "integry emulator did not say its port: $(head -n 1 "$work/emulator.txt")"
step "$(head -n 1 "$work/emulator.txt")"

export INTEGRY_APP_KEY=emulator-app-key INTEGRY_APP_SECRET=emulator-app-secret INTEGRY_USER_ID=user-42
export INTEGRY_BASE_ADDRESS="http://127.0.0.1:$emulator_port/"
set +e
"$integry" invoke localcrm-passthrough-request --args "{\"method\":\"GET\",\"url\":\"http://127.0.0.1:$app_port/contacts.json\"}" > "$work/invoke.txt"
executed=$?
"$integry" invoke slack-passthrough-request --args '{"method":"GET","url":"https://slack.com/api/auth.test"}' > "$work/rejected.txt"
rejected=$?
set -e
echo "\$ integry invoke localcrm-passthrough-request --args '{\"method\":\"GET\",\"url\":\"http://127.0.0.1:$app_port/contacts.json\"}'"
cat "$work/invoke.txt"
echo "exit $executed"
echo "\$ integry invoke slack-passthrough-request --args '{\"method\":\"GET\",\"url\":\"https://slack.com/api/auth.test\"}'"
cat "$work/rejected.txt"
echo "exit $rejected"
[ "$executed" -eq 0 ] && grep -q '"network_code":"200"' "$work/invoke.txt" || fail "integry invoke of the local app did not execute with 200 (exit $executed)"
[ "$rejected" -eq 2 ] && grep -q "has not connected their Slack account" "$work/rejected.txt" || fail "integry invoke of an unconnected app was not rejected with exit 2 (exit $rejected)"

set +e
"$integry" apps list --connected-only --table > "$work/apps.txt"
listed=$?
"$integry" explain localcrm DELETE "http://127.0.0.1:$app_port/contacts.json" --allow-app localcrm --read-only > "$work/explain.txt"
explained=$?
set -e
echo "\$ integry apps list --connected-only --table"
cat "$work/apps.txt"
echo "\$ integry explain localcrm DELETE http://127.0.0.1:$app_port/contacts.json --allow-app localcrm --read-only"
cat "$work/explain.txt"
echo "exit $explained"
[ "$listed" -eq 0 ] && grep -q '^localcrm  *Local CRM  *1 ' "$work/apps.txt" || fail "integry apps list did not list the connected localcrm (exit $listed)"
[ "$explained" -eq 2 ] && grep -q '"rule": "ReadOnly"' "$work/explain.txt" || fail "integry explain of a DELETE under --read-only was not denied with exit 2 (exit $explained)"

# integry mcp over stdio: initialize and tools/list, read answers until the list arrives, then end stdin (the server
# stops at end of input and must exit 0).
coproc MCP { "$integry" mcp --include-passthrough --connected-only 2> "$work/mcp-err.txt"; }
mcp_pid=$MCP_PID
pids+=("$mcp_pid")
printf '%s\n' \
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"ci","version":"1"}}}' \
  '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
  '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' >&"${MCP[1]}"
: > "$work/mcp.txt"
while IFS= read -r -t 60 line <&"${MCP[0]}"; do
  printf '%s\n' "$line" >> "$work/mcp.txt"
  case "$line" in *'"id":2'*) break ;; esac
done
eval "exec ${MCP[1]}>&-"
set +e
wait "$mcp_pid"
served=$?
set -e
grep -q '"name":"localcrm-passthrough-request"' "$work/mcp.txt" || fail "integry mcp did not list the localcrm tool: $(cat "$work/mcp.txt" "$work/mcp-err.txt")"
[ "$served" -eq 0 ] || fail "integry mcp did not exit 0 at the end of its input (exit $served): $(cat "$work/mcp-err.txt")"
step "integry apps list, explain (denied, exit 2) and mcp (tools/list over stdio, exit 0 at end of input) OK"

kill -TERM "$emulator_pid"
wait "$emulator_pid" || fail "integry emulator did not exit 0 on SIGTERM"
grep -q "Integry emulator stopped." "$work/emulator.txt" || fail "integry emulator did not stop cleanly on SIGTERM"
step "Integry.Tool $version: emulator + invoke OK, SIGTERM stopped the emulator cleanly"

# 4. The Entity Framework Core credential store from a fresh console project.
console_project ef EfConsumer "Integry.Sdk.EntityFrameworkCore=$version" \
  "Microsoft.EntityFrameworkCore.Sqlite=$(central Microsoft.EntityFrameworkCore.Sqlite)" \
  "Microsoft.AspNetCore.DataProtection=$(central Microsoft.AspNetCore.DataProtection)"
cp "$root/tests/Integry.Sdk.PackageConsumer/EntityFrameworkCore/Program.cs" "$work/ef/"
(cd "$work" && dotnet run --project ef/EfConsumer.csproj -c Release -nologo) | tee "$work/ef.txt" || fail "the Integry.Sdk.EntityFrameworkCore console consumer"
grep -q "EF CONSUMER OK" "$work/ef.txt" || fail "the Integry.Sdk.EntityFrameworkCore consumer did not print EF CONSUMER OK"
step "Integry.Sdk.EntityFrameworkCore $version: SQLite store consumer OK"
