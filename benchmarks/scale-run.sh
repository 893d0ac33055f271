#!/usr/bin/env bash
# Runs `segmentation run --customers N` once and prints the wall time, the peak resident memory (max RSS from
# /usr/bin/time -v), bytes per simulated line and per customer, and the stage table the command prints.
#
# Usage: benchmarks/scale-run.sh N [HEAP] [OUT_DIR]
#   N        customers to simulate (e.g. 1000000, 3000000, 10000000)
#   HEAP     the JVM's -Xmx (default 8g). Size it from the bytes per line measured at 1 M (benchmarks/README.md,
#            "Memory per line and per customer"): about 27 lines per customer.
#   OUT_DIR  where run writes its files (default /tmp/scale-run-N)
# Environment: JAR (default segmentation-examples/target/segmentation.jar, built with
#   mvn -B -q -pl segmentation-examples -am package -DskipTests), JFR=file.jfr to record a JFR profile,
#   JAVA_OPTS for further JVM flags.
# Run it from the checkout's root on an otherwise idle machine: one run at a time.
set -euo pipefail

if [[ $# -lt 1 || ! "$1" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 N [HEAP] [OUT_DIR]  (N: customers, a positive integer; HEAP default 8g)" >&2
    exit 2
fi
n="$1"
heap="${2:-8g}"
out="${3:-/tmp/scale-run-$n}"
jar="${JAR:-segmentation-examples/target/segmentation.jar}"
if [[ ! -f "$jar" ]]; then
    echo "JAR must be a built segmentation.jar, found $jar (build: mvn -B -q -pl segmentation-examples -am package -DskipTests)" >&2
    exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "/usr/bin/time must be installed (apt-get install time), found nothing" >&2
    exit 2
fi

jvm=(-Xmx"$heap")
if [[ -n "${JFR:-}" ]]; then
    jvm+=(-XX:StartFlightRecording=filename="$JFR",settings=profile)
fi
# shellcheck disable=SC2206
jvm+=(${JAVA_OPTS:-})

mkdir -p "$out"
log="$out/scale-run.stderr"
json="$out/scale-run.json"
echo "run --customers $n, -Xmx$heap, output in $out" >&2
start=$(date +%s.%N)
set +e
/usr/bin/time -v java "${jvm[@]}" -jar "$jar" run --customers "$n" --out-dir "$out" >"$json" 2>"$log"
rc=$?
set -e
end=$(date +%s.%N)

rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$log" | tail -1)
wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
lines=$(grep -o '"transactions" *: *[0-9]*' "$json" | head -1 | grep -o '[0-9]*$' || true)

echo "exit code:      $rc"
echo "wall time:      ${wall} s"
echo "max RSS:        ${rss_kb:-?} kB"
if [[ -n "${rss_kb:-}" ]]; then
    awk -v kb="$rss_kb" -v n="$n" -v l="${lines:-0}" 'BEGIN {
        printf "RSS/customer:   %.0f B\n", kb * 1024 / n
        if (l > 0) printf "lines:          %d\nRSS/line:       %.0f B\n", l, kb * 1024 / l
    }'
fi
echo "stage timings (ms), as printed by run:"
grep '^timings (ms):' "$log" | sed 's/^timings (ms): //' | sed 's/, /\n/g' | sed 's/^/  /' \
    || echo "  (none printed; see $log)"
exit "$rc"
