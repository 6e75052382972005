import Foundation

/// A strict JSON (RFC 8259) parser over bytes that hands the elements of the top-level
/// `"features"` array to a callback one at a time, so a FeatureCollection of a million parcels is
/// never held as one object tree. Hand-written because no package this project may use streams
/// JSON; it is small, and the reader's tests pin its behaviour.
///
/// Deviations, both to report bad data precisely rather than to accept it: the tokens `NaN`,
/// `Infinity` and `-Infinity` parse as non-finite numbers so the GeoJSON layer can name the feature
/// and field that holds them; nesting deeper than 512 levels is an error (never a stack overflow).
struct JSONStream {
    let bytes: UnsafeBufferPointer<UInt8>
    private let source: String
    /// The read position (a byte offset into `bytes`).
    var i = 0
    static let maximumDepth = 512

    /// Parses `data`. Elements of the top-level object's `"features"` array go to `onFeature`
    /// (index, value) and are left out of the returned tree, which then holds `"features": []`.
    static func parse(_ data: Data, source: String, onFeature: (Int, JSONValue) throws -> Void) throws -> JSONValue {
        try withoutActuallyEscaping(onFeature) { onFeature in
            try parse(data, source: source) { stream, index in
                try onFeature(index, try stream.value(depth: 1))
            }
        }
    }

    /// Like ``parse(_:source:onFeature:)``, but hands each element of the top-level `"features"`
    /// array to `onFeature` as the stream itself, positioned at the element's first byte: the
    /// callback must consume exactly one JSON value (it may rewind `i` and parse it again).
    static func parse(_ data: Data, source: String, streamingFeatures onFeature: (inout JSONStream, Int) throws -> Void) throws -> JSONValue {
        try data.withUnsafeBytes { raw in
            try parse(raw.bindMemory(to: UInt8.self), source: source, claims: [], streamingFeatures: onFeature)
        }
    }

    /// Like ``parse(_:source:streamingFeatures:)`` over bytes, honouring `claims` by other threads
    /// on stretches of the top-level features array (see ``Claim``).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, claims: [Claim],
                      streamingFeatures onFeature: (inout JSONStream, Int) throws -> Void) throws -> JSONValue {
        try withoutActuallyEscaping(onFeature) { onFeature in
            var stream = JSONStream(bytes: bytes, source: source)
            stream.claims = claims
            // A UTF-8 byte order mark (RFC 8259 §8.1 lets a parser ignore it) is skipped.
            if bytes.starts(with: TextEncoding.byteOrderMark) { stream.i = TextEncoding.byteOrderMark.count }
            stream.skipWhitespace()
            let value = try stream.value(depth: 0, onFeature: onFeature)
            stream.skipWhitespace()
            if stream.i < stream.bytes.count { throw stream.failure("unexpected \(stream.describeCurrent()) after the end of the JSON value") }
            return value
        }
    }

    init(bytes: UnsafeBufferPointer<UInt8>, source: String) {
        self.bytes = bytes
        self.source = source
    }

    // MARK: - Parsing the features array on several threads

    /// Another thread's claim to parse the top-level features array from byte `offset` on, made
    /// before anyone knows whether an element really starts there. The claim is honoured only if
    /// the sequential parse reaches `offset` exactly at the start of an element of that array:
    /// then every byte the other thread parsed is what the sequential parse would have parsed,
    /// element for element. `resume` gets the index that element has and returns where the other
    /// thread stopped (just past the array's `]`, or at the next claim's offset) and how many
    /// elements it parsed, or nil when its parse failed: the sequential parse then does that
    /// stretch itself, so errors are found, and reported, in file order.
    struct Claim {
        let offset: Int
        let resume: (_ firstIndex: Int) -> ClaimedStretch?
    }

    /// What a claiming thread parsed: elements from its offset up to `end`.
    struct ClaimedStretch {
        /// Just past the array's closing `]` (`closedArray`), or the next claim's offset.
        var end: Int
        var count: Int
        var closedArray: Bool
    }

    /// Claims not yet reached, in ascending offset order (top-level stream only).
    private var claims: [Claim] = []

    /// Byte offsets, in ascending order, where an element of a large top-level features array
    /// plausibly starts, about `parts` evenly spaced stretches apart: a `{` after `}` and `,`
    /// (whitespace allowed). Only a guess: a string could hold the same bytes, which is why a
    /// ``Claim`` is verified before it is honoured.
    static func plausibleElementStarts(in bytes: UnsafeBufferPointer<UInt8>, parts: Int) -> [Int] {
        guard parts > 1 else { return [] }
        var starts: [Int] = []
        for part in 1..<parts {
            var j = max(bytes.count / parts * part, (starts.last ?? 0) + 1)
            var sawBrace = false, sawComma = false
            while j < bytes.count {
                switch bytes[j] {
                case 0x20, 0x0A, 0x0D, 0x09: break
                case UInt8(ascii: "}"): sawBrace = true; sawComma = false
                case UInt8(ascii: ","): sawComma = sawBrace
                case UInt8(ascii: "{") where sawComma: starts.append(j); j = bytes.count
                default: sawBrace = false; sawComma = false
                }
                j += 1
            }
        }
        return starts
    }

    /// Parses array elements from byte `offset` (taken to start an element) until the array's `]`
    /// or until an element would start at `stopAt`, checking `cancelled` between elements.
    /// Element indices passed to `onElement` count from 0 at `offset`. Returns nil when cancelled.
    static func parseElements(_ bytes: UnsafeBufferPointer<UInt8>, source: String, from offset: Int, stopAt: Int?,
                              cancelled: () -> Bool, onElement: (inout JSONStream, Int) throws -> Void) throws -> ClaimedStretch? {
        var stream = JSONStream(bytes: bytes, source: source)
        stream.i = offset
        var count = 0
        while true {
            if cancelled() { return nil }
            try onElement(&stream, count)
            count += 1
            stream.skipWhitespace()
            guard stream.i < bytes.count else { throw stream.failure("") }
            switch bytes[stream.i] {
            case UInt8(ascii: ","):
                stream.i += 1
                stream.skipWhitespace()
                if stream.i == stopAt { return ClaimedStretch(end: stream.i, count: count, closedArray: false) }
            case UInt8(ascii: "]"):
                return ClaimedStretch(end: stream.i + 1, count: count, closedArray: true)
            default: throw stream.failure("unexpected \(stream.describeCurrent()); expected ',' or ']' in an array")
            }
        }
    }

    // MARK: - Errors

    func failure(_ message: String) -> GeoJSONError {
        guard i < bytes.count else {
            return GeoJSONError(source: source, message: "not valid JSON: the text ends in the middle of a value; is the file truncated?")
        }
        var line = 1, column = 1
        for byte in bytes[0..<i] {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return GeoJSONError(source: source, line: line, column: column, message: "not valid JSON: \(message)")
    }

    /// The string of `raw` (a string's bytes starting at byte `start` of the input), or an error
    /// naming the first byte that is not UTF-8 (never a silent repair).
    func validUTF8(_ raw: UnsafeBufferPointer<UInt8>, from start: Int) throws -> String {
        if let text = String(validating: raw, as: UTF8.self) { return text }
        let offset = TextEncoding.firstInvalidUTF8Offset(in: raw) ?? 0
        var at = self
        at.i = start + offset
        throw at.failureWithoutPrefix(TextEncoding.notUTF8Message(byte: raw[offset], offset: start + offset))
    }

    /// Like ``failure(_:)`` but without "not valid JSON: " (the text is JSON; its bytes are not UTF-8).
    func failureWithoutPrefix(_ message: String) -> GeoJSONError {
        var error = failure(message)
        if error.message.hasPrefix("not valid JSON: ") { error.message.removeFirst("not valid JSON: ".count) }
        return error
    }

    func describeCurrent() -> String {
        guard i < bytes.count else { return "end of text" }
        let byte = bytes[i]
        return byte >= 0x20 && byte < 0x7F ? "'\(Character(UnicodeScalar(byte)))'" : String(format: "byte 0x%02X", byte)
    }

    // MARK: - Grammar

    mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func expect(_ literal: StaticString, _ value: JSONValue) throws -> JSONValue {
        let count = literal.utf8CodeUnitCount
        guard i + count <= bytes.count else { i = bytes.count; throw failure("") }
        for k in 0..<count where bytes[i + k] != literal.utf8Start[k] { throw failure("unexpected \(describeCurrent()); expected a value") }
        i += count
        return value
    }

    mutating func value(depth: Int, onFeature: ((inout JSONStream, Int) throws -> Void)? = nil) throws -> JSONValue {
        guard depth < JSONStream.maximumDepth else { throw failure("nested more than \(JSONStream.maximumDepth) levels deep") }
        guard i < bytes.count else { throw failure("") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth, onFeature: onFeature)
        case UInt8(ascii: "["): return .array(try array(depth: depth))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case UInt8(ascii: "N"): return try expect("NaN", .number(.nan))
        case UInt8(ascii: "I"): return try expect("Infinity", .number(.infinity))
        case UInt8(ascii: "-") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "I"):
            i += 1
            return try expect("Infinity", .number(-.infinity))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("unexpected \(describeCurrent()); expected a value")
        }
    }

    private mutating func object(depth: Int, onFeature: ((inout JSONStream, Int) throws -> Void)?) throws -> JSONValue {
        i += 1  // {
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw failure("") }
            guard bytes[i] == UInt8(ascii: "\"") else { throw failure("unexpected \(describeCurrent()); expected a member name in double quotes") }
            let key = try string()
            skipWhitespace()
            guard i < bytes.count else { throw failure("") }
            guard bytes[i] == UInt8(ascii: ":") else { throw failure("unexpected \(describeCurrent()); expected ':' after a member name") }
            i += 1
            skipWhitespace()
            if let onFeature, depth == 0, key == "features", i < bytes.count, bytes[i] == UInt8(ascii: "[") {
                try forEachElement(honouringClaims: true, onElement: onFeature)
                members[key] = .array([])
            } else {
                members[key] = try value(depth: depth + 1)
            }
            skipWhitespace()
            guard i < bytes.count else { throw failure("") }
            switch bytes[i] {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; return .object(members)
            default: throw failure("unexpected \(describeCurrent()); expected ',' or '}' in an object")
            }
        }
    }

    private mutating func array(depth: Int) throws -> [JSONValue] {
        var items: [JSONValue] = []
        try streamArray(depth: depth + 1) { _, item in items.append(item) }
        return items
    }

    private mutating func streamArray(depth: Int, onElement: (Int, JSONValue) throws -> Void) throws {
        try forEachElement { stream, index in try onElement(index, try stream.value(depth: depth)) }
    }

    /// An array whose elements `onElement` parses from the stream (the top-level features array,
    /// and every other array through ``streamArray(depth:onElement:)``). Only the top-level features
    /// array is `honouringClaims`: a claim's offset means nothing inside any other array.
    private mutating func forEachElement(honouringClaims: Bool = false, onElement: (inout JSONStream, Int) throws -> Void) throws {
        i += 1  // [
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
        var index = 0
        while true {
            skipWhitespace()
            guard i < bytes.count else { throw failure("") }
            if honouringClaims, !claims.isEmpty {
                while let claim = claims.first, claim.offset < i { claims.removeFirst() }  // passed inside an element: never honoured
                if let claim = claims.first, claim.offset == i {
                    claims.removeFirst()
                    if let stretch = claim.resume(index) {
                        i = stretch.end
                        index += stretch.count
                        if stretch.closedArray { return }
                        continue
                    }
                }
            }
            try onElement(&self, index)
            index += 1
            skipWhitespace()
            guard i < bytes.count else { throw failure("") }
            switch bytes[i] {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; return
            default: throw failure("unexpected \(describeCurrent()); expected ',' or ']' in an array")
            }
        }
    }

    mutating func string() throws -> String {
        i += 1  // opening quote
        let start = i
        var ascii = true
        // Fast path: no escapes.
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
                let text = ascii ? String(decoding: raw, as: UTF8.self) : try validUTF8(raw, from: start)
                i += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("control character in a string; expected it escaped (e.g. \\n)") }
            if byte >= 0x80 { ascii = false }
            i += 1
        }
        var utf8 = Array(bytes[start..<i])
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""):
                i += 1
                return try utf8.withUnsafeBufferPointer { try validUTF8($0, from: start) }
            case UInt8(ascii: "\\"):
                i += 1
                guard i < bytes.count else { throw failure("") }
                let escape = bytes[i]
                i += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { throw failure("unpaired surrogate in \\u escape") }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate in \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
                    utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    i -= 1
                    throw failure("invalid escape \\\(Character(UnicodeScalar(escape)))")
                }
            default:
                if byte < 0x20 { throw failure("control character in a string; expected it escaped (e.g. \\n)") }
                utf8.append(byte)
                i += 1
            }
        }
        throw failure("")
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { i = bytes.count; throw failure("") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[i]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value * 16 + digit
            i += 1
        }
        return value
    }

    /// Exact powers of ten: every one up to 10^22 is a Double without rounding.
    private static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    /// A JSON number, validated against the grammar. Numbers of at most 15 significant digits with
    /// at most 22 decimals (the common case: coordinates in metres or degrees) are converted by one
    /// correctly rounded IEEE division of two exactly representable values, which gives the same
    /// bits as strtod (Clinger's fast path); every other number goes to the C library's strtod.
    mutating func number() throws -> Double {
        // Fast path, for coordinates: at most 15 digits, an optional fraction, no exponent. The
        // mantissa and 10^decimals are exact doubles, so one division rounds correctly. Anything
        // else (and every error) goes through the general reader from the same byte.
        var j = i
        let count = bytes.count
        let negative = bytes[j] == UInt8(ascii: "-")
        if negative { j += 1 }
        var mantissa: UInt64 = 0
        /// Appends the digits from `j` to the mantissa (wrapping; too many digits fall back anyway); returns how many.
        @inline(__always) func accumulateDigits() -> Int {
            let start = j
            while j < count, case let digit = bytes[j] &- UInt8(ascii: "0"), digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                j += 1
            }
            return j - start
        }
        let integerStart = j
        let integerDigits = accumulateDigits()
        var decimals = 0
        if j < count, bytes[j] == UInt8(ascii: ".") {
            j += 1
            decimals = accumulateDigits()
            if decimals == 0 { return try generalNumber() }
        }
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0"), integerDigits + decimals <= 15,
              j >= count || (bytes[j] != UInt8(ascii: "e") && bytes[j] != UInt8(ascii: "E"))
        else { return try generalNumber() }
        i = j
        let magnitude = Double(mantissa) / JSONStream.exactPowersOfTen[decimals]
        return negative ? -magnitude : magnitude
    }

    /// Any JSON number, with the grammar's errors.
    private mutating func generalNumber() throws -> Double {
        let start = i
        let count = bytes.count
        var j = i
        var mantissa: UInt64 = 0
        var significantDigits = 0
        /// Skips digits from `j`, adding them to the mantissa when `accumulate`; returns how many.
        func digits(accumulate: Bool) -> Int {
            let from = j
            while j < count {
                let digit = bytes[j] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if accumulate, significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significantDigits += 1 }
                } else if accumulate {
                    significantDigits += 1
                }
                j += 1
            }
            return j - from
        }
        let negative = bytes[j] == UInt8(ascii: "-")
        if negative { j += 1 }
        guard j < count else { i = j; throw failure("") }
        if bytes[j] == UInt8(ascii: "0") {
            j += 1
        } else if digits(accumulate: true) == 0 {
            i = j
            throw failure("unexpected \(describeCurrent()); expected a digit")
        }
        var decimals = 0
        if j < count, bytes[j] == UInt8(ascii: ".") {
            j += 1
            decimals = digits(accumulate: true)
            guard decimals > 0 else { i = j; throw failure("unexpected \(describeCurrent()); expected a digit after '.'") }
        }
        var hasExponent = false
        if j < count, bytes[j] == UInt8(ascii: "e") || bytes[j] == UInt8(ascii: "E") {
            hasExponent = true
            j += 1
            if j < count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            guard digits(accumulate: false) > 0 else { i = j; throw failure("unexpected \(describeCurrent()); expected a digit in the exponent") }
        }
        i = j
        if !hasExponent, significantDigits <= 15, decimals <= 22 {
            let magnitude = Double(mantissa) / JSONStream.exactPowersOfTen[decimals]
            return negative ? -magnitude : magnitude
        }
        let length = i - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for k in 0..<length { buffer[k] = CChar(bitPattern: bytes[start + k]) }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }
}
