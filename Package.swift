// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "dataarts-mock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dataarts-mock", targets: ["dataarts-mock"]),
        .library(name: "DataArtsMock", targets: ["DataArtsMock"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Wire format only: imports nothing, so it can be unit-tested and fuzzed alone.
        .target(name: "HTTP1"),
        // Ordered JSON reader and writer: imports nothing, fuzzed like HTTP1.
        .target(name: "JSON"),
        // A Mutex that ThreadSanitizer can see.
        .target(name: "Locking"),
        // The vendor's SDK-HMAC-SHA256 request signature.
        .target(name: "Signing", dependencies: ["HTTP1", .product(name: "Crypto", package: "swift-crypto")]),
        // POSIX sockets and Dispatch.
        .target(name: "Transport", dependencies: ["HTTP1", "Locking", .product(name: "Logging", package: "swift-log")]),
        // The emulated service: never sees a socket.
        .target(name: "DataConnections", dependencies: ["HTTP1", "JSON", "Locking"]),
        // The library product: the only module that sees both Transport and DataConnections.
        .target(name: "DataArtsMock", dependencies: [
            "HTTP1", "JSON", "Locking", "Signing", "Transport", "DataConnections",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "dataarts-mock", dependencies: [
            "DataArtsMock",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // libcurl for the integration tests' client side.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .testTarget(name: "HTTP1Tests", dependencies: ["HTTP1"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "SigningTests", dependencies: ["Signing", "HTTP1"]),
        .testTarget(name: "DataConnectionsTests", dependencies: ["DataConnections", "HTTP1", "JSON"]),
        .testTarget(name: "IntegrationTests", dependencies: [
            "DataArtsMock", "DataConnections", "HTTP1", "JSON", "Locking", "Signing", "CCurl",
            .product(name: "Logging", package: "swift-log"),
        ]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
