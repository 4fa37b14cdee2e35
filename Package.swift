// swift-tools-version:6.0
// SpineBoard: decision support for the multidisciplinary care of metastatic spinal tumours.
import PackageDescription

let package = Package(
    name: "SpineBoard",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "SpineCore", targets: ["SpineCore"]),
        .library(name: "SpineServer", targets: ["SpineServer"]),
        .executable(name: "spineboard", targets: ["spineboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // Pure clinical core: Foundation only, no server, no database.
        .target(name: "SpineCore"),
        // One C call Swift cannot make (a variadic SQLite setting) for the server's SQLite reader.
        .target(name: "CSQLiteSettings"),
        // The Vapor + Fluent service: thin adapters around assess(), storage, auth and audit.
        .target(
            name: "SpineServer",
            dependencies: [
                "SpineCore",
                "CSQLiteSettings",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Demo/Cases")]
        ),
        .executableTarget(
            name: "spineboard",
            dependencies: [
                "SpineCore",
                "SpineServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SpineCoreTests",
            dependencies: [
                "SpineCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "SpineServerTests",
            dependencies: [
                "SpineServer",
                "SpineCore",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
