import Foundation

/// HTML text built by hand: no template library is needed for a handful of fixed documents, and
/// every value from data or users passes through ``escape(_:)``, so a site called
/// `<script>alert(1)</script>` is shown as text.
public enum HTML {
    /// `text` safe in element content and in double- or single-quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A figure with its grade in the markup (`data-grade`) and on screen, e.g.
    /// `<span class="figure" data-grade="modelled">12.4 min <small class="grade">modelled</small></span>`.
    public static func figure(_ text: String, grade: String, showGrade: Bool = true) -> String {
        let g = escape(grade)
        return "<span class=\"figure grade-\(g)\" data-grade=\"\(g)\">\(escape(text))"
            + (showGrade ? " <small class=\"grade\">\(g)</small>" : "") + "</span>"
    }

    /// A number with `digits` decimals (no "-0.0").
    public static func number(_ value: Double, digits: Int = 1) -> String {
        let text = String(format: "%.\(digits)f", value)
        return Double(text) == 0 ? String(format: "%.\(digits)f", 0.0) : text
    }

    /// A whole number with thousands separators: 259,965.
    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// An ISO 8601 date-time in UTC to the second: 2026-12-02T03:04:05Z.
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
