import CGDAL
import Foundation
import SiteMatchGeometry

/// A feature read from any OGR-readable layer: its properties, typed, and its geometry in EPSG:27700.
public struct VectorFeature: Hashable, Sendable {
    /// Position in the layer, from 0 (for messages).
    public var index: Int
    public var properties: [String: JSONValue]
    /// Nil where the feature has no geometry.
    public var geometry: Shape?
    /// The feature id the format stores (a GeoPackage's primary key; ogr2ogr makes an integer `id`
    /// property one), nil where it has none.
    public var fid: Int64? = nil
}

/// A whole layer as read: where it came from and how its coordinates were taken.
public struct VectorLayer: Hashable, Sendable {
    public var source: String
    public var layerName: String
    /// GDAL's driver, e.g. "GPKG", "ESRI Shapefile", "FlatGeobuf", "CSV".
    public var driver: String
    /// The layer's CRS as GDAL names it (or the --srs given), e.g. "EPSG:4326".
    public var sourceCRS: String
    /// Field names in the layer's order.
    public var fields: [String]
    public var features: [VectorFeature]
}

/// How to read a layer: which layer of a multi-layer file, a CRS for a layer that has none (or to
/// override a wrong one), and the coordinate columns of a CSV.
public struct VectorReadOptions: Hashable, Sendable {
    public var layer: String?
    /// e.g. "EPSG:27700" or "EPSG:4326"; anything GDAL's OSRSetFromUserInput reads.
    public var srs: String?
    public var xField: String?
    public var yField: String?

    public init(layer: String? = nil, srs: String? = nil, xField: String? = nil, yField: String? = nil) {
        self.layer = layer
        self.srs = srs
        self.xField = xField
        self.yField = yField
    }
}

/// Reads any vector layer GDAL/OGR can (GeoPackage, Shapefile, FlatGeobuf, KML, GML, GeoJSON, CSV
/// with coordinate columns) and transforms it to British National Grid through OGR's coordinate
/// transformation (PROJ underneath), both ends in traditional GIS axis order (x = easting or
/// longitude). Every GDAL handle is owned here for the duration of one call and freed exactly once;
/// GDAL's error handler is pushed per call on the calling thread, so concurrent readers do not share
/// one.
public enum VectorLayerReader {
    /// Reads `path`. - Throws: ``SiteMatchError`` naming the file (and layer, feature, field) —
    /// `.input` for an unreadable file, a layer without a CRS, a geometry that cannot be
    /// transformed; `.usage` for a multi-layer file without `layer`; `.notFound` for an unknown layer.
    ///
    /// With `eachFeature`, every feature goes to it as it is read and none is kept (the returned
    /// layer's `features` is empty): a large layer (the benchmark's 10^6 parcels) is never held twice.
    public static func read(path: String, options: VectorReadOptions = VectorReadOptions(), context: GEOSContext,
                            eachFeature: ((VectorFeature) throws -> Void)? = nil) throws -> VectorLayer {
        GDALRuntime.register()
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        CPLErrorReset()

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SiteMatchError(file: path, message: "no such file")
        }
        var openOptions: [String] = []
        if let x = options.xField { openOptions.append("X_POSSIBLE_NAMES=\(x)") }
        if let y = options.yField { openOptions.append("Y_POSSIBLE_NAMES=\(y)") }
        if !openOptions.isEmpty { openOptions.append("KEEP_GEOM_COLUMNS=NO") }
        let dataset = try withCStringArray(openOptions) { cOptions in
            GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, cOptions, nil)
        }
        guard let dataset else {
            throw SiteMatchError(file: path, message: "cannot be read as a vector layer\(lastError()); GDAL reads GeoPackage, Shapefile, FlatGeobuf, KML, GML, GeoJSON and CSV")
        }
        defer { GDALClose(dataset) }
        let driver = GDALGetDatasetDriver(dataset).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? "unknown"

        let layerNames = names(of: dataset)
        let layer: OGRLayerH
        if let wanted = options.layer {
            guard let found = GDALDatasetGetLayerByName(dataset, wanted) else {
                throw SiteMatchError.notFound(.init(kind: "layer in \(path)", id: wanted, nearest: Suggestions.closest(to: wanted, among: layerNames)))
            }
            layer = found
        } else {
            guard layerNames.count == 1, let only = GDALDatasetGetLayer(dataset, 0) else {
                if layerNames.isEmpty { throw SiteMatchError(file: path, message: "has no vector layers") }
                throw SiteMatchError.usage("\(path) has \(layerNames.count) layers (\(layerNames.joined(separator: ", "))); choose one with --sites-layer NAME")
            }
            layer = only
        }
        let layerName = OGR_L_GetName(layer).map { String(cString: $0) } ?? ""
        let label = layerNames.count > 1 ? "\(path) (layer \(layerName))" : path

        let (transformation, crsName) = try makeTransformation(layer: layer, options: options, label: label)
        defer { if let transformation { OCTDestroyCoordinateTransformation(transformation) } }

        let definition = OGR_L_GetLayerDefn(layer)
        let fieldCount = OGR_FD_GetFieldCount(definition)
        let fields: [(name: String, type: OGRFieldType, subtype: OGRFieldSubType)] = (0..<fieldCount).map { i in
            let field = OGR_FD_GetFieldDefn(definition, i)
            return (String(cString: OGR_Fld_GetNameRef(field)), OGR_Fld_GetType(field), OGR_Fld_GetSubType(field))
        }

        var features: [VectorFeature] = []
        var index = -1
        OGR_L_ResetReading(layer)
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            index += 1
            var properties: [String: JSONValue] = [:]
            for (i, field) in fields.enumerated() {
                let i = Int32(i)
                guard OGR_F_IsFieldSetAndNotNull(feature, i) != 0 else { properties[field.name] = .null; continue }
                switch field.type {
                case OFTInteger where field.subtype == OFSTBoolean: properties[field.name] = .bool(OGR_F_GetFieldAsInteger(feature, i) != 0)
                case OFTInteger: properties[field.name] = .number(Double(OGR_F_GetFieldAsInteger(feature, i)))
                case OFTInteger64: properties[field.name] = .number(Double(OGR_F_GetFieldAsInteger64(feature, i)))
                case OFTReal:
                    let value = OGR_F_GetFieldAsDouble(feature, i)
                    guard value.isFinite else {
                        throw SiteMatchError.input(InputProblem(source: label, featureIndex: index, field: "properties.\(field.name)", message: "\(value) is not a finite number"))
                    }
                    properties[field.name] = .number(value)
                default: properties[field.name] = .string(String(cString: OGR_F_GetFieldAsString(feature, i)))
                }
            }
            var shape: Shape?
            if let borrowed = OGR_F_GetGeometryRef(feature) {
                shape = try transformedShape(borrowed, transformation: transformation, context: context, label: label, index: index)
            }
            let fid = OGR_F_GetFID(feature)
            let read = VectorFeature(index: index, properties: properties, geometry: shape, fid: fid == OGRNullFID ? nil : fid)
            if let eachFeature { try eachFeature(read) } else { features.append(read) }
        }
        if let problem = lastErrorIfFailure() {
            throw SiteMatchError(file: label, message: "stopped reading after \(index + 1) features: \(problem)")
        }
        return VectorLayer(source: path, layerName: layerName, driver: driver, sourceCRS: crsName, fields: fields.map(\.name), features: features)
    }

    /// The names of the vector layers in `path`, in the file's order. - Throws: ``SiteMatchError`` when
    /// the file is missing or GDAL cannot open it.
    public static func layerNames(path: String) throws -> [String] {
        GDALRuntime.register()
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        CPLErrorReset()
        guard FileManager.default.fileExists(atPath: path) else { throw SiteMatchError(file: path, message: "no such file") }
        guard let dataset = GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else {
            throw SiteMatchError(file: path, message: "cannot be read as a vector layer\(lastError())")
        }
        defer { GDALClose(dataset) }
        return names(of: dataset)
    }

    /// An open dataset's layer names, in order.
    private static func names(of dataset: GDALDatasetH) -> [String] {
        (0..<GDALDatasetGetLayerCount(dataset)).compactMap { i in
            GDALDatasetGetLayer(dataset, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    /// The transformation from the layer's CRS (or `options.srs`) to EPSG:27700, which the caller
    /// destroys; nil when the layer is in EPSG:27700 already (OSRIsSame), so its coordinates are taken
    /// as they are without a copy (reading the benchmark's 10^6 parcels from a GeoPackage: 5.5 → 4.9 s).
    private static func makeTransformation(layer: OGRLayerH, options: VectorReadOptions, label: String) throws -> (OGRCoordinateTransformationH?, String) {
        let source: OGRSpatialReferenceH
        if let srs = options.srs {
            guard let created = OSRNewSpatialReference(nil) else { throw SiteMatchError.internal("OSRNewSpatialReference failed") }
            guard OSRSetFromUserInput(created, srs) == OGRERR_NONE else {
                OSRDestroySpatialReference(created)
                throw SiteMatchError.usage("--srs '\(srs)' is not a coordinate reference system GDAL knows\(lastError()); use e.g. EPSG:27700 or EPSG:4326")
            }
            source = created
        } else {
            guard let own = OGR_L_GetSpatialRef(layer), let clone = OSRClone(own) else {
                throw SiteMatchError(file: label, message: "has no coordinate reference system (a CSV, or a Shapefile without its .prj); give --srs EPSG:27700 for British National Grid metres or --srs EPSG:4326 for longitude/latitude")
            }
            source = clone
        }
        defer { OSRDestroySpatialReference(source) }
        guard let target = OSRNewSpatialReference(nil) else { throw SiteMatchError.internal("OSRNewSpatialReference failed") }
        defer { OSRDestroySpatialReference(target) }
        guard OSRImportFromEPSG(target, 27700) == OGRERR_NONE else { throw SiteMatchError.internal("GDAL cannot load EPSG:27700\(lastError())") }
        // x = easting / longitude on both sides, whatever the CRS's official axis order.
        OSRSetAxisMappingStrategy(source, OAMS_TRADITIONAL_GIS_ORDER)
        OSRSetAxisMappingStrategy(target, OAMS_TRADITIONAL_GIS_ORDER)
        let name = crsName(source)
        if OSRIsSame(source, target) != 0 { return (nil, name) }
        guard let transformation = OCTNewCoordinateTransformation(source, target) else {
            throw SiteMatchError(file: label, message: "cannot be transformed from \(name) to British National Grid\(lastError())")
        }
        return (transformation, name)
    }

    /// "EPSG:4326", or the CRS's name where it has no authority code.
    private static func crsName(_ srs: OGRSpatialReferenceH) -> String {
        _ = OSRAutoIdentifyEPSG(srs)
        if let authority = OSRGetAuthorityName(srs, nil), let code = OSRGetAuthorityCode(srs, nil) {
            return "\(String(cString: authority)):\(String(cString: code))"
        }
        return OSRGetName(srs).map { String(cString: $0) } ?? "an unnamed CRS"
    }

    /// `geometry` transformed to BNG (no transformation: already BNG), as a ``Shape`` (through ISO WKB
    /// and GEOS). A flat, linear geometry in BNG is exported as it is; any other is copied first.
    private static func transformedShape(_ geometry: OGRGeometryH, transformation: OGRCoordinateTransformationH?, context: GEOSContext,
                                         label: String, index: Int) throws -> Shape {
        let type = OGR_G_GetGeometryType(geometry)
        if transformation == nil, OGR_GT_IsNonLinear(OGR_GT_Flatten(type)) == 0, OGR_GT_HasZ(type) == 0, OGR_GT_HasM(type) == 0 {
            return try shape(wkbOf: geometry, context: context, label: label, index: index)
        }
        guard let copy = OGR_G_Clone(geometry) else { throw SiteMatchError.internal("OGR_G_Clone failed") }
        defer { OGR_G_DestroyGeometry(copy) }
        let flat = OGR_GT_Flatten(OGR_G_GetGeometryType(copy))
        let linear: OGRGeometryH
        if OGR_GT_IsNonLinear(flat) != 0 {
            // Curves (GeoPackage CURVEPOLYGON, GML arcs): approximate with OGR's default step.
            guard let approximated = OGR_G_GetLinearGeometry(copy, 0, nil) else {
                throw SiteMatchError.input(InputProblem(source: label, featureIndex: index, field: "geometry", message: "a curved geometry OGR cannot approximate"))
            }
            linear = approximated
        } else {
            linear = copy
        }
        defer { if linear != copy { OGR_G_DestroyGeometry(linear) } }
        if let transformation, OGR_G_Transform(linear, transformation) != OGRERR_NONE {
            throw SiteMatchError.input(InputProblem(source: label, featureIndex: index, field: "geometry", message: "cannot be transformed to British National Grid\(lastError()); check the layer's CRS (or --srs)"))
        }
        OGR_G_FlattenTo2D(linear)
        return try shape(wkbOf: linear, context: context, label: label, index: index)
    }

    /// A flat, linear OGR geometry as a ``Shape``, through ISO WKB and GEOS (which checks it).
    private static func shape(wkbOf linear: OGRGeometryH, context: GEOSContext, label: String, index: Int) throws -> Shape {
        var bytes = [UInt8](repeating: 0, count: Int(OGR_G_WkbSize(linear)))
        guard OGR_G_ExportToIsoWkb(linear, wkbNDR, &bytes) == OGRERR_NONE else { throw SiteMatchError.internal("OGR_G_ExportToIsoWkb failed\(lastError())") }
        do {
            return try Geometry(wkb: bytes, context: context).shape
        } catch {
            throw SiteMatchError.input(InputProblem(source: label, featureIndex: index, field: "geometry", message: "\(error)"))
        }
    }

    /// GDAL's last error message as "; MESSAGE", or "".
    static func lastError() -> String {
        guard let message = CPLGetLastErrorMsg(), message.pointee != 0 else { return "" }
        return ": " + String(cString: message)
    }

    /// The last error when it was a failure (not a warning), or nil.
    private static func lastErrorIfFailure() -> String? {
        let type = CPLGetLastErrorType()
        guard type == CE_Failure || type == CE_Fatal, let message = CPLGetLastErrorMsg() else { return nil }
        return String(cString: message)
    }

    /// Runs `body` with `strings` as a NULL-terminated C array (GDAL's CSL), freed afterwards.
    private static func withCStringArray<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> T) rethrows -> T {
        if strings.isEmpty { return try body(nil) }
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers = copies.map { UnsafePointer($0) } + [nil]
        return try pointers.withUnsafeMutableBufferPointer { try body(UnsafePointer($0.baseAddress)) }
    }
}

/// GDAL's drivers are registered once per process (GDALAllRegister is not meant to race).
enum GDALRuntime {
    private static let registered: Bool = {
        GDALAllRegister()
        return true
    }()

    static func register() { _ = registered }

    /// "GDAL 3.6.2", for version lines.
    public static var version: String { String(cString: GDALVersionInfo("RELEASE_NAME")) }
}
