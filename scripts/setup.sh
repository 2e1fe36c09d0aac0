#!/usr/bin/env bash
# Installs what Studio needs on this machine. Safe to run again: it only installs what is missing.
#   scripts/setup.sh          npm packages + the local engine's optional media tools
#   scripts/setup.sh --test   the above + headless Chromium and test recordings
# Without apt (another OS, no root) the app still starts; missing tools are named below and in
# /api/health, and only the features that need them are switched off.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

log() { printf '\033[1;35m[setup]\033[0m %s\n' "$*"; }

# ---- npm packages -------------------------------------------------------------------------
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing npm packages (npm ci: exactly the locked versions)"
  # The lock lists every platform's optional binaries (next/swc, tailwind/oxide, sharp): when npm
  # writes it from an existing node_modules it can drop them, and then `npm ci` refuses the lock.
  # Regenerate it with `npm install --package-lock-only` after changing dependencies.
  npm ci --no-audit --no-fund --loglevel=error
fi

# ---- Debian packages ----------------------------------------------------------------------
packages=(ffmpeg pocketsphinx pocketsphinx-en-us espeak-ng)
(( want_test )) && packages+=(chromium pocketsphinx-testdata fonts-dejavu-core)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else
  for p in "${packages[@]}"; do missing+=("$p"); done
fi

if (( ${#missing[@]} > 0 )); then
  sudo_cmd=()
  [[ $EUID -ne 0 ]] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && sudo_cmd=(sudo -n)
  if command -v apt-get >/dev/null 2>&1 && { [[ $EUID -eq 0 ]] || (( ${#sudo_cmd[@]} )); }; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "cannot install system packages here (no apt-get, or not root): ${missing[*]}"
    log "  the app still runs; on the local engine these features are off until the tools exist:"
    log "  - video generation needs ffmpeg"
    log "  - offline transcription needs ffmpeg + pocketsphinx (with its en-us model)"
    log "  - speech needs espeak-ng + ffmpeg"
    (( want_test )) && log "  - the browser tests need Chromium at /usr/bin/chromium (or set CHROMIUM_PATH)"
  fi
fi
exit 0
