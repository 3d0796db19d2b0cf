#!/bin/sh
# Puts ccm-desktop into this user's applications menu, with its icon: no administrator rights,
# nothing written outside your own data folder. Run it again after moving the folder.
# To remove: delete ~/.local/share/applications/ccm-desktop.desktop and the ccm-desktop.png/.svg
# files under ~/.local/share/icons/hicolor/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
for folder in "$here"/share/icons/hicolor/*/apps; do
  size=$(basename "$(dirname "$folder")")
  mkdir -p "$data/icons/hicolor/$size/apps"
  cp "$folder"/ccm-desktop.* "$data/icons/hicolor/$size/apps/"
done
mkdir -p "$data/applications"
sed -e "s|^Exec=.*|Exec=\"$here/ccm-desktop\"|" -e "s|^TryExec=.*|TryExec=$here/ccm-desktop|" \
  "$here/share/applications/ccm-desktop.desktop" > "$data/applications/ccm-desktop.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
echo "ccm-desktop is now in your applications menu ($data/applications/ccm-desktop.desktop)."
