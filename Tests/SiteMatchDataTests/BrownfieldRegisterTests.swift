import Foundation
import Testing
import SiteMatchGeometry
@testable import SiteMatchData

/// The Brownfield Land Register reader, on small registers written here (values worked by hand) and
/// on the shipped Stoke-on-Trent register against the council's published totals.
struct BrownfieldRegisterTests {
    /// The standard's columns in another order and case, the Stoke file's NewDwellingsRangeTo, trailing
    /// spaces, and line 5 with GeoX and GeoY swapped.
    static let register = """
    siteReference, SiteNameAddress ,GEOY,GeoX,Hectares,PlanningStatus,Deliverable,NewDwellingsRangeTo
    A1,"Former works, Etruria",347000,388000,2.5,permissioned ,Yes,40
    A2,Hanley yard,347500,388500,0.5,not permissioned,,
    A3,Longton mill,342000,391000,1.25,pending decision,yes ,12
    A4,Swapped site,388338,347655,1,permissioned,no,3

    """

    @Test func aRegisterIsReadWithItsQuirksSaid() throws {
        let r = try BrownfieldRegister.read(text: Self.register, file: "register.csv")
        #expect(r.entries.map(\.reference) == ["A1", "A2", "A3", "A4"])
        #expect(r.entries.map(\.hectares) == [2.5, 0.5, 1.25, 1])
        #expect(r.entries[0].name == "Former works, Etruria")
        #expect(r.entries[0].location == Coordinate(x: 388_000, y: 347_000))
        #expect(r.coordinates.hasPrefix("EPSG:27700 (no CoordinateReferenceSystem column"))
        // Trimmed, enumerations lower-cased; an empty cell is null.
        #expect(r.entries[0].fields["planning_status"] == .string("permissioned"))
        #expect(r.entries[0].fields["deliverable"] == .string("yes"))
        #expect(r.entries[2].fields["deliverable"] == .string("yes"))
        #expect(r.entries[1].fields["deliverable"] == .null)
        #expect(r.entries[0].fields["net_dwellings_range_to"] == .string("40"))
        #expect(r.warnings.contains("column NewDwellingsRangeTo read as the standard's NetDwellingsRangeTo"))
        // Line 5's (347655, 388338) is √(40,345² + 41,338²) ≈ 57.8 km from the median point (388,500, 347,000): swapped back.
        #expect(r.entries[3].location == Coordinate(x: 388_338, y: 347_655))
        #expect(r.entries[3].coordinateNote?.contains("swapped") == true)
        #expect(r.warnings.contains { $0.hasPrefix("line 5 (SiteReference A4): GeoX and GeoY swapped back") && $0.contains("57 km") })
    }

    /// Each circle's polygon has the register's area (GEOS's area of the buffered point), and the feature
    /// says it is indicative and official.
    @Test func eachSiteIsAnIndicativeCircleOfItsHectares() throws {
        let context = GEOSContext()
        let layer = try BrownfieldRegister.read(text: Self.register, file: "register.csv").siteLayer(context: context)
        #expect(layer.crs == .britishNationalGrid)
        for (feature, hectares) in zip(layer.features, [2.5, 0.5, 1.25, 1.0]) {
            let area = try Geometry(try #require(feature.geometry), context: context).area()
            #expect(abs(area - hectares * 10_000) < 0.01)
            #expect(feature.properties["geometry_quality"] == .string("indicative"))
            #expect(feature.properties["source_grade"] == .string("official"))
            #expect(feature.properties["location_type"] == .null)
        }
        #expect(layer.features[0].properties["id"] == .string("bflr_A1"))
        #expect(layer.features[0].properties["source"] == .string("Brownfield Land Register, register.csv line 2"))
    }

    @Test(arguments: [
        ("SiteReference,SiteNameAddress,GeoX,GeoY\nA,B,388000,347000\n", 1, "has no Hectares column"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,347000,abc\n", 2, "column Hectares: 'abc' is not a number"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,347000,-1\n", 2, "column Hectares must be between 0 and 100000 ha, got -1"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,347000,0\n", 2, "column Hectares is 0"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,,347000,1\n", 2, "column GeoX is empty"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,nan,1\n", 2, "column GeoY: 'nan' is not a number"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,347000,1\nA,C,388100,347100,1\n", 3, "column SiteReference: 'A' is also on line 2"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,347000\n", 2, "has 4 fields; expected 5"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,347000,1\nC,D,-2.18,53.02,1\n", 3, "look like degrees while other rows are eastings and northings"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares,CoordinateReferenceSystem\nA,B,388000,347000,1,OSGB37\n", 2, "'OSGB37' is not OSGB36 or ETRS89"),
        ("SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,347000,1\nC,D,388100,347100,1\nE,F,100000,100000,1\n", 4, "km from the register's other sites (swapped, too)"),
    ] as [(String, Int, String)])
    func aBadRowIsAnErrorNamingItsLineAndColumn(text: String, line: Int, message: String) {
        #expect {
            try BrownfieldRegister.read(text: text, file: "bad.csv")
        } throws: { error in
            guard case let .input(p) = error as? SiteMatchError else { return false }
            return p.source == "bad.csv" && p.line == line && p.message.contains(message)
        }
    }

    @Test func skippingBadRowsKeepsTheRestAndListsTheOthers() throws {
        let text = "SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,347000,1\nC,D,388100,347100,x\nE,F,388200,347200,2\n"
        let r = try BrownfieldRegister.read(text: text, file: "some.csv", skipBadRows: true)
        #expect(r.entries.map(\.reference) == ["A", "E"])
        #expect(r.skipped.count == 1)
        #expect(r.skipped == ["some.csv:3: column Hectares: 'x' is not a number"])
    }

    /// Longitudes and latitudes (the standard's ETRS89) are transformed through PROJ: Hanley
    /// (−2.1789, 53.0248) lands in Stoke's square of the National Grid (SJ 8x 4x: 380–390 km E, 340–350 km N).
    @Test func degreesAreTransformedToTheNationalGrid() throws {
        let text = "SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,Hanley,-2.1789,53.0248,1\nB,Etruria,-2.1960,53.0290,1\n"
        let r = try BrownfieldRegister.read(text: text, file: "degrees.csv")
        #expect(r.coordinates.hasPrefix("ETRS89 longitude/latitude"))
        let hanley = r.entries[0].location
        #expect((380_000...390_000).contains(hanley.x) && (340_000...350_000).contains(hanley.y))
    }

    /// The shipped register reproduces the council's totals: 218 sites, 214.8 ha (the data README), and
    /// each circle's area is its site's, to within what RFC 7946's 6 decimals allow: a vertex moves by
    /// at most 0.5e-6° (≤ 0.06 m), so the area by at most about perimeter × 0.06 m (2 % for 0.01 ha).
    @Test func theShippedStokeRegisterHasTheCouncilsTotals() throws {
        let path = GeoDataFixture.shippedDirectory + "/brownfield-stoke-2024.geojson"
        let layer = try GeoJSONReader.read(contentsOfFile: path)
        #expect(layer.features.count == 218)
        let hectares = layer.features.compactMap { $0.properties["area_ha"]?.numberValue }.reduce(0, +)
        #expect((hectares * 10).rounded() / 10 == 214.8)
        let context = GEOSContext()
        let transformer = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        for feature in layer.features {
            let area = try Geometry(try transformer.transform(try #require(feature.geometry)), context: context).area()
            let stated = try #require(feature.properties["area_ha"]?.numberValue) * 10_000
            let perimeter = 2 * Double.pi * (stated / Double.pi).squareRoot()
            #expect(abs(area - stated) <= perimeter * 0.06, "\(feature.properties["id"]!): \(area) m² for \(stated)")
        }
    }
}
