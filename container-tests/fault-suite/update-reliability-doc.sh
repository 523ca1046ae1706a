#!/bin/sh
# Copies the figures of the latest fault-suite run (target/reliability-*.md of each server module that runs the
# suite, written by the suite itself) into docs/reliability.md, between the "figures" markers. Run from anywhere:
#   mvn -B -pl container-tests/fault-suite -am verify && container-tests/fault-suite/update-reliability-doc.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
doc="$root/docs/reliability.md"
figures=$(mktemp)
trap 'rm -f "$figures"' EXIT
found=0
for file in "$root"/container-tests/fault-suite/payara-micro/target/reliability-*.md \
    "$root"/container-tests/payara-micro-7/target/reliability-*.md \
    "$root"/container-tests/fault-suite/wildfly/target/reliability-*.md; do
  if [ -f "$file" ]; then
    cat "$file" >> "$figures"
    echo >> "$figures"
    found=$((found + 1))
  else
    echo "no figures at $file (did its run happen?)" >&2
  fi
done
[ "$found" -gt 0 ] || { echo "no figures found; run the suite first" >&2; exit 1; }
awk -v figures="$figures" '
  /<!-- figures:begin -->/ { print; while ((getline line < figures) > 0) print line; skip = 1; next }
  /<!-- figures:end -->/ { skip = 0 }
  !skip { print }
' "$doc" > "$doc.new"
mv "$doc.new" "$doc"
echo "updated $doc with $found server(s)"
