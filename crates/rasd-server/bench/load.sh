#!/usr/bin/env bash
# Load benchmark of `rasd serve` (a benchmark, not a test): fills a database
# with synthetic events, serves it on a free loopback port and drives a
# filtered /api/events page with wrk. Prints requests/s and latency
# percentiles; the goal is p99 <= 50 ms with no errors.
#
#   crates/rasd-server/bench/load.sh            # 100,000 events, 20 s, 16 connections
#   EVENTS=10000 DURATION=5s crates/rasd-server/bench/load.sh
#
# Needs wrk (apt-get install wrk). Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../../.."

EVENTS=${EVENTS:-100000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
QUERY=${QUERY:-/api/events?country=SY&type=Battles&since=2023-01-01&limit=100}

command -v wrk >/dev/null || { echo "load.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
cargo build --release -p rasd
cargo build --release -p rasd-server --example synthetic_db

mkdir -p target/load
DB=target/load/bench-$EVENTS.db
[ -f "$DB" ] || target/release/examples/synthetic_db --events "$EVENTS" --out "$DB"

LOG=target/load/serve.log
target/release/rasd serve --db "$DB" --bind 127.0.0.1:0 2>"$LOG" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$LOG" && break
  sleep 0.1
done
ADDR=$(grep -o 'listening on http://[0-9.:]*' "$LOG" | head -1 | sed 's/listening on //')
[ -n "$ADDR" ] || { echo "load.sh: the server did not start:" >&2; cat "$LOG" >&2; exit 1; }

echo "load.sh: $EVENTS events, GET $QUERY, $CONNECTIONS connections, $DURATION"
curl -sf "$ADDR$QUERY" -o target/load/page.json
echo "one page: $(wc -c < target/load/page.json) bytes, $(grep -o '"event_id"' target/load/page.json | wc -l) events"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$ADDR$QUERY"
