import Foundation
import SiteMatchData

/// Prints an HTML report to PDF through headless Chromium (Debian's `chromium`), the browser the
/// page is tested in: no PDF library lays out HTML and SVG as a browser does.
public enum PDFPrinter {
    /// How long Chromium may take before it is stopped.
    public static let deadline: TimeInterval = 120

    /// The Chromium to use: `$SITEMATCH_CHROMIUM`, else the first of chromium, chromium-browser,
    /// google-chrome on PATH.
    public static func chromium(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let chosen = environment["SITEMATCH_CHROMIUM"], !chosen.isEmpty { return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }

    /// Writes `html` printed to PDF at `output` (atomically: a temporary file renamed into place).
    /// - Throws: `.usage` where no Chromium is installed (saying how to install it, or to write
    ///   HTML instead); `.input` naming `output` when Chromium fails or produces no PDF.
    /// `browser`: the Chromium to run (default ``chromium(environment:)``).
    public static func print(html: String, to output: String, overwrite: Bool, browser chosen: String? = nil) throws {
        guard let browser = chosen ?? chromium() else {
            throw SiteMatchError.usage("--pdf needs Chromium, which is not installed: install it (sudo apt-get install chromium) or set SITEMATCH_CHROMIUM to its path; or leave out --pdf to write the HTML report, which any browser prints")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        try OutputFile.produce(at: output, overwrite: overwrite) { temporary in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: browser)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                                 "--user-data-dir=" + folder.appendingPathComponent("profile").path,
                                 "--no-pdf-header-footer", "--print-to-pdf-no-header", "--print-to-pdf=" + temporary, page.absoluteString]
            // Chromium's messages go to a file: a pipe nobody reads while it runs could fill and stall it.
            let log = folder.appendingPathComponent("chromium.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let errors = try FileHandle(forWritingTo: log)
            defer { try? errors.close() }
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let started = Date()
            while process.isRunning {
                if Date().timeIntervalSince(started) > deadline {
                    process.terminate()
                    throw SiteMatchError(file: output, message: "Chromium did not finish printing within \(Int(deadline)) s; write the HTML report instead (leave out --pdf)")
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            // Read through FileHandle: String(contentsOf:encoding:) leaked its 4 KiB read buffer here
            // (swift-foundation's readBytesFromFile; LeakSanitizer, when Chromium's log was empty).
            let reader = try? FileHandle(forReadingFrom: log)
            let said = String(decoding: (try? reader?.readToEnd()) ?? Data(), as: UTF8.self)
            try? reader?.close()
            let size = (try? FileManager.default.attributesOfItem(atPath: temporary)[.size] as? Int) ?? 0
            guard process.terminationStatus == 0, size > 0 else {
                let last = said.split(separator: "\n").last.map(String.init) ?? "no message"
                throw SiteMatchError(file: output, message: "Chromium could not print the report (exit \(process.terminationStatus): \(last))")
            }
        }
    }
}
