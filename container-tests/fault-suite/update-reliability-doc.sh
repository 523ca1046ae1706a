#!/bin/sh
# Copies the figures of the latest fault-suite run (container-tests/fault-suite/*/target/reliability-*.md, written
# by the suite itself) into docs/reliability.md, between the "figures" markers. Run from anywhere:
#   mvn -B -pl container-tests/fault-suite -am verify && container-tests/fault-suite/update-reliability-doc.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
doc="$root/docs/reliability.md"
figures=$(mktemp)
trap 'rm -f "$figures"' EXIT
found=0
for server in payara-micro wildfly; do
  file="$root/container-tests/fault-suite/$server/target/reliability-$server.md"
  if [ -f "$file" ]; then
    cat "$file" >> "$figures"
    echo >> "$figures"
    found=$((found + 1))
  else
    echo "no figures for $server at $file (did its run happen?)" >&2
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
