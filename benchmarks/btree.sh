#!/usr/bin/env bash
# B-tree index benchmark of the storage engine alone: builds bundles/storage (without tests) if needed,
# then runs BTreeBench: inserts/s and point lookups/s with 1 and 8 backends.
# Usage: benchmarks/btree.sh [--dir DIR] [--seconds N] [--rows N] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=/tmp/tusk-btree; seconds=5; rows=1000000; build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    --rows) rows=$2; shift 2;;
    --no-build) build=0; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
classes=bundles/storage/target/classes
if [ "$build" = 1 ] || [ ! -d "$classes/org/tusk/storage/engine" ]; then
  ./mvnw -B -o -q -pl bundles/storage compile
fi
java=$(ls -d "${JAVA_HOME:-/nonexistent}/bin/java" 2>/dev/null || true)
if [ -z "$java" ]; then
  java=$(./mvnw -v 2>/dev/null | sed -n 's/.*runtime: //p')/bin/java
fi
slf4j=$(ls ~/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar | grep -v sources | sort -V | tail -1)
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
"$java" --enable-native-access=ALL-UNNAMED -cp "$classes:$slf4j" benchmarks/btree/BTreeBench.java \
  "$dir" "$rows" "$seconds"
