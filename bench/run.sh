#!/usr/bin/env bash
# The benchmark, one command: builds our native tool and the bench (Release), compiles the minimal C
# references with the system compiler, then inside the private namespace measures our HEAR,
# listener, SAY (in-process and as a process) and echo round trips next to the C references, a raw
# .NET socket loop, an empty Native AOT program (SAY's floor) and `python3 -m multicast` where it is
# installed. Prints one Markdown table
# (also kept in artifacts/bench/results.md). Nothing leaves the namespace.
#   bash bench/run.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source eng/steps.sh
out=artifacts/bench
mkdir -p "$out"
if ! command -v cc >/dev/null; then
  step "bench: install a C compiler (apt-get install gcc)"
  apt-get update -qq && apt-get install -y -qq gcc >/dev/null
fi
step "bench: compile the C references"
cc -O2 -Wall -Wextra -pthread -o "$out/mcref" bench/reference/mcref.c
step "bench: build (Release)"
dotnet build bench/Multicast.Benchmarks -c Release "${quiet[@]}"
# our tool as users install it here: the Native AOT `multicast` (the package Multicast.Cli.RID)
source eng/native-toolchain.sh
rid=$(dotnet msbuild src/Multicast.Cli -getProperty:NETCoreSdkPortableRuntimeIdentifier "${quiet[@]:0:2}")
step "bench: publish the native multicast ($rid, linked by $native_compiler)"
dotnet publish src/Multicast.Cli -c Release -r "$rid" "${native_toolchain[@]}" "${quiet[@]}" -o "$out/native-tool"
step "bench: publish an empty Native AOT program, built the same way (the runtime's floor for SAY)"
dotnet publish bench/reference/empty-aot -c Release -r "$rid" "${native_toolchain[@]}" "${quiet[@]}" -o "$out/empty-aot"
tool=("$root/$out/native-tool/Multicast.Cli")
python=
if python3 -c 'import multicast' 2>/dev/null; then python=python3; fi
step "bench: measure inside the private namespace (a few minutes)"
MCAST_BENCH_PYTHON=$python MCAST_BENCH_EMPTY_AOT="$root/$out/empty-aot/EmptyAot" eng/netns/run-isolated.sh \
  dotnet bench/Multicast.Benchmarks/bin/Release/net10.0/Multicast.Benchmarks.dll compare "$root/$out/mcref" "${tool[@]}" \
  | tee "$out/results.md"
step "bench: per-datagram costs (BenchmarkDotNet, MemoryDiagnoser, short job; no network)"
dotnet bench/Multicast.Benchmarks/bin/Release/net10.0/Multicast.Benchmarks.dll micro \
  --filter '*' --job short --inProcess --exporters GitHub --artifacts "$root/$out/bdn" >"$out/bdn.log" 2>&1 \
  || { cat "$out/bdn.log"; exit 1; }
{ echo; echo "Per-datagram costs (BenchmarkDotNet, in-process short job):"; echo
  for report in "$out"/bdn/results/*-report-github.md; do sed -n '/^|/p' "$report"; echo; done; } | tee -a "$out/results.md"
