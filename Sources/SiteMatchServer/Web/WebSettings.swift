import Foundation
import SiteMatchData

/// What the web page needs beyond the API: Leaflet's files (from Debian's libjs-leaflet, read once
/// at start and served by the server itself), an optional tile URL, and the sign-in cookie key.
/// Immutable and `Sendable`.
public struct WebSettings: Sendable {
    /// Where Debian's libjs-leaflet installs Leaflet 1.7.1.
    public static let debianLeafletDirectory = "/usr/share/javascript/leaflet"
    /// Leaflet's files the page uses, by the path served under /vendor/leaflet/.
    static let leafletFiles = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                               "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"]

    /// Leaflet's files by path, or nil when they are not installed (the page then says how).
    public let leaflet: [String: [UInt8]]?
    public let leafletDirectory: String
    /// A tile URL template ({z}/{x}/{y}), or nil: the basemap is then the portfolio's own context.
    public let tiles: String?
    /// `Secure` on the sign-in cookie (the server is behind HTTPS).
    public let secureCookies: Bool
    public let cookies: SessionCookies

    /// Reads Leaflet from `leafletDirectory` (a missing directory is not an error: the page explains).
    /// - Throws: `.usage` for a tile URL that is not http(s) with {z}, {x} and {y}.
    public init(leafletDirectory: String = WebSettings.debianLeafletDirectory, tiles: String? = nil, secureCookies: Bool = false,
                cookies: SessionCookies = SessionCookies()) throws {
        if let tiles {
            guard let url = URL(string: tiles.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")),
                  ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil,
                  tiles.contains("{z}"), tiles.contains("{x}"), tiles.contains("{y}") else {
                throw SiteMatchError.usage("--tiles must be an http(s) URL template with {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png; got '\(tiles)'")
            }
        }
        self.tiles = tiles
        self.leafletDirectory = leafletDirectory
        var files: [String: [UInt8]] = [:]
        for name in Self.leafletFiles {
            guard let data = FileManager.default.contents(atPath: (leafletDirectory as NSString).appendingPathComponent(name)) else { continue }
            files[name] = Array(data)
        }
        leaflet = files["leaflet.js"] != nil && files["leaflet.css"] != nil ? files : nil
        self.secureCookies = secureCookies
        self.cookies = cookies
    }

    /// The tile server's origin ("https://tile.example.org"), which the Content-Security-Policy allows for images.
    var tileOrigin: String? {
        guard let tiles, let url = URL(string: tiles.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")),
              let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// The Content-Security-Policy of every response: only the server's own origin (and the tile
    /// server's, for images, when one is configured); no inline script or style.
    var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:" + (tileOrigin.map { " " + $0 } ?? "")
            + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }
}
