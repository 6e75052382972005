import Foundation
import Testing
@testable import SiteMatchGeometry

@Suite struct JSONStreamTests {
    func parse(_ text: String) throws -> JSONValue {
        try JSONStream.parse(Data(text.utf8), source: "t.json", onFeature: { (_: Int, _: JSONValue) in })
    }
    func problem(_ text: String) -> String? {
        do { _ = try parse(text); return nil } catch { return "\(error)" }
    }

    @Test func stringsWithEscapesAndSurrogatePairs() throws {
        #expect(try parse(#"{"a":"Tunstall \"Arrow\"\n\u00e9\ud83d\ude00\/"}"#) == .object(["a": .string("Tunstall \"Arrow\"\né😀/")]))
        #expect(try parse(#"["Stoke-on-Trent — Hanley"]"#) == .array([.string("Stoke-on-Trent — Hanley")]))
    }

    @Test func numbersFollowTheJSONGrammar() throws {
        #expect(try parse("[0, -0.5, 1e3, 2.5E-2, 385000.125]") == .array([.number(0), .number(-0.5), .number(1000), .number(0.025), .number(385000.125)]))
        #expect(problem("[01]")?.contains("expected ',' or ']'") == true)    // leading zeros are not JSON
        #expect(problem("[0x10]")?.contains("expected ',' or ']'") == true)  // nor hex
        #expect(problem("[1.]")?.contains("expected a digit after '.'") == true)
        #expect(problem("[+1]")?.contains("unexpected '+'") == true)
        #expect(problem("[-]")?.contains("expected a digit") == true)
        #expect(problem("[-01]")?.contains("expected ',' or ']'") == true)
        #expect(problem("[1.e5]")?.contains("expected a digit after '.'") == true)
        #expect(problem("[1e]")?.contains("expected a digit in the exponent") == true)
    }

    @Test func structuralErrorsNameLineAndColumn() {
        #expect(problem("{\"a\": 1,\n \"b\" 2}") == "t.json:2:6: not valid JSON: unexpected '2'; expected ':' after a member name")
        #expect(problem("[1, 2] x") == "t.json:1:8: not valid JSON: unexpected 'x' after the end of the JSON value")
        #expect(problem("[1, 2") == "t.json: not valid JSON: the text ends in the middle of a value; is the file truncated?")
        #expect(problem("{\"a\": tru}")?.hasPrefix("t.json:1:7:") == true)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(problem(deep)?.contains("nested more than 512 levels deep") == true)
    }

    @Test func featuresAreStreamedOneByOne() throws {
        var seen: [Int] = []
        let root = try JSONStream.parse(Data(#"{"type":"FeatureCollection","features":[{"a":1},{"a":2}],"name":"x"}"#.utf8), source: "t") { index, value in
            seen.append(index)
            #expect(value == .object(["a": .number(Double(index + 1))]))
        }
        #expect(seen == [0, 1])
        #expect(root.objectValue?["features"] == .array([]))
        #expect(root.objectValue?["name"] == .string("x"))
    }

    /// The fast path for short decimals must give strtod's bits exactly: random coordinates with
    /// 0–9 decimals, and the awkward cases (halfway-looking digits, 15 and 16 significant digits).
    @Test func numbersGiveTheSameBitsAsStrtod() throws {
        var rng = SplitMix64(seed: 42)
        var texts = ["0.1", "0.3", "2.675", "1.005", "9007199254740993", "123456789012345", "1234567890123456", "0.000001", "-0.0", "400000.125", "1e22", "1e23", "5e-324",
                     "-0", "0.000000000000001", "0.0000001234567890123", "999999999999999.9", "100000000000000.5", "12345678901234.5", "1.5E3", "2e-1"]
        for _ in 0..<20_000 {
            let decimals = Int(rng.next() % 10)
            let whole = rng.next() % 1_000_000
            let fraction = decimals == 0 ? "" : "." + String(String(rng.next()).suffix(decimals)).padding(toLength: decimals, withPad: "0", startingAt: 0)
            texts.append((rng.next() % 2 == 0 ? "-" : "") + String(whole) + fraction)
        }
        let parsed = try parse("[" + texts.joined(separator: ",") + "]").arrayValue!
        for (text, value) in zip(texts, parsed) {
            #expect(value.numberValue?.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
    }
}
