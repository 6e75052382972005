import CYAMLEvents
import Foundation
import SiteMatchGeometry

/// Screens YAML text before Yams composes it, so no input can explode, nest without bound or be
/// misread.
///
/// Why an event pass through libyaml: Yams 6.2.2 cannot limit alias expansion (its decoder options
/// hold only an encoding and a dereferencing cache, and its event parser is internal), and an alias
/// used as a mapping *key* makes composing itself exponential before any of our code sees a node.
/// libyaml's event parser reports anchors and aliases without expanding anything, in time linear in
/// the text, so we walk its events once and refuse, with line and column:
/// - any anchor (`&a`) or alias (`*a`): no SiteMatch input needs them;
/// - explicit tags (`!!float`, `!x`), more than one document, nesting deeper than ``maximumDepth``,
///   text longer than ``maximumBytes`` or more than ``maximumEvents`` events;
/// - plain scalars YAML 1.1 would read as something other than they look: booleans other than
///   `true`/`false` (`yes`, `on`, `y`, `True`…), `.nan`/`.inf`, base-60 numbers (`1:30` is 90),
///   octal, hex, binary and underscored numbers. Quoted scalars are text and pass.
public enum YAMLScreen {
    /// No SiteMatch YAML input comes near these (the largest shipped file, drivers.yaml, is ~15 KB,
    /// 5 levels deep, ~1,500 events).
    public static let maximumBytes = 1 << 20
    public static let maximumDepth = 32
    public static let maximumEvents = 200_000

    /// Throws a ``SiteMatchError`` naming `file`, the line and column, and what to write instead.
    public static func check(_ text: String, file: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumBytes else {
            throw SiteMatchError(file: file, message: "is \(bytes.count) bytes; YAML inputs are limited to \(maximumBytes) bytes")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw SiteMatchError.internal("libyaml could not initialise a parser") }
        defer { yaml_parser_delete(&parser) }
        try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0, events = 0, documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "cannot be parsed"
                    throw problemAt(parser.problem_mark, file: file, "not valid YAML: \(problem)")
                }
                defer { yaml_event_delete(&event) }
                events += 1
                guard events <= maximumEvents else { throw problemAt(event.start_mark, file: file, "more than \(maximumEvents) YAML nodes; inputs are limited to that") }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    guard documents == 1 else { throw problemAt(event.start_mark, file: file, "a second YAML document ('---'); give one document per file") }
                case YAML_ALIAS_EVENT:
                    throw problemAt(event.start_mark, file: file, "alias *\(string(event.data.alias.anchor)): anchors and aliases are not allowed in SiteMatch inputs; write the value out")
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    try refuseAnchorOrTag(scalar.anchor, scalar.tag, mark: event.start_mark, file: file)
                    if scalar.style == YAML_PLAIN_SCALAR_STYLE, let value = scalar.value {
                        let text = String(decoding: UnsafeBufferPointer(start: value, count: scalar.length), as: UTF8.self)
                        if let problem = plainScalarProblem(text) { throw problemAt(event.start_mark, file: file, problem) }
                    }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let (anchor, tag) = event.type == YAML_SEQUENCE_START_EVENT
                        ? (event.data.sequence_start.anchor, event.data.sequence_start.tag)
                        : (event.data.mapping_start.anchor, event.data.mapping_start.tag)
                    try refuseAnchorOrTag(anchor, tag, mark: event.start_mark, file: file)
                    depth += 1
                    guard depth <= maximumDepth else { throw problemAt(event.start_mark, file: file, "nested more than \(maximumDepth) levels deep") }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
            }
        }
    }

    /// Why a plain (unquoted) scalar would not mean what it looks like, or nil if it is fine.
    static func plainScalarProblem(_ text: String) -> String? {
        let lower = text.lowercased()
        if ["yes", "no", "on", "off", "y", "n"].contains(lower) || (["true", "false"].contains(lower) && text != lower) {
            return "'\(text)' is not a boolean here: write true or false (or quote it, \"\(text)\", if you mean text)"
        }
        if [".nan", ".inf", "+.inf", "-.inf"].contains(lower) {
            return "'\(text)' is not a finite number; give a plain decimal number"
        }
        if ["~", "null"].contains(lower) && text != "null" {
            return "'\(text)' is YAML for no value: write null (or quote it if you mean text)"
        }
        if text.range(of: #"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$"#, options: .regularExpression) != nil {
            return "'\(text)' would be read as a base-60 number; give a plain decimal number (or quote it if you mean text)"
        }
        if text.range(of: #"^[-+]?(0[0-9]+|0[xXoObB][0-9a-fA-F_]+|[0-9][0-9]*_[0-9_]*(\.[0-9_]*)?)$"#, options: .regularExpression) != nil {
            return "'\(text)' would be read as an octal, hex, binary or underscored number; give a plain decimal number (or quote it if you mean text)"
        }
        return nil
    }

    /// libyaml sets a node's tag only where the text gives one explicitly.
    static func refuseAnchorOrTag(_ anchor: UnsafeMutablePointer<yaml_char_t>?, _ tag: UnsafeMutablePointer<yaml_char_t>?, mark: yaml_mark_t, file: String) throws {
        if let anchor {
            throw problemAt(mark, file: file, "anchor &\(string(anchor)): anchors and aliases are not allowed in SiteMatch inputs; write the value out")
        }
        if let tag {
            throw problemAt(mark, file: file, "tag \(string(tag)): explicit YAML tags are not allowed in SiteMatch inputs; remove it")
        }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? ""
    }

    static func problemAt(_ mark: yaml_mark_t, file: String, _ message: String) -> SiteMatchError {
        .input(InputProblem(source: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message))
    }
}
