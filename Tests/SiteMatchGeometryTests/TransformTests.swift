import Foundation
import Testing
@testable import SiteMatchGeometry

/// Ordnance Survey's OSTN15 developer-pack test points (OSTN15_OSGM15_TestInput_ETRStoOSGB.txt and
/// …TestOutput_ETRStoOSGB.txt, © Crown copyright, OSI BSD licence): ETRS89 latitude/longitude and
/// the published National Grid easting/northing. ETRS89 and WGS84 agree to well under 1 m in GB.
struct OSTestPoint: Sendable, CustomStringConvertible {
    let name: String
    let latitude: Double, longitude: Double
    let easting: Double, northing: Double
    var description: String { name }
}

let ordnanceSurveyTestPoints = [
    OSTestPoint(name: "TP05 (former OS HQ, Southampton)", latitude: 50.93127937910, longitude: -1.45051433700, easting: 438_710.920, northing: 114_792.250),
    OSTestPoint(name: "TP20 (Yorkshire, nearest test point to Stoke)", latitude: 53.80021519630, longitude: -1.66379168242, easting: 422_242.186, northing: 433_818.701),
]

@Suite struct TransformTests {
    @Test(arguments: ordnanceSurveyTestPoints)
    func wgs84ToBNGIsWithinFiveMetresOfOrdnanceSurvey(point: OSTestPoint) throws {
        let toBNG = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        let grid = try toBNG.transform(Coordinate(x: point.longitude, y: point.latitude))
        let error = hypot(grid.x - point.easting, grid.y - point.northing)
        #expect(error < 5, "\(point): \(error) m off")
        // Without the OSTN15 grid (not shipped by Debian), PROJ uses the ~2 m Helmert fit.
        let operation = try #require(toBNG.lastOperationName)
        #expect(operation.contains("OSGB36 to WGS 84 (6)") || operation.contains("OSTN15"), "PROJ used \(operation)")
    }

    @Test(arguments: ordnanceSurveyTestPoints)
    func bngToWGS84IsWithinFiveMetresOfOrdnanceSurvey(point: OSTestPoint) throws {
        let toWGS84 = try CoordinateTransformer(from: .britishNationalGrid, to: .wgs84)
        let lonLat = try toWGS84.transform(Coordinate(x: point.easting, y: point.northing))
        // Back in BNG metres to compare distances (1e-5° ≈ 1.1 m latitude, ≈ 0.7 m longitude here).
        let metresNorth = (lonLat.y - point.latitude) * 111_200
        let metresEast = (lonLat.x - point.longitude) * 111_200 * cos(point.latitude * .pi / 180)
        #expect(hypot(metresEast, metresNorth) < 5)
    }

    @Test func roundTripReturnsWithinOneMillimetre() throws {
        let toBNG = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        let toWGS84 = try CoordinateTransformer(from: .britishNationalGrid, to: .wgs84)
        // KUSIP and a spread of points across the Stoke and Staffordshire area.
        for point in [Coordinate(-2.2730, 53.0030), Coordinate(-2.1790, 53.0095), Coordinate(-1.6432, 52.8032), Coordinate(-2.1165, 52.8065)] {
            let back = try toBNG.transform(toWGS84.transform(toBNG.transform(point)))
            let there = try toBNG.transform(point)
            #expect(hypot(back.x - there.x, back.y - there.y) < 0.001)
        }
    }

    @Test func failedPointsAreReportedNotPassedOn() throws {
        let toBNG = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        let input = [Coordinate(-2.27, 53.0), Coordinate(-2.0, 95.0), Coordinate(.nan, 53.0)]
        let (out, failures) = toBNG.transform(input)
        #expect(out[0] != nil)
        #expect(out[1] == nil && out[2] == nil)
        #expect(failures.map(\.index) == [1, 2])
        #expect(throws: TransformError.self) { try toBNG.transform(Shape.lineString(input)) }
    }

    @Test func wholeGeometryTransformKeepsStructure() throws {
        let geos = GEOSContext()
        let toBNG = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        let square = try Geometry(wkt: "POLYGON ((-2.28 53.0, -2.27 53.0, -2.27 53.01, -2.28 53.01, -2.28 53.0))", context: geos)
        let projected = try toBNG.transform(square)
        #expect(projected.type == .polygon)
        // 0.01° × 0.01° at 53° N: ≈ 669 m × 1 112 m ≈ 74 ha; the projected area must be of that order.
        let hectares = try projected.area() / 10_000
        #expect(hectares > 70 && hectares < 78)
    }
}
