#!/usr/bin/env bash
# Makes the local feed and the apps that consume it, as on a user's machine:
#   1. packs every packable project of src/ (Multicast, Multicast.Messaging, the `multicast` tool)
#      into artifacts/packages, the local feed;
#   2. restores the samples from that feed (and nuget.org for third-party packages) and builds each
#      into artifacts/samples/NAME (samples/Ipc/Pinger -> artifacts/samples/Ipc/Pinger).
# The version stays 0.1.0 across rebuilds, so the samples restore into a package folder of their
# own, artifacts/samples-packages (also named in samples/nuget.config), from which our packages are
# removed first: a stale 0.1.0 is never used. Needs nuget.org: run it before entering the namespace.
#   bash eng/pack.sh             # every sample
#   bash eng/pack.sh Echo Ipc    # only these samples (folders of samples/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
config=${CONFIGURATION:-Release}
feed="$root/artifacts/packages"
sample_packages="$root/artifacts/samples-packages"
quiet=(--nologo -v quiet -clp:NoSummary)

mkdir -p "$feed"
rm -f "$feed"/Multicast*.nupkg "$feed"/Multicast*.snupkg
for project in src/*/*.csproj; do
  dotnet pack "$project" -c "$config" "${quiet[@]}" -o "$feed"
done

rm -rf "$sample_packages"/multicast "$sample_packages"/multicast.*
if [ "$#" -eq 0 ]; then set -- $(cd samples && ls -d -- */ | tr -d /); fi
for sample in "$@"; do
  for project in samples/"$sample"/*.csproj samples/"$sample"/*/*.csproj; do
    [ -f "$project" ] || continue
    name=${project#samples/}
    name=${name%/*}
    NUGET_PACKAGES="$sample_packages" dotnet build "$project" -c "$config" "${quiet[@]}" -o "artifacts/samples/$name"
  done
done
echo "local feed: $(cd "$feed" && ls -- *.nupkg | tr '\n' ' ')"
