#!/bin/sh
# Regenerates the DMN editor fixtures in decision-models/src/test/resources/editor from the models they stand for.
# Needs Node 20+, Chromium (Debian: apt-get install chromium; or set CHROMIUM) and Maven; works offline once
# `npm ci` and the Maven dependencies are in place. Run from anywhere: sh decision-models/editor/regenerate-fixtures.sh
#
# --normalise-source first rewrites disposition.dmn itself into the editor's form (opened and saved by the editor,
# converted back to DMN 1.5): a fixed point of the round trip, so later round trips change nothing.
set -eu
normalise=no
case "${1:-}" in
    --normalise-source) normalise=yes ;;
    "") ;;
    *) echo "usage: $0 [--normalise-source]" >&2; exit 2 ;;
esac
editor_dir=$(cd "$(dirname "$0")" && pwd)
module_dir=$(dirname "$editor_dir")
repo_dir=$(dirname "$module_dir")
fixtures="$module_dir/src/test/resources/editor"
source_model="$module_dir/src/main/resources/io/ringfence/decision/disposition.dmn"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$editor_dir"
[ -d node_modules/@kie-tools/dmn-editor-standalone ] || npm ci --no-audit --no-fund

# The converter (io.ringfence.decision.dmn.DmnConvert: the upload gate, DmnUpload, run on a file) turns the editor's
# DMN 1.6 back into the DMN 1.5 the engine reads. Its package needs only the JDK, the KIE XSDs and rules' SafeXml, so
# it is compiled on its own, whatever state the rest of the module is in.
(cd "$repo_dir" && mvn -B -ntp -q -pl decision-models dependency:build-classpath \
    -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=runtime)
mkdir "$work/classes"
javac -d "$work/classes" -cp "$(cat "$work/classpath.txt")" "$module_dir"/src/main/java/io/ringfence/decision/dmn/*.java
to_dmn15() {
    java -cp "$work/classes:$(cat "$work/classpath.txt")" io.ringfence.decision.dmn.DmnConvert "$1" "$2"
}

if [ "$normalise" = yes ]; then
    node roundtrip.mjs "$source_model" "$work/source.dmn16.dmn"
    to_dmn15 "$work/source.dmn16.dmn" "$source_model"
fi

# Tooling sample: opened and saved as is, and with one analyst edit (row 3 of "Action": score < 0.2 -> < 0.25).
node roundtrip.mjs "$fixtures/sample.dmn" "$fixtures/sample.written-by-dmn-editor-10.2.0.dmn"
node roundtrip.mjs "$fixtures/sample.dmn" "$fixtures/sample.edited-by-dmn-editor-10.2.0.dmn" --edit "Action|3|3|< 0.25"

# The disposition model: one round trip, then the engine's form of that opened and saved again.
node roundtrip.mjs "$source_model" "$fixtures/disposition.written-by-dmn-editor-10.2.0.dmn"
to_dmn15 "$fixtures/disposition.written-by-dmn-editor-10.2.0.dmn" "$work/disposition.dmn15.dmn"
node roundtrip.mjs "$work/disposition.dmn15.dmn" "$fixtures/disposition.second-round-trip.written-by-dmn-editor-10.2.0.dmn"
