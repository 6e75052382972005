import CSV
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes outputs atomically (a temporary file in the same directory, then a rename) so a failed
/// run never leaves a half-written file, and never replaces an existing file unless asked.
public enum OutputFile {
    /// The refusal to replace an existing file: a usage error (add `--overwrite`).
    public static func exists(_ path: String) -> SiteMatchError {
        .usage("\(path) already exists; use --overwrite to replace it")
    }

    /// Writes a file in pieces, for outputs too big to build in memory first: `produce` hands each
    /// piece, in order, to the function it is given. As with ``write(_:to:overwrite:)-(Data,_,_)``
    /// the file appears (by rename) only when `produce` returns; on any error nothing is left behind.
    public static func stream(to path: String, overwrite: Bool, _ produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        try atomically(path, overwrite: overwrite) { writeAll in
            try withoutActuallyEscaping(writeAll) { writeAll in
                try produce { bytes in try bytes.withUnsafeBytes(writeAll) }
            }
        }
    }

    public static func write(_ text: String, to path: String, overwrite: Bool) throws {
        try write(Data(text.utf8), to: path, overwrite: overwrite)
    }

    public static func write(_ data: Data, to path: String, overwrite: Bool) throws {
        try atomically(path, overwrite: overwrite) { writeAll in try data.withUnsafeBytes(writeAll) }
    }

    /// The one way outputs are written: refuse an existing file unless `overwrite`; write a temporary
    /// file beside it through `body`; then rename(2) it over the destination, which readers see as the
    /// old file or the new one, never a mix. (FileManager.replaceItemAt on Linux lost the original
    /// when it failed.) On any error the temporary file is removed and the destination untouched.
    private static func atomically(_ path: String, overwrite: Bool, _ body: (_ writeAll: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        if FileManager.default.fileExists(atPath: path) && !overwrite { throw exists(path) }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        func failure(_ what: String) -> SiteMatchError { SiteMatchError(file: path, message: "cannot write: \(what): \(String(cString: strerror(errno)))") }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file beside it") }
        var closed = false
        do {
            try body { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { throw failure("write failed") }
                    offset += n
                }
            }
            closed = true
            guard close(descriptor) == 0 else { throw failure("close failed") }
            guard rename(temporary, path) == 0 else { throw failure("rename failed") }
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
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
