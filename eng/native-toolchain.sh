# Sourced by eng/pack.sh: the C toolchain that Native AOT links the `multicast` tool with.
# ILCompiler drives the platform linker through a C compiler: clang by default, gcc when told so
# (CppCompilerAndLinker). A fresh machine of this kind may have neither, or only gcc, so this
# takes clang when present, else gcc, else installs clang from the distribution's packages.
# Sets native_toolchain=(-p:CppCompilerAndLinker=NAME) for the `dotnet pack -r RID` commands.
native_toolchain_find() {
  local compiler
  for compiler in clang gcc; do
    if command -v "$compiler" >/dev/null 2>&1; then
      echo "$compiler"
      return 0
    fi
  done
  return 1
}

if ! native_compiler=$(native_toolchain_find); then
  step "install clang (Native AOT links through a C compiler, and this machine has none)"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "no C compiler (clang or gcc) and no apt-get to install one: install clang and run again" >&2
    exit 1
  fi
  sudo_or_not=()
  [ "$(id -u)" -eq 0 ] || sudo_or_not=(sudo)
  "${sudo_or_not[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo_or_not[@]}" apt-get install -y -qq clang >/dev/null
  native_compiler=$(native_toolchain_find)
fi
native_toolchain=("-p:CppCompilerAndLinker=$native_compiler")
