// swift-tools-version:6.0
// jitbook: a literate workbook about how a JIT compiles .NET runtime-async code.
//
// Module map (one concern each; see DESIGN.md §1):
//   CCmark       libcmark (Debian libcmark-dev) as a system library
//   Diagnostics  source locations and `file:line:col: error:` diagnostics
//   IL           ilasm lexer + parser -> metadata model
//   X64, ARM64   instruction encodings as data, encoders, listing text
//   JIT          IR, phases, phase table, LSRA, codegen, emitter, listing
//   Runtime      the execution-engine model behind the JIT interface: naming, address map
//   Execution    code images, the C runtime, native x64 and qemu arm64 runners
//   Workbook     chapters on libcmark, tangler, expectations, verify, bless
//   Site         static HTML renderer
//   Bench        `jitbook bench`: JIT throughput, code quality, run time, book speed, against mono
//   Serve        `jitbook serve`: the site from memory over HTTP (FlyingFox), live reload
//   Fuzz         `jitbook fuzz`: deterministic mutation fuzzer, worker processes, random IL programs
//   jitbook      the command-line interface
import PackageDescription

/// Release builds of the hot modules skip the run-time exclusivity checks (`swift_beginAccess` was a tenth
/// of a compilation's profile, `jitbook bench --only jit`); debug builds, where the tests run, keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "jitbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jitbook", targets: ["jitbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `jitbook serve`: a small async/await HTTP server with no dependencies of its own.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .target(name: "Diagnostics"),
        .target(name: "IL", dependencies: ["Diagnostics"], swiftSettings: fast),
        .target(name: "X64", swiftSettings: fast),
        .target(name: "ARM64", swiftSettings: fast),
        .target(name: "JIT", dependencies: ["Diagnostics", "IL", "X64", "ARM64"], swiftSettings: fast),
        .target(name: "Runtime", dependencies: ["Diagnostics", "IL", "JIT"], resources: [.copy("CoreLib")], swiftSettings: fast),
        .target(name: "Execution", dependencies: ["Runtime", "JIT", "IL", "Diagnostics"],
                resources: [.copy("CRuntime")]),
        .target(name: "Workbook", dependencies: ["CCmark", "Diagnostics", "IL", "JIT", "Runtime", "Execution"]),
        .target(name: "Site", dependencies: ["Workbook", "JIT", "Diagnostics"]),
        .target(name: "Bench", dependencies: ["Workbook", "Site", "Execution", "JIT", "Runtime", "IL", "Diagnostics"]),
        .target(name: "Serve", dependencies: ["Site", "Workbook", "Diagnostics",
                                              .product(name: "FlyingFox", package: "FlyingFox")]),
        .target(name: "Fuzz", dependencies: ["Workbook", "Execution", "JIT", "Runtime", "IL", "Diagnostics"]),
        // jemalloc (Debian libjemalloc-dev) in place of glibc's malloc: a compilation allocates many small
        // IR objects and arrays, and malloc/free were a tenth of `jitbook bench --only jit`'s profile.
        .executableTarget(name: "jitbook", dependencies: [
            "Workbook", "Site", "Serve", "Bench", "Fuzz", "JIT", "Runtime", "Execution", "IL", "Diagnostics",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "ILTests", dependencies: ["IL", "Diagnostics"], resources: [.copy("Resources")]),
        .testTarget(name: "X64Tests", dependencies: ["X64"]),
        .testTarget(name: "ARM64Tests", dependencies: ["ARM64"]),
        .testTarget(name: "JITTests", dependencies: ["JIT", "Runtime", "IL", "X64", "ARM64", "Diagnostics"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "JIT", "IL"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "Workbook", "Runtime", "JIT", "IL", "Diagnostics"],
                    exclude: ["Corpus"]),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook", "Fuzz", "JIT", "Runtime", "IL", "Diagnostics"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Workbook", "JIT", "Execution", "Diagnostics"], resources: [.copy("Resources")]),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "Site", "Workbook"]),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "IL", "JIT"]),
        .testTarget(name: "FuzzTests", dependencies: ["Fuzz", "Workbook", "Execution", "Site", "JIT", "IL", "Diagnostics"],
                    exclude: ["Corpus"]),
        .testTarget(name: "ChapterTests", dependencies: ["Workbook", "JIT", "Runtime", "IL", "Diagnostics"]),
    ]
)
