#!/usr/bin/env bash
# Install the Debian packages omsdesk's run and test need, only those that are missing.
set -euo pipefail

# One list; other work that needs a Debian package appends here.
PACKAGES="
xvfb xauth
cups cups-client cups-bsd printer-driver-cups-pdf
poppler-utils zbar-tools fonts-dejavu-core
dbus dbus-x11 gnome-keyring libsecret-1-0
libegl1 libgl1 libopengl0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxrender1 libxi6
libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xfixes0 libxcb-sync1
libxcb-shm0 libxcb-xkb1 libxcb-xinerama0
libwayland-client0 libwayland-cursor0 libwayland-egl1
libpulse0
postgresql-client
"

# PostgreSQL: any installed major version will do (Debian 12 has 15); only pull
# the meta package when the cluster tools or every server are absent.
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    PACKAGES="$PACKAGES postgresql"
fi

# npm fetches Shopify's official Admin API schema (make shopify-schema) the tests validate against.
if ! command -v npm >/dev/null 2>&1; then
    PACKAGES="$PACKAGES npm"
fi

# The virtualenv needs Python 3.11+ with venv/ensurepip, which Debian ships apart.
python=$(bash "$(dirname "$0")/find-python.sh" 2>/dev/null) || python=""
if [ -z "$python" ]; then
    PACKAGES="$PACKAGES python3.11 python3.11-venv"
elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    PACKAGES="$PACKAGES python$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv"
fi

missing=()
for pkg in $PACKAGES; do
    # dpkg -s exits 0 for half-removed packages too, so check the status line.
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "ensure-system: all Debian packages present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-system: missing Debian packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "ensure-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
