#!/usr/bin/env bash
# Latency of refused writes on an idle gateway: starts two influxd 1.6.7 and `influx-ha all`
# (embedded broker, replicas a and b), creates one database through the gateway, then
# io.influxha.bench.RefusalLatency sends, one at a time, REQUESTS writes to a database that does
# not exist (404) and REQUESTS to a retention policy that does not exist (500), and prints
# p50/p90/p99/p99.9/max per case. Everything on loopback, on free ports, under one work
# directory; every process it starts is stopped on exit.
#
# usage: benchmarks/refusal-latency.sh [REQUESTS (1000)] [WARMUP (100)]
# env:   INFLUXHA_JAR (default launcher/target/influx-ha.jar; another build, e.g. of an older commit,
#        to compare), BENCH_JAR (default benchmarks/target/benchmarks.jar), WORK (default: a new /tmp dir)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${INFLUXHA_JAR:-$root/launcher/target/influx-ha.jar}"
bench_jar="${BENCH_JAR:-$root/benchmarks/target/benchmarks.jar}"
requests="${1:-1000}"; warmup="${2:-100}"
[ -f "$jar" ] || { echo "refusal-latency: no $jar: build it (mvn -B -pl launcher -am package -DskipTests) or set INFLUXHA_JAR" >&2; exit 2; }
[ -f "$bench_jar" ] || { echo "refusal-latency: no $bench_jar: build it (mvn -B -pl benchmarks -am package -DskipTests)" >&2; exit 2; }
command -v influxd >/dev/null || { echo "refusal-latency: influxd not found (sudo apt-get install -y influxdb)" >&2; exit 2; }
work="${WORK:-$(mktemp -d /tmp/influxha-refusal.XXXX)}"; mkdir -p "$work"
declare -A PID=()

stop_all() {
  for name in "${!PID[@]}"; do kill -TERM "${PID[$name]}" 2>/dev/null || true; done
  for name in "${!PID[@]}"; do
    for _ in $(seq 1 300); do kill -0 "${PID[$name]}" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "${PID[$name]}" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop_all EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ping() { # name url
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$2/ping")" = 204 ] && return 0
    kill -0 "${PID[$1]}" 2>/dev/null || { echo "$1 exited: $(tail -20 "$work/$1.log")" >&2; exit 1; }
    sleep 0.1
  done
  echo "$1 did not answer /ping within 120 s" >&2; exit 1
}

for n in a b; do
  port=$(free_port); mkdir -p "$work/$n"/{meta,data,wal}
  cat > "$work/$n/influxd.conf" <<TOML
reporting-disabled = true
bind-address = "127.0.0.1:$(free_port)"
[meta]
  dir = "$work/$n/meta"
  logging-enabled = false
[data]
  dir = "$work/$n/data"
  wal-dir = "$work/$n/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$port"
  log-enabled = false
[logging]
  level = "warn"
  suppress-logo = true
[continuous_queries]
  enabled = false
[subscriber]
  enabled = false
TOML
  influxd run -config "$work/$n/influxd.conf" >"$work/$n.log" 2>&1 &
  PID[$n]=$!; eval "port_$n=$port"; wait_ping "$n" "http://127.0.0.1:$port"
done

gw_port=$(free_port)
cat > "$work/ha.yaml" <<YAML
data_dir: "$work/ha"
kafka:
  topic_prefix: refusal
  partitions: 6
gateway:
  listen: 127.0.0.1:$gw_port
backends:
  - name: a
    url: http://127.0.0.1:$port_a
  - name: b
    url: http://127.0.0.1:$port_b
shards:
  - name: main
    replicas: [a, b]
    measurements: ["*"]
YAML
java -jar "$jar" all -c "$work/ha.yaml" >"$work/ha.log" 2>&1 &
PID[ha]=$!
G="http://127.0.0.1:$gw_port"
wait_ping ha "$G"
curl -s -XPOST "$G/query" --data-urlencode "q=CREATE DATABASE refusal_db" >/dev/null
for _ in $(seq 1 600); do   # the database is usable once a write to it is acknowledged
  [ "$(curl -s -o /dev/null -w '%{http_code}' -XPOST "$G/write?db=refusal_db" --data-binary 'setup v=1')" = 204 ] && break
  sleep 0.1
done
echo "refusal-latency: jar=$jar gateway=$G requests=$requests warmup=$warmup load=$(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$bench_jar" io.influxha.bench.RefusalLatency "$G" "$requests" "$warmup" refusal_db
echo "refusal-latency: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
