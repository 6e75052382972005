import Foundation
import SiteMatchGeometry

/// Reads a text input (YAML, CSV): UTF-8, a byte order mark skipped, anything else named with its
/// byte and offset; a file that cannot be read says so with the system's reason.
public enum TextFile {
    public static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SiteMatchError(file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else { throw SiteMatchError(file: path, message: "is a directory; expected a file") }
        // An empty file is empty text. (FileManager.contents(atPath:) leaks its 4 KiB read buffer on an
        // empty file in swift-corelibs-foundation 6.3, which LeakSanitizer reports; so it is not asked.)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 { return "" }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiteMatchError(file: path, message: "cannot read the file (permission denied or unreadable)")
        }
        switch TextEncoding.decodeUTF8(data) {
        case let .success(text): return text
        case let .failure(problem): throw SiteMatchError(file: (path as NSString).lastPathComponent, message: problem.message)
        }
    }
}
