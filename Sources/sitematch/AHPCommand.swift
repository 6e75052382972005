import ArgumentParser
import Foundation
import SiteMatchApp

/// `sitematch ahp FILE`: the weights an AHP judgement file gives, and how consistent it is.
struct AHPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ahp",
        abstract: "Show the driver weights an AHP judgement file gives each archetype, with its consistency ratio.",
        discussion: """
        The file gives, per archetype, one judgement per pair of its drivers on Saaty's 1-9 scale \
        (upper triangle; reciprocals are filled in), e.g. \
        scale_up_manufacturing: [[floorplate, power, 3], [power, logistics, "1/2"], …]. Weights are the \
        principal eigenvector; a consistency ratio of 0.10 or more is refused, naming the judgement that \
        contradicts the others most. Use the file with --ahp on match, explain, matrix, enquiry, export \
        and stability.

        Examples:
          sitematch ahp my-judgements.yaml
          sitematch match --ahp my-judgements.yaml --archetype scale_up_manufacturing
        """
    )

    @Argument(help: ArgumentHelp("The AHP judgement file (YAML).", valueName: "file")) var file: String
    @Option(name: [.short, .long], help: "Output format: text or json.") var format: ReportFormat = .text
    @OptionGroup var data: GeoDataOptions

    func run() throws {
        let report = try data.workspace().ahpWeights(file: file)
        if format == .json { print(try ReportJSON.text(report), terminator: ""); return }
        var out = ""
        for a in report.archetypes {
            out += "\(a.archetypeId): \(a.consistency); λmax \(String(format: "%.3f", a.lambdaMax))\n"
            for w in a.weights { out += "  " + w.driverId.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%.3f   (drivers.yaml: %@)", w.weight, fixed(w.catalogueWeight, 0)) + "\n" }
        }
        print(out, terminator: "")
    }
}
