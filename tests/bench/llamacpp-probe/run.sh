#!/usr/bin/env bash
# Installs node-llama-cpp (prebuilt CPU binary only) into a temp dir, then probes llama.cpp.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
NLC_DIR="${NLC_DIR:-${TMPDIR:-/tmp}/llprobe}"
NLC_VERSION="${NLC_VERSION:-3.22.1}"
mkdir -p "$NLC_DIR"
if [ ! -f "$NLC_DIR/node_modules/node-llama-cpp/package.json" ]; then
  (cd "$NLC_DIR" && [ -f package.json ] || echo '{"name":"llprobe","private":true}' > package.json
   # postinstall would try to download/build; the prebuilt @node-llama-cpp/linux-x64 package is enough
   cd "$NLC_DIR" && NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm install --no-audit --no-fund --ignore-scripts "node-llama-cpp@$NLC_VERSION")
fi
exec node "$HERE/probe.mjs" --nlc-dir "$NLC_DIR" "$@"
