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

    /// For outputs another library writes by path (GDAL): `make` creates the file at a temporary path
    /// beside `path`, which is renamed into place only when `make` returns. On any error the temporary
    /// file is removed and the destination untouched; `path` is checked as ``checkReplaceable(_:overwrite:)`` does.
    public static func produce(at path: String, overwrite: Bool, _ make: (_ temporaryPath: String) throws -> Void) throws {
        try checkReplaceable(path, overwrite: overwrite)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteMatchError(file: path, message: "cannot write: the folder \(folder) does not exist; create it (mkdir -p \(folder)) or choose another path")
        }
        let temporary = temporaryName(beside: path, purpose: "tmp") + "." + URL(fileURLWithPath: path).pathExtension
        do {
            try make(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SiteMatchError(file: path, message: "cannot write: rename failed: \(reason)")
        }
    }

    public static func write(_ text: String, to path: String, overwrite: Bool) throws {
        try write(Data(text.utf8), to: path, overwrite: overwrite)
    }

    public static func write(_ data: Data, to path: String, overwrite: Bool) throws {
        try atomically(path, overwrite: overwrite) { writeAll in try data.withUnsafeBytes(writeAll) }
    }

    /// Refuses a path that must not be written: an existing non-regular file (symlink, device,
    /// directory, FIFO, socket) always — it is never opened, written through or replaced — and an
    /// existing regular file unless `overwrite`.
    public static func checkReplaceable(_ path: String, overwrite: Bool) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }  // nothing there (or unreachable: creating it will say)
        let kind: String? = switch info.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFLNK: "a symbolic link"
        case S_IFDIR: "a directory"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
        if let kind {
            throw SiteMatchError.usage("\(path) is \(kind); SiteMatch writes only regular files and never replaces anything else, even with --overwrite: choose another path")
        }
        if !overwrite { throw exists(path) }
    }

    /// The one way outputs are written: refuse what ``checkReplaceable(_:overwrite:)`` refuses; write a
    /// temporary file beside it through `body`; then rename(2) it over the destination, which readers
    /// see as the old file or the new one, never a mix. (FileManager.replaceItemAt on Linux lost the
    /// original when it failed.) On any error the temporary file is removed and the destination untouched.
    private static func atomically(_ path: String, overwrite: Bool, _ body: (_ writeAll: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        try checkReplaceable(path, overwrite: overwrite)
        let temporary = try writeTemporary(beside: path, body)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SiteMatchError(file: path, message: "cannot write: rename failed: \(reason)")
        }
    }

    /// Writes several files all or nothing: every file is checked, then written to a temporary file
    /// beside its destination; only when all are written are they renamed into place. If writing any
    /// fails, no destination is touched and no temporary file is left; if a rename fails, the files
    /// already renamed are put back as they were (from hard-linked backups).
    public static func writeAll(_ files: [(path: String, data: Data)], overwrite: Bool) throws {
        for file in files { try checkReplaceable(file.path, overwrite: overwrite) }
        var temporaries: [String] = []
        do {
            for file in files {
                temporaries.append(try writeTemporary(beside: file.path) { writeAll in try file.data.withUnsafeBytes(writeAll) })
            }
        } catch {
            for temporary in temporaries { unlink(temporary) }
            throw error
        }
        // Keep the old files reachable until every new one is in place.
        var backups: [String?] = []
        for file in files {
            let backup = temporaryName(beside: file.path, purpose: "old")
            backups.append(link(file.path, backup) == 0 ? backup : nil)
        }
        defer { for backup in backups.compactMap({ $0 }) { unlink(backup) } }
        for (k, file) in files.enumerated() where rename(temporaries[k], file.path) != 0 {
            let reason = String(cString: strerror(errno))
            for j in 0..<k {
                if let backup = backups[j] { rename(backup, files[j].path); backups[j] = nil } else { unlink(files[j].path) }
            }
            for temporary in temporaries[k...] { unlink(temporary) }
            throw SiteMatchError(file: file.path, message: "cannot write: rename failed: \(reason); the earlier files were put back as they were")
        }
    }

    public static func temporaryName(beside path: String, purpose: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).\(purpose)").path
    }

    /// A new temporary file beside `path`, filled by `body` and closed; removed again on any error.
    private static func writeTemporary(beside path: String, _ body: (_ writeAll: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> String {
        let temporary = temporaryName(beside: path, purpose: "tmp")
        func failure(_ what: String) -> SiteMatchError { SiteMatchError(file: path, message: "cannot write: \(what): \(String(cString: strerror(errno)))") }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            if errno == ENOENT, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                throw SiteMatchError(file: path, message: "cannot write: the folder \(folder) does not exist; create it (mkdir -p \(folder)) or choose another path")
            }
            throw failure("cannot create a temporary file beside it")
        }
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
            return temporary
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
