#!/usr/bin/env bash
# The main job on a fresh machine: the HEAR echo between two processes, on the defaults
# (group 224.0.0.1, port 59259). It builds the packages and the echo sample (samples/Echo, which
# uses them by PackageReference), then, inside the private network namespace, starts a HEAR server
# process, runs a SAY client process that prints the server's echo and then says STOP, and waits for
# the server to stop. Not one datagram leaves the namespace.
#   bash eng/echo.sh [WORDS...]      # default message: hello multicast world
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app="$root/artifacts/samples/Echo/echo-sample.dll"

if [ "${MCAST_NETNS_INSIDE:-}" != 1 ]; then
  source "$root/eng/steps.sh"
  bash "$root/eng/pack.sh" Echo   # restore and build here: the namespace has no way out
  step "run the echo inside the private network namespace"
  exec "$root/eng/netns/run-isolated.sh" bash "$0" "$@"
fi

[ "$#" -gt 0 ] || set -- hello multicast world
heard=$(mktemp)
dotnet "$app" server >"$heard" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$heard"' EXIT

echo "== HEAR server process (pid $server)"
timeout 20 bash -c "until grep -q 'is listening' '$heard'; do sleep 0.1; done"
cat "$heard"

echo "== SAY client process: $*"
dotnet "$app" client "$@"

echo "== HEAR server, after STOP"
if ! timeout 10 tail --pid="$server" -f /dev/null; then
  echo "the server did not stop within 10 s" >&2
  exit 1
fi
status=0
wait "$server" || status=$?
tail -n +2 "$heard"
echo "== server exit code $status"
exit "$status"
