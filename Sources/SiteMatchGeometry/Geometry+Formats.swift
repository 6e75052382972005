import CGEOS

extension Geometry {
    /// Reads Well-Known Text, e.g. `POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))`.
    public convenience init(wkt: String, context: GEOSContext) throws {
        let handle = GEOSWKTReader_read_r(context.handle, context.sharedWKTReader(), wkt)
        guard let handle else { throw context.error("WKT read") }
        self.init(owning: handle, in: context)
    }

    /// Reads Well-Known Binary (either byte order).
    public convenience init(wkb: [UInt8], context: GEOSContext) throws {
        let handle = wkb.withUnsafeBufferPointer { buffer in
            GEOSWKBReader_read_r(context.handle, context.sharedWKBReader(), buffer.baseAddress, buffer.count)
        }
        guard let handle else { throw context.error("WKB read") }
        self.init(owning: handle, in: context)
    }

    /// Well-Known Text with trailing zeros trimmed (2-D).
    public var wkt: String {
        get throws {
            // WKTWriter_write_r returns a string the caller frees with GEOSFree_r; NULL on exception.
            guard let text = GEOSWKTWriter_write_r(context.handle, context.sharedWKTWriter(), handle) else {
                throw context.error("WKT write")
            }
            defer { GEOSFree_r(context.handle, text) }
            return String(cString: text)
        }
    }

    /// Well-Known Binary (2-D, the machine's byte order).
    public var wkb: [UInt8] {
        get throws {
            var size = 0
            // WKBWriter_write_r returns a buffer the caller frees with GEOSFree_r; NULL on exception.
            guard let bytes = GEOSWKBWriter_write_r(context.handle, context.sharedWKBWriter(), handle, &size) else {
                throw context.error("WKB write")
            }
            defer { GEOSFree_r(context.handle, bytes) }
            return Array(UnsafeBufferPointer(start: bytes, count: size))
        }
    }
}
