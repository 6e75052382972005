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

    private static func write(_ layers: [OutputLayer], metadata: [String: String], driverName: String, to path: String, label: String) throws {
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
            guard let handle = GDALDatasetCreateLayer(dataset, layer.name, srs, geometryType, nil) else {
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
