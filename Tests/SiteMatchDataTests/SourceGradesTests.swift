import Foundation
import Testing
import SiteMatchGeometry
@testable import SiteMatchData

/// sources.yaml: which web sources are official, with reasons; the rest secondary.
struct SourceGradesTests {
    let grades = SourceGrades(official: ["www.stoke.gov.uk": "the council"], secondary: ["en.wikipedia.org": "an encyclopaedia"])

    @Test func aSourceIsGradedByItsHostOrByItsOwnStatement() {
        #expect(grades.grade(properties: ["source": .string("https://www.stoke.gov.uk/brownfield")]) == .official)
        #expect(grades.grade(properties: ["source": .string("https://WWW.STOKE.GOV.UK/x")]) == .official)
        #expect(grades.grade(properties: ["source": .string("https://en.wikipedia.org/wiki/Etruria")]) == .secondary)
        #expect(grades.grade(properties: ["source": .string("https://unlisted.example/")]) == .secondary, "unlisted: never official by default")
        #expect(grades.grade(properties: [:]) == .secondary)
        #expect(grades.grade(properties: ["source_grade": .string("official"), "source": .string("https://en.wikipedia.org/")]) == .official)
        #expect(grades.grade(properties: ["source_grade": .string("gold")]) == .secondary, "an unknown stated grade is ignored")
    }

    @Test(arguments: [
        ("official:\n  a.org: \"x\"\nsecondary:\n  a.org: \"y\"\n", "listed as both official and secondary"),
        ("official:\n  a.org: \"\"\n", "needs a reason"),
        ("offical:\n  a.org: \"x\"\n", "unknown key"),
    ])
    func aBadSourcesFileIsAnErrorNamingTheEntry(text: String, message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-sources-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try text.write(toFile: folder + "/sources.yaml", atomically: true, encoding: .utf8)
        #expect {
            try SourceGrades.load(directory: folder)
        } throws: { error in
            SiteMatchError.classify(error).description.contains(message)
        }
    }

    /// Every shipped site's source host is listed, so none is graded secondary only by default.
    @Test func everyShippedSitesSourceIsListed() throws {
        let grades = try SourceGrades.load(directory: GeoDataFixture.shippedDirectory)
        let layer = try GeoJSONReader.read(contentsOfFile: GeoDataFixture.shippedDirectory + "/sites.geojson")
        for feature in layer.features {
            let host = try #require(URL(string: feature.properties["source"]?.stringValue ?? "")?.host)
            #expect(grades.official[host] != nil || grades.secondary[host] != nil, "\(host) is not in sources.yaml")
        }
        #expect(grades.official["en.wikipedia.org"] == nil)
    }
}
