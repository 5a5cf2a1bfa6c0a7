#!/usr/bin/env bash
# The whole test suite, on a fresh machine: restore and build first (the namespace has no way
# out), then run every test inside a private network namespace where real multicast is safe.
#   bash eng/test.sh            # all tests
#   bash eng/test.sh --filter X # extra arguments go to `dotnet test`
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
config=${CONFIGURATION:-Release}
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet restore Multicast.sln --nologo -v quiet
dotnet build Multicast.sln -c "$config" --no-restore --nologo -v quiet
# Samples and the tool install test consume the packages from a local feed, built here.
if [ -x eng/pack.sh ]; then bash eng/pack.sh; fi

exec "$root/eng/netns/run-isolated.sh" \
  dotnet test Multicast.sln -c "$config" --no-build --nologo \
  --logger "trx" --results-directory "$results" "$@" \
  -- RunConfiguration.DisableAppDomain=true
