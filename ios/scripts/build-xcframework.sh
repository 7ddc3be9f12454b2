#!/bin/sh
# Builds NoContactCoreFFI.xcframework (the Rust core as a static library for
# iOS devices and simulators, with its C header and modulemap) and copies the
# generated Swift bindings into the package, so that Xcode can build
# ios/Package.swift and ios/App. Run on a Mac with Xcode and rustup, from the
# repository root:   sh ios/scripts/build-xcframework.sh
# NOT RUN in this repository's CI (Linux, no Xcode); see the README.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=target/ios
rm -rf "$out" ios/NoContactCoreFFI.xcframework
mkdir -p "$out/headers"

rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
    cargo build --release -p nocontact-ffi --target "$target"
done

# The bindings, generated from the host build of the same crate.
cargo build --release -p nocontact-ffi
cargo run --release -p nocontact-ffi --bin uniffi-bindgen -- generate \
    --library target/release/libnocontact_ffi.dylib --language swift \
    --out-dir "$out/bindings" --config uniffi.toml
cp "$out/bindings/NoContactCoreFFI.h" "$out/headers/"
cp "$out/bindings/NoContactCoreFFI.modulemap" "$out/headers/module.modulemap"
cp "$out/bindings/NoContactCore.swift" ios/Sources/NoContactCore/NoContactCore.swift

# One simulator slice for both architectures.
mkdir -p "$out/sim"
lipo -create \
    target/aarch64-apple-ios-sim/release/libnocontact_ffi.a \
    target/x86_64-apple-ios/release/libnocontact_ffi.a \
    -output "$out/sim/libnocontact_ffi.a"

xcodebuild -create-xcframework \
    -library target/aarch64-apple-ios/release/libnocontact_ffi.a -headers "$out/headers" \
    -library "$out/sim/libnocontact_ffi.a" -headers "$out/headers" \
    -output ios/NoContactCoreFFI.xcframework

echo "built ios/NoContactCoreFFI.xcframework and ios/Sources/NoContactCore/NoContactCore.swift"
