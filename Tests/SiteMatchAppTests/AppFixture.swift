import Foundation
import SiteMatchApp

/// The shipped GeoData, loaded once for every app-layer test (a Workspace is immutable and Sendable).
enum AppFixture {
    static var geoData: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData").path
    }

    static let workspace: Workspace = try! Workspace.load(directory: geoData)

    /// A temporary copy of the shipped GeoData, changed by `edit` (given the copy's path).
    static func copy(_ edit: (String) throws -> Void) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-app-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: geoData, toPath: directory)
        try edit(directory)
        return directory
    }
}
