import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

/// `sitematch-bench enquiry`: the server's per-enquiry work without HTTP or the log — answering
/// an enquiry and writing its compact JSON, as the server does (without the log entry's four
/// fields) — timed inside the process, each phase on its own,
/// so a change to either shows without the noise of a loopback benchmark (issue 15).
struct EnquiryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enquiry",
        abstract: "Time answering an enquiry and writing its JSON, as the server does for POST /api/enquiries.",
        discussion: """
        Uses the catalogue memo a server builds at start. Prints microseconds per enquiry for each
        phase to stderr, and for the same JSON written by Foundation's JSONEncoder (the reference
        the report writer matches byte for byte).

        Example:
          sitematch-bench enquiry GeoData --enquiry GeoData/enquiries/ceramics-scale-up.yaml --times 2000
        """
    )

    @Argument(help: "A GeoData directory.") var geodata: String
    @Option(help: "The enquiry document (YAML or JSON).") var enquiry: String
    @Option(help: "How many times to answer it.") var times = 2_000

    func validate() throws {
        if !(1...1_000_000).contains(times) { throw ValidationError("--times must be between 1 and 1000000") }
    }

    func run() throws {
        let workspace = try Workspace.load(directory: geodata)
        let memo = try workspace.enquiryScoringMemo()
        let document = try EnquiryLoader.load(contentsOfFile: enquiry)
        let clock = ContinuousClock()
        var answering = Duration.zero, writing = Duration.zero
        var bytes = 0
        var last: EnquiryReport?
        for _ in 0..<times {
            let start = clock.now
            let report = try workspace.answer(document, memo: memo)
            let answered = clock.now
            bytes += try ReportJSON.text(report, layout: .compact).utf8.count
            writing += clock.now - answered
            answering += answered - start
            last = report
        }
        // The reference afterwards, in a loop of its own: interleaved, its allocations slow the others.
        let start = clock.now
        for _ in 0..<times { _ = try ReportJSON.foundationText(last!, layout: .compact) }
        let foundation = clock.now - start
        func us(_ d: Duration) -> String {
            String(format: "%.1f", (Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12) / Double(times))
        }
        FileHandle.standardError.write(Data("""
            \(times) enquiries, \(bytes / times) bytes each: answer \(us(answering)) µs, JSON \(us(writing)) µs per enquiry \
            (the same JSON through Foundation's JSONEncoder: \(us(foundation)) µs)

            """.utf8))
    }
}
