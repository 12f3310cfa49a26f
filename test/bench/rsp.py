# Reads gcc's "-###" collect2 line on stdin; prints a response file for any GNU-style
# linker: collect2's path, the -plugin arguments and "-o OUTPUT" dropped, one quoted
# argument per line.
import shlex, sys
args = shlex.split(sys.stdin.read())[1:]
out, skip = [], False
for a in args:
    if skip:
        skip = False
        continue
    if a in ("-plugin", "-o"):
        skip = True
        continue
    if a.startswith("-plugin-opt") or a.startswith("-plugin="):
        continue
    out.append(a)
print("\n".join(shlex.quote(a) for a in out))
