import Foundation

/// Finds the GeoData directory shipped with SiteMatch.
public enum GeoDataDirectory {
    /// `$SITEMATCH_GEODATA` if set; else `./GeoData`; else a `GeoData` folder above the running
    /// executable (e.g. from `.build/release/sitematch` up to the repository). Nil if none has `sites.geojson`.
    public static func shipped(executablePath: String = CommandLine.arguments.first ?? "") -> String? {
        let fm = FileManager.default
        func hasLayers(_ dir: String) -> Bool { fm.fileExists(atPath: (dir as NSString).appendingPathComponent("sites.geojson")) }
        if let env = ProcessInfo.processInfo.environment["SITEMATCH_GEODATA"], !env.isEmpty { return env }
        if hasLayers("GeoData") { return "GeoData" }
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("GeoData").path
            if hasLayers(candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }
}
