# Sourced by ./delays4j and ./test: sets JAVA_HOME to a JDK >= 25 (JAVA_HOME first, then the
# JDKs under /usr/lib/jvm), or prints one line saying how to get one and exits 1.
java_major() { # feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}
find_jdk() {
  local cand v
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    v=$(java_major "$cand/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$cand"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME=$(find_jdk); then
  echo "delays4j: no JDK 25 or newer found (checked JAVA_HOME and /usr/lib/jvm); install one (e.g. Temurin 25: apt-get install temurin-25-jdk, or adoptium.net) and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
