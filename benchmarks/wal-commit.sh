#!/usr/bin/env bash
# WAL commit benchmark: builds bundles/storage (without tests) if needed, then runs WalCommitBench
# with 1 and 8 threads, synchronous_commit on and off, and pg_test_fsync on the same disk if installed.
# Usage: benchmarks/wal-commit.sh [--dir DIR] [--seconds N] [--sync-method M] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=/tmp/tusk-wal-commit; seconds=5; method=fdatasync; build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    --sync-method) method=$2; shift 2;;
    --no-build) build=0; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
classes=bundles/storage/target/classes
if [ "$build" = 1 ] || [ ! -d "$classes/org/tusk/storage/wal" ]; then
  ./mvnw -B -o -q -pl bundles/storage compile
fi
java=$(ls -d "${JAVA_HOME:-/nonexistent}/bin/java" 2>/dev/null || true)
if [ -z "$java" ]; then
  java=$(./mvnw -v 2>/dev/null | sed -n 's/.*runtime: //p')/bin/java
fi
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
"$java" --enable-native-access=ALL-UNNAMED -cp "$classes" benchmarks/wal-commit/WalCommitBench.java \
  "$dir" "$seconds" "$method" 1 8
pg_test_fsync=${PG_BIN:-/usr/lib/postgresql/15/bin}/pg_test_fsync
if [ -x "$pg_test_fsync" ]; then
  echo
  "$pg_test_fsync" -s 2 -f "$dir/pg_test_fsync.out"
fi
