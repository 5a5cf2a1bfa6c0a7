#!/usr/bin/env bash
# Makes the local feed and the apps that consume it, as on a user's machine:
#   1. packs every packable project of src/ (Multicast, Multicast.Messaging, the `multicast` tool)
#      into artifacts/packages, the local feed, at the version MinVer reads from git (see
#      Directory.Build.props), and writes that version to artifacts/packages/version.txt. The tool
#      is RID-specific: its pointer package Multicast.Cli, then one package per RID it lists
#      (ToolPackageRuntimeIdentifiers): Multicast.Cli.linux-x64, Native AOT, linked by the C
#      toolchain eng/native-toolchain.sh finds or installs, and Multicast.Cli.any, framework-dependent;
#   2. restores the samples from that feed (and nuget.org for third-party packages) and builds each
#      into artifacts/samples/NAME (samples/Ipc/Pinger -> artifacts/samples/Ipc/Pinger); the
#      samples reference the version of version.txt (samples/Directory.Build.props).
# The samples restore into a package folder of their own, artifacts/samples-packages (also named in
# samples/nuget.config), emptied of our packages first: a rebuild of the same commit has the same
# version, and a stale copy is never used. Needs nuget.org: run it before entering the namespace.
#   bash eng/pack.sh             # every sample
#   bash eng/pack.sh Echo Ipc    # only these samples (folders of samples/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source eng/steps.sh
source eng/native-toolchain.sh
config=${CONFIGURATION:-Release}
feed="$root/artifacts/packages"
sample_packages="$root/artifacts/samples-packages"

mkdir -p "$feed"
rm -f "$feed"/Multicast*.nupkg "$feed"/Multicast*.snupkg "$feed"/version.txt
for project in src/*/*.csproj; do
  step "pack $(basename "$project" .csproj)"
  dotnet pack "$project" -c "$config" "${quiet[@]}" -o "$feed"
  grep -q '<ToolPackageRuntimeIdentifiers>' "$project" || continue
  rids=$(dotnet msbuild "$project" -getProperty:ToolPackageRuntimeIdentifiers "${quiet[@]:0:2}")
  for rid in ${rids//;/ }; do
    kind="Native AOT, linked by $native_compiler"
    [ "$rid" != any ] || kind=framework-dependent
    step "pack $(basename "$project" .csproj) for $rid ($kind)"
    dotnet pack "$project" -c "$config" -r "$rid" "${native_toolchain[@]}" "${quiet[@]}" -o "$feed"
  done
done
core=$(cd "$feed" && ls -- Multicast.[0-9]*.nupkg)
version=${core#Multicast.}
echo "${version%.nupkg}" >"$feed/version.txt"

rm -rf "$sample_packages"/multicast "$sample_packages"/multicast.*
if [ "$#" -eq 0 ]; then set -- $(cd samples && ls -d -- */ | tr -d /); fi
for sample in "$@"; do
  for project in samples/"$sample"/*.csproj samples/"$sample"/*/*.csproj; do
    [ -f "$project" ] || continue
    name=${project#samples/}
    name=${name%/*}
    step "build sample $name"
    NUGET_PACKAGES="$sample_packages" dotnet build "$project" -c "$config" "${quiet[@]}" -o "artifacts/samples/$name"
  done
done
step "local feed, version $(cat "$feed/version.txt"): $(cd "$feed" && ls -- *.nupkg | tr '\n' ' ')"
