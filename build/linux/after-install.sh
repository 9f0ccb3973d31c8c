#!/bin/sh
# Writes the center's update server (YICHUANG_UPDATE_URL in the installing environment, or
# /etc/yichuang/update-url) into app-update.yml next to the app.
set -e
url="${YICHUANG_UPDATE_URL:-}"
[ -z "$url" ] && [ -f /etc/yichuang/update-url ] && url="$(cat /etc/yichuang/update-url)"
if [ -n "$url" ]; then
  printf 'provider: generic\nurl: %s\nchannel: latest\n' "$url" > "/opt/Yichuang/resources/app-update.yml"
fi

# Device access for the desktop user (ID-card reader, HID POS scanner, ticket printer).
rules="/opt/Yichuang/resources/resources/udev/60-yichuang-devices.rules"
if [ -f "$rules" ] && [ -d /etc/udev/rules.d ]; then
  cp "$rules" /etc/udev/rules.d/
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
    udevadm trigger || true
  fi
fi
