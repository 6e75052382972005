import Foundation
@testable import SiteMatchApp
import SiteMatchData
import SiteMatchMatching
import Testing

/// ``ReportJSON/text(_:)`` is written by a hand-made writer for speed; Foundation's `JSONEncoder`
/// (``ReportJSON/foundationText(_:)``) is the reference. Every report the CLI and the server write
/// must come out byte for byte the same, and so must the awkward corners of the format.
@Suite struct ReportJSONTests {
    let workspace = AppFixture.workspace

    /// The writer handles the report itself (no fall-back) and writes JSONEncoder's bytes, in both
    /// layouts (the compact text has one newline: its last byte).
    private func same(_ report: some Encodable, _ what: String) throws {
        for layout in [JSONLayout.pretty, .compact] {
            let fast = String(decoding: try ReportJSONWriter.encode(report, layout: layout), as: UTF8.self) + "\n"
            let reference = try ReportJSON.foundationText(report, layout: layout)
            #expect(try ReportJSON.text(report, layout: layout) == fast)
            #expect(fast == reference, "\(what), \(layout): first difference at byte \(zip(fast.utf8, reference.utf8).prefix { $0 == $1 }.count)")
            #expect(fast.hasSuffix("}\n") || fast.hasSuffix("]\n"), "\(what)")
            if layout == .compact { #expect(fast.utf8.count { $0 == 0x0A } == 1, "\(what), compact") }
        }
    }

    @Test func everyReportIsWrittenByteForByteAsJSONEncoderWritesIt() throws {
        try same(workspace.match(top: 30), "match")
        try same(workspace.match(archetype: "materials_rd", top: 5, priorWeight: 0), "match, prior 0")
        try same(workspace.explain(site: "kusip"), "explain")
        try same(workspace.sites(), "sites")
        try same(workspace.archetypesReport(), "archetypes")
        try same(workspace.matrix(), "matrix")
        try same(workspace.stability(archetype: "materials_rd", top: 10, draws: 40), "stability")
        try same(workspace.catchment(site: "kusip", minutes: [30, 45]), "catchment")
        try same(workspace.travelTimes(), "travel times")
        let enquiry = try EnquiryLoader.load(contentsOfFile: AppFixture.geoData + "/enquiries/ceramics-scale-up.yaml")
        let answer = try workspace.answer(enquiry)
        try same(answer, "enquiry answer")
        try same(enquiry, "enquiry document")
        try same(try LayerFiles.validate(directory: AppFixture.geoData), "validate")
        try same(try LayerFiles.inspect(path: AppFixture.geoData + "/sites.geojson"), "inspect")
    }

    /// The enquiry answer is written field by field (``FieldWrittenReport``), not through its
    /// `Encodable` conformance: every archetype's answer, with every optional member present and
    /// absent, must still be JSONEncoder's bytes.
    @Test func everyEnquiryAnswerIsWrittenByteForByteAsJSONEncoderWritesIt() throws {
        let catalogue = workspace.catalogue.archetypes.map(\.id)
        var answers: [EnquiryReport] = []
        for (i, id) in catalogue.enumerated() {
            let enquiry = Enquiry(name: "Enquiry \(i): \"quoted\" / é \u{01}", archetypeID: id,
                                  minimumAreaHectares: [nil, 2, 5, 40][i % 4], minimumMVA: [nil, 8, 1.5][i % 3],
                                  maximumMinutesToM6: i % 2 == 0 ? 15 : nil, maximumMinutesToUniversity: i % 5 == 0 ? 20 : nil,
                                  maximumMinutesToHospital: i % 3 == 1 ? 12.5 : nil,
                                  locationTypes: i % 4 == 1 ? ["C", "D"] : nil, excludedLocationTypes: i % 4 == 2 ? ["B"] : nil,
                                  availableNow: i % 6 == 0)
            answers.append(try workspace.answer(enquiry))
        }
        answers.append(try workspace.answer(Enquiry(name: "equal weights")))
        answers.append(try workspace.answer(Enquiry(name: "custom", weights: ["power": 2, "logistics": 1], minimumMVA: 8), nearMisses: 0))
        answers.append(try workspace.answer(Enquiry(name: "prior 0", archetypeID: "materials_rd", minimumAreaHectares: 1), priorWeight: 0))
        #expect(answers.contains { !$0.matches.isEmpty } && answers.contains { $0.matches.isEmpty })
        #expect(answers.contains { !($0.powerToConfirm ?? []).isEmpty } && answers.contains { $0.nearMisses.isEmpty })
        #expect(answers.contains { $0.nearMisses.contains { $0.requirements.contains { $0.actual == nil } && $0.requirements.contains { $0.actual != nil } } })
        for (i, answer) in answers.enumerated() {
            try same(answer, "answer \(i) (\(answer.scoredAs))")
            var logged = answer
            logged.log = .init(id: "9f0c3b1e-0d7a-4c52-9a43-2f1d8e6b7c10", receivedAt: Date(timeIntervalSince1970: 1_764_670_000.125),
                               who: "officer \"one\"", dataVersion: "sitematch test")
            logged.powerToConfirm = i % 2 == 0 ? nil : logged.powerToConfirm
            if var first = logged.nearMisses.first {
                first.locationType = nil
                first.power = [.init(indicator: "queued_demand_mw", text: "12 MW queued\nbehind it", grade: .official)]
                first.requirements.append(.init(requirement: "location_types", passed: false, unknown: false, detail: "type B", shortfall: 1))
                logged.nearMisses[0] = first
            }
            try same(logged, "answer \(i) logged")
        }
    }

    @Test func integersAreWrittenAsTheirDescription() {
        var generator = SystemRandomNumberGenerator()
        let values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.min + 1] + (0..<500).map { _ in Int.random(in: .min ... .max, using: &generator) }
        for value in values {
            var bytes: [UInt8] = [UInt8(ascii: "x")]
            JSONFieldWriter.appendInteger(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x" + value.description)
        }
    }

    @Test func anEnquiryAnswerWithANonFiniteFigureIsAnInternalError() throws {
        var answer = try workspace.answer(Enquiry(name: "n", archetypeID: "materials_rd"))
        try #require(!answer.matches.isEmpty)
        answer.matches[0].score = .infinity
        #expect(throws: ReportJSONWriter.Unsupported.self) { try ReportJSONWriter.encode(answer) }
        #expect(throws: SiteMatchError.self) { try ReportJSON.text(answer) }
    }

    private struct Corners: Encodable {
        var camelCaseKey = 1.0
        var myURLValue = 0.1
        var tiny = 1.5e-7
        var huge = 1.2345678901234568e17
        var negativeZero = -0.0
        var half: Float = 0.5
        var small: Int8 = -3
        var big: UInt64 = .max
        var text = "a/b \"quoted\" back\\slash\nnew\ttab\u{08}\u{0C}\u{01}\u{1F} é \u{2028} 🙂"
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var dictionary = ["zetaKey": 1, "alphaKey": 2, "B": 3]
        var nested = [["innerKey": [1, 2]], [:]]
        var absent: Int? = nil
        var present: Int? = 4
        var flag = true
        var when = Date(timeIntervalSince1970: 1_764_670_000.125)
        var nothing = Nothing()
        var nils: [Int?] = [nil, 1]
        struct Nothing: Encodable { func encode(to encoder: Encoder) throws {} }
    }

    @Test func theFormatsCornersMatchJSONEncoder() throws {
        try same(Corners(), "corners")
        try same([Corners(), Corners()], "an array of them")
        let fast = try ReportJSON.text(Corners())
        #expect(fast.contains("\"camel_case_key\" : 1,"))   // converted, and 1.0 written as 1
        #expect(fast.contains("\"alphaKey\" : 2"))           // a dictionary's keys are not converted
        #expect(fast.contains("\"empty\" : [\n\n  ]"))
        let compact = try ReportJSON.text(Corners(), layout: .compact)
        #expect(compact.contains("\"camel_case_key\":1,"))
        #expect(compact.contains("\"empty\":[],\"empty_object\":{},"))
        #expect(compact.contains("\"nested\":[{\"innerKey\":[1,2]},{}]"))
    }

    private struct NotFinite: Encodable { var value = Double.nan }

    @Test func aNonFiniteNumberIsAnInternalErrorNotACrash() {
        #expect(throws: SiteMatchError.self) { try ReportJSON.text(NotFinite()) }
    }

    private struct WithURL: Encodable { var link = URL(string: "https://example.org/a b")! }

    @Test func whatTheWriterDoesNotHandleIsLeftToJSONEncoder() throws {
        #expect(throws: ReportJSONWriter.Unsupported.self) { try ReportJSONWriter.encode(WithURL()) }
        #expect(try ReportJSON.text(WithURL()) == ReportJSON.foundationText(WithURL()))
        #expect(try ReportJSON.text(WithURL(), layout: .compact) == ReportJSON.foundationText(WithURL(), layout: .compact))
    }
}
