#!/bin/sh
# Device access for the desktop user (ID-card reader, HID POS scanner, ticket printer).
rules="/opt/Yichuang/resources/resources/udev/60-yichuang-devices.rules"
if [ -f "$rules" ] && [ -d /etc/udev/rules.d ]; then
  cp "$rules" /etc/udev/rules.d/
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
    udevadm trigger || true
  fi
fi
