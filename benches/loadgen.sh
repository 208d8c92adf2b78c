#!/usr/bin/env bash
# Every load figure in BENCHMARKS.md, on SQLite and on PostgreSQL, one after
# the other in one session: `benches/loadgen.sh [filter]` (a filter runs only
# the runs whose name contains it). Each run's full report goes to
# target/loadgen/<name>.txt, and a line per run to target/loadgen/summary.txt.
#
# PostgreSQL: a throwaway cluster from the machine's packages on
# 127.0.0.1:55432 with its default durability, an empty database per run,
# removed at the end. As root it runs as the `postgres` user.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
out=target/loadgen
mkdir -p "$out"
cargo build --release --bins --examples
loadgen=target/release/examples/loadgen

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pgdir=$(mktemp -d /tmp/mesabot-bench-pg.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pgdir"
as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U mesabot -E UTF8 --no-locale >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
    -o "-p 55432 -k $pgdir -c listen_addresses=127.0.0.1" start >/dev/null
trap 'as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null; rm -rf "$pgdir"' EXIT
databases=0

run() {
    local name=$1
    shift
    [[ "$name" == *"$filter"* ]] || return 0
    local args=("$@")
    if [[ "$name" == postgres* ]]; then
        # A fresh database each run: the fake Bot API numbers updates from 1.
        databases=$((databases + 1))
        as_pg "$pgbin/createdb" -h 127.0.0.1 -p 55432 -U mesabot "bench$databases"
        args+=(--database "postgres://mesabot@127.0.0.1:55432/bench$databases")
    fi
    echo "== $name: loadgen ${args[*]}"
    "$loadgen" "${args[@]}" >"$out/$name.txt" 2>&1
    {
        printf '%-28s ' "$name"
        grep -E '^(start-up|inputs|throughput|first reply|bot CPU|bot peak RSS|bot RSS every|limit violations|drain|tickets|Bot API calls)' \
            "$out/$name.txt" | tr -s ' ' | paste -sd '|' -
    } | tee -a "$out/summary.txt"
}

: >"$out/summary.txt"
run echo-ceiling --target echo --users 1000 --messages 8
# The echo bot given the mix's presses, answered with the calls mesabot makes.
run echo-presses --target echo --echo-presses --users 1000 --messages 13
# The echo bot's own latency when updates arrive one by one.
run echo-rate-500 --target echo --users 1000 --rate 500 --duration 20
for db in sqlite postgres; do
    run "$db-text" --users 1000 --messages 8 --text-only
    run "$db-mix" --users 1000 --messages 13
    run "$db-rate-250" --users 1000 --rate 250 --duration 20
    run "$db-rate-500" --users 1000 --rate 500 --duration 20
    run "$db-burst" --users 1000 --messages 1 --rate 500 --rate-limits on
    run "$db-burst-agents" --users 1000 --messages 2 --rate 1000 --rate-limits on --agents-every 10
    run "$db-open-10000" --users 10000 --open-only
    run "$db-soak-60" --users 1000 --duration 60 --think-ms 1000
done
run postgres-replicas-rate-200 --users 1000 --rate 200 --duration 20 --replicas 2
run postgres-replicas-rate-500 --users 1000 --rate 500 --duration 20 --replicas 2
