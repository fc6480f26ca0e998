#!/usr/bin/env bash
# Provisions what the end-to-end tests need: Debian's Chromium and build deps, and a real
# VS Code (the open-source build shipped by code-server on the npm registry, because the
# desktop build that @vscode/test-electron downloads is out of reach without internet).
#
# Idempotent and cached: apt runs only for missing packages; code-server is built once per
# version into .vscode-test/code-server-<version>/ (kept out of git), then reused.
# The tests find it through the .vscode-test/code-server symlink written at the end.
#
# Usage: test/e2e/provision.sh        (FORCE=1 rebuilds code-server)
set -euo pipefail

# 4.100.3 (VS Code 1.100.3) is the newest code-server that accepts Node 20.
CODE_SERVER_VERSION=4.100.3
APT_PACKAGES=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config
  build-essential python3 fonts-liberation fonts-dejavu-core redis-server)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE_ROOT="$REPO_ROOT/.vscode-test"
TARGET="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"
STAMP="$TARGET/.provisioned"
LINK="$CACHE_ROOT/code-server"
LOG="$CACHE_ROOT/provision.log"
NPM_QUIET=(--no-audit --no-fund --loglevel=error)

say() { printf 'provision: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_apt_packages() {
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$package")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    say "Debian packages present (${#APT_PACKAGES[@]})"
    return
  fi
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

check_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    say "Node $major is too old: code-server $CODE_SERVER_VERSION needs Node 20"
    exit 1
  fi
}

# The package's own postinstall downloads ripgrep from GitHub and needs Kerberos headers,
# so install without scripts and build the native modules by hand.
build_code_server() {
  rm -rf "$TARGET"
  mkdir -p "$TARGET"
  cd "$TARGET"
  printf '{ "name": "code-server-cache", "private": true }\n' >package.json
  npm install "${NPM_QUIET[@]}" --ignore-scripts "code-server@$CODE_SERVER_VERSION"
  npm rebuild "${NPM_QUIET[@]}" argon2

  cd node_modules/code-server/lib/vscode
  npm install "${NPM_QUIET[@]}" --omit=dev --ignore-scripts
  # node-pty's rebuild ends with an `npx node-gyp` prompt after pty.node is built: answer yes.
  npm_config_yes=true npm rebuild "${NPM_QUIET[@]}" \
    kerberos @parcel/watcher @vscode/deviceid @vscode/spdlog native-watchdog node-pty
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  ln -sfn node_modules node_modules.asar
  (cd extensions && npm install "${NPM_QUIET[@]}" --omit=dev --ignore-scripts)
}

code_server_version() {
  # An empty config file keeps code-server from writing one to ~/.config.
  : >"$TARGET/config.yaml"
  "$TARGET/node_modules/.bin/code-server" --config "$TARGET/config.yaml" --version 2>/dev/null |
    grep ' with Code ' || true
}

main() {
  local started=$SECONDS
  install_apt_packages
  check_node
  mkdir -p "$CACHE_ROOT"

  if [ -f "$STAMP" ] && [ -z "${FORCE:-}" ]; then
    say "code-server $CODE_SERVER_VERSION cached in ${TARGET#"$REPO_ROOT"/}"
  else
    say "building code-server $CODE_SERVER_VERSION (a few minutes; log: ${LOG#"$REPO_ROOT"/})"
    if ! (build_code_server) >"$LOG" 2>&1; then
      tail -n 30 "$LOG"
      say "code-server build failed; see $LOG"
      exit 1
    fi
    local version
    version="$(code_server_version)"
    case "$version" in
      "$CODE_SERVER_VERSION "*) ;;
      *)
        say "code-server does not start (got: '${version}'); see $LOG"
        exit 1
        ;;
    esac
    date -u +%FT%TZ >"$STAMP"
    say "built: $version"
  fi
  ln -sfn "code-server-$CODE_SERVER_VERSION" "$LINK"
  say "ready in $((SECONDS - started)) s: ${LINK#"$REPO_ROOT"/}/node_modules/.bin/code-server, /usr/bin/chromium"
}

main "$@"
