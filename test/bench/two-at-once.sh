#!/usr/bin/env bash
# The yardstick for thread scaling: runs a link command twice at the same time (the
# second copy writes OUTPUT.2) and exits when both have, failing if either did. Two
# single-threaded links at once are work with no serial part and nothing shared, of the
# very kind a link is: if the machine gives a second thread a whole CPU they take as
# long as one; if its host runs the two vCPUs by turns, twice as long.
#   bash test/bench/two-at-once.sh LINKER ARGS... -o OUTPUT ARGS...
set -uo pipefail
first=("$@")
second=()
for ((i = 0; i < ${#first[@]}; i++)); do
  second+=("${first[i]}")
  if [ "${first[i]}" = -o ] && [ $((i + 1)) -lt ${#first[@]} ]; then
    i=$((i + 1))
    second+=("${first[i]}.2")
  fi
done
"${first[@]}" &
pid=$!
"${second[@]}"
status=$?
wait "$pid" || status=1
exit "$status"
