import CGDAL
import Foundation
import Testing
import SiteMatchGeometry
import SiteMatchTestSupport
@testable import SiteMatchData

/// The canary for `Tools/leak-check`, enabled only by SITEMATCH_LEAK_CANARY=gdal and run there alone
/// in its own process, after the suite.
///
/// LeakSanitizer reports unreachable heap blocks. GDAL keeps every open dataset in a global list, so
/// a dataset left open is still reachable and LSan cannot see it (found by this canary's first
/// version, which leaked a dataset and went unreported). So the canary checks the two kinds apart:
/// - datasets: after the reader and the GeoPackage writer have run, GDAL's own list of open datasets
///   (GDALGetOpenDatasets) is empty — this process runs nothing else, so the count is exact;
/// - other OGR objects: a geometry and a feature are created and deliberately never destroyed;
///   leak-check fails unless LeakSanitizer reports both (OGR_G_CreateGeometry, OGR_F_Create), so
///   "no leaks" covers GDAL's allocations.
@Suite struct LeakCanaryTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SITEMATCH_LEAK_CANARY"] == "gdal"))
    func theReaderAndWriterCloseEveryDatasetAndALeakedOGRGeometryIsReported() throws {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = folder + "/sites.geojson", path = folder + "/sites.gpkg"
        try OGRFixtures.write(OGRFixtures.sitesGeoJSON, to: source)
        try OGRFixtures.ogr2ogr(["-f", "GPKG", path, source])
        let layer = try VectorLayerReader.read(path: path, context: GEOSContext())
        let features = layer.features.compactMap { f in f.geometry.map { (properties: f.properties, geometry: $0) } }
        try VectorLayerWriter.writeGeoPackage([OutputLayer(name: "sites", kind: .polygon, features: features)], metadata: [:],
                                              to: folder + "/copy.gpkg", overwrite: false)
        var list: UnsafeMutablePointer<GDALDatasetH?>?
        var open: Int32 = -1
        GDALGetOpenDatasets(&list, &open)
        #expect(open == 0, "datasets left open by the reader or the writer")

        _ = OGR_G_CreateGeometry(wkbPoint)   // never destroyed: the leak is the point
        _ = OGR_F_Create(OGR_FD_Create("canary"))   // a feature (and its definition), never destroyed either
    }
}
