// swift-tools-version:5.9
// The iOS app's Swift package. Everything but the drawing (NoContactUI) and the
// app itself (App/, built with Xcode) compiles and is tested on Linux too.
//
// The generated files are not in the repository:
// - Sources/NoContactCore/NoContactCore.swift (uniffi's Swift bindings) and
//   Sources/NoContactCoreFFI/NoContactCoreFFI.h come from `cargo xtask bindings`
//   (target/bindings); `ios/scripts/build-xcframework.sh` copies them here on a
//   Mac, and `cargo xtask swift-test` copies them into a staged copy of this
//   package inside the Linux Swift root.
// - On Apple platforms the FFI module is NoContactCoreFFI.xcframework (the
//   static library for device and simulator, with the header and modulemap),
//   built by the same script; on Linux it is the system library
//   libnocontact_ffi.so that cargo builds, found through `-L` on the command line.
import PackageDescription

#if os(Linux)
let ffi: Target = .systemLibrary(name: "NoContactCoreFFI", path: "Sources/NoContactCoreFFI")
// Debian trixie's libswiftObservation.so (swiftlang 6.0.3) refers to
// `swift::threading::fatal`, which none of the libraries it is linked with
// defines, so linking anything that uses @Observable fails on that one
// undefined symbol; it is only reached on a fatal threading error. Allowing
// undefined symbols in shared libraries links it, and the programs run
// correctly (observation callbacks included). This is the only place the
// workaround lives; Apple's toolchains need nothing.
let observationLink: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "--allow-shlib-undefined"])]
#else
let ffi: Target = .binaryTarget(name: "NoContactCoreFFI", path: "NoContactCoreFFI.xcframework")
let observationLink: [LinkerSetting] = []
#endif

let package = Package(
    name: "NoContact",
    defaultLocalization: "en",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "NoContactKit", targets: ["NoContactKit"]),
        .library(name: "NoContactScreens", targets: ["NoContactScreens"]),
        .library(name: "NoContactUI", targets: ["NoContactUI"]),
    ],
    targets: [
        ffi,
        // The generated bindings, unchanged.
        .target(
            name: "NoContactCore",
            dependencies: ["NoContactCoreFFI"],
            path: "Sources/NoContactCore"
        ),
        // The vault behind one actor with its own serial queue, one error type.
        .target(
            name: "NoContactKit",
            dependencies: ["NoContactCore"],
            path: "Sources/NoContactKit"
        ),
        // One @Observable model per screen (Foundation + Observation only).
        .target(
            name: "NoContactScreens",
            dependencies: ["NoContactKit"],
            path: "Sources/NoContactScreens",
            linkerSettings: observationLink
        ),
        // SwiftUI views over the screen models; empty where SwiftUI is missing.
        .target(
            name: "NoContactUI",
            dependencies: ["NoContactScreens"],
            path: "Sources/NoContactUI",
            resources: [.process("Resources")]
        ),
        // The temporary vault and assertions both test targets use.
        .target(
            name: "NoContactTestSupport",
            dependencies: ["NoContactKit"],
            path: "Tests/NoContactTestSupport"
        ),
        .testTarget(
            name: "NoContactKitTests",
            dependencies: ["NoContactKit", "NoContactTestSupport"],
            path: "Tests/NoContactKitTests"
        ),
        .testTarget(
            name: "NoContactScreensTests",
            dependencies: ["NoContactScreens", "NoContactTestSupport"],
            path: "Tests/NoContactScreensTests"
        ),
    ]
)
