#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): replaces the page's WebAssembly Trunk made with one cut at
# the split points of src/ui/lazy.rs (scripts/wasm-split), so pages other than the task list are
# fetched when first opened. Trunk's own wasm-bindgen run cannot keep what the cut needs, so this
# runs wasm-bindgen again on the split module, under the same file names, then wasm-opt on every
# piece (not with KEEP_NAMES=1: scripts/profile-build wants the function names). Needs cargo's
# module linked with --emit-relocs (build.rs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
staging="${TRUNK_STAGING_DIR:?run by trunk as a hook}"
profile="${TRUNK_PROFILE:-release}"
raw="$root/target/wasm32-unknown-unknown/$profile/dondoc.wasm"
glue=$(cd "$staging" && ls dondoc-*.js)
stem="${glue%.js}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

loader=$("$root/target/tools/release/dondoc-wasm-split" "$raw" "$glue" "$tmp")
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$tmp" --out-name "$stem" "$tmp/main.wasm"
# The split module imports the loader as ./__wasm_split.js (the name its imports are keyed by);
# the script fetches it under its hashed name.
if ! grep -q '^import \* as import[0-9]* from "./__wasm_split.js"' "$tmp/$glue"; then
    echo "wasm-split.sh: $glue does not import the chunk loader" >&2
    exit 1
fi
sed -i -E "s|^(import \* as import[0-9]+ from )\"./__wasm_split.js\"|\1\"./$loader\"|" "$tmp/$glue"
rm "$tmp/main.wasm"
for wasm in "$tmp"/*.wasm; do
    if [ "$profile" = release ] && [ -z "${KEEP_NAMES:-}" ]; then
        # The features wasm-bindgen's output uses; -Oz as for the file worker (README: optimisation level).
        wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
            --enable-sign-ext --enable-multivalue --enable-mutable-globals "$wasm" -o "$wasm" 2>/dev/null
    fi
done
cp "$tmp"/*.wasm "$tmp"/*.js "$staging/"

# Trunk's index.html preloads the script and the module with their SHA-384 (subresource
# integrity): give it the new files' digests, or the browser refuses them.
node "$root/scripts/integrity.mjs" "$staging" "$stem.js" "${stem}_bg.wasm"
