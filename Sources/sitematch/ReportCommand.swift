import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData
import SiteMatchReports

/// `sitematch report site|enquiry`: a report to send, as one self-contained HTML file or a PDF.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a report to send: one self-contained HTML file (inline map, no external requests), or a PDF.",
        discussion: """
        Every report ends with the run record (tool and data versions, weights, prior weight, sources) \
        and says which figures are modelled or estimated. --pdf prints the HTML through headless \
        Chromium (Debian's chromium package).

        Examples:
          sitematch report site kusip -o kusip.html
          sitematch report site cvez_chatterley_valley_west --archetype scale_up_manufacturing --pdf -o chatterley.pdf
          sitematch report enquiry GeoData/enquiries/ceramics-scale-up.yaml -o ceramics.html
        """,
        subcommands: [SiteReportCommand.self, EnquiryReportCommand.self]
    )
}

/// Where a report goes: `-o FILE` (atomically), HTML on standard output without it; `--pdf` needs `-o`.
struct ReportOutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("The file to write (.html, or .pdf with --pdf); without it, HTML goes to standard output.", valueName: "file"))
    var output: String?
    @Flag(help: "Print the report to PDF through headless Chromium.") var pdf = false
    @Flag(help: "Replace an existing file.") var overwrite = false

    func validate() throws {
        if pdf && output == nil { throw ValidationError("--pdf needs -o FILE.pdf (a PDF is not written to the terminal)") }
        if let output, !pdf, output.lowercased().hasSuffix(".pdf") { throw ValidationError("\(output) ends in .pdf: add --pdf to print a PDF, or name an .html file") }
    }

    func write(_ html: String, progress: (String) -> Void) throws {
        guard let output else { return print(html, terminator: "") }
        if pdf {
            progress("Printing \(output) through Chromium …")
            try PDFPrinter.print(html: html, to: output, overwrite: overwrite)
        } else {
            try OutputFile.write(html, to: output, overwrite: overwrite)
        }
        progress("Wrote \(output)")
    }
}

struct SiteReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "A site's report: the 17 archetypes ranked, one archetype's drivers and indicators, the catchment, a map.",
        discussion: """
        Examples:
          sitematch report site kusip -o kusip.html
          sitematch report site kusip --archetype materials_rd --pdf -o kusip.pdf
        """
    )

    @Argument(help: ArgumentHelp("The site id (see 'sitematch sites').", valueName: "id")) var site: String
    @Option(help: ArgumentHelp("The archetype to break down (default: the site's best).", valueName: "id")) var archetype: String?
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var times: MatrixOptions
    @OptionGroup var data: GeoDataOptions

    func run() throws {
        let workspace = try data.workspace(times)
        data.progress("Scoring \(site) for every archetype (with 1,000 stability draws each) …")
        let document = try workspace.siteReport(site: site, archetype: archetype)
        try output.write(SiteReportHTML.document(document), progress: data.progress)
    }
}

struct EnquiryReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enquiry",
        abstract: "An enquiry's report: what was asked, the shortlist with each requirement, the near misses, a map.",
        discussion: """
        Examples:
          sitematch report enquiry GeoData/enquiries/ceramics-scale-up.yaml -o ceramics.html
          sitematch report enquiry GeoData/enquiries/ceramics-scale-up.yaml --pdf -o ceramics.pdf
        """
    )

    @Argument(help: ArgumentHelp("An enquiry file (YAML; see 'sitematch enquiry --help').", valueName: "file")) var file: String
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var times: MatrixOptions
    @OptionGroup var data: GeoDataOptions

    func run() throws {
        let enquiry = try EnquiryLoader.load(contentsOfFile: file)
        let workspace = try data.workspace(times)
        let answer = try workspace.answer(enquiry)
        try output.write(EnquiryReportHTML.document(workspace.enquiryReport(answer)), progress: data.progress)
    }
}
