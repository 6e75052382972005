import Foundation
import Testing
import SiteMatchData
@testable import SiteMatchStore

@Suite struct AccessTokensTests {
    @Test func theHashIsSHA256OfTheTokenText() {
        // FIPS 180-2's example: SHA-256("abc").
        #expect(AccessTokens.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aNewTokenCarries256RandomBitsAndOnlyItsHashIsKept() throws {
        let (token, tokens) = try AccessTokens().adding(name: "alice")
        #expect(token.hasPrefix("smt_"))
        let body = token.dropFirst(4)
        #expect(body.count == 43)  // 32 bytes in unpadded base64url
        #expect(body.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(tokens.entries.map(\.sha256) == [AccessTokens.hash(token)])
        #expect(!tokens.yaml.contains(token))
        let (other, _) = try AccessTokens().adding(name: "alice")
        #expect(other != token)
    }

    @Test func aPresentedTokenIsRecognisedByNameAndAWrongOneIsNot() throws {
        let (a, one) = try AccessTokens().adding(name: "alice")
        let (b, two) = try one.adding(name: "bob")
        #expect(two.name(of: a) == "alice")
        #expect(two.name(of: b) == "bob")
        #expect(two.name(of: a + "x") == nil)
        #expect(two.name(of: "") == nil)
    }

    @Test func theFileRoundTripsThroughTheStrictReader() throws {
        let (token, tokens) = try AccessTokens().adding(name: "invest-team")
        let path = NSTemporaryDirectory() + "tokens-\(UUID().uuidString).yaml"
        try tokens.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try AccessTokens.load(contentsOfFile: path)
        #expect(loaded == tokens)
        #expect(loaded.name(of: token) == "invest-team")
    }

    @Test func namesMustBeNewAndPlain() throws {
        let (_, tokens) = try AccessTokens().adding(name: "alice")
        #expect(throws: SiteMatchError.usage("a token named 'alice' exists already; choose another name")) { try tokens.adding(name: "alice") }
        #expect(throws: SiteMatchError.usage("token name 'a b' must be 1 to 64 letters, digits, '.', '_', '-' or '@'")) { try tokens.adding(name: "a b") }
    }

    @Test func aFileWithABadHashOrATwiceUsedNameIsRefusedNamingTheField() throws {
        let path = NSTemporaryDirectory() + "tokens-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "tokens:\n  - name: alice\n    sha256: \"not-a-hash\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try AccessTokens.load(contentsOfFile: path) } throws: { error in
            guard case let .input(p) = error as? SiteMatchError else { return false }
            return p.field == "tokens[0].sha256" && p.message.contains("64 lower-case hex digits")
        }
        let hash = String(repeating: "ab", count: 32)
        try "tokens:\n  - name: alice\n    sha256: \"\(hash)\"\n  - name: alice\n    sha256: \"\(hash)\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: SiteMatchError(file: path, field: "tokens[1].name", message: "'alice' is named twice; each token needs its own name")) {
            try AccessTokens.load(contentsOfFile: path)
        }
    }
}
