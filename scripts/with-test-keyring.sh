#!/usr/bin/env bash
# Run a command with a throw-away, unlocked gnome-keyring Secret Service on the current D-Bus session.
# Meant to run inside `dbus-run-session`, so the daemon goes away with that bus.
set -euo pipefail

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "with-test-keyring: no D-Bus session; run me under dbus-run-session" >&2
    exit 2
fi

# Keyring files and control socket go to a temporary folder, so a developer's
# own login keyring is never touched (or created with a test password).
keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/omsdesk-keyring.XXXXXX")
trap 'rm -rf "$keyring_home"' EXIT
mkdir -m 700 "$keyring_home/data" "$keyring_home/runtime"

if command -v gnome-keyring-daemon >/dev/null 2>&1; then
    # --unlock reads the new keyring's password from stdin and returns once
    # the daemon owns org.freedesktop.secrets on this bus.
    printf pass | XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/runtime" \
        gnome-keyring-daemon --unlock --components=secrets >/dev/null \
        || echo "with-test-keyring: gnome-keyring-daemon failed; the Secret Service test will not find a keyring" >&2
else
    echo "with-test-keyring: gnome-keyring-daemon not installed; the Secret Service test will not find a keyring" >&2
fi

# Not exec: the EXIT trap must still remove the folder; the status passes through.
status=0
"$@" || status=$?
exit "$status"
