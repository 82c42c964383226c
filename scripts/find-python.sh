#!/usr/bin/env bash
# Print the path of a Python 3.11 or newer to build the virtualenv with ($PYTHON wins if set).
set -euo pipefail

for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if "$path" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "$path"
        exit 0
    fi
done
echo "find-python: omsdesk needs Python 3.11 or newer; install it (Debian: sudo apt-get install python3 python3-venv) or set PYTHON=/path/to/python3.11" >&2
exit 1
