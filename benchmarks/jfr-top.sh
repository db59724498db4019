#!/usr/bin/env bash
# Where a JFR recording spent its CPU samples: top methods by own samples (the top frame of each
# jdk.ExecutionSample), and by area (package of the top frame), with percentages.
# usage: benchmarks/jfr-top.sh FILE.jfr [N=25]
set -euo pipefail
file="$1"; n="${2:-25}"
samples="$(mktemp)"; trap 'rm -f "$samples"' EXIT
# the first frame line after each "stackTrace = [" is the executing method
jfr print --events jdk.ExecutionSample "$file" \
  | awk '/stackTrace = \[/ {top=1; next} top && NF {sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print; top=0}' >"$samples"
total=$(wc -l <"$samples")
echo "samples: $total"
echo "-- top methods (own samples)"
sort "$samples" | uniq -c | sort -rn | head -"$n" | awk -v t="$total" '{c=$1; $1=""; printf "%6.1f%% %s\n", 100*c/t, $0}'
echo "-- by area (package of the executing method)"
sed -E 's/\.[^.]+\.[^.(]+\(.*$//' "$samples" | sed -E 's/^((java|jdk|sun)\.[a-z]+|org\.apache\.kafka\.[a-z]+|io\.influxha\.[a-z]+|[a-z]+\.[a-z]+).*/\1/' \
  | sort | uniq -c | sort -rn | head -"$n" | awk -v t="$total" '{printf "%6.1f%% %s\n", 100*$1/t, $2}'
