import Foundation
import SiteMatchData
import SiteMatchGeometry

/// Any bytes through the one YAML reader (YAMLScreen, then Yams into Decodable types) as an enquiry
/// and as a scenario: a value or a SiteMatchError, never a crash, a hang or an explosion.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard case let .success(text) = TextEncoding.decodeUTF8(Data(bytes: start, count: count)) else { return 0 }
    for decode in [{ _ = try StrictYAML.decode(Enquiry.self, from: text, file: "fuzz.yaml") },
                   { _ = try NetworkScenarioLoader.decode(text: text, file: "fuzz.yaml") }] as [() throws -> Void] {
        do { try decode() } catch is SiteMatchError {} catch {
            fatalError("the YAML reader threw an error that is not a SiteMatchError: \(error)")
        }
    }
    return 0
}
