import Foundation
import SiteMatchData

/// Writes a report as exactly the bytes ``ReportJSON/encoder(layout:)`` (Foundation's `JSONEncoder`:
/// snake_case keys, sorted keys, pretty-printed or compact, slashes unescaped) writes, several
/// times faster.
///
/// Why by hand: `perf` on `sitematch serve` put 60 % of the server's CPU in `JSONEncoder` writing
/// the README enquiry's 57 KB answer (BENCHMARKS.md), and no faster JSON package is among the
/// project's permitted ones. `JSONEncoder` converts every key to snake_case and sorts every object
/// on every call; this writer converts each distinct key once per process and keeps the values'
/// text in one byte buffer.
///
/// Exactness: a key's snake_case form is taken from `JSONEncoder` itself (encoding one key), numbers
/// are written as `JSONEncoder` writes them (`description`, without a trailing `.0`), strings are
/// escaped the same way, and `[String: V]` dictionaries keep their keys unconverted, as
/// `JSONEncoder` does. Anything this writer does not handle (a `URL`, `Data`, `Decimal`, a number
/// that is not finite) throws, and ``ReportJSON/text(_:)`` falls back to `JSONEncoder`. Tests compare
/// the two byte for byte on every report the CLI and the server write.
enum ReportJSONWriter {
    /// The report's JSON bytes (no final newline), or an error if it holds something not handled here.
    static func encode(_ value: some Encodable, layout: JSONLayout = .pretty) throws -> [UInt8] {
        if let fieldWritten = value as? any FieldWrittenReport {
            var json = JSONFieldWriter(layout: layout)
            fieldWritten.write(to: &json)
            if let unsupported = json.unsupported { throw Unsupported(what: unsupported) }
            return json.bytes
        }
        var out: [UInt8] = []
        try append(value, level: 0, layout: layout, to: &out)
        return out
    }

    /// Appends the value's JSON as it appears `level` containers deep (pretty: its inner lines
    /// indented from there; its first line not indented).
    static func append(_ value: some Encodable, level: Int, layout: JSONLayout = .pretty, to out: inout [UInt8]) throws {
        let session = Session(layout: layout)
        let root = try session.node(for: value)
        if let unsupported = session.unsupported { throw Unsupported(what: unsupported) }
        out.reserveCapacity(out.count + session.text.count + session.text.count / 2)
        session.write(root, level: level, into: &out)
    }

    struct Unsupported: Error { let what: String }
}

// MARK: - The tree built while encoding

/// A value: an object or array (filled in as the encoder's containers are used), or a literal
/// whose JSON text is a range of ``Session/text``.
private enum Node {
    case object(ObjectBox)
    case array(ArrayBox)
    case literal(Range<Int>)
}

private final class ObjectBox {
    /// Keys (converted to snake_case where they should be; quoted and escaped when written) and
    /// their values, in the order encoded; sorted when written.
    var entries: [(key: String, value: Node)] = []
    var convertsKeys: Bool
    init(convertsKeys: Bool) { self.convertsKeys = convertsKeys }
}

private final class ArrayBox {
    var items: [Node] = []
}

/// Where a child encoder puts the one value it encodes.
private final class Slot {
    var node: Node?
}

/// One call to ``ReportJSONWriter/encode(_:)``: the literal text and a local key cache.
private final class Session {
    var text: [UInt8] = []
    /// Set when an encoding asks for something only JSONEncoder does (a super encoder).
    var unsupported: String?
    private var keys: [String: String] = [:]
    let layout: JSONLayout

    init(layout: JSONLayout) {
        self.layout = layout
        text.reserveCapacity(16_384)
    }

    func node<T: Encodable>(for value: T) throws -> Node {
        if let literal = try literal(for: value) { return literal }
        let slot = Slot()
        let encoder = ChildEncoder(session: self, slot: slot, dictionaryKeys: isStringKeyedDictionary(T.self))
        try value.encode(to: encoder)
        // A value that asked for no container is written as an empty object, as JSONEncoder does.
        return slot.node ?? .object(ObjectBox(convertsKeys: true))
    }

    private static let otherIntegers: [Any.Type] = [Int8.self, Int16.self, Int32.self, Int64.self, UInt.self, UInt8.self, UInt16.self, UInt32.self, UInt64.self]

    private var stringKeyedDictionaryTypes: [ObjectIdentifier: Bool] = [:]

    private func isStringKeyedDictionary<T>(_ type: T.Type) -> Bool {
        let id = ObjectIdentifier(type)
        if let known = stringKeyedDictionaryTypes[id] { return known }
        let answer = type is StringKeyedDictionary.Type
        stringKeyedDictionaryTypes[id] = answer
        return answer
    }

    /// The JSON text of a scalar, or nil for a value that encodes itself through containers. Types
    /// are told apart by their metatypes (a pointer comparison) rather than by casting each value.
    func literal<T: Encodable>(for value: T) throws -> Node? {
        if T.self == String.self { return string(unsafeBitCast(value, to: String.self)) }
        if T.self == Double.self { return try double(unsafeBitCast(value, to: Double.self)) }
        if T.self == Int.self { return ascii(unsafeBitCast(value, to: Int.self).description) }
        if T.self == Bool.self { return ascii(unsafeBitCast(value, to: Bool.self) ? "true" : "false") }
        if T.self == Date.self { return string(Timestamp.text(unsafeBitCast(value, to: Date.self))) }
        if T.self == Float.self { return try float(unsafeBitCast(value, to: Float.self)) }
        if Self.otherIntegers.contains(where: { $0 == T.self }), let integer = value as? any BinaryInteger { return ascii(integer.description) }
        if T.self == URL.self { throw ReportJSONWriter.Unsupported(what: "URL") }
        if T.self == Data.self { throw ReportJSONWriter.Unsupported(what: "Data") }
        if T.self == Decimal.self { throw ReportJSONWriter.Unsupported(what: "Decimal") }
        return nil
    }

    func ascii(_ text: String) -> Node {
        let start = self.text.count
        self.text.append(contentsOf: text.utf8)
        return .literal(start..<self.text.count)
    }

    func null() -> Node { ascii("null") }

    func double(_ v: Double) throws -> Node {
        guard v.isFinite else { throw ReportJSONWriter.Unsupported(what: "non-finite number \(v)") }
        return number(v.description)
    }

    func float(_ v: Float) throws -> Node {
        guard v.isFinite else { throw ReportJSONWriter.Unsupported(what: "non-finite number \(v)") }
        return number(v.description)
    }

    /// A floating-point description as JSONEncoder writes it: "1.0" becomes "1", "1e-07" stays.
    private func number(_ description: String) -> Node {
        let start = text.count
        JSONFieldWriter.appendNumber(description, to: &text)
        return .literal(start..<text.count)
    }

    func string(_ v: String) -> Node {
        let start = text.count
        JSONFieldWriter.appendQuoted(v, to: &text)
        return .literal(start..<text.count)
    }

    /// A coding key as written: converted to snake_case unless it is a dictionary's key.
    func key(_ key: CodingKey, converting: Bool) -> String {
        let raw = key.stringValue
        guard converting else { return raw }
        // A key of lower-case ASCII letters, digits and underscores is its own snake_case form.
        if raw.utf8.allSatisfy({ $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) { return raw }
        if let known = keys[raw] { return known }
        let converted = SnakeCaseKeys.shared.converted(raw)
        keys[raw] = converted
        return converted
    }

    // MARK: Writing

    func write(_ node: Node, level: Int, into out: inout [UInt8]) {
        if layout == .compact { return writeCompact(node, into: &out) }
        switch node {
        case .literal(let range):
            out.append(contentsOf: text[range])
        case .array(let box):
            out.append(UInt8(ascii: "["))
            out.append(0x0A)
            if box.items.isEmpty {
                out.append(0x0A)
            } else {
                for (i, item) in box.items.enumerated() {
                    indent(level + 1, &out)
                    write(item, level: level + 1, into: &out)
                    if i < box.items.count - 1 { out.append(UInt8(ascii: ",")) }
                    out.append(0x0A)
                }
            }
            indent(level, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let box):
            out.append(UInt8(ascii: "{"))
            out.append(0x0A)
            let entries = sorted(box.entries)
            if entries.isEmpty {
                out.append(0x0A)
            } else {
                for (i, entry) in entries.enumerated() {
                    indent(level + 1, &out)
                    JSONFieldWriter.appendQuoted(entry.key, to: &out)
                    out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
                    write(entry.value, level: level + 1, into: &out)
                    if i < entries.count - 1 { out.append(UInt8(ascii: ",")) }
                    out.append(0x0A)
                }
            }
            indent(level, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// JSONEncoder without `.prettyPrinted`: `{"key":value,…}`, `[a,b]`, `{}`, `[]`.
    private func writeCompact(_ node: Node, into out: inout [UInt8]) {
        switch node {
        case .literal(let range):
            out.append(contentsOf: text[range])
        case .array(let box):
            out.append(UInt8(ascii: "["))
            for (i, item) in box.items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let box):
            out.append(UInt8(ascii: "{"))
            for (i, entry) in sorted(box.entries).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONFieldWriter.appendQuoted(entry.key, to: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(entry.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func indent(_ level: Int, _ out: inout [UInt8]) {
        for _ in 0..<(2 * level) { out.append(0x20) }
    }

    /// The last key order worked out for objects of each size: report objects of one type repeat
    /// the same keys in the same order thousands of times, so their order is sorted once.
    private var lastOrder: [Int: (keys: [String], order: [Int])] = [:]

    /// Entries in the byte order of their keys; a key encoded twice keeps its last value.
    private func sorted(_ entries: [(key: String, value: Node)]) -> [(key: String, value: Node)] {
        let order: [Int]
        if let cached = lastOrder[entries.count], cached.keys.elementsEqual(entries.lazy.map(\.key)) {
            order = cached.order
        } else {
            order = entries.indices.sorted { a, b in
                let ka = entries[a].key, kb = entries[b].key
                if ka == kb { return a < b }
                return ka.utf8.lexicographicallyPrecedes(kb.utf8)
            }
            lastOrder[entries.count] = (entries.map(\.key), order)
        }
        var out: [(key: String, value: Node)] = []
        out.reserveCapacity(entries.count)
        for index in order {
            if let last = out.last, last.key == entries[index].key { out[out.count - 1] = entries[index] } else { out.append(entries[index]) }
        }
        return out
    }
}

/// `[String: V]`: JSONEncoder writes its keys as they are, never converted.
private protocol StringKeyedDictionary {}
extension Dictionary: StringKeyedDictionary where Key == String {}

/// snake_case forms of coding keys, worked out by JSONEncoder itself (one key encoded on its own)
/// so they match it exactly, and kept for the life of the process. Reports use a few hundred keys.
private final class SnakeCaseKeys: @unchecked Sendable {
    static let shared = SnakeCaseKeys()
    private let lock = NSLock()
    private var cache: [String: String] = [:]

    func converted(_ raw: String) -> String {
        lock.lock()
        if let known = cache[raw] { lock.unlock(); return known }
        lock.unlock()
        let converted = Self.convertWithJSONEncoder(raw)
        lock.lock()
        cache[raw] = converted
        lock.unlock()
        return converted
    }

    private struct OneKey: Encodable {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        let key: String
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(0, forKey: Key(stringValue: key))
        }
    }

    private static func convertWithJSONEncoder(_ raw: String) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(OneKey(key: raw)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let key = object.keys.first else { return raw }
        return key
    }
}

// MARK: - Encoder and containers

private struct ChildEncoder: Encoder {
    let session: Session
    let slot: Slot
    let dictionaryKeys: Bool
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: ObjectBox
        if case .object(let existing)? = slot.node {
            box = existing
        } else {
            box = ObjectBox(convertsKeys: !dictionaryKeys)
            slot.node = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(session: session, box: box))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array(let existing)? = slot.node { return UnkeyedContainer(session: session, box: existing) }
        let box = ArrayBox()
        slot.node = .array(box)
        return UnkeyedContainer(session: session, box: box)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleValueContainer(session: session, slot: slot)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let session: Session
    let box: ObjectBox
    var codingPath: [CodingKey] { [] }

    private func put(_ node: Node, _ key: Key) {
        box.entries.append((session.key(key, converting: box.convertsKeys), node))
    }

    mutating func encodeNil(forKey key: Key) throws { put(session.null(), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(session.ascii(value ? "true" : "false"), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(session.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(try session.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(try session.float(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(session.ascii(value.description), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(try session.node(for: value), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox(convertsKeys: true)
        put(.object(nested), key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(session: session, box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = ArrayBox()
        put(.array(nested), key)
        return UnkeyedContainer(session: session, box: nested)
    }

    mutating func superEncoder() -> Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> Encoder { superEncoder(named: key.stringValue) }

    /// Class hierarchies' super encoders are left to JSONEncoder: the caller falls back to it.
    private func superEncoder(named name: String) -> Encoder {
        session.unsupported = "superEncoder(\(name))"
        return ChildEncoder(session: session, slot: Slot(), dictionaryKeys: false)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let session: Session
    let box: ArrayBox
    var codingPath: [CodingKey] { [] }
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.items.append(session.null()) }
    mutating func encode(_ value: Bool) throws { box.items.append(session.ascii(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { box.items.append(session.string(value)) }
    mutating func encode(_ value: Double) throws { box.items.append(try session.double(value)) }
    mutating func encode(_ value: Float) throws { box.items.append(try session.float(value)) }
    mutating func encode(_ value: Int) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode(_ value: Int8) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode(_ value: Int16) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode(_ value: Int32) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode(_ value: Int64) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode(_ value: UInt) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode(_ value: UInt8) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode(_ value: UInt16) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode(_ value: UInt32) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode(_ value: UInt64) throws { box.items.append(session.ascii(value.description)) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try session.node(for: value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox(convertsKeys: true)
        box.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(session: session, box: nested))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.items.append(.array(nested))
        return UnkeyedContainer(session: session, box: nested)
    }

    mutating func superEncoder() -> Encoder {
        session.unsupported = "superEncoder()"
        return ChildEncoder(session: session, slot: Slot(), dictionaryKeys: false)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let session: Session
    let slot: Slot
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws { slot.node = session.null() }
    mutating func encode(_ value: Bool) throws { slot.node = session.ascii(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { slot.node = session.string(value) }
    mutating func encode(_ value: Double) throws { slot.node = try session.double(value) }
    mutating func encode(_ value: Float) throws { slot.node = try session.float(value) }
    mutating func encode(_ value: Int) throws { slot.node = session.ascii(value.description) }
    mutating func encode(_ value: Int8) throws { slot.node = session.ascii(value.description) }
    mutating func encode(_ value: Int16) throws { slot.node = session.ascii(value.description) }
    mutating func encode(_ value: Int32) throws { slot.node = session.ascii(value.description) }
    mutating func encode(_ value: Int64) throws { slot.node = session.ascii(value.description) }
    mutating func encode(_ value: UInt) throws { slot.node = session.ascii(value.description) }
    mutating func encode(_ value: UInt8) throws { slot.node = session.ascii(value.description) }
    mutating func encode(_ value: UInt16) throws { slot.node = session.ascii(value.description) }
    mutating func encode(_ value: UInt32) throws { slot.node = session.ascii(value.description) }
    mutating func encode(_ value: UInt64) throws { slot.node = session.ascii(value.description) }
    mutating func encode<T: Encodable>(_ value: T) throws { slot.node = try session.node(for: value) }
}
