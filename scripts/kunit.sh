#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit.sh CONFIG [FILTER] - run the project's KUnit suites with the
# kernel's own tools/testing/kunit/kunit.py, then print one summary line.
#
# CONFIG picks the build (each has its own build directory, kept warm):
#   um-san   UML with KASAN and UBSAN (what `make check` runs)
#   um       UML without sanitizers (fast iteration)
#   bench    UML without sanitizers plus the benchmark suites
# FILTER is a kunit.py suite glob, e.g. 'xpb_sim*'.
set -euo pipefail
. "$(dirname "$0")/common.sh"

cfg=${1:-um-san}
filter=${2:-}
args=(--kunitconfig="$PROJ/tests/kunit")
case $cfg in
um-san)	args+=(--kunitconfig="$PROJ/tests/kunit/sanitizers.config") ;;
um)	;;
bench)	args+=(--kunitconfig="$PROJ/tests/kunit/bench.config") ;;
*)	die "unknown KUnit config '$cfg' (um-san, um, bench)" ;;
esac

"$PROJ/scripts/kernel-source.sh" >/dev/null
out=$XPB_CACHE/kunit
mkdir -p "$out" "$CCACHE_DIR"
rm -f "$out/$cfg.json"
rc=0
(cd "$KSRC" && flock "$BUILD_LOCK" python3 tools/testing/kunit/kunit.py run \
	"${args[@]}" --build_dir="$out/$cfg" --jobs="$JOBS" \
	--timeout="${KUNIT_TIMEOUT:-1500}" \
	--json="$out/$cfg.json" --make_options "CC=ccache gcc" \
	${filter:+"$filter"}) || rc=$?
echo "full log: $out/$cfg/test.log"
[ -f "$out/$cfg.json" ] || { echo "KUnit: 0 passed, 1 failed (no results)"; exit 1; }
# The whole run is held to tests/kunit/expected-suites; a filtered one
# runs only some suites by design.
expect=()
[ -n "$filter" ] || expect=("$PROJ/tests/kunit/expected-suites" "$cfg")
"$PROJ/scripts/kunit-summary.py" "$out/$cfg.json" "$out/$cfg/test.log" \
	"${expect[@]}" || rc=1
exit $rc
