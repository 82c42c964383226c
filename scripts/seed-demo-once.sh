#!/usr/bin/env bash
# Seed the default database with demo data the first time `make run` starts, i.e. when it holds no order.
# Usage: seed-demo-once.sh VENV
set -euo pipefail

venv=${1:?usage: seed-demo-once.sh VENV}
omsdesk="$venv/bin/omsdesk"
python="$venv/bin/python"

# A database that does not exist yet or has no schema makes `orders list` fail;
# that is a first run too, and `demo` creates what it needs.
listing=$("$omsdesk" orders list --limit 1 --json 2>/dev/null) || listing=""

has_orders=$(printf '%s' "$listing" | "$python" -c '
import json, sys
try:
    data = json.load(sys.stdin)
except ValueError:
    print("no")
    raise SystemExit(0)
# Accept a bare list or an object wrapping the rows, whichever docs/cli.md settles on.
if isinstance(data, dict):
    data = next((v for k, v in data.items() if k in ("orders", "items", "rows") and isinstance(v, list)), [])
print("yes" if data else "no")
')

if [ "$has_orders" = yes ]; then
    echo "seed-demo-once: the database already has orders; not seeding"
else
    echo "seed-demo-once: first run, seeding demo data (omsdesk demo)"
    "$python" -m omsdesk demo
fi
