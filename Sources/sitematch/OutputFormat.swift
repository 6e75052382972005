import ArgumentParser

/// `--format` for commands that print reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
