// swift-tools-version:6.0
// libFuzzer harnesses for SiteMatch's parsers, kept out of the main package so `swift build` there
// never needs the fuzzer runtime. Build and run with Fuzz/run (coverage and AddressSanitizer on).
import PackageDescription

let package = Package(
    name: "SiteMatchFuzz",
    dependencies: [.package(name: "SiteMatch", path: "..")],
    targets: [
        .executableTarget(name: "FuzzGeoJSON", dependencies: [.product(name: "SiteMatchGeometry", package: "SiteMatch")]),
        .executableTarget(name: "FuzzMatrix", dependencies: [.product(name: "SiteMatchData", package: "SiteMatch"), .product(name: "SiteMatchGeometry", package: "SiteMatch")]),
        .executableTarget(name: "FuzzYAML", dependencies: [.product(name: "SiteMatchData", package: "SiteMatch"), .product(name: "SiteMatchGeometry", package: "SiteMatch")]),
    ]
)
