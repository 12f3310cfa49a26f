#!/usr/bin/env bash
# Prepares link workloads from Debian packages: each is a directory holding the inputs
# and `args.rsp`, the exact linker command line gcc/g++ produce for it (without the
# -plugin arguments and without -o), plus `check.sh OUTPUT` that proves an output works.
#   bash test/bench/prepare.sh WORKDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:?usage: prepare.sh WORKDIR}
mkdir -p "$work"
work=$(cd "$work" && pwd)

PACKAGES=(llvm-14-dev libpolly-14-dev libpython3.11-dev libexpat1-dev libedit-dev libffi-dev
          libxml2-dev libncurses-dev libz3-dev zlib1g-dev mold binutils-gold lld time)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# capture DIR DRIVER ARGS...: run the driver with -### and keep the collect2 line.
capture() {
  local dir=$1 driver=$2
  shift 2
  (cd "$dir" && "$driver" -### "$@" -o OUTPUT 2>&1 | grep -E '/collect2 ' | tail -1) |
    python3 "$here/rsp.py" >"$dir/args.rsp"
}

# 1. hello world: start-up cost.
d="$work/hello"
mkdir -p "$d"
printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' >"$d/hello.c"
gcc -O2 -c "$d/hello.c" -o "$d/hello.o"
capture "$d" gcc hello.o
printf '#!/bin/sh\n[ "$("$1")" = hello ]\n' >"$d/check.sh"

# 2-3. Python: the interpreter's main as a PIE with -export-dynamic, and the archive as
#      a shared library with --whole-archive.
pyconfig=/usr/lib/python3.11/config-3.11-x86_64-linux-gnu
pylibs=$(/usr/bin/python3.11-config --libs --embed | sed 's/-lpython3.11//')
d="$work/python-pie"
mkdir -p "$d"
printf '#include <Python.h>\nint main(int argc, char **argv) { return Py_BytesMain(argc, argv); }\n' >"$d/main.c"
gcc -O2 -fPIE $(/usr/bin/python3.11-config --includes) -c "$d/main.c" -o "$d/main.o"
# shellcheck disable=SC2086
capture "$d" gcc main.o -Wl,-export-dynamic "$pyconfig/libpython3.11-pic.a" $pylibs -lexpat -lz
printf '#!/bin/sh\n[ "$(PYTHONHOME=/usr "$1" -c "print(6*7)")" = 42 ]\n' >"$d/check.sh"
d="$work/python-shared"
mkdir -p "$d"
# shellcheck disable=SC2086
capture "$d" gcc -shared -Wl,--whole-archive "$pyconfig/libpython3.11-pic.a" -Wl,--no-whole-archive $pylibs -lexpat -lz
cat >"$d/check.sh" <<'EOF2'
#!/bin/sh
python3 -c "import ctypes,sys; l=ctypes.CDLL(sys.argv[1]); sys.exit(0 if l.Py_GetVersion else 1)" "$1"
EOF2

# 4. All of LLVM 14's static archives as one shared object, -z defs.
llvmlib=/usr/lib/llvm-14/lib
d="$work/llvm-shared"
mkdir -p "$d"
archives=$(ls "$llvmlib"/libLLVM*.a "$llvmlib"/libPolly*.a | grep -vE 'libLLVMExegesis|libLLVMDebuginfod|libLLVMTableGen|libLLVMTestingSupport|libLLVMFuzzMutate|libLLVMCFIVerify')
# shellcheck disable=SC2086
capture "$d" g++ -shared -Wl,-z,defs -Wl,--whole-archive $archives -Wl,--no-whole-archive \
  -lz -ltinfo -lffi -ledit -lxml2 -lz3 -lpthread -ldl -lm
cat >"$d/check.sh" <<'EOF2'
#!/bin/sh
python3 -c "import ctypes,sys; l=ctypes.CDLL(sys.argv[1]); l.LLVMContextCreate.restype=ctypes.c_void_p; sys.exit(0 if l.LLVMContextCreate() else 1)" "$1"
EOF2

# 5. A C++ PIE using LLVM, with --gc-sections.
d="$work/llvm-pie"
mkdir -p "$d"
cp "$here/llvm-main.cc" "$d/main.cc"
g++ -O2 -fPIE $("$llvmlib"/../bin/llvm-config --cxxflags) -c "$d/main.cc" -o "$d/main.o"
# shellcheck disable=SC2046
capture "$d" g++ main.o -Wl,--gc-sections $("$llvmlib"/../bin/llvm-config --ldflags --link-static --libs all --system-libs)
printf '#!/bin/sh\n"$1" | grep -q "leal\t42(%%rdi), %%eax"\n' >"$d/check.sh"

# 6. A generated family: N objects x M functions and data with cross-references.
for n in 100 1000 10000; do
  d="$work/gen-$n"
  mkdir -p "$d/src"
  python3 "$here/gen.py" "$d/src" "$n" 20
  (cd "$d/src" && ls ./*.c | xargs -P "$(nproc)" -n 50 gcc -O0 -fPIE -c)
  (cd "$d" && ls src/*.o >objs.list)
  capture "$d" gcc $(cat "$d/objs.list")
  printf '#!/bin/sh\n[ "$("$1")" = ok ]\n' >"$d/check.sh"
done
# 7. A developer's link with DWARF: git (Debian 12's source package) built -O2 -g, its
#    main binary: about 450 objects and libgit.a, most of the output debug info. Only
#    zlib is needed (no curl, expat, gettext, perl, python, Tcl/Tk).
d="$work/git-debug"
if [ ! -f "$d/args.rsp" ]; then
  # shellcheck source=../../tools/debian-source.sh
  . "$here/../../tools/debian-source.sh"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  ensure_deb_src "test/bench/prepare.sh" && $SUDO apt-get update -qq
  rm -rf "$d" "$work/git-dl"
  mkdir -p "$work/git-dl"
  # (as root, apt warns that it downloads unsandboxed)
  (cd "$work/git-dl" && apt-get source --download-only git >/dev/null 2>&1)
  dpkg-source -x "$work"/git-dl/git_*.dsc "$d" >/dev/null
  gitflags=(CFLAGS="-O2 -g" NO_CURL=1 NO_EXPAT=1 NO_GETTEXT=1 NO_TCLTK=1 NO_PERL=1
            NO_PYTHON=1 NO_OPENSSL=1 NO_ICONV=1)
  make -C "$d" -j"$(nproc)" "${gitflags[@]}" git >"$d/build.log" 2>&1
  # The link line, as make would run it, less its "-o git".
  link=$(make -C "$d" -n V=1 "${gitflags[@]}" -W git.o git 2>/dev/null |
    sed -e ':a' -e '/\\$/N; s/\\\n[[:space:]]*/ /; ta' | grep -E '^(cc|gcc) .* -o git ' | tail -1)
  [ -n "$link" ] || { echo "prepare.sh: no link line for git (see $d/build.log)" >&2; exit 1; }
  link=${link/ -o git / }
  eval "capture \"\$d\" gcc ${link#* }" # make's own quoting (-D'...' flags)
  printf '#!/bin/sh\n"$1" version | grep -q "^git version"\n' >"$d/check.sh"
fi
chmod +x "$work"/*/check.sh
echo "workloads ready in $work"
