import Foundation
import SiteMatchData
import SiteMatchGeometry

/// Any bytes as a travel-time matrix CSV: a matrix or a SiteMatchError, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMatrix(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    switch TextEncoding.decodeUTF8(Data(bytes: start, count: count)) {
    case .failure: return 0
    case let .success(text):
        do {
            _ = try TravelTimeMatrixLoader.load(text: text, file: "fuzz.csv", origins: ["s1", "s2"], destinations: ["a1", "a2", "p1"])
        } catch is SiteMatchError {
        } catch {
            fatalError("the matrix loader threw an error that is not a SiteMatchError: \(error)")
        }
    }
    return 0
}
