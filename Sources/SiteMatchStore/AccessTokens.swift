import Crypto
import Foundation
import SiteMatchData

/// The server's access tokens (`--tokens FILE`): each a name and the SHA-256 of a random 256-bit
/// token. The token itself is shown once, when added, and stored nowhere. The file is YAML, read
/// through the project's strict reader:
///
/// ```yaml
/// tokens:
///   - name: alice
///     sha256: 6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b
///     added: 2026-12-01T23:00:00Z
/// ```
public struct AccessTokens: Hashable, Sendable {
    public struct Entry: Hashable, Sendable, Codable {
        public var name: String
        /// Lower-case hex SHA-256 of the token's text.
        public var sha256: String
        public var added: String

        enum CodingKeys: String, CodingKey, CaseIterable { case name, sha256, added }

        public init(name: String, sha256: String, added: String) {
            self.name = name
            self.sha256 = sha256
            self.added = added
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            name = try c.nonEmpty(.name)
            sha256 = try c.decode(String.self, forKey: .sha256)
            added = try c.decodeIfPresent(String.self, forKey: .added) ?? "unknown"
            guard sha256.count == 64, sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw DecodingError.dataCorruptedError(forKey: .sha256, in: c, debugDescription: "expected 64 lower-case hex digits (a SHA-256); add tokens with `sitematch tokens add NAME --tokens FILE`")
            }
        }
    }

    private struct Document: Codable {
        var tokens: [Entry]
        enum CodingKeys: String, CodingKey, CaseIterable { case tokens }
        init(tokens: [Entry]) { self.tokens = tokens }
        init(from decoder: any Decoder) throws {
            tokens = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeIfPresent([Entry].self, forKey: .tokens) ?? []
        }
    }

    public private(set) var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Reads `path`. - Throws: `.input` naming the file and field; duplicate names are refused.
    public static func load(contentsOfFile path: String) throws -> AccessTokens {
        let document = try StrictYAML.decode(Document.self, contentsOfFile: path)
        var seen = Set<String>()
        for (index, entry) in document.tokens.enumerated() where !seen.insert(entry.name).inserted {
            throw SiteMatchError(file: path, field: "tokens[\(index)].name", message: "'\(entry.name)' is named twice; each token needs its own name")
        }
        return AccessTokens(entries: document.tokens)
    }

    /// A name the log can record: 1–64 letters, digits, `.`, `_`, `-` or `@`.
    public static func checkName(_ name: String) throws {
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) }) else {
            throw SiteMatchError.usage("token name '\(name)' must be 1 to 64 letters, digits, '.', '_', '-' or '@'")
        }
    }

    /// Adds a new random token named `name`; returns the token (to show once) and the new set.
    /// - Throws: `.usage` for a bad or existing name.
    public func adding(name: String, now: Date = Date()) throws -> (token: String, tokens: AccessTokens) {
        try Self.checkName(name)
        guard !entries.contains(where: { $0.name == name }) else {
            throw SiteMatchError.usage("a token named '\(name)' exists already; choose another name")
        }
        var generator = SystemRandomNumberGenerator()  // getrandom(2) on Linux: a cryptographic source
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = "smt_" + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        var copy = self
        copy.entries.append(Entry(name: name, sha256: Self.hash(token), added: now.formatted(.iso8601)))
        return (token, copy)
    }

    /// The file's text.
    public var yaml: String {
        var text = "# SiteMatch access tokens: names and SHA-256 hashes only. A token is shown once, by\n"
        text += "# `sitematch tokens add NAME --tokens FILE`; to revoke one, delete its entry.\n"
        text += entries.isEmpty ? "tokens: []\n" : "tokens:\n"
        for entry in entries {
            text += "  - name: \"\(entry.name)\"\n    sha256: \"\(entry.sha256)\"\n    added: \"\(entry.added)\"\n"
        }
        return text
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The name of the token `presented` is, or nil. Compares against every entry in constant time
    /// (no early exit on the first differing byte, nor on the first match).
    public func name(of presented: String) -> String? {
        let digest = Array(SHA256.hash(data: Data(presented.utf8)))
        var found: String?
        for entry in entries {
            let stored = Self.bytes(hex: entry.sha256)
            var difference: UInt8 = stored.count == digest.count ? 0 : 1
            for (a, b) in zip(stored, digest) { difference |= a ^ b }
            if difference == 0 { found = entry.name }
        }
        return found
    }

    private static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
