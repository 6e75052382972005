import CPROJ
import Foundation

/// The coordinate reference systems SiteMatch reads and writes.
public enum CRS: String, Sendable, CaseIterable, CustomStringConvertible {
    /// WGS84 longitude/latitude in degrees (GeoJSON RFC 7946 order: x = longitude).
    case wgs84 = "EPSG:4326"
    /// British National Grid (OSGB36 / Transverse Mercator), easting/northing in metres.
    case britishNationalGrid = "EPSG:27700"

    public var epsgCode: Int { self == .wgs84 ? 4326 : 27700 }

    public var description: String {
        switch self {
        case .wgs84: return "EPSG:4326 (WGS84 longitude/latitude)"
        case .britishNationalGrid: return "EPSG:27700 (British National Grid, metres)"
        }
    }
}

/// Why a point could not be transformed.
public struct TransformFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Position of the failed point in the input (flattened order for shapes).
    public var index: Int
    public var input: Coordinate
    /// PROJ's message.
    public var reason: String

    public var description: String { "point #\(index) \(input) could not be transformed: \(reason)" }
}

/// Errors setting up or running a PROJ transformation.
public enum TransformError: Error, Equatable, CustomStringConvertible {
    case setupFailed(source: CRS, target: CRS, message: String)
    /// One or more points failed; none of the results were passed on.
    case pointsFailed([TransformFailure])

    public var description: String {
        switch self {
        case let .setupFailed(source, target, message):
            return "PROJ could not set up \(source.rawValue) → \(target.rawValue): \(message)"
        case let .pointsFailed(failures):
            let first = failures.prefix(3).map(\.description).joined(separator: "; ")
            return failures.count > 3 ? "\(first); and \(failures.count - 3) more" : first
        }
    }
}

/// A PROJ transformation between two ``CRS``s, with axis order normalised to x = longitude/easting.
///
/// **Threading rule.** Owns a `PJ_CONTEXT` and a `PJ`: use one transformer per thread and never
/// share it. Creating one reads PROJ's database, so create it once per worker and reuse it.
///
/// Between EPSG:4326 and EPSG:27700, PROJ uses the OSTN15 grid when it is installed (≈ 1 cm) and
/// otherwise the Helmert transformation "OSGB36 to WGS 84 (6)" (≈ 2 m) — Debian ships no OSTN15
/// grid by default. ``lastOperationName`` says which was used.
public final class CoordinateTransformer {
    public let source: CRS
    public let target: CRS
    /// `PJ_CONTEXT*`, destroyed once in `deinit` (after the transformation).
    private let context: OpaquePointer
    /// `PJ*` from `proj_create_crs_to_crs` + `proj_normalize_for_visualization`; destroyed once in `deinit`.
    private let transformation: OpaquePointer

    public init(from source: CRS, to target: CRS) throws {
        guard let context = proj_context_create() else {
            throw TransformError.setupFailed(source: source, target: target, message: "could not create a PROJ context")
        }
        // No network access for grids: results must not depend on the machine being online.
        _ = proj_context_set_enable_network(context, 0)
        // Failures are reported through TransformFailure, not PROJ's own stderr logging.
        _ = proj_log_level(context, PJ_LOG_NONE)
        guard let raw = proj_create_crs_to_crs(context, source.rawValue, target.rawValue, nil) else {
            let message = String(cString: proj_context_errno_string(context, proj_context_errno(context)))
            proj_context_destroy(context)
            throw TransformError.setupFailed(source: source, target: target, message: message)
        }
        let normalised = proj_normalize_for_visualization(context, raw)
        proj_destroy(raw)
        guard let normalised else {
            let message = String(cString: proj_context_errno_string(context, proj_context_errno(context)))
            proj_context_destroy(context)
            throw TransformError.setupFailed(source: source, target: target, message: message)
        }
        self.source = source
        self.target = target
        self.context = context
        self.transformation = normalised
    }

    deinit {
        proj_destroy(transformation)
        proj_context_destroy(context)
    }

    /// The PROJ version in use, e.g. "9.1.1".
    public static var projVersion: String { String(cString: proj_info().version) }

    /// The name of the operation PROJ used for the last transformed point, e.g.
    /// "Inverse of OSGB36 to WGS 84 (6) + British National Grid"; nil before any point.
    public var lastOperationName: String? {
        guard let operation = proj_trans_get_last_used_operation(transformation) else { return nil }
        defer { proj_destroy(operation) }
        return proj_get_name(operation).map { String(cString: $0) }
    }

    /// Transforms one point; throws ``TransformFailure`` when PROJ cannot.
    public func transform(_ coordinate: Coordinate) throws -> Coordinate {
        switch transformOne(coordinate, index: 0) {
        case let .success(c): return c
        case let .failure(f): throw f
        }
    }

    /// Transforms many points: each result is nil where PROJ failed, and every failure is listed.
    public func transform(_ coordinates: [Coordinate]) -> (coordinates: [Coordinate?], failures: [TransformFailure]) {
        var out: [Coordinate?] = []
        var failures: [TransformFailure] = []
        out.reserveCapacity(coordinates.count)
        for (i, c) in coordinates.enumerated() {
            switch transformOne(c, index: i) {
            case let .success(value): out.append(value)
            case let .failure(f): out.append(nil); failures.append(f)
            }
        }
        return (out, failures)
    }

    /// Transforms every coordinate of a shape; throws ``TransformError/pointsFailed(_:)`` listing
    /// every failed point (indices in ``Shape/allCoordinates`` order) rather than passing any on.
    public func transform(_ shape: Shape) throws -> Shape {
        var index = 0
        var failures: [TransformFailure] = []
        let result = shape.mapCoordinates { c -> Coordinate in
            defer { index += 1 }
            switch transformOne(c, index: index) {
            case let .success(value): return value
            case let .failure(f): failures.append(f); return c
            }
        }
        guard failures.isEmpty else { throw TransformError.pointsFailed(failures) }
        return result
    }

    /// Transforms a GEOS geometry into a new geometry in the same context.
    public func transform(_ geometry: Geometry) throws -> Geometry {
        try Geometry(transform(geometry.shape), context: geometry.context)
    }

    private func transformOne(_ c: Coordinate, index: Int) -> Result<Coordinate, TransformFailure> {
        guard c.isFinite else {
            return .failure(TransformFailure(index: index, input: c, reason: "the input is not a finite number"))
        }
        proj_errno_reset(transformation)
        let out = proj_trans(transformation, PJ_FWD, proj_coord(c.x, c.y, 0, 0))
        // proj_trans signals failure with HUGE_VAL (infinity) in the output and sets proj_errno.
        let x = out.xy.x, y = out.xy.y
        guard x.isFinite, y.isFinite else {
            let code = proj_errno(transformation)
            let reason = code != 0 ? String(cString: proj_context_errno_string(context, code)) : "PROJ returned no coordinate"
            return .failure(TransformFailure(index: index, input: c, reason: reason))
        }
        return .success(Coordinate(x: x, y: y))
    }
}
