#!/usr/bin/env bash
# Runs FEEL-Scala (as Zeebe configures it) on a FEEL corpus: run.sh CORPUS.json OUT.json
# Builds the runner jar on first use (offline when Maven's cache has everything, else online).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
out="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
jar="$here/target/feel-scala-runner-1.0.0.jar"
cp_file="$here/target/classpath.txt"
cd "$here"
mvn_quiet() { mvn -B -q -o "$@" >/dev/null 2>&1 || mvn -B -q "$@"; }
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ] || [ -n "$(find src pom.xml -newer "$jar" -type f | head -1)" ]; then
  mvn_quiet -DskipTests package
  mvn_quiet dependency:build-classpath -Dmdep.outputFile="$cp_file"
fi
exec java -Duser.timezone=Etc/UTC -cp "$jar:$(cat "$cp_file")" kvh.feel.Runner "$corpus" "$out"
