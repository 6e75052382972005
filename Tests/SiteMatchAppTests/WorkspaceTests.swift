import Foundation
import SiteMatchApp
import SiteMatchData
import SiteMatchGeometry
import Testing

@Suite struct WorkspaceTests {
    @Test func provenanceIsReadFromTheDataNotFromConstants() throws {
        #expect(AppFixture.workspace.provenance.dataset?.built == "2026-11-21")
        #expect(AppFixture.workspace.provenance.label == "GeoData 2026-11-21")
        #expect(AppFixture.workspace.provenance.layers.first { $0.file == "sites.geojson" }?.description?.hasPrefix("Site portfolio") == true)

        let undated = try AppFixture.copy { try FileManager.default.removeItem(atPath: ($0 as NSString).appendingPathComponent("dataset.yaml")) }
        let workspace = try Workspace.load(directory: undated)
        #expect(workspace.provenance.dataset == nil)
        #expect(workspace.provenance.label.hasSuffix("(date unknown)"))
        let indicator = try #require(workspace.session.indicators["kusip"]?.values["site_area_ha"])
        #expect(indicator.source.contains("(date unknown)"))
    }

    @Test func aTypoInDatasetYamlIsNamedWithTheExpectedKeys() throws {
        let typo = try AppFixture.copy { dir in
            let path = (dir as NSString).appendingPathComponent("dataset.yaml")
            try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: "built:", with: "biult:").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(throws: SiteMatchError(file: "dataset.yaml", field: "biult", message: "unknown key; expected one of built, built_by, catalogue, name, notes, provenance")) {
            try Workspace.load(directory: typo)
        }
    }

    @Test func anAliasBombInDatasetYamlIsRefusedBeforeItIsComposed() throws {
        let bombed = try AppFixture.copy { dir in
            let path = (dir as NSString).appendingPathComponent("dataset.yaml")
            try ("lol: &a [lol, lol, lol]\nlol2: [*a, *a, *a]\n" + (try String(contentsOfFile: path, encoding: .utf8))).write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(throws: SiteMatchError.input(InputProblem(source: "dataset.yaml", line: 1, column: 6,
                                                          message: "anchor &a: anchors and aliases are not allowed in SiteMatch inputs; write the value out"))) {
            try Workspace.load(directory: bombed)
        }
    }

    /// GeoData/ahp/scale-up-example.yaml: numpy's principal eigenvector of the same matrix gives
    /// floorplate 0.3509, power 0.3509, logistics 0.1891, compliance 0.1091 (λmax 4.0104, CR 0.0038).
    @Test func ahpWeightsReplaceTheCataloguesForTheArchetypesTheyList() throws {
        let file = AppFixture.geoData + "/ahp/scale-up-example.yaml"
        let workspace = try Workspace.load(directory: AppFixture.geoData, ahp: file)
        #expect(workspace.weightsSource == "AHP judgements in scale-up-example.yaml for scale_up_manufacturing; drivers.yaml for the rest")
        let drivers = try #require(try workspace.explain(site: "kusip", archetype: "scale_up_manufacturing").archetypes.first).drivers
        let expected = ["floorplate": 0.3509, "power": 0.3509, "logistics": 0.1891, "compliance": 0.1091]
        for d in drivers { #expect(abs(d.weight - expected[d.driverId]!) < 0.00005, "\(d.driverId) \(d.weight)") }
        // Other archetypes keep drivers.yaml's weights.
        #expect(workspace.catalogue.weights["materials_rd"] == AppFixture.workspace.catalogue.weights["materials_rd"])
        let report = try AppFixture.workspace.ahpWeights(file: file)
        #expect(abs(report.archetypes[0].consistencyRatio - 0.0038) < 0.0001)
    }

    @Test func aMissingDirectoryIsReportedAsMissing() {
        #expect(throws: SiteMatchError(file: "/nonexistent/GeoData", message: "no such directory")) { try Workspace.load(directory: "/nonexistent/GeoData") }
        #expect(throws: SiteMatchError(file: "/nonexistent/GeoData", message: "no such directory")) { try LayerFiles.validate(directory: "/nonexistent/GeoData") }
    }
}

@Suite struct ErrorTaxonomyTests {
    @Test func eachKindHasItsExitCodeAndHTTPStatus() {
        let cases: [(SiteMatchError, Int32, Int)] = [
            (SiteMatchError(file: "a.yaml", field: "x", message: "bad"), 1, 422),
            (.usage("--top must be at least 1"), 2, 400),
            (.notFound(.init(kind: "site", id: "x", nearest: [])), 1, 404),
            (.internal("bug"), 3, 500),
        ]
        for (error, exit, status) in cases {
            #expect(error.exitCode == exit)
            #expect(error.httpStatus == status)
        }
    }

    @Test func lowerLayerErrorsKeepTheirFileFeatureAndField() {
        let geojson = GeoJSONError(source: "sites.geojson", featureIndex: 2, featureID: "s3", field: "geometry", message: "missing")
        let classified = SiteMatchError.classify(geojson)
        #expect(classified.description == geojson.description)
        #expect(classified.exitCode == 1)
        struct Unexpected: Error {}
        #expect(SiteMatchError.classify(Unexpected()).exitCode == 3)
    }

    @Test func enquiryBodiesDecodeFromJSONWithTheSameFieldNames() throws {
        let body = #"{"archetype": "materials_rd", "requirements": {"min_area_ha": 2, "available_now": true}}"#
        let enquiry = try JSONDecoder().decode(Enquiry.self, from: Data(body.utf8))
        #expect(enquiry.archetypeID == "materials_rd" && enquiry.minimumAreaHectares == 2 && enquiry.availableNow)
        let typo = #"{"archetype": "materials_rd", "requirements": {"min_area": 2}}"#
        do {
            _ = try JSONDecoder().decode(Enquiry.self, from: Data(typo.utf8))
            Issue.record("expected an error")
        } catch let error as DecodingError {
            #expect(DecodingProblem.error(error, file: "request").description.hasPrefix("request: requirements.min_area: unknown requirement"))
        }
    }

    @Test func reportsEncodeWithSnakeCaseKeys() throws {
        let text = try ReportJSON.text(try AppFixture.workspace.match(archetype: "materials_rd", top: 1))
        #expect(text.contains("\"prior_weight\"") && text.contains("\"site_id\"") && text.contains("\"driver_score\""))
        #expect(!text.contains("siteId"))
    }
}

/// A planner's sites get their district from the boundaries, and a stated one that differs is said.
struct ImportedSiteDistrictTests {
    @Test func aStatedDistrictThatTheBoundariesContradictIsSaid() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-districts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A square at Keele University (Newcastle-under-Lyme, several km from Stoke-on-Trent's boundary), typed as Stoke-on-Trent.
        let layer = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"keele_plot","name":"Keele plot","district":"Stoke-on-Trent"},
        "geometry":{"type":"Polygon","coordinates":[[[-2.276,53.001],[-2.270,53.001],[-2.270,53.004],[-2.276,53.004],[-2.276,53.001]]]}}]}
        """
        try layer.write(toFile: folder + "/plots.geojson", atomically: true, encoding: .utf8)
        var mapping = SiteFieldMapping()
        mapping.district = "district"
        let workspace = try Workspace.load(directory: AppFixture.geoData, sites: SiteLayerSource(path: folder + "/plots.geojson", mapping: mapping))
        #expect(try workspace.site("keele_plot").district == "Newcastle-under-Lyme")
        let said = try #require(workspace.siteImport?.unknowns.first { $0.contains("keele_plot") })
        #expect(said.hasPrefix("warning: site keele_plot is stated to be in Stoke-on-Trent but lies in Newcastle-under-Lyme, "))
        #expect(said.hasSuffix("; Newcastle-under-Lyme is used"))
    }
}
