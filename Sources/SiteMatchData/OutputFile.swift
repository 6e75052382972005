import CSV
import Foundation

/// Writes outputs atomically (a temporary file in the same directory, then a rename) so a failed
/// run never leaves a half-written file, and never replaces an existing file unless asked.
public enum OutputFile {
    public struct ExistsError: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path) already exists; use --overwrite to replace it" }
    }

    public static func write(_ text: String, to path: String, overwrite: Bool) throws {
        try write(Data(text.utf8), to: path, overwrite: overwrite)
    }

    public static func write(_ data: Data, to path: String, overwrite: Bool) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) && !overwrite { throw ExistsError(path: path) }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            // rename(2) replaces the destination atomically: readers see the old file or the new one,
            // never a mix. (FileManager.replaceItemAt on Linux lost the original when it failed.)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
    }
}

/// CSV text through CSV.swift's writer (quoting and escaping done by the library).
public enum CSVText {
    public static func make(header: [String], rows: [[String]]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as! Data
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
