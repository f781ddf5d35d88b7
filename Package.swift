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
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Wire format only: imports nothing, so it can be unit-tested and fuzzed alone.
        .target(name: "DataArtsHTTP1"),
        // Ordered JSON reader and writer: imports nothing, fuzzed like HTTP1.
        .target(name: "DataArtsJSON"),
        // A Mutex that ThreadSanitizer can see.
        .target(name: "DataArtsLocking"),
        // The vendor's SDK-HMAC-SHA256 request signature.
        .target(name: "DataArtsSigning", dependencies: ["DataArtsHTTP1", .product(name: "Crypto", package: "swift-crypto")]),
        // POSIX sockets, one event loop a core (epoll on Linux, kqueue on Darwin) on Dispatch threads.
        .target(name: "DataArtsTransport", dependencies: [
            "DataArtsHTTP1", "DataArtsLocking", "CDataArtsEventPoll", .product(name: "Logging", package: "swift-log"),
        ]),
        // epoll and eventfd, which the Glibc module does not export.
        .systemLibrary(name: "CDataArtsEventPoll"),
        // The emulated service: never sees a socket.
        // SHA-256 (swift-crypto) derives the account's stable ids (SPEC §8.1).
        .target(name: "DataArtsServices", dependencies: [
            "DataArtsHTTP1", "DataArtsJSON", "DataArtsLocking", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The library product: the only module that sees both Transport and DataConnections.
        // Build-time tool of EmbedFilesPlugin: files of the repository as byte arrays.
        .executableTarget(name: "DataArtsEmbedTool"),
        .plugin(name: "EmbedFilesPlugin", capability: .buildTool(), dependencies: ["DataArtsEmbedTool"]),
        .target(name: "DataArtsMock", dependencies: [
            "DataArtsHTTP1", "DataArtsJSON", "DataArtsLocking", "DataArtsSigning", "DataArtsTransport", "DataArtsServices",
            .product(name: "Logging", package: "swift-log"),
        ],
        // The dashboard's files are compiled in by EmbedFilesPlugin, not bundled as resources.
        exclude: ["Dashboard"], plugins: ["EmbedFilesPlugin"]),
        .executableTarget(name: "dataarts-mock", dependencies: [
            "DataArtsMock", "DataArtsHTTP1", "DataArtsLocking",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // libcurl for the integration tests' client side.
        .systemLibrary(name: "CDataArtsCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // What several test targets share: fixture paths, header look-ups, JSON look-ups.
        .target(name: "DataArtsTestSupport", dependencies: ["DataArtsJSON"], path: "Tests/DataArtsTestSupport"),
        .testTarget(name: "DataArtsHTTP1Tests", dependencies: ["DataArtsHTTP1", "DataArtsTestSupport"]),
        .testTarget(name: "DataArtsJSONTests", dependencies: ["DataArtsJSON", "DataArtsTestSupport"]),
        .testTarget(name: "DataArtsLockingTests", dependencies: ["DataArtsLocking"]),
        .testTarget(name: "DataArtsSigningTests", dependencies: ["DataArtsSigning", "DataArtsHTTP1"]),
        .testTarget(name: "DataArtsServicesTests", dependencies: [
            "DataArtsServices", "DataArtsHTTP1", "DataArtsJSON", "DataArtsTestSupport",
        ]),
        // The request pipeline in process: a request value in, an outcome out, no socket.
        .testTarget(name: "DataArtsMockTests", dependencies: [
            "DataArtsMock", "DataArtsServices", "DataArtsHTTP1", "DataArtsJSON", "DataArtsLocking",
        ]),
        .testTarget(name: "IntegrationTests", dependencies: [
            "DataArtsMock", "DataArtsServices", "DataArtsHTTP1", "DataArtsJSON", "DataArtsLocking", "DataArtsSigning", "CDataArtsCurl",
            "DataArtsTestSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
    ]
)

for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
