#!/usr/bin/env bash
# Soak: the HEAR server (the `multicast` tool) and the message server (the messaging sample) as
# processes under steady load, inside the private namespace; prints each server's memory,
# descriptors and threads over time and whether every datagram and request was answered.
#   bash bench/soak.sh [seconds per server, default 120] [datagrams per second, default 2000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source eng/steps.sh
step "soak: build (Release)"
dotnet build bench/Multicast.Benchmarks -c Release "${quiet[@]}"
dotnet build src/Multicast.Cli -c Release "${quiet[@]}"
dotnet build tests/Multicast.Messaging.Tests/SampleHost -c Release "${quiet[@]}"
bench=bench/Multicast.Benchmarks/bin/Release/net10.0/Multicast.Benchmarks.dll
cli=src/Multicast.Cli/bin/Release/net10.0/Multicast.Cli.dll
messaging=tests/Multicast.Messaging.Tests/SampleHost/bin/Release/net10.0/messaging-sample.dll
step "soak: run inside the private namespace"
exec eng/netns/run-isolated.sh dotnet "$bench" soak "$cli" "$messaging" "${1:-120}" "${2:-2000}"
