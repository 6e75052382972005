// swift-tools-version:6.0
// SiteMatch: a geospatial site and infrastructure matcher for Stoke-on-Trent and Staffordshire.
// Layers (lower never imports higher): CGEOS/CPROJ → SiteMatchGeometry → SiteMatchData → sitematch (CLI).
import PackageDescription

let package = Package(
    name: "SiteMatch",
    products: [
        .executable(name: "sitematch", targets: ["sitematch"]),
        .library(name: "SiteMatchGeometry", targets: ["SiteMatchGeometry"]),
        .library(name: "SiteMatchData", targets: ["SiteMatchData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C shims: the reentrant GEOS C API and PROJ, found through pkg-config.
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"])]
        ),
        // Geometry: GEOS-backed geometries, GeoJSON/WKT/WKB, STRtree, PROJ transforms. Knows nothing about sites.
        .target(
            name: "SiteMatchGeometry",
            dependencies: ["CGEOS", "CPROJ"]
        ),
        // Data: layer loading, inspection and validation of the GeoData portfolio.
        .target(
            name: "SiteMatchData",
            dependencies: ["SiteMatchGeometry"]
        ),
        // The command-line tool: parses arguments and prints; logic lives in the libraries.
        .executableTarget(
            name: "sitematch",
            dependencies: [
                "SiteMatchData",
                "SiteMatchGeometry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SiteMatchGeometryTests",
            dependencies: ["SiteMatchGeometry"]
        ),
        .testTarget(
            name: "SiteMatchDataTests",
            dependencies: ["SiteMatchData", "SiteMatchGeometry"]
        ),
        .testTarget(
            name: "SiteMatchCLITests",
            dependencies: ["sitematch"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
