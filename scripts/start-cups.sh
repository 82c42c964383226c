#!/usr/bin/env bash
# Start CUPS without systemd and set up the PDF (cups-pdf) and raw ZPL (file) queues the tests print to.
set -euo pipefail

PDF_OUT="${OMSDESK_CUPS_PDF_OUT:-/var/spool/cups-pdf/omsdesk}"
ZPL_DIR="${OMSDESK_CUPS_ZPL_DIR:-/var/spool/cups-zpl}"
ZPL_FILE="$ZPL_DIR/labels.zpl"
ZPL_PPD="$(cd "$(dirname "$0")" && pwd)/cups/omsdesk-zpl.ppd"
ZPL_FILTER="$(cd "$(dirname "$0")" && pwd)/cups/omsdesk-zpl-replace"
ZPL_MODEL="omsdesk ZPL pass-through, one label per file"
CUPS_PDF_CONF=/etc/cups/cups-pdf.conf
CUPS_FILES_CONF=/etc/cups/cups-files.conf

if [ "$(id -u)" -ne 0 ]; then
    if lpstat -p PDF >/dev/null 2>&1 && lpstat -p ZPL >/dev/null 2>&1; then
        echo "start-cups: not root, but CUPS already serves PDF and ZPL"
        exit 0
    fi
    echo "start-cups: needs root to configure CUPS; run: sudo $0" >&2
    exit 1
fi

for tool in cupsd lpadmin lpstat cupsenable cupsaccept; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
        echo "start-cups: $tool not found; run scripts/ensure-system.sh first" >&2
        exit 1
    fi
done
export PATH="$PATH:/usr/sbin"

config_changed=0

# cups-pdf writes as the job's user after dropping root, so the folder is
# world-writable with the sticky bit, like /tmp.
mkdir -p "$PDF_OUT"
chmod 1777 "$PDF_OUT"
# Set "KEY VALUE" in cups-pdf.conf (read by the backend on every job, so no
# restart), replacing a commented or different line for that key.
set_cups_pdf_key() {
    local key=$1 value=$2
    grep -qx "$key $value" "$CUPS_PDF_CONF" && return 0
    awk -v key="$key" -v line="$key $value" '
        $0 ~ "^[#[:space:]]*" key "[[:space:]]" { if (!done) { print line; done = 1 }; next }
        { print }
        END { if (!done) print line }
    ' "$CUPS_PDF_CONF" >"$CUPS_PDF_CONF.tmp"
    cat "$CUPS_PDF_CONF.tmp" >"$CUPS_PDF_CONF" && rm -f "$CUPS_PDF_CONF.tmp"
}
set_cups_pdf_key Out "$PDF_OUT"
# Name every file "<title>-job_<id>.pdf": nothing is overwritten and a test
# finds its own job's file.
set_cups_pdf_key Label 2
set_cups_pdf_key TitlePref 1

# A file: device lets a queue stand in for a label printer; cupsd refuses
# file: URIs unless FileDevice is on.
if ! grep -qE '^FileDevice[[:space:]]+Yes' "$CUPS_FILES_CONF"; then
    sed -i -E '/^[#[:space:]]*FileDevice[[:space:]]/d' "$CUPS_FILES_CONF"
    # The shipped file may end without a newline.
    [ -z "$(tail -c1 "$CUPS_FILES_CONF")" ] || echo >>"$CUPS_FILES_CONF"
    echo "FileDevice Yes" >>"$CUPS_FILES_CONF"
    config_changed=1
fi
mkdir -p "$ZPL_DIR"
chmod 1777 "$ZPL_DIR"
# cupsd (2.4) opens a file: device's output without creating it: with no file every job
# stops ("the scheduler could not open the output file" in /var/log/cups/error_log).
# Each job truncates the file; the tests, maybe not root, read it.
if [ -e "$ZPL_FILE" ] && [ ! -f "$ZPL_FILE" ]; then
    rm -rf "$ZPL_FILE"  # a folder or dangling link left by a half-made set-up
fi
[ -f "$ZPL_FILE" ] || : >"$ZPL_FILE"
# The queue's filter (running as cupsd's unprivileged user) empties it before each job.
chmod 0666 "$ZPL_FILE"
# cupsd runs only filters owned by root and writable by no one else.
install -D -o root -g root -m 0755 "$ZPL_FILTER" /usr/lib/cups/filter/omsdesk-zpl-replace

scheduler_up() { lpstat -r 2>/dev/null | grep -q 'scheduler is running'; }

mkdir -p /run/cups
if scheduler_up; then
    if [ "$config_changed" -eq 1 ]; then
        # SIGHUP makes cupsd re-read cupsd.conf and cups-files.conf.
        for pid in $(pidof cupsd); do kill -HUP "$pid"; done
        sleep 1
    fi
else
    # Without -f, cupsd forks into the background and returns once it listens.
    cupsd
fi

for _ in $(seq 1 50); do
    scheduler_up && break
    sleep 0.2
done
if ! scheduler_up; then
    echo "start-cups: cupsd did not come up; see /var/log/cups/error_log" >&2
    exit 1
fi

# The cups-pdf PPD: ask CUPS for its name, fall back to the file Debian ships.
pdf_model=$(lpinfo -m 2>/dev/null | awk '/CUPS-PDF_opt\.ppd/ {print $1; exit}')
if [ -z "$pdf_model" ]; then
    pdf_model=$(lpinfo -m 2>/dev/null | awk 'tolower($0) ~ /cups-pdf/ {print $1; exit}')
fi
if [ -z "$pdf_model" ]; then
    echo "start-cups: no cups-pdf PPD found (lpinfo -m); is printer-driver-cups-pdf installed?" >&2
    exit 1
fi

# lpstat -v hides the file: scheme, so read the device-uri option instead.
queue_uri() { lpoptions -p "$1" 2>/dev/null | tr ' ' '\n' | sed -n 's/^device-uri=//p'; }

if [ "$(queue_uri PDF)" != "cups-pdf:/" ]; then
    lpadmin -p PDF -E -v cups-pdf:/ -m "$pdf_model"
fi
# A raw (PPD-less) queue would lose the bytes on a file: device, because cupsd
# only writes such a file through a filter; our PPD adds a pass-through one.
queue_model() { lpoptions -p "$1" 2>/dev/null | grep -o "printer-make-and-model='[^']*'" | cut -d"'" -f2; }
if [ "$(queue_uri ZPL)" != "file://$ZPL_FILE" ] || [ "$(queue_model ZPL)" != "$ZPL_MODEL" ]; then
    lpadmin -p ZPL -E -v "file://$ZPL_FILE" -P "$ZPL_PPD"
fi
for queue in PDF ZPL; do
    cupsenable "$queue"
    cupsaccept "$queue"
done

echo "start-cups: queues PDF (out: $PDF_OUT) and ZPL (file: $ZPL_FILE) ready"
