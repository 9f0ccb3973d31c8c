#!/usr/bin/env bash
# Starts CUPS (no systemd needed) and adds two queues used by the printing tests:
#   PDF      cups-pdf: every job becomes a PDF in the submitting user's ~/PDF/ (root: /root/PDF)
#   Stopped  a queue that accepts jobs but never prints them (a printer out of paper)
#   Rejecting  a queue that refuses new jobs (cupsreject, e.g. taken out for maintenance)
# Safe to run again.
set -euo pipefail
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

# `lpstat -r` exits 0 whether or not the scheduler runs: read what it says.
scheduler_running() { lpstat -r 2>/dev/null | grep -q '^scheduler is running'; }
if ! scheduler_running; then
  if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
    $sudo_cmd systemctl start cups
  else
    $sudo_cmd cupsd
  fi
  for _ in $(seq 1 100); do scheduler_running && break; sleep 0.1; done
  scheduler_running || { echo "CUPS did not start (see /var/log/cups/error_log)" >&2; exit 1; }
fi

ppd=lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
if ! lpstat -p PDF >/dev/null 2>&1; then
  $sudo_cmd lpadmin -p PDF -v cups-pdf:/ -E -m "$ppd"
fi
if ! lpstat -p Stopped >/dev/null 2>&1; then
  $sudo_cmd lpadmin -p Stopped -v cups-pdf:/ -E -m "$ppd"
fi
if ! lpstat -p Rejecting >/dev/null 2>&1; then
  $sudo_cmd lpadmin -p Rejecting -v cups-pdf:/ -E -m "$ppd"
fi
# Accepting jobs, but stopped: a job waits forever, as on a printer out of paper.
$sudo_cmd cupsdisable Stopped
# Enabled, but refusing new jobs, with the reason an administrator gives.
$sudo_cmd cupsreject -r 'maintenance' Rejecting
lpstat -p PDF -p Stopped -p Rejecting
