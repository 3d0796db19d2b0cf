#!/usr/bin/env bash
# Installs what ccm-desktop needs on a fresh Debian/Ubuntu machine (system libraries for Qt,
# fonts, poppler, PostgreSQL for the team-database tests) and the package itself in .venv.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # what Qt needs to run offscreen and under X (Xvfb)
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
  libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth
  # the window test types keys into the real program under Xvfb
  xdotool
  # fonts for the window and the PDF; poppler to render PDFs in tests
  fonts-dejavu-core fonts-wqy-microhei poppler-utils
  # the team database (tests run against a throwaway cluster)
  postgresql
  # LibreOffice without a GUI (~13 s to install): tests open exported workbooks with it
  libreoffice-calc-nogui
  # and Writer: the Word import converts .doc and .odt to .docx with it
  libreoffice-writer-nogui
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages first (as root): ${missing[*]}" >&2
  fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
