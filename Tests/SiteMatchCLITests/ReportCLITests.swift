import Foundation
import Testing

/// `sitematch report`: where the HTML goes, what --pdf needs, and that nothing is lost.
@Suite struct ReportCLITests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-report-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aSiteReportIsOneHTMLFileOnStdoutOrAtTheOutput() throws {
        let run = try CLI.run(["report", "site", "kusip", "--archetype", "materials_rd", "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(run.stdout.contains("Why it scores"))
        #expect(run.stdout.contains("data-archetype=\"materials_rd\""))
        #expect(run.stderr.isEmpty, "-q prints nothing on stderr")
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/kusip.html"
        let written = try CLI.run(["report", "site", "kusip", "-o", output, "--geodata", ValidateTests.shippedGeoData])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty, "nothing on stdout when -o is given")
        #expect(written.stderr.contains("Wrote \(output)"))
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // An existing file is kept unless --overwrite.
        try "keep me".write(toFile: output, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["report", "site", "kusip", "-o", output, "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(refused.status == 2, "an existing output is a usage error, as for export")
        #expect(refused.stderr.contains("--overwrite"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")
    }

    @Test func pdfNeedsAnOutputFileAndAPDFNameNeedsPDF() throws {
        let noOutput = try CLI.run(["report", "site", "kusip", "--pdf"])
        #expect(noOutput.status == 2)
        #expect(noOutput.stderr.contains("--pdf needs -o FILE.pdf"))
        let pdfName = try CLI.run(["report", "site", "kusip", "-o", "/tmp/x.pdf"])
        #expect(pdfName.status == 2)
        #expect(pdfName.stderr.contains("add --pdf"))
    }

    @Test func anUnknownSiteOrEnquiryFileIsAClearError() throws {
        let site = try CLI.run(["report", "site", "kusipp", "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(site.status == 1)
        #expect(site.stderr.contains("kusip"))
        let file = try CLI.run(["report", "enquiry", "/nonexistent/enquiry.yaml", "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(file.status == 1)
        #expect(file.stderr.contains("/nonexistent/enquiry.yaml"))
    }

    @Test func anEnquiryReportListsTheNearMissesOfTheReadmeEnquiry() throws {
        let run = try CLI.run(["report", "enquiry", ValidateTests.shippedGeoData + "/enquiries/ceramics-scale-up.yaml", "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("<h1>Scale-up ceramics manufacturer (example)</h1>"))
        #expect(run.stdout.contains("data-requirement=\"min_mva\" data-grade=\"unknown\""))
    }
}
