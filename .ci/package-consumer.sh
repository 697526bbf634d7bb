#!/usr/bin/env bash
# Packs Integry.Sdk into a local feed and runs a fresh console project that references it by package id and version.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
feed="$root/artifacts/packages"
# A unique prerelease version, so the NuGet cache never serves an older build of the same version.
suffix="consumer.$(date +%Y%m%d%H%M%S)"
version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$root/Directory.Build.props")-$suffix"

rm -rf "$feed"
dotnet pack "$root/src/Integry.Sdk/Integry.Sdk.csproj" -c Release -o "$feed" --version-suffix "$suffix" -nologo -v quiet
test -f "$feed/Integry.Sdk.$version.nupkg"
test -f "$feed/Integry.Sdk.$version.snupkg"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/tests/Integry.Sdk.PackageConsumer/Program.cs" "$root/samples/Integry.Sdk.Samples.AotSmoke/OneRequestServer.cs" "$work/"
cat > "$work/Consumer.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Integry.Sdk" Version="$version" />
    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
  </ItemGroup>
</Project>
PROJECT
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
CONFIG
dotnet run --project "$work/Consumer.csproj" -c Release -nologo | tee "$work/output.txt"
grep -q "CONSUMER OK" "$work/output.txt"
