#!/usr/bin/env bash
# Side-by-side: the same load (bin/influx-ha bench) written (a) directly to one influxd, (b) directly
# to two influxd in parallel, (c) through influx-ha to the same two influxd as replicas, measured
# from the first send to the last point visible in both; (c/2) half of (c)'s rate, with 20
# probes/s measuring each probe's write-to-visible-in-both latency (p50/p99); then (d) catch-up of a replica stopped
# for a while under load. Everything on loopback, on free ports, under one work directory; every
# process it starts is stopped on exit. Prints rates, the ratio (c)/(b), CPU and peak RSS per process.
#
# usage: benchmarks/side-by-side.sh [--duration SECONDS] [--shapes "hot many"] [--no-catchup] [--skip-direct] [--keep]
#   --skip-direct runs (c) and (d) only (profiling, settings comparisons): no ratio then.
# env:   INFLUXHA_JAR (default launcher/target/influx-ha.jar)  WORK (default: a new /tmp/influxha-sbs.XXXX)
#        BENCH_OPTS   extra options for every bench run (default: --series 1000 --batch 5000 --concurrency 4)
#        HA_JAVA_OPTS JVM options of the influx-ha process (e.g. -XX:StartFlightRecording=filename=ha.jfr)
#        HA_OVERRIDES YAML lines under kafka.client_overrides (e.g. $'linger.ms: "20"\ncompression.type: lz4')
#        HA_APPEND    YAML appended to the generated config (e.g. a writer: or router: section)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${INFLUXHA_JAR:-$root/launcher/target/influx-ha.jar}"
duration=20; shapes="hot many"; catchup=1; keep=0; direct=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --shapes) shapes="$2"; shift 2 ;;
    --no-catchup) catchup=0; shift ;;
    --keep) keep=1; shift ;;
    --skip-direct) direct=0; shift ;;
    *) echo "side-by-side: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "side-by-side: no $jar: build it (mvn -B -pl launcher -am package -DskipTests) or set INFLUXHA_JAR" >&2; exit 2; }
command -v influxd >/dev/null || { echo "side-by-side: influxd not found (sudo apt-get install -y influxdb)" >&2; exit 2; }
work="${WORK:-$(mktemp -d /tmp/influxha-sbs.XXXX)}"; mkdir -p "$work"
bench_opts="${BENCH_OPTS:---series 1000 --batch 5000 --concurrency 4}"
declare -A PID=()
clk=$(getconf CLK_TCK)

stop_all() {
  for name in "${!PID[@]}"; do kill -TERM "${PID[$name]}" 2>/dev/null || true; done
  for name in "${!PID[@]}"; do
    for _ in $(seq 1 300); do kill -0 "${PID[$name]}" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "${PID[$name]}" 2>/dev/null || true
  done
  [ "$keep" = 1 ] || rm -rf "$work"
}
trap stop_all EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

influxd_conf() { # dir http_port rpc_port: InfluxdConfig's settings (quiet, loopback, no _internal)
  mkdir -p "$1"/{meta,data,wal}
  cat > "$1/influxd.conf" <<TOML
reporting-disabled = true
bind-address = "127.0.0.1:$3"
[meta]
  dir = "$1/meta"
  logging-enabled = false
[data]
  dir = "$1/data"
  wal-dir = "$1/wal"
  wal-fsync-delay = "0s"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$2"
  log-enabled = false
  max-row-limit = 0
[logging]
  level = "warn"
  suppress-logo = true
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
TOML
}

start_influxd() { # name
  influxd run -config "$work/$1/influxd.conf" >>"$work/$1/influxd.log" 2>&1 &
  PID[$1]=$!
  local port; port=$(port_of "$1")
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ping")" = 204 ] && return 0
    kill -0 "${PID[$1]}" 2>/dev/null || { echo "influxd $1 exited: $(tail -5 "$work/$1/influxd.log")" >&2; exit 1; }
    sleep 0.1
  done
  echo "influxd $1 did not answer /ping within 60 s" >&2; exit 1
}
port_of() { sed -n 's/^  bind-address = "127.0.0.1:\([0-9]*\)"/\1/p' "$work/$1/influxd.conf"; }

# CPU seconds (user+sys) and peak RSS of a pid: "cpu_s hwm_MiB"
cpu_of() { awk -v t="$clk" '{print ($14+$15)/t}' "/proc/$1/stat" 2>/dev/null || echo 0; }
hwm_of() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
broker_pid() { { grep -s -l -a "BrokerProcessMain" /proc/[0-9]*/cmdline || true; } | while read -r f; do
  if grep -s -q -a "$work/ha" "$f"; then basename "$(dirname "$f")"; fi; done | head -1; }

declare -A CPU0=()
mark() { for name in "$@"; do CPU0[$name]=$(cpu_of "${PID[$name]}"); done; T0=$(now); }
report_cpu() { # points names...: cores used since mark, CPU seconds per million points, peak RSS so far
  local wall points="${1:-0}"; shift; wall=$(echo "$(now) - $T0" | bc -l)
  [ "$points" -gt 0 ] 2>/dev/null || points=1
  for name in "$@"; do
    local cpu; cpu=$(echo "$(cpu_of "${PID[$name]}") - ${CPU0[$name]}" | bc -l)
    SUM=$(echo "$SUM + $cpu * 1000000 / $points" | bc -l)
    printf '    %-8s cpu=%.2f cores  %.2f cpu-s per million points  peak_rss=%s MiB\n' "$name" \
      "$(echo "$cpu / $wall" | bc -l)" "$(echo "$cpu * 1000000 / $points" | bc -l)" "$(hwm_of "${PID[$name]}")"
  done
}
SUM=0
total_cpu() { printf '    all servers: %.2f cpu-s per million points\n' "$SUM"; SUM=0; }

bench() { # log url db [extra options]: runs the load generator, its own CPU and RSS into log.time
  local log="$1" url="$2" db="$3"; shift 3
  /usr/bin/time -f "%U %S %M" -o "$log.time" java -Xmx512m -jar "$jar" bench --url "$url" --db "$db" \
    --duration "${duration}s" --progress 5s $bench_opts "$@" >"$log" 2>&1 || true
}
field() { sed -n "s/^result .*\b$2=\([-0-9.]*\).*/\1/p" "$1"; }
client_cpu() { awk -v d="$duration" '{printf "client cpu=%.2f cores peak_rss=%.0f MiB", ($1+$2)/d, $3/1024}' "$1.time"; }
shape_opts() { [ "$1" = hot ] && echo "--measurements 1" || echo "--measurements 100"; }

for n in a b; do influxd_conf "$work/$n" "$(free_port)" "$(free_port)"; start_influxd $n; done
A="http://127.0.0.1:$(port_of a)"; B="http://127.0.0.1:$(port_of b)"
echo "side-by-side: work=$work influxd a=$A b=$B duration=${duration}s bench: $bench_opts"
echo "machine: $(nproc) cpus, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
declare -A RATE=() CPUM=()

for shape in $shapes; do
  [ "$direct" = 1 ] || continue
  echo "== (a) direct to one influxd, $shape ($(shape_opts $shape)); load before: $(load)"
  mark a; bench "$work/a-$shape.log" "$A" "direct_$shape" $(shape_opts $shape)
  RATE[a-$shape]=$(field "$work/a-$shape.log" points_per_s)
  echo "    rate=${RATE[a-$shape]} points/s  ack p50=$(field "$work/a-$shape.log" p50_ms)ms p99=$(field "$work/a-$shape.log" p99_ms)ms errors=$(field "$work/a-$shape.log" errors)  $(client_cpu "$work/a-$shape.log")"
  report_cpu "$(field "$work/a-$shape.log" points)" a; total_cpu

  echo "== (b) direct to two influxd in parallel, $shape; load before: $(load)"
  mark a b
  bench "$work/b1-$shape.log" "$A" "parallel_$shape" $(shape_opts $shape) & p1=$!
  bench "$work/b2-$shape.log" "$B" "parallel_$shape" $(shape_opts $shape) & p2=$!
  wait $p1 $p2
  r1=$(field "$work/b1-$shape.log" points_per_s); r2=$(field "$work/b2-$shape.log" points_per_s)
  RATE[b-$shape]=$(echo "if ($r1 < $r2) $r1 else $r2" | bc -l)
  echo "    a=$r1 b=$r2 points/s each; the slower, every point in both: ${RATE[b-$shape]}  ($(client_cpu "$work/b1-$shape.log") each)"
  report_cpu "$(field "$work/b1-$shape.log" points)" a; report_cpu "$(field "$work/b2-$shape.log" points)" b
  CPUM[b-$shape]=$SUM; total_cpu
done

# (c) through influx-ha: every role and the embedded broker in one process, replicas a and b.
gw_port=$(free_port)
cat > "$work/ha.yaml" <<YAML
data_dir: "$work/ha"
kafka:
  topic_prefix: sbs
  partitions: 6
$( [ -n "${HA_OVERRIDES:-}" ] && { echo "  client_overrides:"; echo "$HA_OVERRIDES" | sed 's/^/    /'; } )
gateway:
  listen: 127.0.0.1:$gw_port
backends:
  - name: a
    url: $A
  - name: b
    url: $B
shards:
  - name: main
    replicas: [a, b]
    measurements: ["*"]
${HA_APPEND:-}
YAML
java ${HA_JAVA_OPTS:-} -jar "$jar" all -c "$work/ha.yaml" >"$work/ha.log" 2>&1 &
PID[ha]=$!
G="http://127.0.0.1:$gw_port"
for _ in $(seq 1 1200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$G/ping")" = 204 ] && break
  kill -0 "${PID[ha]}" 2>/dev/null || { echo "influx-ha exited: $(tail -20 "$work/ha.log")" >&2; exit 1; }
  sleep 0.1
done
PID[broker]=$(broker_pid)
echo "influx-ha: gateway $G pid=${PID[ha]} broker pid=${PID[broker]:-?}"
sleep 5                                      # let start-up work settle before measuring idle cost
mark ha broker; sleep 10
printf '== idle: influx-ha %.2f cores, broker %.2f cores over 10 s without load\n' \
  "$(echo "($(cpu_of "${PID[ha]}") - ${CPU0[ha]}) / ($(now) - $T0)" | bc -l)" "$(echo "($(cpu_of "${PID[broker]}") - ${CPU0[broker]}) / ($(now) - $T0)" | bc -l)"

for shape in $shapes; do
  echo "== (c) through influx-ha to a and b, $shape; load before: $(load)"
  mark a b ha broker
  bench "$work/c-$shape.log" "$G" "ha_$shape" $(shape_opts $shape) --verify "$A,$B"
  RATE[c-$shape]=$(field "$work/c-$shape.log" e2e_points_per_s)
  echo "    acked=$(field "$work/c-$shape.log" points_per_s) points/s, ack p50=$(field "$work/c-$shape.log" p50_ms)ms p99=$(field "$work/c-$shape.log" p99_ms)ms p99.9=$(field "$work/c-$shape.log" p999_ms)ms errors=$(field "$work/c-$shape.log" errors)"
  echo "    end to end (first send to last point in a and b)=${RATE[c-$shape]:-none} points/s; last point visible $(field "$work/c-$shape.log" visible_ms) ms after its ack  ($(client_cpu "$work/c-$shape.log"))"
  report_cpu "$(field "$work/c-$shape.log" points)" a b ha broker
  CPUM[c-$shape]=$SUM; total_cpu
  [ -n "${CPUM[b-$shape]:-}" ] && printf '    cpu per point (c)/(b) = %.2f: on a quiet machine bound by CPU, (c)/(b) would be at most about its inverse\n' \
    "$(echo "${CPUM[c-$shape]} / ${CPUM[b-$shape]}" | bc -l)"
  [ -n "${RATE[c-$shape]:-}" ] && [ -n "${RATE[b-$shape]:-}" ] && echo "    ratio (c)/(b) = $(echo "scale=3; ${RATE[c-$shape]} / ${RATE[b-$shape]}" | bc -l)"
done

first=${shapes%% *}
half=$(echo "${RATE[c-$first]:-100000} / 2" | bc)
echo "== (c/2) half load: $half points/s offered through influx-ha, $first; load before: $(load)"
mark a b ha broker
bench "$work/h.log" "$G" "half_$first" $(shape_opts "$first") --rate "$half" --verify "$A,$B" --visibility-probes 20
echo "    acked=$(field "$work/h.log" points_per_s) points/s, ack p50=$(field "$work/h.log" p50_ms)ms p99=$(field "$work/h.log" p99_ms)ms p99.9=$(field "$work/h.log" p999_ms)ms errors=$(field "$work/h.log" errors); last point visible in a and b $(field "$work/h.log" visible_ms) ms after its ack"
echo "    write-to-visible in a and b, per probe (20/s, polled every 10 ms): p50=$(field "$work/h.log" vis_p50_ms)ms p99=$(field "$work/h.log" vis_p99_ms)ms"
grep -E '^visibility' "$work/h.log" | sed 's/^/    /' || true
report_cpu "$(field "$work/h.log" points)" a b ha broker; total_cpu
echo "    influx-ha heap: $(jcmd "${PID[ha]}" GC.heap_info 2>/dev/null | grep -m1 -E 'garbage-first heap|heap total' | sed 's/^ *//')"

if [ "$catchup" = 1 ]; then
  steady=$half
  total=$((duration * 3)); down=$duration
  echo "== (d) catch-up: $steady points/s through influx-ha for ${total}s; b stopped at 10s for ${down}s; load before: $(load)"
  bench "$work/d.log" "$G" "catchup" --measurements 1 --rate "$steady" --duration "${total}s" --verify "$A,$B" & pd=$!
  sleep 10                                   # the experiment's schedule, not a synchronisation
  kill -TERM "${PID[b]}"; wait "${PID[b]}" 2>/dev/null || true
  sleep "$down"
  count() { curl -s -G "$1/query" --data-urlencode db=catchup --data-urlencode 'q=SELECT count(f0) FROM /.*/' \
    | jq '[.results[0].series[]?.values[0][1]] | add // 0'; }
  start_influxd b; t_up=$(now); c_up=$(count "$B"); a_up=$(count "$A")
  echo "    b restarted with a backlog of $((a_up - c_up)) points"
  t_move=""; c_move=0
  for _ in $(seq 1 1200); do                  # at most 120 s
    cb=$(count "$B"); ca=$(count "$A"); t=$(now)
    if [ -z "$t_move" ] && [ "$cb" -gt "$c_up" ]; then t_move=$t; c_move=$cb; fi
    if [ "$cb" -ge "$ca" ]; then break; fi
    sleep 0.1
  done
  wait $pd || true
  if [ -n "$t_move" ]; then
    secs=$(echo "$t - $t_move" | bc -l); rate=$(echo "($cb - $c_move) / $secs" | bc -l)
    printf '    b caught up %.1f s after restart (first point %.1f s after restart); catch-up rate %.0f points/s = %.2f x the steady %s points/s\n' \
      "$(echo "$t - $t_up" | bc -l)" "$(echo "$t_move - $t_up" | bc -l)" "$rate" "$(echo "$rate / $steady" | bc -l)" "$steady"
  else
    echo "    b did not receive a point within 120 s of its restart"
  fi
  grep -E '^(done|ack latency|errors|visible|end to end)' "$work/d.log" | sed 's/^/    /'
fi
echo "side-by-side: done; load now: $(load)"
