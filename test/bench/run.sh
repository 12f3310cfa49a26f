#!/usr/bin/env bash
# Links each prepared workload with rivet (as builds run it, and --no-fork), ld.lld,
# mold, ld.gold and ld.bfd, the linkers alternating run by run, in a different order
# each round; checks every output works before timing it; prints the median
# wall time (bash's microsecond clock), user+sys CPU and peak RSS (GNU time), and each
# linker's ratio to rivet computed pair by pair (run i of a linker against run i of
# rivet; BENCH_REFERENCE names another linker to divide by).
#   bash test/bench/run.sh WORKDIR [RUNS] [WORKLOAD...]
set -euo pipefail
work=$(cd "${1:?usage: run.sh WORKDIR [RUNS] [WORKLOAD...]}" && pwd)
runs=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
here=$(cd "$(dirname "$0")" && pwd)
RIVET=${RIVET:-$here/../../build/tools/ld.rivet}
# mold forks a worker and exits early unless told not to: GNU time would see nothing.
# rivet exits before its memory is released (--fork, its default): rivetnf counts that too.
declare -A LINKER=([rivet]="$RIVET" [rivetnf]="$RIVET --no-fork" [lld]=ld.lld [mold]="mold --no-fork"
  [gold]=ld.gold [bfd]=ld.bfd)
# rivet at a given thread count, run only when named: BENCH_LINKERS="rivet1 rivet2" with
# BENCH_REFERENCE=rivet2 prints --threads=1's time over --threads=2's, pair by pair.
for n in 1 2 4 8 16; do LINKER[rivet$n]="$RIVET --threads=$n"; done
# The yardstick for rivet2 (also run only when named): two rivet1 links at once. With
# BENCH_REFERENCE=rivet1, 2 divided by its ratio is the most a second thread could gain
# on this workload, on this machine, in these rounds.
LINKER[rivet1x2]="bash $here/two-at-once.sh $RIVET --threads=1"
ref=${BENCH_REFERENCE:-rivet}
# The newest peers, when present: lld 19 from Debian (apt-get install lld-19), and
# mold 2.42 built from its public release (MOLD_242=/path/to/bin/mold), both as builds
# run it (forking: wall time) and with --no-fork (its whole CPU time and memory).
default_order="rivet rivetnf lld mold gold bfd"
if command -v ld.lld-19 >/dev/null; then
  LINKER[lld19]=ld.lld-19
  default_order+=" lld19"
fi
if [ -n "${MOLD_242:-}" ] && [ -x "$MOLD_242" ]; then
  LINKER[mold242]="$MOLD_242"
  LINKER[mold242nf]="$MOLD_242 --no-fork"
  default_order+=" mold242 mold242nf"
fi
order=(${BENCH_LINKERS:-$default_order})
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || mapfile -t workloads < <(cd "$work" && ls -d */ | tr -d / | sort)

printf '%-16s %-9s %9s %9s %9s %9s %9s %8s\n' workload linker wall_s spread cpu_s rss_mb wall/rv rss/rv
for w in "${workloads[@]}"; do
  d="$work/$w"
  [ -f "$d/args.rsp" ] || continue
  declare -A wall=() cpu=() rss=()
  ok=()
  for l in "${order[@]}"; do
    out="$d/out.$l"
    # shellcheck disable=SC2086
    if (cd "$d" && ${LINKER[$l]} @args.rsp -o "$out" >"$d/log.$l" 2>&1) && "$d/check.sh" "$out" >/dev/null 2>&1; then
      ok+=("$l")
    else
      printf '%-16s %-9s %s\n' "$w" "$l" "FAILED (link or check; see $d/log.$l)"
    fi
  done
  [ ${#ok[@]} -gt 0 ] || continue # nothing to time
  for ((i = 0; i < runs; i++)); do
    # Each round runs the linkers in its own order (a fixed shuffle per round, the
    # same in every run of the bench): a linker's time depends on the one before it
    # (the memory and page cache its exit leaves: after ld.lld wrote llvm-shared's
    # 126 MB output, the next link's open took 80-180 ms instead of 15), and a
    # rotated fixed order gives each linker the same predecessor in every round.
    mapfile -t round < <(printf '%s\n' "${ok[@]}" |
      awk -v seed=$((i + 1)) 'BEGIN { srand(seed) } { print rand(), $0 }' | sort -n | cut -d' ' -f2-)
    for l in "${round[@]}"; do
      # shellcheck disable=SC2086
      # Wall time from bash's microsecond clock: GNU time's %e has 10 ms steps, as
      # coarse as the small links themselves. CPU and peak RSS come from GNU time.
      t0=$EPOCHREALTIME
      cd "$d"
      /usr/bin/time -f '%U %S %M' -o "$d/time.$l" ${LINKER[$l]} @args.rsp -o "$d/out.$l" \
        >/dev/null 2>&1 || true
      t1=$EPOCHREALTIME
      e=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
      read -r u s m <"$d/time.$l"
      wall[$l]+="$e "
      cpu[$l]+="$(echo "$u $s" | awk '{print $1 + $2}') "
      rss[$l]+="$m "
    done
  done
  for l in "${ok[@]}"; do
    python3 - "$w" "$l" "${wall[$l]}" "${cpu[$l]}" "${rss[$l]}" "${wall[$ref]:-}" "${rss[$ref]:-}" <<'EOF2'
import statistics as st, sys
w, l, wall, cpu, rss, rwall, rrss = sys.argv[1:8]
f = lambda s: [float(x) for x in s.split()]
wall, cpu, rss = f(wall), f(cpu), f(rss)
med = st.median(wall)
spread = max(wall) - min(wall)
ratio = st.median([max(a, 5e-3) / max(b, 5e-3) for a, b in zip(wall, f(rwall))]) if rwall else float("nan")
rratio = st.median(rss) / st.median(f(rrss)) if rrss else float("nan")
print("%-16s %-9s %9.4f %9.4f %9.3f %9.1f %9.3f %8.2f" % (w, l, med, spread, st.median(cpu), st.median(rss) / 1024, ratio, rratio))
EOF2
  done
  unset wall cpu rss
done
