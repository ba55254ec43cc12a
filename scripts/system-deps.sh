#!/usr/bin/env bash
# Installs what the tests need that pip cannot: Debian's Chromium (browser tests;
# test tools' own browser downloads do not work here), the Hunspell dictionaries of
# the site's languages (spelling check of translations: the packages named as
# arguments, from `python -m healthdocs dictionaries`), gettext's msgfmt (catalog
# validation) and Java (the Nu HTML Checker). Safe to run again: it installs only
# what is missing.
set -euo pipefail

need=("$@")
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v msgfmt >/dev/null || need+=(gettext)
command -v java >/dev/null || need+=(default-jre-headless)
command -v node >/dev/null || need+=(nodejs)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null; then
  SUDO="sudo"
else
  echo "Missing system packages: ${need[*]}" >&2
  echo "Install them with:  apt-get install ${need[*]}  (as root)" >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
