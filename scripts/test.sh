#!/usr/bin/env bash
# The whole test suite, as CI runs it: type check, unit tests, production build, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
step() { printf '\n\033[1;35m== %s\033[0m\n' "$*"; }
step "type check";       ./node_modules/.bin/tsc --noEmit
step "unit tests";       ./node_modules/.bin/vitest run
step "production build"; ./node_modules/.bin/next build
step "browser tests";    ./node_modules/.bin/playwright test
