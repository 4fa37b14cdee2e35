// swift-tools-version:6.0
// SpineBoard: decision support for the multidisciplinary care of metastatic spinal tumours.
import PackageDescription

let package = Package(
    name: "SpineBoard",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "SpineCore", targets: ["SpineCore"]),
        .executable(name: "spineboard", targets: ["spineboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // Pure clinical core: Foundation only, no server, no database.
        .target(name: "SpineCore"),
        .executableTarget(
            name: "spineboard",
            dependencies: [
                "SpineCore",
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
    ]
)
