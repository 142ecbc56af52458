#!/usr/bin/env bash
# codec-jmh.sh: JMH microbenchmarks of the wire-protocol codec (tusk-protocol's MessageWriter,
# MessageReader, MessageBody, BinaryFormats): DataRow, RowDescription and Bind, encoded and decoded in
# memory. Builds what it needs, runs JMH and prints its result table. See benchmarks/README.md.
#
#   benchmarks/codec-jmh.sh [--no-protocol-build] [JMH options...]
#
# The benchmark module compiles against tusk-protocol from the local Maven repository, so by default
# the script first installs bundles/protocol from this working tree (tests skipped); with
# --no-protocol-build it uses whatever is installed. Any other arguments go to JMH unchanged, e.g. a
# benchmark regex ("decode"), -p shape=accounts, -wi 5 -i 5, -prof gc, or -h for JMH's help.
# Default run: 10 benchmark/parameter pairs, 1 fork, 3x1 s warm-up + 3x1 s measurement, ~80 s.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
MODULE=$HERE/codec-jmh
JAR=$MODULE/target/codec-jmh.jar

BUILD_PROTOCOL=1
if [ "${1:-}" = --no-protocol-build ]; then
    BUILD_PROTOCOL=
    shift
elif [ "${1:-}" = --help ]; then
    sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0
fi

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

. "$ROOT/.mvn/find-jdk25.sh"
tusk_find_jdk25
JAVA=$JAVA_HOME/bin/java

if [ -n "$BUILD_PROTOCOL" ]; then
    log "installing tusk-protocol from this working tree"
    (cd "$ROOT" && timeout 600 ./mvnw -q -B -pl bundles/protocol install -DskipTests) || die "tusk-protocol build"
fi
log "building the benchmarks jar"
(cd "$ROOT" && timeout 600 ./mvnw -q -B -f benchmarks/codec-jmh/pom.xml package) || die "benchmark build"

log "running JMH ($("$JAVA" -version 2>&1 | head -1), $(nproc) CPUs); the table comes last, in ns/op"
# JMH 1.37 calls sun.misc.Unsafe::objectFieldOffset, which JDK 24+ warns about; the forked VMs get the
# same flag from @Fork(jvmArgsAppend) in CodecBenchmark.
exec "$JAVA" --sun-misc-unsafe-memory-access=allow -jar "$JAR" "$@"
