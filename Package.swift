// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bridgectl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bridgectl", targets: ["bridgectl"]),
        .library(name: "BridgeEvents", targets: ["BridgeEvents"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // C libraries from Debian: one system-library target each. readline has no pkgConfig because
        // its pkg-config flags (-D_XOPEN_SOURCE…) are refused by SwiftPM; its headers are in /usr/include.
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // glibc's malloc.h (malloc_trim, mallopt), part of libc itself.
        .systemLibrary(name: "CGlibcMalloc"),

        // The wire contract alone: no dependencies, so it can be unit-tested and fuzzed by itself.
        .target(name: "BridgeEvents"),
        .target(
            name: "BridgeCore",
            dependencies: [
                "BridgeEvents", "CRdKafka", "CLibPQ", "CCurl", "CReadline", "CGlibcMalloc",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .executableTarget(
            name: "bridgectl",
            dependencies: [
                "BridgeCore", "BridgeEvents",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "BridgeTestSupport",
            dependencies: ["BridgeCore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/BridgeTestSupport"
        ),
        .testTarget(name: "BridgeEventsTests", dependencies: ["BridgeEvents"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BridgeCoreTests", dependencies: ["BridgeCore", "BridgeTestSupport"]),
        .testTarget(name: "BridgectlTests", dependencies: ["bridgectl", "BridgeCore", "BridgeTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
