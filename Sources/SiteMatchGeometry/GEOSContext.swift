import CGEOS

/// A GEOS context: the unit of GEOS thread safety, and the owner of GEOS's last error message.
///
/// **Threading rule.** A `GEOSContext`, and every ``Geometry``, ``PreparedGeometry`` and
/// ``SpatialIndex`` made with it, belongs to one thread at a time. Give each worker its own
/// context (``ParallelWorkers`` does this for you); never share one across threads. To hand a
/// geometry to another worker, hand over a ``Shape`` or its WKB bytes (both `Sendable`) and
/// rebuild it in that worker's context.
///
/// The context also caches GEOS's WKT/WKB readers and writers, so batch conversions do not pay
/// for creating them per call (Shapely 2 does the same per thread).
public final class GEOSContext {
    /// `GEOSContextHandle_t`, created by `GEOS_init_r`, destroyed once by `GEOS_finish_r` in `deinit`.
    let handle: GEOSContextHandle_t
    private let messages: MessageBox

    private var wktReader: OpaquePointer?
    private var wktWriter: OpaquePointer?
    private var wkbReader: OpaquePointer?
    private var wkbWriter: OpaquePointer?

    /// Creates a fresh GEOS context for the calling worker.
    public init() {
        guard let handle = GEOS_init_r() else {
            // GEOS_init_r returns NULL only when it cannot allocate a few hundred bytes.
            preconditionFailure("GEOS_init_r could not allocate a context (out of memory)")
        }
        self.handle = handle
        self.messages = MessageBox()
        let userdata = Unmanaged.passUnretained(messages).toOpaque()
        // The handler receives GEOS's already-formatted message and our box as userdata.
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let message, let userdata else { return }
            Unmanaged<MessageBox>.fromOpaque(userdata).takeUnretainedValue().lastError = String(cString: message)
        }, userdata)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { _, _ in }, nil)
    }

    deinit {
        if let wktReader { GEOSWKTReader_destroy_r(handle, wktReader) }
        if let wktWriter { GEOSWKTWriter_destroy_r(handle, wktWriter) }
        if let wkbReader { GEOSWKBReader_destroy_r(handle, wkbReader) }
        if let wkbWriter { GEOSWKBWriter_destroy_r(handle, wkbWriter) }
        GEOS_finish_r(handle)
    }

    /// The version of the GEOS library in use, e.g. "3.11.1-CAPI-1.17.1".
    public static var geosVersion: String { String(cString: GEOSversion()) }

    /// Returns and clears GEOS's last error message for this context.
    func takeLastError() -> String {
        defer { messages.lastError = nil }
        return messages.lastError ?? "GEOS reported an error without a message"
    }

    /// A `GeometryError.geos` for `operation`, carrying GEOS's own message.
    func error(_ operation: String) -> GeometryError {
        .geos(operation: operation, message: takeLastError())
    }

    func sharedWKTReader() -> OpaquePointer {
        if let wktReader { return wktReader }
        let reader = GEOSWKTReader_create_r(handle)!
        wktReader = reader
        return reader
    }

    func sharedWKTWriter() -> OpaquePointer {
        if let wktWriter { return wktWriter }
        let writer = GEOSWKTWriter_create_r(handle)!
        GEOSWKTWriter_setTrim_r(handle, writer, 1)
        GEOSWKTWriter_setOutputDimension_r(handle, writer, 2)
        wktWriter = writer
        return writer
    }

    func sharedWKBReader() -> OpaquePointer {
        if let wkbReader { return wkbReader }
        let reader = GEOSWKBReader_create_r(handle)!
        wkbReader = reader
        return reader
    }

    func sharedWKBWriter() -> OpaquePointer {
        if let wkbWriter { return wkbWriter }
        let writer = GEOSWKBWriter_create_r(handle)!
        GEOSWKBWriter_setOutputDimension_r(handle, writer, 2)
        wkbWriter = writer
        return writer
    }
}

/// Holds the last error message GEOS reported on one context.
private final class MessageBox {
    var lastError: String?
}
