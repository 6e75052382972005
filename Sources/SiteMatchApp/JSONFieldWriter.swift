import Foundation
import SiteMatchData

/// A report that writes its own JSON field by field, in ``ReportJSON/encoder(layout:)``'s layout
/// (sorted snake_case keys, pretty-printed or compact), instead of through `Encodable`. Only the enquiry answer does:
/// it is the server's busiest body (57 KB for the README's enquiry), and building it through the
/// `Encodable` protocols was 26 % of `sitematch serve`'s CPU under load (perf, 2026-12-02;
/// BENCHMARKS.md). The `Encodable` conformance stays the definition: `ReportJSONTests` compares
/// what this writes with `JSONEncoder`'s bytes on every archetype's answer.
protocol FieldWrittenReport: Encodable {
    /// Writes the value; keys must be given in the byte order of their snake_case forms.
    func write(to json: inout JSONFieldWriter)
}

/// Writes JSON as `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` does, pretty-printed
/// (`.prettyPrinted`: two-space indents, `"key" : value`, an empty container as `[` newline newline
/// `]`) or compact (`"key":value`, `[]`). The caller gives object keys already converted and sorted.
struct JSONFieldWriter {
    private(set) var bytes: [UInt8] = []
    let layout: JSONLayout
    /// Set when a value cannot be written here (a non-finite number); the caller then leaves the
    /// whole report to `JSONEncoder`, which reports the error.
    private(set) var unsupported: String?
    private var level = 0
    /// Whether the innermost open container has no member yet. A container is always opened as a
    /// member of its parent, so when it closes its parent has a member: no stack is needed.
    private var isFirstMember = true

    init(layout: JSONLayout = .pretty, capacity: Int = 65_536) {
        self.layout = layout
        bytes.reserveCapacity(capacity)
    }

    // MARK: Containers

    mutating func object(_ body: (inout JSONFieldWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<C: Collection>(_ items: C, _ each: (inout JSONFieldWriter, C.Element) -> Void) {
        open(UInt8(ascii: "["))
        for item in items {
            member()
            each(&self, item)
        }
        close(UInt8(ascii: "]"))
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        if layout == .pretty { bytes.append(0x0A) }
        level += 1
        isFirstMember = true
    }

    private mutating func close(_ bracket: UInt8) {
        isFirstMember = false
        level -= 1
        if layout == .pretty {
            // Empty: "[\n\n]"; otherwise the last member's line ends here.
            bytes.append(0x0A)
            indent()
        }
        bytes.append(bracket)
    }

    /// Starts the next member of the open container: a comma after the previous one, then (pretty)
    /// a new line and the indent.
    private mutating func member() {
        if isFirstMember {
            isFirstMember = false
        } else {
            bytes.append(UInt8(ascii: ","))
            if layout == .pretty { bytes.append(0x0A) }
        }
        if layout == .pretty { indent() }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 128)

    private mutating func indent() {
        let count = 2 * level
        if count <= Self.spaces.count {
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        } else {
            bytes.append(contentsOf: repeatElement(0x20, count: count))
        }
    }

    /// `"key" : ` (compact: `"key":`) as the next member of the open object. `key` is written as
    /// given (no escaping): report keys are snake_case ASCII.
    mutating func key(_ key: StaticString) {
        member()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        if layout == .pretty {
            bytes.append(0x20)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(0x20)
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
    }

    // MARK: Values

    mutating func value(_ v: String) { Self.appendQuoted(v, to: &bytes) }
    mutating func value(_ v: Int) { Self.appendInteger(v, to: &bytes) }
    mutating func value(_ v: Bool) { bytes.append(contentsOf: (v ? "true" : "false").utf8) }

    mutating func value(_ v: Double) {
        guard v.isFinite else {
            unsupported = "non-finite number \(v)"
            bytes.append(UInt8(ascii: "0"))
            return
        }
        Self.appendNumber(v.description, to: &bytes)
    }

    /// Any other value, through the `Encodable` writer, indented to this level.
    mutating func value(_ v: some Encodable) {
        do {
            try ReportJSONWriter.append(v, level: level, layout: layout, to: &bytes)
        } catch {
            unsupported = "\(error)"
        }
    }

    /// `key` and its value, for the common cases.
    mutating func field(_ key: StaticString, _ v: String) { self.key(key); value(v) }
    mutating func field(_ key: StaticString, _ v: Int) { self.key(key); value(v) }
    mutating func field(_ key: StaticString, _ v: Bool) { self.key(key); value(v) }
    mutating func field(_ key: StaticString, _ v: Double) { self.key(key); value(v) }

    /// Nothing when `v` is nil, as `encodeIfPresent` leaves the key out.
    mutating func field(_ key: StaticString, ifPresent v: String?) { if let v { field(key, v) } }
    mutating func field(_ key: StaticString, ifPresent v: Double?) { if let v { field(key, v) } }

    // MARK: Text as JSONEncoder writes it

    /// An integer's decimal digits, as `description` writes them, without making a String.
    static func appendInteger(_ v: Int, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = v.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        out[start...].reverse()
    }

    /// A floating-point `description` as JSONEncoder writes it: "1.0" becomes "1", "1e-07" stays.
    static func appendNumber(_ description: String, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: description.utf8)
        if out.count - start > 2, out[out.count - 1] == UInt8(ascii: "0"), out[out.count - 2] == UInt8(ascii: ".") {
            out.removeLast(2)
        }
    }

    /// `"…"` with JSONEncoder's escapes: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f` and `\u00xx` for
    /// other control characters; `/` and everything from U+007F on are written as they are.
    static func appendQuoted(_ v: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var v = v
        v.withUTF8 { bytes in
            // Most text needs no escape: copy runs of plain bytes in one go.
            var runStart = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                appendEscape(byte, to: &out)
                runStart = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
        }
    }
}
