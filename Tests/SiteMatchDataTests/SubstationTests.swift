import Foundation
import Testing
@testable import SiteMatchData
import SiteMatchGeometry

/// NGED's substations and connection queue: the name matching, the sums behind a supply point,
/// bad rows, and the shipped files against the source's own totals.
@Suite struct SubstationTests {
    static let header = "Licence,Grid Supply Point,Bulk Supply Point,Primary Substation,Proposed Connection Voltage (kV),Connection Status,Total Demand Number,Total Demand Capacity (MW),Total Generation Number,Total Generation Capacity (MW)\n"

    /// Two bulk supply points under one grid supply point, a connection at the grid supply point
    /// itself, and a primary called "Clifton" under two supply points far apart.
    static let queueText = header + """
        WMIDS,Hilltop 132 kV,Alpha 132 kV S Stn,Alpha Town 33 11 kV S Stn,11,Connection offers accepted,1,2,0,0
        WMIDS,Hilltop 132 kV,Alpha 132 kV S Stn,Alpha Town 33 11 kV S Stn,11,Connection offers not yet accepted,1,3,0,0
        WMIDS,Hilltop 132 kV,Alpha 132 kV S Stn,Alpha Town 33 11 kV S Stn,11,Budget Estimates Provided,2,5,0,0
        WMIDS,Hilltop 132 kV,Beta 33 kV S Stn,Beta Mill 33 11 kV S Stn,11,Connection offers accepted,1,1,0,0
        WMIDS,Hilltop 132 kV,-,-,132,Connection offers accepted,1,10,0,0
        WMIDS,Hilltop 132 kV,Alpha 132 kV S Stn,Clifton 33 11 kV S Stn,11,Connection offers accepted,1,0.5,0,0
        EMIDS,Faraway 132 kV S Stn,Gamma 33 kV S Stn,Clifton 33 11 kV S Stn,11,Connection offers accepted,1,7,0,0

        """

    static func substation(_ name: String, _ type: String, _ x: Double, _ y: Double) -> Substation {
        Substation(id: name, name: name, type: type, voltageKV: nil, lowestVoltageKV: nil, location: Coordinate(x, y))
    }

    @Test func placeNamesAgreeAcrossTheTwoFilesSpellings() {
        #expect(GridQueue.placeName("Leek 33 11 kV S Stn") == "leek")
        #expect(GridQueue.placeName("Leek 33/11kv") == "leek")
        #expect(GridQueue.placeName("Meaford C 132 kV S Stn") == "meaford c")
        #expect(GridQueue.placeName("Meaford C 132/33/11kv") == "meaford c")
        #expect(GridQueue.placeName("Stagefields 132/11kv (Reporting)") == "stagefields")
        #expect(GridQueue.placeName("Staythorpe  C  132 kV S Stn") == "staythorpe c")
        #expect(GridQueue.placeName("Stoke Chp") == "stoke chp")
    }

    @Test func demandBehindASupplyPointIsSummedByHand() throws {
        let queue = try GridQueue.read(text: Self.queueText, file: "q.csv")
        // Alpha: accepted 2 + offered 3 + Clifton's 0.5 = 5.5 queued; the 5 MW budget estimate apart.
        #expect(queue.demand(behindBulkSupplyPoint: "Alpha 132 kV S Stn") == .init(queuedMW: 5.5, budgetEstimateMW: 5))
        // Hilltop: 5.5 + Beta's 1 + 10 at the grid supply point itself = 16.5.
        #expect(queue.demand(behindGridSupplyPoint: "Hilltop 132 kV") == .init(queuedMW: 16.5, budgetEstimateMW: 5))
        #expect(queue.entries.count == 7 && queue.entries[4].bulkSupplyPoint == nil && queue.entries[4].primary == nil)
    }

    @Test func aPrimaryFindsItsSupplyPointsByNameNeverByDistance() throws {
        let queue = try GridQueue.read(text: Self.queueText, file: "q.csv")
        let alphaTown = Self.substation("Alpha Town 33/11kv", "primary", 0, 0)
        let layer = [alphaTown, Self.substation("Alpha 132/33kv", "bulk_supply_point", 3_000, 0),
                     Self.substation("Clifton 33/11kv", "primary", 1_000, 1_000), Self.substation("Omega 33/11kv", "primary", 500, 0)]
        #expect(queue.supplyPoints(of: alphaTown, substations: layer) == .found(.init(bulkSupplyPoint: "Alpha 132 kV S Stn", gridSupplyPoint: "Hilltop 132 kV")))
        // Omega is 500 m from Alpha Town but no row names it: no supply point, however near.
        #expect(queue.supplyPoints(of: layer[3], substations: layer) == .notInQueue)
        // Clifton is named under Alpha (3 km away, in the layer) and under Gamma (not in the layer): Alpha.
        #expect(queue.supplyPoints(of: layer[2], substations: layer) == .found(.init(bulkSupplyPoint: "Alpha 132 kV S Stn", gridSupplyPoint: "Hilltop 132 kV")))
        // A Clifton 200 km away confirms neither.
        let farClifton = Self.substation("Clifton 33/11kv", "primary", 200_000, 0)
        guard case let .ambiguous(candidates) = queue.supplyPoints(of: farClifton, substations: layer + [farClifton]) else {
            Issue.record("expected no match for a Clifton far from both supply points"); return
        }
        #expect(candidates.count == 2)
    }

    @Test func substationTypesAndVoltagesDecideTheTwoDistances() {
        func s(_ name: String, _ type: String, _ high: Double?, _ low: Double?) -> Substation {
            Substation(id: name, name: name, type: type, voltageKV: high, lowestVoltageKV: low, location: Coordinate(0, 0))
        }
        #expect(s("Burslem 132/11kv", "bulk_supply_point", 132, 11).suppliesAsPrimary)
        #expect(s("Burslem 132/11kv", "bulk_supply_point", 132, 11).isAtLeast132kV)
        #expect(!s("Forsbrook 132/33kv", "bulk_supply_point", 132, 33).suppliesAsPrimary)
        #expect(s("Longton 132/33kv", "primary", 132, 33).isAtLeast132kV)
        #expect(!s("Leek 33/11kv", "primary", 33, 11).isAtLeast132kV)
        #expect(!s("Uttoxeter 33kv S Stn", "bulk_supply_point", 33, 33).isAtLeast132kV)
        #expect(s("Kidsgrove B.R.", "bulk_supply_point", nil, nil).isAtLeast132kV)
        #expect(s("Stoke Chp", "primary", nil, nil).suppliesAsPrimary && !s("Stoke Chp", "primary", nil, nil).isAtLeast132kV)
    }

    @Test func badRowsNameTheLineAndColumn() {
        let badNumber = Self.header + "WMIDS,Hilltop 132 kV,-,-,132,Connection offers accepted,1,lots,0,0\n"
        #expect(throws: SiteMatchError(file: "q.csv", line: 2, message: "column Total Demand Capacity (MW): 'lots' is not a number")) {
            try GridQueue.read(text: badNumber, file: "q.csv")
        }
        let badStatus = Self.header + "WMIDS,Hilltop 132 kV,-,-,132,Connected,1,1,0,0\n"
        #expect(throws: SiteMatchError.self) { try GridQueue.read(text: badStatus, file: "q.csv") }
        let infinite = Self.header + "WMIDS,Hilltop 132 kV,-,-,132,Connection offers accepted,1,1e400,0,0\n"
        #expect(throws: SiteMatchError(file: "q.csv", line: 2, message: "column Total Demand Capacity (MW): '1e400' is not a number")) {
            try GridQueue.read(text: infinite, file: "q.csv")
        }
        #expect(throws: SiteMatchError(file: "q.csv", line: 1, message: "has no Connection Status column; expected NGED's new-connections update with Licence, Grid Supply Point, Bulk Supply Point, Primary Substation, Connection Status, Total Demand Capacity (MW)")) {
            try GridQueue.read(text: "Licence,Grid Supply Point,Bulk Supply Point,Primary Substation,Total Demand Capacity (MW)\nWMIDS,a,b,c,1\n", file: "q.csv")
        }
    }

    /// The source file's own figures, read with Python's csv module: 1,080 rows whose demand column
    /// sums to 19,371.274 MW; Cellarhead's rows (Stoke's grid supply point) to 263.484 MW accepted or offered.
    @Test func theShippedQueueReproducesTheSourceTotals() throws {
        let path = try #require(try GridQueue.path(in: GeoDataFixture.shippedDirectory))
        let queue = try GridQueue.load(contentsOfFile: path)
        #expect(queue.file == "nged-connection-queue-2025-05.csv")
        #expect(queue.entries.count == 1_080)
        #expect(abs(queue.entries.map(\.demandMW).reduce(0, +) - 19_371.274) < 1e-6)
        #expect(abs(queue.demand(behindGridSupplyPoint: "Cellarhead 132 kV").queuedMW - 263.484) < 1e-6)
    }

    /// NaPTAN's file counted by stop type with Python: 5,780 BCT, 81 BCS, 5 BCQ, 37 RSE; 5,903 in all.
    @Test func theShippedStopsLayerHoldsEveryNaPTANRow() throws {
        let layer = try GeoDataFixture.layer("stops.geojson")
        var counts: [String: Int] = [:]
        for f in layer.features { counts[f.properties["stop_type"]?.stringValue ?? "", default: 0] += 1 }
        #expect(counts == ["bus_stop": 5_780, "bus_station_bay": 81, "bus_station_variable_bay": 5, "rail_entrance": 37])
    }

    /// Census 2021 by LSOA: Stoke-on-Trent's 163 LSOAs sum to 258,356 residents in the source file
    /// (ONS publishes 258,369 before cell perturbation); ages 16-64 are the four census bands.
    @Test func theShippedCensusLayerReproducesStokesTotal() throws {
        let layer = try GeoDataFixture.layer("census-lsoa.geojson")
        let stoke = layer.features.filter { $0.properties["name"]?.stringValue?.hasPrefix("Stoke-on-Trent ") == true }
        #expect(stoke.count == 163)
        #expect(stoke.reduce(0) { $0 + Int($1.properties["population"]?.numberValue ?? 0) } == 258_356)
        // E01029407 East Staffordshire 011A in the source: 1,656; 16-24 206 + 25-34 278 + 35-49 356 + 50-64 253 = 1,093.
        let burton = try #require(layer.features.first { $0.identifier == "E01029407" })
        #expect(burton.properties["population"]?.numberValue == 1_656 && burton.properties["working_age_population"]?.numberValue == 1_093)
        #expect(layer.features.count == 4_394)
    }

    /// The source's substations within 60 km of Hanley, counted by type with Python: 127 primary,
    /// 73 bulk supply points, 13 super grid and 3 132 kV switching stations (46 EHV switching stations left out).
    @Test func theShippedSubstationsLayerHoldsTheSourcesSubstationsNearHanley() throws {
        let layer = try GeoDataFixture.layer("substations.geojson")
        var counts: [String: Int] = [:]
        for f in layer.features { counts[f.properties["substation_type"]?.stringValue ?? "", default: 0] += 1 }
        #expect(counts == ["primary": 127, "bulk_supply_point": 73, "grid_supply_point": 13, "switching_132kv": 3])
        let cellarhead = try #require(layer.features.first { $0.identifier == "nged-680067" })
        #expect(cellarhead.properties["name"]?.stringValue == "Cellarhead 132kv" && cellarhead.properties["voltage_kv"]?.numberValue == 132)
    }
}
