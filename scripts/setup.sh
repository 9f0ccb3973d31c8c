#!/usr/bin/env bash
# Installs everything the workstation and its tests need on a fresh Debian machine:
# Debian packages (Chromium for the end-to-end tests, CJK fonts, poppler, Xvfb, libusb/udev for
# devices, SANE with sane-airscan for the document scanners, CUPS, PostgreSQL) and the npm dependencies from the lockfile. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium fonts-noto-cjk poppler-utils xvfb xauth libusb-1.0-0 libudev1 udev socat cups cups-client printer-driver-cups-pdf sane-utils sane-airscan espeak-ng)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A real printer for the printing tests (and for trying printing without hardware): CUPS with a
# PDF queue whose output lands in ~/PDF, and a stopped queue that never finishes a job.
bash "$(dirname "$0")/setup-printers.sh"

# PostgreSQL for central's tests (central runs on it in production; its embedded default is PGlite).
bash "$(dirname "$0")/setup-postgres.sh"

# Native modules build against the machine's Node headers (no header download here).
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
npm ci --no-audit --no-fund --loglevel=error
