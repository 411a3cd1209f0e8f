#!/usr/bin/env bash
# Riskwright's one entry point.
#   ./build.sh serve [PORT]  install what is missing, build, serve public/ on 127.0.0.1
#   ./build.sh build         install what is missing and build public/pkg/
#   ./build.sh test          everything CI runs: fmt, clippy, native tests, wasm build, browser tests
#   ./build.sh bench         benchmark figures: first-load size, evaluation speed, boundary cost
# RW_QUICK=1 with build skips wasm-opt, for a faster build while developing.
set -euo pipefail
cd "$(dirname "$0")"

ROOT=$(pwd)
TARGET=wasm32-unknown-unknown
TOOLS="$ROOT/tools"                 # git-ignored: npm-installed build tools
WASM_OPT="$TOOLS/node_modules/.bin/wasm-opt"
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx "$TARGET"; then
    step "Installing the Rust target $TARGET"
    rustup target add "$TARGET"
  fi
}

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly, or the
# generated glue and the module disagree.
ensure_wasm_bindgen() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  [ -n "$want" ] || fail "cannot read the wasm-bindgen version from Cargo.lock"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    step "Installing wasm-bindgen-cli $want (found '${have:-none}'; takes several minutes once)"
    # Not --locked: one of its locked dependency versions is gone from the registry.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

# wasm-opt from npm's binaryen 132: Debian's binaryen 108 emits modules that
# crash Chromium at start (WebAssembly.Table.set: Argument 1 is invalid).
ensure_wasm_opt() {
  if [ ! -x "$WASM_OPT" ] || ! "$WASM_OPT" --version | grep -q 'version 132'; then
    step "Installing wasm-opt (npm binaryen@132.0.0) into tools/"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-save --no-audit --no-fund binaryen@132.0.0 >/dev/null
  fi
}

ensure_build_tools() {
  command -v cargo >/dev/null || fail "cargo is missing: install Rust from rustup"
  command -v npm >/dev/null || fail "npm is missing: install Node.js 20 or later"
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_wasm_opt
}

ensure_test_tools() {
  if ! [ -x /usr/bin/chromium ]; then
    step "Installing Chromium from Debian (the browser tests drive it)"
    command -v apt-get >/dev/null || fail "install Chromium at /usr/bin/chromium"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  fi
  # The report tests print to PDF and read the text back with pdftotext.
  if ! command -v pdftotext >/dev/null; then
    step "Installing poppler-utils from Debian (pdftotext reads the printed reports)"
    command -v apt-get >/dev/null || fail "install pdftotext (poppler-utils)"
    apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null
  fi
  if [ ! -d tests/node_modules/playwright-core ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    step "Installing the browser-test packages (tests/package-lock.json)"
    (cd tests && npm ci --no-audit --no-fund >/dev/null)
  fi
}

# Where cargo writes its artefacts: target/ unless CARGO_TARGET_DIR (or a
# cargo config) says otherwise, so ask cargo rather than assume.
wasm_artifact() {
  local dir
  dir=$(cargo metadata --format-version 1 --no-deps \
    | node -e 'let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => console.log(JSON.parse(s).target_directory))')
  [ -n "$dir" ] || fail "cargo metadata did not say where the target directory is"
  echo "$dir/$TARGET/release/riskwright_web.wasm"
}

# Builds the wasm with only Cargo feature $1, generates its JS glue as
# $2/$3.js and optimises $2/$3_bg.wasm for size.
build_module() {
  local feature=$1 out=$2 name=$3
  step "Building the release wasm (feature $feature) into $out/"
  cargo build --release -p riskwright-web --target "$TARGET" --no-default-features --features "$feature"
  rm -rf "$out"
  wasm-bindgen --target web --out-name "$name" --out-dir "$out" --no-typescript \
    --remove-name-section --remove-producers-section \
    "$(wasm_artifact)"
  # RW_QUICK=1 skips the size optimisation while developing (the module
  # works the same, only larger); CI and bench always optimise.
  [ -n "${RW_QUICK:-}" ] && return 0
  "$WASM_OPT" -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue \
    -o "$out/${name}_bg.wasm" "$out/${name}_bg.wasm"
}

# The single-file edition (public/riskwright-offline.html): the app's wasm,
# just built, with no-modules glue that can be inlined into one HTML file.
build_offline_file() {
  local tmp
  step "Writing the single-file edition public/riskwright-offline.html"
  tmp=$(mktemp -d)
  wasm-bindgen --target no-modules --out-name app --out-dir "$tmp" --no-typescript \
    --remove-name-section --remove-producers-section \
    "$(wasm_artifact)"
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue -o "$tmp/app_bg.wasm" "$tmp/app_bg.wasm"
  node web/offline/single-file.mjs public "$tmp/app.js" "$tmp/app_bg.wasm" public/riskwright-offline.html
  rm -rf "$tmp"
}

# The service worker, from web/offline/sw.js: its version is a hash of every
# file it caches, so any change to the site makes a new worker, and a page is
# always served from one version's files.
write_service_worker() {
  local assets version
  step "Writing the service worker public/sw.js"
  assets=$(cd public && find . -type f ! -name sw.js ! -name riskwright-offline.html | sed 's|^\./||' | LC_ALL=C sort)
  version=$(cd public && echo "$assets" | xargs sha256sum | sha256sum | cut -c1-16)
  local list
  list=$(printf '%s\n' "./" $assets | sed 's/.*/"&"/' | paste -sd, -)
  sed -e "s/__VERSION__/$version/" -e "s|__ASSETS__|[$list]|" web/offline/sw.js > public/sw.js
}

# Four modules, each with only what its page needs (see ARCHITECTURE.md):
# the JS embedding API keeps the documented public/pkg/riskwright.js; the
# app's first load (register, method, assessments) lives in public/pkg/app/
# and the whole workbench it hands over to in public/pkg/screens/; the public
# self-assessment page gets its own, smaller module.
build() {
  ensure_build_tools
  rm -rf public/pkg
  build_module api public/pkg riskwright
  build_module app public/pkg/app app
  build_module screens public/pkg/screens screens
  # From the whole workbench, just built.
  build_offline_file
  build_module selfassess public/pkg-selfassess selfassess
  write_service_worker
  ls -l public/pkg public/pkg/app public/pkg-selfassess public/sw.js public/riskwright-offline.html
}

# Many developers set CARGO_TARGET_DIR globally: the build must find the
# wasm where cargo put it. The target directory is reached here through a
# link of another name, so nothing is compiled again, and the JS API module
# is built through it into a scratch folder.
check_target_dir_respected() {
  local real scratch
  step "Checking the build honours CARGO_TARGET_DIR"
  real=$(dirname "$(dirname "$(dirname "$(wasm_artifact)")")")
  scratch=$(mktemp -d)
  ln -s "$real" "$scratch/elsewhere"
  CARGO_TARGET_DIR="$scratch/elsewhere" build_module api "$scratch/pkg" riskwright >/dev/null
  [ "$(CARGO_TARGET_DIR="$scratch/elsewhere" wasm_artifact)" = "$scratch/elsewhere/$TARGET/release/riskwright_web.wasm" ] \
    || fail "wasm_artifact does not follow CARGO_TARGET_DIR"
  [ -s "$scratch/pkg/riskwright_bg.wasm" ] || fail "no wasm was built with CARGO_TARGET_DIR set"
  rm -rf "$scratch"
}

check_engine_purity() {
  step "Checking the engine stays pure (no browser crate in its dependency tree)"
  if cargo tree -p riskwright-engine -e normal --prefix none | grep -Eq '^(wasm-bindgen|web-sys|js-sys|gloo)'; then
    fail "riskwright-engine depends on a browser crate"
  fi
}

run_tests() {
  ensure_build_tools
  ensure_test_tools
  step "cargo fmt --check"
  cargo fmt --all -- --check
  step "cargo clippy (native, all targets)"
  cargo clippy --workspace --all-targets -- -D warnings
  step "cargo clippy (wasm32: every feature together)"
  cargo clippy -p riskwright-web --target "$TARGET" -- -D warnings
  step "cargo clippy (wasm32: the app's first load)"
  cargo clippy -p riskwright-web --target "$TARGET" --no-default-features --features app -- -D warnings
  step "cargo clippy (wasm32: the JS API)"
  cargo clippy -p riskwright-web --target "$TARGET" --no-default-features --features api -- -D warnings
  step "cargo clippy (wasm32: the self-assessment page)"
  cargo clippy -p riskwright-web --target "$TARGET" --no-default-features --features selfassess -- -D warnings
  check_engine_purity
  step "Native tests (engine and app state)"
  cargo test --workspace
  # The other screens' own tests need them; these check what is handed over.
  step "Native tests of the app's first load (what it hands to the whole workbench)"
  cargo test -p riskwright-web --no-default-features --features app --lib -- app::handoff the_first_load_hands_anything_to_recover_over
  build
  check_target_dir_respected
  step "Browser end-to-end tests (headless Chromium)"
  (cd tests && node --test --test-concurrency=1 e2e/)
}

case "${1:-}" in
  serve)
    port="${2:-${PORT:-8080}}"
    build
    step "Serving public/ at http://127.0.0.1:$port/ (Ctrl+C to stop)"
    exec python3 -m http.server "$port" --bind 127.0.0.1 --directory public
    ;;
  build) build ;;
  test) run_tests ;;
  bench)
    build
    ensure_test_tools
    step "Native engine benchmark"
    cargo bench -p riskwright-engine --bench evaluate
    step "Browser benchmark (release wasm in headless Chromium)"
    (cd tests && node bench/bench.mjs && node bench/self-assessment-size.mjs)
    ;;
  *)
    echo "usage: ./build.sh serve [PORT] | build | test | bench" >&2
    exit 2
    ;;
esac
