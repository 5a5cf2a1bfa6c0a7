# Sourced by the eng scripts: one short line per long step, and the dotnet switches that keep
# MSBuild quiet. The console logger always ends with a "Build succeeded ... Time Elapsed" block
# (the dotnet CLI adds its summary back whatever -clp says), so it is off; a file logger on
# stderr prints the errors alone, each with its file and line.
quiet=(--nologo -tl:off -noconsolelogger "-flp:LogFile=/dev/stderr;Append;ErrorsOnly;NoSummary;Verbosity=quiet")
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# One clock for a script and the scripts it runs (eng/test.sh runs eng/pack.sh).
export MCAST_STEPS_START=${MCAST_STEPS_START:-$(date +%s)}

# step WORDS...: says what starts now, with the seconds since the first script began.
step() { printf '[%4ss] %s\n' "$(( $(date +%s) - MCAST_STEPS_START ))" "$*"; }
