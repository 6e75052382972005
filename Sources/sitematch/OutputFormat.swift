import ArgumentParser

/// `--format` for commands that print reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// `--format` for commands whose data is a table.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case csv
    case json
}
