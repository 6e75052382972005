// swift-tools-version:6.0
// SiteMatch: a geospatial site and infrastructure matcher for Stoke-on-Trent and Staffordshire.
// Layers (lower never imports higher): CGEOS/CPROJ/CGDAL → SiteMatchGeometry → SiteMatchData → SiteMatchAccessibility → SiteMatchMatching → SiteMatchExport → SiteMatchStore → SiteMatchApp → SiteMatchReports → SiteMatchServer → sitematch (CLI).
import PackageDescription

let package = Package(
    name: "SiteMatch",
    products: [
        .executable(name: "sitematch", targets: ["sitematch"]),
        .executable(name: "sitematch-bench", targets: ["sitematch-bench"]),
        .library(name: "SiteMatchGeometry", targets: ["SiteMatchGeometry"]),
        .library(name: "SiteMatchData", targets: ["SiteMatchData"]),
        .library(name: "SiteMatchAccessibility", targets: ["SiteMatchAccessibility"]),
        .library(name: "SiteMatchMatching", targets: ["SiteMatchMatching"]),
        .library(name: "SiteMatchExport", targets: ["SiteMatchExport"]),
        .library(name: "SiteMatchApp", targets: ["SiteMatchApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The enquiry log (store) and the HTTP server.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
        // libyaml's event API (header from Debian's libyaml-dev), bound to the copy of libyaml that Yams
        // compiles in; see Sources/CYAMLEvents/shim.h.
        .systemLibrary(
            name: "CYAMLEvents",
            providers: [.apt(["libyaml-dev"])]
        ),
        // GDAL/OGR's C API (Debian's libgdal-dev): vector formats other than GeoJSON, read and written through OGR.
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev"])]
        ),
        // Geometry: GEOS-backed geometries, GeoJSON/WKT/WKB, STRtree, PROJ transforms. Knows nothing about sites.
        .target(
            name: "SiteMatchGeometry",
            dependencies: ["CGEOS", "CPROJ"]
        ),
        // Data: layer loading, inspection and validation of the GeoData portfolio; profile, scenario and matrix files.
        .target(
            name: "SiteMatchData",
            dependencies: [
                "SiteMatchGeometry",
                "CYAMLEvents",
                "CGDAL",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Accessibility: travel times over the road-network model and imported matrices, isochrones, catchments.
        .target(
            name: "SiteMatchAccessibility",
            dependencies: [
                "SiteMatchData",
                "SiteMatchGeometry",
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        // Matching: indicators measured per site, absolute value functions, weights, the location-type prior, scores with reasons, enquiries.
        .target(
            name: "SiteMatchMatching",
            dependencies: ["SiteMatchAccessibility", "SiteMatchData", "SiteMatchGeometry"]
        ),
        // Export: map-ready GeoJSON of scores, with styling and a record of how it was made.
        .target(
            name: "SiteMatchExport",
            dependencies: ["SiteMatchMatching", "SiteMatchAccessibility", "SiteMatchData", "SiteMatchGeometry"]
        ),
        // Store: the append-only enquiry log behind one protocol — SQLite through GRDB (the embedded
        // default) and PostgreSQL through postgres-nio — and the access-token file. Knows nothing of HTTP.
        .target(
            name: "SiteMatchStore",
            dependencies: [
                "SiteMatchData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // App: the Workspace (loaded once, immutable, Sendable) and one function per use case, each
        // returning a Codable report; the one error taxonomy's front-end mapping. The CLI and the
        // coming server are thin front ends over it.
        .target(
            name: "SiteMatchApp",
            dependencies: [
                "SiteMatchStore", "SiteMatchExport", "SiteMatchMatching", "SiteMatchAccessibility", "SiteMatchData", "SiteMatchGeometry",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Reports: the app layer's reports as self-contained HTML (inline CSS, inline SVG maps in BNG)
        // and PDF through headless Chromium; the server's pages reuse its sections.
        .target(
            name: "SiteMatchReports",
            dependencies: ["SiteMatchApp", "SiteMatchMatching", "SiteMatchData", "SiteMatchGeometry"]
        ),
        // Server: the Hummingbird 2 router — the JSON API over the app layer, tokens, limits, metrics,
        // the OpenAPI document. Translates HTTP to use cases and back; holds no logic the CLI needs.
        .target(
            name: "SiteMatchServer",
            dependencies: [
                "SiteMatchReports",
                "SiteMatchApp",
                "SiteMatchStore",
                "SiteMatchData",
                "SiteMatchGeometry",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.embedInCode("Resources/openapi.yaml")]
                + ["sitematch.js", "enquiry.js", "site.js", "sitematch.css"].map { .embedInCode("Resources/web/\($0)") } + [
                "ahp.schema.json",
                "archetypes.schema.json",
                "catchment.schema.json",
                "enquiry-page.schema.json",
                "enquiry-request.schema.json",
                "enquiry.schema.json",
                "error.schema.json",
                "explain.schema.json",
                "export-sites.schema.json",
                "inspect.schema.json",
                "isochrones.schema.json",
                "logged-enquiry.schema.json",
                "match.schema.json",
                "matrix.schema.json",
                "scenario-diff.schema.json",
                "sites.schema.json",
                "stability.schema.json",
                "travel-times.schema.json",
                "validate.schema.json",
            ].map { .embedInCode("Resources/schema/\($0)") }
        ),
        // The command-line tool: parses arguments, calls a use case, renders its report.
        .executableTarget(
            name: "sitematch",
            dependencies: [
                "SiteMatchServer",
                "SiteMatchReports",
                "SiteMatchStore",
                "SiteMatchApp",
                "SiteMatchExport",
                "SiteMatchMatching",
                "SiteMatchAccessibility",
                "SiteMatchData",
                "SiteMatchGeometry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The portfolio-scoring benchmark (shared/bench/WORKLOAD.md restated in Tools/sitematch-bench/WORKLOAD.md):
        // a deterministic input generator and the workload run on SiteMatch's own geometry layer; and the
        // rank-stability workload (issue 19) timed in-process on the matching layer.
        .executableTarget(
            name: "sitematch-bench",
            dependencies: [
                "SiteMatchGeometry",
                "SiteMatchData",
                "SiteMatchMatching",
                "SiteMatchApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/sitematch-bench",
            exclude: ["WORKLOAD.md"]
        ),
        .testTarget(
            name: "SiteMatchGeometryTests",
            dependencies: ["SiteMatchGeometry"]
        ),
        // Fixtures the data and accessibility tests share: small vector files written by ogr2ogr.
        .target(
            name: "SiteMatchTestSupport",
            dependencies: ["SiteMatchGeometry"],
            path: "Tests/SiteMatchTestSupport"
        ),
        .testTarget(
            name: "SiteMatchDataTests",
            // CGDAL for the leak canary only (LeakCanaryTests): a deliberately unclosed dataset.
            dependencies: ["SiteMatchData", "SiteMatchGeometry", "CGDAL", "SiteMatchTestSupport"]
        ),
        .testTarget(
            name: "SiteMatchAccessibilityTests",
            dependencies: ["SiteMatchAccessibility", "SiteMatchData", "SiteMatchGeometry", "SiteMatchTestSupport"]
        ),
        .testTarget(
            name: "SiteMatchMatchingTests",
            dependencies: ["SiteMatchMatching", "SiteMatchAccessibility", "SiteMatchData", "SiteMatchGeometry"]
        ),
        .testTarget(
            name: "SiteMatchExportTests",
            dependencies: ["SiteMatchExport", "SiteMatchMatching", "SiteMatchData", "SiteMatchGeometry"]
        ),
        .testTarget(
            name: "SiteMatchAppTests",
            dependencies: ["SiteMatchApp", "SiteMatchMatching", "SiteMatchData", "SiteMatchGeometry"]
        ),
        .testTarget(
            name: "SiteMatchStoreTests",
            dependencies: [
                "SiteMatchStore", "SiteMatchData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "SiteMatchServerTests",
            dependencies: [
                "SiteMatchServer",
                "SiteMatchApp",
                "SiteMatchStore",
                "SiteMatchData",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "SiteMatchReportsTests",
            dependencies: ["SiteMatchReports", "SiteMatchApp", "SiteMatchMatching", "SiteMatchData", "SiteMatchGeometry"]
        ),
        .testTarget(
            name: "SiteMatchBenchTests",
            dependencies: ["sitematch-bench", "SiteMatchGeometry", "SiteMatchTestSupport"]
        ),
        .testTarget(
            name: "SiteMatchCLITests",
            dependencies: ["sitematch", "SiteMatchTestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
