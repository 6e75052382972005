import Foundation
import Testing
import SiteMatchGeometry
import SiteMatchTestSupport
@testable import SiteMatchData

@Suite struct VectorLayerReaderTests {
    func exteriorRing(_ shape: Shape?) -> [Coordinate] {
        if case let .polygon(rings)? = shape { return rings[0] }
        if case let .multiPolygon(polygons)? = shape { return polygons[0][0] }
        return []
    }

    /// The fixture layer written by ogr2ogr with `driver`, read back by the reader; each feature's exterior
    /// ring is checked against ogr2ogr's own EPSG:27700 coordinates (within 1 mm).
    func writtenByOgr2ogrAndReadBack(driver: String, suffix: String) throws -> VectorLayer {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = folder + "/sites.geojson"
        try OGRFixtures.write(OGRFixtures.sitesGeoJSON, to: source)
        let path = folder + "/sites.\(suffix)"
        try OGRFixtures.ogr2ogr(["-f", driver, path, source])
        let layer = try VectorLayerReader.read(path: path, context: GEOSContext())
        #expect(layer.sourceCRS == "EPSG:4326")
        #expect(layer.features.count == 2)
        let reference = try OGRFixtures.referenceBNGRings(of: path)
        for (feature, expected) in zip(layer.features, reference) {
            let ring = exteriorRing(feature.geometry)
            #expect(ring.count == expected.count)
            for (a, b) in zip(ring, expected) { #expect(hypot(a.x - b.x, a.y - b.y) < 0.001) }
        }
        return layer
    }

    /// GeoPackage, Shapefile and FlatGeobuf written by ogr2ogr read back to the coordinates ogr2ogr
    /// itself gives in EPSG:27700, with the attributes typed.
    @Test(arguments: [("GPKG", "gpkg"), ("ESRI Shapefile", "shp"), ("FlatGeobuf", "fgb")])
    func formatsWrittenByOgr2ogrReadBackInBritishNationalGrid(driver: String, suffix: String) throws {
        let layer = try writtenByOgr2ogrAndReadBack(driver: driver, suffix: suffix)
        #expect(layer.driver == driver)
        // FlatGeobuf's spatial index may reorder features: find them by id.
        let byID = Dictionary(uniqueKeysWithValues: layer.features.map { ($0.properties["SITE_ID"]?.stringValue ?? "", $0) })
        #expect(byID.keys.sorted() == ["north_plot", "south_plot"])
        #expect(byID["north_plot"]?.properties["SITE_HA"] == .number(12.5))
        #expect(byID["south_plot"]?.properties["SITE_HA"] == .null)
        #expect(byID["north_plot"]?.properties["SITE_NAME"] == .string("North plot"))
    }

    /// KML (always WGS84) and GML written by ogr2ogr read back to ogr2ogr's own EPSG:27700 coordinates.
    /// KML keeps attributes as text unless a schema types them, so only the names are compared.
    @Test(arguments: [("KML", "kml"), ("GML", "gml")])
    func kmlAndGMLWrittenByOgr2ogrReadBackInBritishNationalGrid(driver: String, suffix: String) throws {
        let layer = try writtenByOgr2ogrAndReadBack(driver: driver, suffix: suffix)
        #expect(layer.driver.hasSuffix(driver))   // KML may be read by LIBKML
        #expect(Set(layer.features.compactMap { $0.properties["SITE_ID"]?.stringValue }) == ["north_plot", "south_plot"])
        #expect(Set(layer.features.compactMap { $0.properties["SITE_NAME"]?.stringValue }) == ["North plot", "South plot"])
    }

    /// Ordnance Survey's test point TP20 (OSTN15 developer pack; see TransformTests) given as a CSV
    /// longitude/latitude lands within 5 m of its published National Grid position (PROJ's Helmert
    /// fit without the OSTN15 grid), with x as longitude whatever EPSG:4326's official axis order.
    @Test func aWGS84PointInACSVLandsAtItsPublishedNationalGridPosition() throws {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/points.csv"
        try OGRFixtures.write("id,lon,lat\nTP20,-1.66379168242,53.80021519630\n", to: path)
        let layer = try VectorLayerReader.read(path: path, options: VectorReadOptions(srs: "EPSG:4326", xField: "lon", yField: "lat"), context: GEOSContext())
        guard case let .point(p)? = layer.features.first?.geometry else { Issue.record("no point"); return }
        #expect(hypot(p.x - 422_242.186, p.y - 433_818.701) < 5)
        #expect(layer.fields == ["id"])
    }

    @Test func aLayerWithoutACRSAsksForSrs() throws {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/points.csv"
        try OGRFixtures.write("id,x,y\na,385000,347000\n", to: path)
        #expect(throws: SiteMatchError(file: path, message: "has no coordinate reference system (a CSV, or a Shapefile without its .prj); give --srs EPSG:27700 for British National Grid metres or --srs EPSG:4326 for longitude/latitude")) {
            try VectorLayerReader.read(path: path, options: VectorReadOptions(xField: "x", yField: "y"), context: GEOSContext())
        }
        let layer = try VectorLayerReader.read(path: path, options: VectorReadOptions(srs: "EPSG:27700", xField: "x", yField: "y"), context: GEOSContext())
        #expect(layer.features.first?.geometry == .point(Coordinate(x: 385_000, y: 347_000)))
    }

    @Test func aFileWithSeveralLayersNeedsOneNamed() throws {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = folder + "/sites.geojson"
        try OGRFixtures.write(OGRFixtures.sitesGeoJSON, to: source)
        let path = folder + "/two.gpkg"
        try OGRFixtures.ogr2ogr(["-f", "GPKG", "-nln", "sites", path, source])
        try OGRFixtures.ogr2ogr(["-f", "GPKG", "-update", "-nln", "plots", path, source])
        #expect(throws: SiteMatchError.usage("\(path) has 2 layers (sites, plots); choose one with --sites-layer NAME")) {
            try VectorLayerReader.read(path: path, context: GEOSContext())
        }
        #expect(throws: SiteMatchError.notFound(.init(kind: "layer in \(path)", id: "plot", nearest: ["plots", "sites"]))) {
            try VectorLayerReader.read(path: path, options: VectorReadOptions(layer: "plot"), context: GEOSContext())
        }
        #expect(try VectorLayerReader.read(path: path, options: VectorReadOptions(layer: "plots"), context: GEOSContext()).layerName == "plots")
    }

    @Test func aFileGDALCannotReadIsNamed() throws {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/notes.gpkg"
        try OGRFixtures.write("not a geopackage\n", to: path)
        #expect {
            try VectorLayerReader.read(path: path, context: GEOSContext())
        } throws: { error in
            guard case let .input(p) = error as? SiteMatchError else { return false }
            return p.source == path && p.message.hasPrefix("cannot be read as a vector layer")
        }
        #expect(throws: SiteMatchError(file: folder + "/missing.gpkg", message: "no such file")) {
            try VectorLayerReader.read(path: folder + "/missing.gpkg", context: GEOSContext())
        }
    }
}

@Suite struct SiteLayerImportTests {
    func gpkg(_ folder: String, _ geojson: String = OGRFixtures.sitesGeoJSON) throws -> String {
        let source = folder + "/sites.geojson"
        try OGRFixtures.write(geojson, to: source)
        let path = folder + "/sites.gpkg"
        try OGRFixtures.ogr2ogr(["-f", "GPKG", path, source])
        return path
    }

    @Test func mappedFieldsBecomeSiteAttributesAndTheRestIsUnknown() throws {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var mapping = SiteFieldMapping()
        mapping.areaHa = "SITE_HA"
        mapping.locationType = "LOC"
        let source = SiteLayerSource(path: try gpkg(folder), idField: "SITE_ID", nameField: "SITE_NAME", mapping: mapping)
        let imported = try SiteLayerImporter.load(source, context: GEOSContext())
        #expect(imported.sites.map(\.id) == ["north_plot", "south_plot"])
        #expect(imported.sites.map(\.name) == ["North plot", "South plot"])
        #expect(imported.sites.map(\.locationType) == ["D", "C"])
        #expect(imported.sites.map(\.areaHectares) == [12.5, nil])
        #expect(imported.sites.allSatisfy { $0.status == nil && $0.gridHeadroomMVA == nil && $0.geometryQuality == "indicative" })
        #expect(imported.unknowns.contains("area unknown for 1 of 2 sites"))
        #expect(imported.unknowns.contains("status unknown for all 2 sites"))
    }

    @Test func missingFieldsAndBadValuesAreNamed() throws {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try gpkg(folder)
        #expect(throws: SiteMatchError(file: path, message: "has no field 'id' (--id-field); its fields are: SITE_ID, SITE_NAME, SITE_HA, LOC, STATUS")) {
            try SiteLayerImporter.load(SiteLayerSource(path: path), context: GEOSContext())
        }
        var mapping = SiteFieldMapping()
        mapping.status = "LOC"
        #expect(throws: SiteMatchError.input(InputProblem(source: path, featureIndex: 0, featureID: "north_plot", field: "LOC",
                                                          message: "'D' is not a site status; expected one of available, under_development, fully_occupied, proposed"))) {
            try SiteLayerImporter.load(SiteLayerSource(path: path, idField: "SITE_ID", nameField: "SITE_NAME", mapping: mapping), context: GEOSContext())
        }
    }

    @Test func anInvalidPolygonIsRefusedWithGEOSReason() throws {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bowtie = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"bowtie","name":"Bow tie"},
         "geometry":{"type":"Polygon","coordinates":[[[-2.20,53.05],[-2.19,53.056],[-2.19,53.05],[-2.20,53.056],[-2.20,53.05]]]}}]}
        """
        let path = try gpkg(folder, bowtie)
        #expect {
            try SiteLayerImporter.load(SiteLayerSource(path: path), context: GEOSContext())
        } throws: { error in
            guard case let .input(p) = error as? SiteMatchError else { return false }
            return p.featureID == "bowtie" && p.field == "geometry" && p.message.hasPrefix("is not a valid polygon: Self-intersection")
        }
    }

    /// A register of points with areas: each becomes an indicative 32-gon whose own area is the
    /// site's: a regular 32-gon of circumradius r has area 16 r² sin(π/16), so r = √(25,000 / (16 sin(π/16)))
    /// = 89.49 m for 2.5 ha (a circle of 2.5 ha has r = 89.21 m: the polygon is drawn 0.3 % wider).
    @Test func pointsWithAnAreaBecomeIndicativeCirclesOfThatArea() throws {
        let folder = try OGRFixtures.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/register.csv"
        try OGRFixtures.write("SiteReference,SiteNameAddress,Hectares,Easting,Northing\nBLR-1,Former works,2.5,388000,347500\n", to: path)
        var mapping = SiteFieldMapping()
        mapping.areaHa = "Hectares"
        mapping.locationTypeAll = "D"
        let source = SiteLayerSource(path: path, read: VectorReadOptions(srs: "EPSG:27700", xField: "Easting", yField: "Northing"),
                                     idField: "SiteReference", nameField: "SiteNameAddress", mapping: mapping)
        let site = try #require(try SiteLayerImporter.load(source, context: GEOSContext()).sites.first)
        let area = try Geometry(site.geometry, context: GEOSContext()).area()
        #expect(abs(area - 25_000) < 0.01)
        let radius = (25_000 / (16 * sin(Double.pi / 16))).squareRoot()
        #expect(abs(radius - 89.49) < 0.01)
        for c in site.geometry.allCoordinates {
            #expect(abs(((c.x - 388_000) * (c.x - 388_000) + (c.y - 347_500) * (c.y - 347_500)).squareRoot() - radius) < 1e-6)
        }
        #expect(site.geometryQuality == "indicative")
        #expect(site.locationType == "D")
    }
}
