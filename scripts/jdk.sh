# Finds a JDK 21 or newer and exports JAVA_HOME and PAVED_JAVA_OPTS. Sourced by ./paved and ./test.
# Order: $JAVA_HOME, then `java` on PATH, then the newest JDK under /usr/lib/jvm.

paved_java_major() { # prints the major version of the java binary $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

paved_find_jdk() {
  local candidate major best="" best_major=0
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(readlink -f "$(command -v java)")")
  for candidate in /usr/lib/jvm/*/bin/java; do [ -x "$candidate" ] && candidates+=("$candidate"); done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate" ] && [ -x "$(dirname "$candidate")/javac" ] || continue
    major=$(paved_java_major "$candidate")
    [ "${major:-0}" -ge 21 ] 2>/dev/null || continue
    # the first acceptable one in the documented order wins
    best=$candidate; best_major=$major; break
  done
  if [ -z "$best" ]; then
    echo "paved: no JDK 21 or newer found (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm/*)." >&2
    echo "paved: install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2
    return 3
  fi
  JAVA_HOME=$(dirname "$(dirname "$best")")
  export JAVA_HOME
  PAVED_JAVA_OPTS=""
  # protobuf (used by CEL) touches sun.misc.Unsafe; JDK 24+ warns on stderr unless allowed
  [ "$best_major" -ge 24 ] && PAVED_JAVA_OPTS="--sun-misc-unsafe-memory-access=allow"
  export PAVED_JAVA_OPTS
}
