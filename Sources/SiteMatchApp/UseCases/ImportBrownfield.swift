import Foundation
import SiteMatchData
import SiteMatchGeometry

/// What `import brownfield` did: how many sites and hectares, how the coordinates were read, what
/// was tolerated and what was left out.
public struct BrownfieldImportReport: Hashable, Sendable, Codable {
    public var file: String
    public var output: String
    public var sites: Int
    public var hectares: Double
    public var coordinates: String
    public var warnings: [String]
    public var skipped: [String]
}

extension LayerFiles {
    /// `import brownfield`: a Brownfield Land Register CSV (the 2017 data standard) as a site layer —
    /// RFC 7946 GeoJSON, each site an indicative circle of its hectares — that `--sites` scores.
    /// `output` "-" writes to `standardOutput`; a file is written atomically (`overwrite` to replace).
    /// - Throws: `.input` naming the file, line and column (``BrownfieldRegister``); `.usage` for an
    ///   existing output without `overwrite`.
    public static func importBrownfield(file: String, output: String, overwrite: Bool = false, skipBadRows: Bool = false,
                                        standardOutput: (String) -> Void = { print($0, terminator: "") }) throws -> BrownfieldImportReport {
        if output != "-" { try OutputFile.checkReplaceable(output, overwrite: overwrite) }
        let register = try BrownfieldRegister.read(contentsOfFile: file, skipBadRows: skipBadRows)
        let context = GEOSContext()
        var layer = try register.siteLayer(context: context)
        let hectares = register.entries.reduce(0) { $0 + $1.hectares }
        layer.foreignMembers["name"] = .string("brownfield-register")
        layer.foreignMembers["description"] = .string(
            "Brownfield Land Register \(register.file) imported by sitematch \(SiteMatchRelease.version): \(register.entries.count) sites, "
            + "\(NumberRange.format((hectares * 100).rounded() / 100)) ha. Points with the register's area drawn as indicative circles (no boundaries); "
            + "coordinates \(register.coordinates). Areas and planning fields are the council's (official); location type and status are not in the register.")
        let text = try GeoJSONWriter.encode(layer, context: context)
        if output == "-" { standardOutput(text) } else { try OutputFile.write(text, to: output, overwrite: overwrite) }
        return BrownfieldImportReport(file: file, output: output, sites: register.entries.count, hectares: hectares, coordinates: register.coordinates,
                                      warnings: register.warnings, skipped: register.skipped)
    }
}
