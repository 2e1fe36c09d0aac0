#!/usr/bin/env bash
# Runs Studio on http://localhost:${PORT:-3000}: installs what is missing, builds, starts.
# With no FAL_KEY / OPENAI_API_KEY it runs on the embedded local engine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [[ ! -f .next/BUILD_ID ]] || [[ -n "$(find app components lib hooks public next.config.mjs package-lock.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]]; then
  ./node_modules/.bin/next build
fi
export PORT="${PORT:-3000}"
# This machine only, unless told otherwise: Studio has no accounts (see README, "Exposure").
export HOST="${HOST:-127.0.0.1}"
echo "Studio: http://localhost:${PORT}"
exec ./node_modules/.bin/next start -p "$PORT" -H "$HOST"
