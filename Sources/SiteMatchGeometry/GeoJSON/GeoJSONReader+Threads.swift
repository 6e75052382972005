import Dispatch
import Foundation
import Synchronization

extension GeoJSONReader {
    /// A problem with one feature found by the caller of a streaming read (say, a property the
    /// caller needs is missing). The reader reports it as a ``GeoJSONError`` naming the file, the
    /// feature's index in the file and its id, and `field` — the caller need not know the index.
    public struct FeatureProblem: Error, Sendable {
        public var field: String?
        public var message: String
        public init(field: String?, _ message: String) {
            self.field = field
            self.message = message
        }
    }

    /// What one thread of ``read(contentsOfFile:allowEmpty:threads:makePart:eachFeature:)`` gathered:
    /// `eachFeature` applied in order to features `firstIndex ..< firstIndex + count` of the file.
    public struct Stretch<Part> {
        public var firstIndex: Int
        public var count: Int
        public var part: Part
    }

    /// Reads a large FeatureCollection file on up to `threads` threads, each parsing a stretch of
    /// the features array into its own `Part` (made by `makePart`; `eachFeature` adds one feature to
    /// it). Returns the stretches in file order — together they hold every feature exactly once —
    /// and the collection, as ``read(contentsOfFile:allowEmpty:eachFeature:)`` does.
    ///
    /// The results, and every error, are those of the sequential read. Stretches start where an
    /// element plausibly begins (a guess from the bytes alone) and are kept only once the in-order
    /// parse has reached that exact element boundary; a stretch whose parse failed, or whose
    /// `eachFeature` threw, is discarded and re-read in order on the calling thread, so the first
    /// error in the file is the one reported, with the feature's index in the file. Throw a
    /// ``FeatureProblem`` from `eachFeature` to have it named that way. Files under 1 MiB per
    /// thread are read on the calling thread alone.
    public static func read<Part: Sendable>(contentsOfFile path: String, allowEmpty: Bool = false, threads: Int,
                                            makePart: @escaping @Sendable () -> Part,
                                            eachFeature: @escaping @Sendable (inout Part, Feature) throws -> Void) throws -> (collection: FeatureCollection, stretches: [Stretch<Part>]) {
        try read(contents(ofFile: path), source: path, allowEmpty: allowEmpty, threads: threads, makePart: makePart, eachFeature: eachFeature)
    }

    /// ``read(contentsOfFile:allowEmpty:threads:makePart:eachFeature:)`` for GeoJSON text; a stretch
    /// is at least `minimumStretchBytes` long (tests use small values to split small texts).
    static func read<Part: Sendable>(_ data: Data, source: String, allowEmpty: Bool = false, threads: Int, minimumStretchBytes: Int = 1 << 20,
                                     makePart: @escaping @Sendable () -> Part,
                                     eachFeature: @escaping @Sendable (inout Part, Feature) throws -> Void) throws -> (collection: FeatureCollection, stretches: [Stretch<Part>]) {
        if data.isEmpty { throw GeoJSONError(source: source, message: "the input is empty; expected a GeoJSON object") }
        return try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let stretchCount = max(1, min(threads, bytes.count / max(1, minimumStretchBytes)))
            let offsets = JSONStream.plausibleElementStarts(in: bytes, parts: stretchCount)
            let workers = offsets.map { _ in StretchWorker<Part>() }
            let shared = SharedBytes(bytes: bytes)
            for (k, worker) in workers.enumerated() {
                let offset = offsets[k], stopAt = k + 1 < offsets.count ? offsets[k + 1] : nil
                DispatchQueue.global().async {
                    worker.parse(shared.bytes, source: source, from: offset, stopAt: stopAt, makePart: makePart, eachFeature: eachFeature)
                }
            }
            // Whatever happens here, no worker may outlive `bytes`.
            defer {
                for worker in workers { worker.cancel() }
                for worker in workers { _ = worker.result() }
            }
            return try readInOrder(bytes, source: source, allowEmpty: allowEmpty, claims: zip(offsets, workers).map { offset, worker in
                (offset, { worker.result() })
            }, makePart: makePart, eachFeature: eachFeature)
        }
    }

    /// The in-order parse on the calling thread, taking over the stretches of `claims` it can verify.
    static func readInOrder<Part>(_ bytes: UnsafeBufferPointer<UInt8>, source: String, allowEmpty: Bool,
                                          claims: [(offset: Int, result: () -> StretchWorker<Part>.Result?)],
                                          makePart: () -> Part, eachFeature: (inout Part, Feature) throws -> Void) throws -> (collection: FeatureCollection, stretches: [Stretch<Part>]) {
        var parser = Parser(source: source)
        var scratch = CoordinateNesting()
        var stretches: [Stretch<Part>] = []
        var current = Stretch(firstIndex: 0, count: 0, part: makePart())
        /// Evidence of the stretches before `current`, by index in the file; `current`'s own, by index in it.
        var evidence = CRSEvidence(), currentEvidence = CRSEvidence()
        func give(_ feature: Feature) throws {
            do {
                try eachFeature(&current.part, feature)
            } catch let problem as FeatureProblem {
                throw parser.fail(problem.field, problem.message)
            }
            current.count += 1
        }
        func close() {
            evidence.append(currentEvidence, from: current.firstIndex)
            if current.count > 0 { stretches.append(current) }
        }
        let root = try JSONStream.parse(bytes, source: source, claims: claims.map { claim in
            JSONStream.Claim(offset: claim.offset) { firstIndex in
                guard let taken = claim.result() else { return nil }
                close()
                current = Stretch(firstIndex: firstIndex, count: taken.stretch.count, part: taken.part)
                currentEvidence = taken.evidence
                return taken.stretch
            }
        }) { stream, index in
            parser.featureIndex = index
            parser.featureID = nil
            let feature = try parser.streamedFeature(&stream, scratch: &scratch)
            currentEvidence.add(feature, index: current.count)
            try give(feature)
        }
        parser.featureIndex = nil
        parser.featureID = nil
        let streamed = current.firstIndex + current.count
        close()
        parser.evidence = evidence
        // A root Feature or geometry (not streamed) is handed over here, with its evidence.
        current = Stretch(firstIndex: streamed, count: 0, part: makePart())
        let collection = try parser.collection(from: root, streamedCount: streamed, allowEmpty: allowEmpty) { _, feature in try give(feature) }
        if current.count > 0 { stretches.append(current) }
        return (collection, stretches)
    }
}

/// The bytes of a file being read, shared with the worker threads for the duration of the read
/// (the read waits for every worker before it returns).
struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
}

/// One speculative stretch of a threaded read: parsed on a worker thread, collected by the
/// in-order parse. Its mutable state is written by the worker before `done` is signalled and read
/// only after waiting on `done`.
final class StretchWorker<Part>: @unchecked Sendable {
    struct Result {
        var stretch: JSONStream.ClaimedStretch
        var part: Part
        var evidence: CRSEvidence
    }
    private let done = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)
    private var outcome: Result?
    private var finished = false

    func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String, from offset: Int, stopAt: Int?,
               makePart: () -> Part, eachFeature: (inout Part, Feature) throws -> Void) {
        var parser = Parser(source: source)
        var scratch = CoordinateNesting()
        var part = makePart()
        // Any error discards the stretch: the in-order parse re-reads it and reports the error in place.
        if let stretch = try? JSONStream.parseElements(bytes, source: source, from: offset, stopAt: stopAt,
                                                       cancelled: { cancelled.load(ordering: .relaxed) }, onElement: { stream, index in
            parser.featureIndex = index
            parser.featureID = nil
            let feature = try parser.streamedFeature(&stream, scratch: &scratch)
            parser.evidence.add(feature, index: index)
            try eachFeature(&part, feature)
        }) {
            outcome = Result(stretch: stretch, part: part, evidence: parser.evidence)
        }
        done.signal()
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Waits for the worker (once) and returns its stretch, or nil if it failed or was cancelled.
    func result() -> Result? {
        if !finished {
            done.wait()
            finished = true
        }
        return outcome
    }
}

extension CRSEvidence {
    /// Adds the evidence of the features that follow, whose indices count from `firstIndex`.
    mutating func append(_ later: CRSEvidence, from firstIndex: Int) {
        if firstOutsideLonLat == nil, let outside = later.firstOutsideLonLat {
            firstOutsideLonLat = (outside.index + firstIndex, outside.id, outside.coordinate)
        }
        sawCoordinate = sawCoordinate || later.sawCoordinate
        allLookLikeLonLatInGreatBritain = allLookLikeLonLatInGreatBritain && later.allLookLikeLonLatInGreatBritain
    }
}
