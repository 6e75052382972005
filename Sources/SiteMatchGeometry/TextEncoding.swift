import Foundation

/// Text inputs are UTF-8. A byte order mark is skipped; anything that is not UTF-8 is named with
/// the byte, its offset and a likely cause, instead of being silently repaired or reported byte by byte.
public enum TextEncoding {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Byte offset of the first byte that does not begin a valid UTF-8 sequence, or nil if all is UTF-8.
    public static func firstInvalidUTF8Offset(in bytes: some Collection<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// "not UTF-8 text: byte 0xE9 at offset 41 (looks like Latin-1 or Windows-1252?); save it as UTF-8".
    public static func notUTF8Message(byte: UInt8, offset: Int) -> String {
        let guess = byte >= 0xA0 || (0x80...0x9F).contains(byte) ? " (looks like Latin-1 or Windows-1252?)" : ""
        return String(format: "not UTF-8 text: byte 0x%02X at offset %d", byte, offset) + guess + "; save it as UTF-8"
    }

    /// The text of a file's bytes, without a leading byte order mark; nil message when all is well.
    /// - Returns: the string, or the problem (for the caller to attach to the file name).
    public static func decodeUTF8(_ data: Data) -> Result<String, TextProblem> {
        let body = data.starts(with: byteOrderMark) ? data.dropFirst(byteOrderMark.count) : data[...]
        let skipped = data.count - body.count
        if let offset = firstInvalidUTF8Offset(in: body) {
            return .failure(TextProblem(message: notUTF8Message(byte: body[body.startIndex + offset], offset: offset + skipped)))
        }
        return .success(String(decoding: body, as: UTF8.self))
    }

    public struct TextProblem: Error, Hashable, Sendable {
        public var message: String
    }
}
