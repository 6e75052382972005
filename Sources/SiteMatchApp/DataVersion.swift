import Crypto
import Foundation
import SiteMatchData

/// The tool's release, as `sitematch --version` and every run record state it.
public enum SiteMatchRelease {
    public static let version = "0.2.0"
}

/// A fingerprint of what answers were computed on, stored with every logged enquiry so an officer
/// can say later on which data an answer was given: `sitematch 0.2.0; data sha256:…` where the hash
/// covers each regular file directly in the GeoData directory (name and contents, in name order)
/// and any matrix or AHP file given. Two servers on the same files give the same version.
public enum DataVersion {
    public static func of(directory: String, extraFiles: [String]) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        var hasher = SHA256()
        func add(_ label: String, _ path: String) throws {
            guard let data = FileManager.default.contents(atPath: path) else { throw SiteMatchError(file: path, message: "cannot be read") }
            hasher.update(data: Data("\(label)\u{0}\(data.count)\u{0}".utf8))
            hasher.update(data: data)
        }
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try add(name, path)
        }
        for (index, path) in extraFiles.enumerated() { try add("extra \(index)", path) }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return "sitematch \(SiteMatchRelease.version); data sha256:\(hex)"
    }
}
