#!/usr/bin/env bash
# Builds the Linux bundle: a one-folder PyInstaller build of ccm-desktop (Python, Qt with its
# xcb/offscreen/wayland platform plugins, fonts, State list, samples, JSON Schema, translations),
# plus a .desktop entry and icons, packed as dist/ccm-desktop-<version>-linux-<arch>.tar.gz.
# Run after the README's install command (scripts/install.sh). Unpack the archive anywhere and
# start ccm-desktop/ccm-desktop; ccm-desktop/install-desktop-entry.sh adds it to the menu.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { echo "build-bundle.sh: run scripts/install.sh first (no .venv here)" >&2; exit 1; }
start=$(date +%s)

.venv/bin/python -m pip install -q -e '.[bundle]'
version=$(.venv/bin/python -c 'import ccm_desktop; print(ccm_desktop.__version__)')
work=build/bundle
rm -rf dist/ccm-desktop
QT_QPA_PLATFORM=offscreen .venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath dist --workpath "$work" packaging/ccm-desktop.spec

# Linux desktop integration, next to the program (the spec rendered the icons into its work folder).
out=dist/ccm-desktop
install -Dm644 packaging/linux/ccm-desktop.desktop "$out/share/applications/ccm-desktop.desktop"
install -Dm644 resources/icons/ccm-desktop.svg "$out/share/icons/hicolor/scalable/apps/ccm-desktop.svg"
for png in "$work"/ccm-desktop/icons/ccm-desktop-*.png; do
  size=${png##*-}; size=${size%.png}
  install -Dm644 "$png" "$out/share/icons/hicolor/${size}x${size}/apps/ccm-desktop.png"
done
install -m755 packaging/linux/install-desktop-entry.sh "$out/install-desktop-entry.sh"

archive="dist/ccm-desktop-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" ccm-desktop
echo "built $archive: $(du -h "$archive" | cut -f1) packed, $(du -sh "$out" | cut -f1) unpacked," \
     "in $(( $(date +%s) - start )) s"
