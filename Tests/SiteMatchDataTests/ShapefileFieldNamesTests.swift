import Testing
@testable import SiteMatchData

/// DBF field names: 10 characters, unique, readable; worked by hand.
struct ShapefileFieldNamesTests {
    @Test func longNamesBecomeAStemAndInitialsUniqueAndAtMostTenCharacters() {
        let names = ShapefileFieldNames.shorten(["id", "best_score", "score_materials_digital_integration", "score_medtech_devices_integration",
                                                 "geometry_quality", "score_materials_rd", "scor_mdi"])
        let short = Dictionary(uniqueKeysWithValues: names.map { ($0.full, $0.short) })
        #expect(short["id"] == "id")
        #expect(short["best_score"] == "best_score")           // exactly 10: kept
        #expect(short["scor_mdi"] == "scor_mdi")               // fits: kept, and reserved first
        #expect(short["score_materials_digital_integration"] == "scor_mdi1")  // its stem clashes with the kept name
        #expect(short["score_medtech_devices_integration"] == "scor_mdi2")
        #expect(short["geometry_quality"] == "geom_q")
        #expect(short["score_materials_rd"] == "scor_mr")
        #expect(names.allSatisfy { $0.short.count <= 10 })
    }
}
