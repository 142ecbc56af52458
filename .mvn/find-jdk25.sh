# Sourced by ./mvnw and by the distribution's bin/tusk: make JAVA_HOME point at a JDK 25 or newer.
#
# Tusk is compiled for Java 25, while many machines (Debian 12 among them) still default to an older
# java. We accept JAVA_HOME when it is new enough; otherwise we look in the usual places for an
# installed JDK 25+ and use that. If none is found we say exactly what is missing rather than let the
# compiler or the JVM fail later with a cryptic "release version 25 not supported".

tusk_jdk_major() {
    # Prints the major version of the JDK at $1, read from its "release" file; nothing if unknown.
    [ -r "$1/release" ] || return 0
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release"
}

tusk_find_jdk25() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major=$(tusk_jdk_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
        [ -x "$candidate/bin/java" ] || continue
        major=$(tusk_jdk_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then
            JAVA_HOME=$candidate
            export JAVA_HOME
            return 0
        fi
    done
    echo "Tusk needs a JDK 25 or newer, and none was found." >&2
    echo "Looked at JAVA_HOME (${JAVA_HOME:-unset}) and under /usr/lib/jvm, /opt/java, /opt/jdk*." >&2
    echo "Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
    return 1
}
