#!/usr/bin/env bash
# macOS: builds "CCM Desktop.app" and a .dmg. A RECIPE NOT YET RUN: nothing here has been built
# or started on a Mac (see README, "Installing without Python").
# Run on macOS after `python3 -m venv .venv && .venv/bin/pip install -e '.[bundle]'`.
# The app is not signed or notarised: on first start the user opens it with right-click > Open.
# Signing needs an Apple Developer ID: codesign --deep --options runtime -s "Developer ID ..."
# then xcrun notarytool submit ... --wait and xcrun stapler staple.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(.venv/bin/python -c 'import ccm_desktop; print(ccm_desktop.__version__)')
.venv/bin/pyinstaller --noconfirm --distpath dist --workpath build/bundle packaging/ccm-desktop.spec
# The spec's BUNDLE step wrapped dist/ccm-desktop into dist/CCM Desktop.app (icon converted from
# the rendered PNG by PyInstaller with Pillow).
hdiutil create -volname "CCM Desktop" -srcfolder "dist/CCM Desktop.app" -ov -format UDZO \
  "dist/ccm-desktop-$version-macos-$(uname -m).dmg"
