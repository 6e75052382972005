import CGDAL
import Foundation
import SiteMatchGeometry

/// One layer to write: features in EPSG:27700 with their properties; field types are taken from the
/// values (a field holding only numbers is Real, only true/false Integer(Boolean), otherwise String).
public struct OutputLayer: Sendable {
    public enum GeometryKind: Sendable { case polygon, point, lineString }

    public var name: String
    public var kind: GeometryKind
    public var features: [(properties: [String: JSONValue], geometry: Shape)]
    /// A QGIS style (QML) for `layer_styles`, so QGIS opens the layer styled.
    public var qml: String?

    public init(name: String, kind: GeometryKind, features: [(properties: [String: JSONValue], geometry: Shape)], qml: String? = nil) {
        self.name = name
        self.kind = kind
        self.features = features
        self.qml = qml
    }
}

/// Field names a DBF can hold (10 characters, unique), kept readable and deterministic: a name that
/// fits is kept; a longer one becomes its first word's first 4 letters, "_", and the initials of the
/// rest (`score_materials_digital_integration` → `scor_mdi`, `geometry_quality` → `geom_q`), cut to 10,
/// with a number added on a clash. The map goes beside the Shapefile, so no name is a guess.
public enum ShapefileFieldNames {
    public static let limit = 10

    public static func shorten(_ names: [String]) -> [(short: String, full: String)] {
        var used = Set(names.filter { $0.count <= limit }.map { $0.lowercased() })
        return names.map { name in
            if name.count <= limit { return (name, name) }
            let words = name.split(separator: "_").map(String.init).filter { !$0.isEmpty }
            var stem = String((words.first ?? name).prefix(4))
            let initials = words.dropFirst().compactMap(\.first).map(String.init).joined()
            if !initials.isEmpty { stem += "_" + initials }
            stem = String(stem.prefix(limit))
            var candidate = stem
            var n = 1
            while used.contains(candidate.lowercased()) {
                let suffix = String(n)
                candidate = String(stem.prefix(limit - suffix.count)) + suffix
                n += 1
            }
            used.insert(candidate.lowercased())
            return (candidate, name)
        }
    }
}

/// Writes layers with GDAL/OGR. A GeoPackage holds every layer in EPSG:27700, a `layer_styles`
/// table QGIS reads (a layer's QML becomes its default style) and the run record as dataset
/// metadata. Written to a temporary file beside the destination and renamed into place, so a
/// failed export leaves nothing behind and never a half-written file.
public enum VectorLayerWriter {
    /// Writes `layers` to the GeoPackage `path`. - Throws: ``SiteMatchError`` naming the file.
    public static func writeGeoPackage(_ layers: [OutputLayer], metadata: [String: String], to path: String, overwrite: Bool) throws {
        try OutputFile.produce(at: path, overwrite: overwrite) { temporary in
            try write(layers, metadata: metadata, driverName: "GPKG", to: temporary, label: path)
        }
    }

    /// Writes a FlatGeobuf (one layer per file).
    public static func writeFlatGeobuf(_ layer: OutputLayer, to path: String, overwrite: Bool) throws {
        try OutputFile.produce(at: path, overwrite: overwrite) { temporary in
            try write([layer], metadata: [:], driverName: "FlatGeobuf", to: temporary, label: path)
        }
    }

    /// The files of a Shapefile named `path` (`.shp`), in the order they are moved into place.
    public static func shapefileParts(_ path: String) -> [String] {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().path
        return ["shp", "shx", "dbf", "prj", "cpg"].map { stem + "." + $0 }
    }

    /// Writes `layer` as an ESRI Shapefile at `path` (`.shp`, with `.shx`, `.dbf`, `.prj` and a
    /// `.cpg` saying UTF-8), its field names cut to the DBF's 10 characters by
    /// ``ShapefileFieldNames/shorten(_:)``, which it returns (short name → full name) for the caller to
    /// write beside it. Every part is written in a temporary folder beside `path` and moved into place
    /// only when all are written; existing parts are refused without `overwrite`.
    @discardableResult
    public static func writeShapefile(_ layer: OutputLayer, to path: String, overwrite: Bool) throws -> [(short: String, full: String)] {
        let parts = shapefileParts(path)
        for part in parts { try OutputFile.checkReplaceable(part, overwrite: overwrite) }
        let names = ShapefileFieldNames.shorten(Set(layer.features.flatMap(\.properties.keys)).sorted())
        let full = Dictionary(uniqueKeysWithValues: names.map { ($0.full, $0.short) })
        var renamed = layer
        renamed.features = layer.features.map { item in
            (Dictionary(uniqueKeysWithValues: item.properties.map { (full[$0.key]!, $0.value) }), item.geometry)
        }
        let folder = OutputFile.temporaryName(beside: path, purpose: "shapefile")
        guard mkdir(folder, 0o755) == 0 else {
            throw SiteMatchError(file: path, message: "cannot write: the temporary folder \(folder) cannot be made: \(String(cString: strerror(errno)))")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let temporary = folder + "/" + URL(fileURLWithPath: path).lastPathComponent
        try write([renamed], metadata: [:], driverName: "ESRI Shapefile", to: temporary, label: path, layerOptions: ["ENCODING=UTF-8"])
        for (written, destination) in zip(shapefileParts(temporary), parts) {
            guard FileManager.default.fileExists(atPath: written) else { continue }
            guard rename(written, destination) == 0 else {
                throw SiteMatchError(file: destination, message: "cannot write: rename failed: \(String(cString: strerror(errno)))")
            }
        }
        return names
    }

    private static func write(_ layers: [OutputLayer], metadata: [String: String], driverName: String, to path: String, label: String,
                              layerOptions: [String] = []) throws {
        GDALRuntime.register()
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        CPLErrorReset()
        guard let driver = GDALGetDriverByName(driverName) else { throw SiteMatchError.internal("GDAL has no \(driverName) driver") }
        guard let dataset = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw SiteMatchError(file: label, message: "cannot be created\(VectorLayerReader.lastError())")
        }
        var closed = false
        defer { if !closed { GDALClose(dataset) } }
        guard let srs = OSRNewSpatialReference(nil) else { throw SiteMatchError.internal("OSRNewSpatialReference failed") }
        defer { OSRDestroySpatialReference(srs) }
        guard OSRImportFromEPSG(srs, 27700) == OGRERR_NONE else { throw SiteMatchError.internal("GDAL cannot load EPSG:27700") }
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
        let context = GEOSContext()

        for layer in layers {
            let geometryType: OGRwkbGeometryType = switch layer.kind {
            case .polygon: wkbMultiPolygon
            case .point: wkbPoint
            case .lineString: wkbMultiLineString
            }
            // GDAL's option list: C strings, NULL-terminated, freed after the call.
            var options: [UnsafeMutablePointer<CChar>?] = layerOptions.map { strdup($0) } + [nil]
            defer { for option in options { free(option) } }
            let created = options.withUnsafeMutableBufferPointer { GDALDatasetCreateLayer(dataset, layer.name, srs, geometryType, $0.baseAddress) }
            guard let handle = created else {
                throw SiteMatchError(file: label, message: "cannot create layer \(layer.name)\(VectorLayerReader.lastError())")
            }
            let names = Set(layer.features.flatMap(\.properties.keys)).sorted()
            for name in names {
                let values = layer.features.compactMap { $0.properties[name] }.filter { !$0.isNull }
                let (type, subtype): (OGRFieldType, OGRFieldSubType) =
                    values.allSatisfy({ $0.numberValue != nil }) && !values.isEmpty ? (OFTReal, OFSTNone)
                    : values.allSatisfy({ $0.boolValue != nil }) && !values.isEmpty ? (OFTInteger, OFSTBoolean) : (OFTString, OFSTNone)
                let field = OGR_Fld_Create(name, type)
                OGR_Fld_SetSubType(field, subtype)
                defer { OGR_Fld_Destroy(field) }
                guard OGR_L_CreateField(handle, field, 1) == OGRERR_NONE else {
                    throw SiteMatchError(file: label, message: "cannot create field \(name) in layer \(layer.name)\(VectorLayerReader.lastError())")
                }
            }
            guard OGR_L_StartTransaction(handle) == OGRERR_NONE else { throw SiteMatchError(file: label, message: "cannot start writing layer \(layer.name)") }
            let definition = OGR_L_GetLayerDefn(handle)
            for (index, item) in layer.features.enumerated() {
                guard let feature = OGR_F_Create(definition) else { throw SiteMatchError.internal("OGR_F_Create failed") }
                defer { OGR_F_Destroy(feature) }
                for (name, value) in item.properties {
                    let i = OGR_F_GetFieldIndex(feature, name)
                    guard i >= 0 else { continue }
                    switch value {
                    case .null: OGR_F_SetFieldNull(feature, i)
                    case let .number(n): OGR_F_SetFieldDouble(feature, i, n)
                    case let .bool(b): OGR_F_SetFieldInteger(feature, i, b ? 1 : 0)
                    case let .string(s): OGR_F_SetFieldString(feature, i, s)
                    case .array, .object: OGR_F_SetFieldString(feature, i, value.description)
                    }
                }
                var shape = item.geometry
                if layer.kind == .polygon, case let .polygon(rings) = shape { shape = .multiPolygon([rings]) }
                if layer.kind == .lineString, case let .lineString(line) = shape { shape = .multiLineString([line]) }
                let wkb = try Geometry(shape, context: context).wkb
                var geometry: OGRGeometryH?
                let created = wkb.withUnsafeBufferPointer { buffer in
                    OGR_G_CreateFromWkbEx(buffer.baseAddress, nil, &geometry, buffer.count)
                }
                guard created == OGRERR_NONE, let geometry else {
                    throw SiteMatchError(file: label, message: "layer \(layer.name), feature #\(index): its geometry cannot be written\(VectorLayerReader.lastError())")
                }
                // SetGeometryDirectly takes ownership: OGR frees it with the feature.
                OGR_F_SetGeometryDirectly(feature, geometry)
                guard OGR_L_CreateFeature(handle, feature) == OGRERR_NONE else {
                    throw SiteMatchError(file: label, message: "layer \(layer.name), feature #\(index) cannot be written\(VectorLayerReader.lastError())")
                }
            }
            guard OGR_L_CommitTransaction(handle) == OGRERR_NONE else { throw SiteMatchError(file: label, message: "cannot finish layer \(layer.name)\(VectorLayerReader.lastError())") }
        }

        if driverName == "GPKG" {
            try writeStyles(layers, dataset: dataset, label: label)
            for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { GDALSetMetadataItem(dataset, key, value, nil) }
        }
        closed = true
        GDALClose(dataset)
        if let problem = lastFailure() { throw SiteMatchError(file: label, message: "cannot be written: \(problem)") }
    }

    /// The `layer_styles` table QGIS looks for in a GeoPackage: one default style per styled layer.
    private static func writeStyles(_ layers: [OutputLayer], dataset: GDALDatasetH, label: String) throws {
        let styled = layers.filter { $0.qml != nil }
        guard !styled.isEmpty else { return }
        guard let table = GDALDatasetCreateLayer(dataset, "layer_styles", nil, wkbNone, nil) else {
            throw SiteMatchError(file: label, message: "cannot create layer_styles\(VectorLayerReader.lastError())")
        }
        let columns: [(String, OGRFieldType)] = [("f_table_catalog", OFTString), ("f_table_schema", OFTString), ("f_table_name", OFTString),
                                                ("f_geometry_column", OFTString), ("styleName", OFTString), ("styleQML", OFTString),
                                                ("styleSLD", OFTString), ("useAsDefault", OFTInteger), ("description", OFTString),
                                                ("owner", OFTString), ("ui", OFTString), ("update_time", OFTDateTime)]
        for (name, type) in columns {
            let field = OGR_Fld_Create(name, type)
            if name == "useAsDefault" { OGR_Fld_SetSubType(field, OFSTBoolean) }
            defer { OGR_Fld_Destroy(field) }
            guard OGR_L_CreateField(table, field, 1) == OGRERR_NONE else { throw SiteMatchError(file: label, message: "cannot create layer_styles.\(name)") }
        }
        let definition = OGR_L_GetLayerDefn(table)
        let now = Timestamp.text(Date())
        for layer in styled {
            guard let feature = OGR_F_Create(definition) else { throw SiteMatchError.internal("OGR_F_Create failed") }
            defer { OGR_F_Destroy(feature) }
            let values: [String: String] = ["f_table_catalog": "", "f_table_schema": "", "f_table_name": layer.name, "f_geometry_column": "geom",
                                            "styleName": layer.name, "styleQML": layer.qml!, "styleSLD": "",
                                            "description": "SiteMatch default style", "owner": "", "ui": "", "update_time": now]
            for (name, value) in values { OGR_F_SetFieldString(feature, OGR_F_GetFieldIndex(feature, name), value) }
            OGR_F_SetFieldInteger(feature, OGR_F_GetFieldIndex(feature, "useAsDefault"), 1)
            guard OGR_L_CreateFeature(table, feature) == OGRERR_NONE else { throw SiteMatchError(file: label, message: "cannot write the style of \(layer.name)") }
        }
    }

    private static func lastFailure() -> String? {
        let type = CPLGetLastErrorType()
        guard type == CE_Failure || type == CE_Fatal, let message = CPLGetLastErrorMsg() else { return nil }
        return String(cString: message)
    }
}
