#!/usr/bin/env bash
# make-corpus.sh OUTDIR: generates rivet's malformed-input corpus into OUTDIR.
#
# No binary is stored in git. This script compiles the small real inputs in inputs/
# with the system's gcc, as and ar (a C object with data, relocations, TLS, a COMDAT
# group, .eh_frame and debug info, the same with zlib-compressed debug sections, an
# archive of two members with a symbol index, a thin archive, a shared object built by
# ld.bfd, a glibc-style GROUP linker script), then make-cases.py derives the damaged
# variants from them. The damage is deterministic (fixed offsets and fixed random seeds),
# so the same toolchain always gives the same corpus.
#
# OUTDIR/base/        the good inputs, as compiled
# OUTDIR/cases/NNNN-KIND/
#     case            how to link it: what was damaged, the expected outcome, the file
#                     the error must name, the options and the inputs (see make-cases.py)
#     *.o *.a *.so *.lds  the inputs, damaged and good, so each case stands alone
#
# run-corpus.sh OUTDIR links every case with ld.rivet and checks the outcome.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
here=$(cd -- "$(dirname -- "$0")" && pwd)
mkdir -p -- "$1"
out=$(cd -- "$1" && pwd)
[ "$out" != / ] || { echo "make-corpus.sh: refusing to use / as OUTDIR" >&2; exit 2; }

for tool in gcc ar python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make-corpus.sh: '$tool' is required but not installed" >&2; exit 2; }
done

# Only the directories this script creates are replaced; the rest of OUTDIR is left alone.
rm -rf -- "$out/base" "$out/cases" "$out/run"
mkdir -p -- "$out/base"
cp -- "$here"/inputs/* "$out/base/"
cd -- "$out/base"

# Debug information records the compilation directory; map it to "." so the corpus is
# the same wherever it is generated.
cflags=(-O1 -g "-fdebug-prefix-map=$out/base=.")

gcc -c start.s -o start.o
gcc -c "${cflags[@]}" -fPIC victim.c -o victim.o
gcc -c "${cflags[@]}" -fPIC -gz=zlib victim.c -o victim-gz.o
gcc -c "${cflags[@]}" comdat-first.c -o comdat-first.o
gcc -c "${cflags[@]}" member-main.c -o member-main.o
gcc -c "${cflags[@]}" member-helper-with-a-long-file-name.c -o member-helper-with-a-long-file-name.o
gcc -c "${cflags[@]}" -fPIC usesso.c -o usesso.o
# Seeds for the fuzzer only (tools/fuzz.sh); no case derives from them.
g++ -c "${cflags[@]}" -fPIC seed-cxx.cc -o seed-cxx.o

# D: deterministic headers (zero dates, uids and modes); s: the GNU symbol index.
ar rcsD libvictim.a member-main.o member-helper-with-a-long-file-name.o
ar rcsDT libthin.a member-main.o member-helper-with-a-long-file-name.o

# The shared object comes from ld.bfd, as most shared objects on a Linux system do.
gcc -shared -fPIC -O1 -fuse-ld=bfd -Wl,--no-as-needed -Wl,-soname,libvictim.so.1 \
  -Wl,--version-script=libvictim.map libvictim.c -o libvictim.so

python3 "$here/make-cases.py" "$out/base" "$out/cases"
