#!/usr/bin/env bash
# The whole test suite, on a fresh machine: restore and build first (the namespace has no way
# out), then run every test inside a private network namespace where real multicast is safe.
#   bash eng/test.sh                                     # all tests
#   bash eng/test.sh --filter FullyQualifiedName~Server  # extra arguments go to `dotnet test`
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source eng/steps.sh
config=${CONFIGURATION:-Release}
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

step "restore Multicast.sln"
dotnet restore Multicast.sln "${quiet[@]}"
step "build Multicast.sln ($config)"
dotnet build Multicast.sln -c "$config" --no-restore "${quiet[@]}"
# Samples, the docs tests and the tool install test consume the packages from a local feed, built here.
bash eng/pack.sh

step "test (inside the private network namespace)${*:+: $*}"
# The run settings come last, after `--`: everything before it, the caller's arguments
# included, is an option of `dotnet test` itself. The runner's bookkeeping lines (which file,
# how many matched, where the results went) are dropped; results and failures print.
"$root/eng/netns/run-isolated.sh" \
  dotnet test Multicast.sln -c "$config" --no-build --nologo -v quiet \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" \
  -- RunConfiguration.DisableAppDomain=true 2>&1 |
  sed -E '/^(Test run for |A total of [0-9]+ test files? matched|Results File: )/d'
