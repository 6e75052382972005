import Foundation
import SiteMatchGeometry

/// Any bytes through the GeoJSON reader (JSONStream, FeatureScanner, GeoJSONReader): it must return
/// a collection or throw an InputProblem, never crash, hang or leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        _ = try GeoJSONReader.read(data, source: "fuzz", allowEmpty: true)
    } catch is InputProblem {
    } catch {
        fatalError("GeoJSONReader threw an error that is not an InputProblem: \(error)")
    }
    return 0
}
