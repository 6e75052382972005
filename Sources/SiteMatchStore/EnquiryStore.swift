import Foundation
import SiteMatchData

/// One logged enquiry: what was asked, what was answered, by whom, on which data. Records are
/// append-only: nothing edits or deletes one.
public struct EnquiryRecord: Hashable, Sendable {
    public var id: UUID
    /// When the request arrived (UTC, millisecond precision: both stores keep exactly this).
    public var receivedAt: Date
    /// The token's name, or "anonymous" where the log is open.
    public var who: String
    /// The enquiry's name (from its document), for listing.
    public var name: String
    /// How many sites met every requirement, for listing.
    public var matches: Int
    /// The enquiry as evaluated, as JSON text.
    public var request: String
    /// The response body exactly as returned, as JSON text.
    public var response: String
    /// A hash of the GeoData files' contents and the tool version (see `Workspace.dataVersion`).
    public var dataVersion: String
    /// Time spent evaluating, in milliseconds.
    public var durationMilliseconds: Double

    public init(id: UUID, receivedAt: Date, who: String, name: String, matches: Int, request: String, response: String,
                dataVersion: String, durationMilliseconds: Double) {
        self.id = id
        self.receivedAt = EnquiryRecord.millisecondPrecision(receivedAt)
        self.who = who
        self.name = name
        self.matches = matches
        self.request = request
        self.response = response
        self.dataVersion = dataVersion
        self.durationMilliseconds = durationMilliseconds
    }

    /// `date` truncated to whole milliseconds, the precision both stores keep.
    public static func millisecondPrecision(_ date: Date) -> Date {
        Timestamp.millisecondPrecision(date)
    }

    /// The record without its two documents, for lists.
    public var summary: EnquirySummary {
        EnquirySummary(id: id.uuidString.lowercased(), receivedAt: receivedAt, who: who, name: name, matches: matches, dataVersion: dataVersion,
                       durationMilliseconds: durationMilliseconds)
    }
}

/// A line of the enquiry log's list.
public struct EnquirySummary: Hashable, Sendable, Codable {
    /// Lower-case UUID text.
    public var id: String
    public var receivedAt: Date
    public var who: String
    public var name: String
    public var matches: Int
    public var dataVersion: String
    public var durationMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case id, receivedAt, who, name, matches, dataVersion
        case durationMilliseconds = "durationMs"
    }
}

/// A page of the log, newest first.
public struct EnquiryPage: Hashable, Sendable, Codable {
    /// Records in the whole log.
    public var total: Int
    public var limit: Int
    public var offset: Int
    public var items: [EnquirySummary]
}

/// The enquiry log. Implementations: ``SQLiteEnquiryStore`` (GRDB; the embedded default) and
/// ``PostgresEnquiryStore`` (postgres-nio; for a team). Both pass the same tests.
///
/// `append` returns only once the record is durable (committed), so a crash after the caller answers
/// loses nothing.
public protocol EnquiryStore: Sendable {
    /// Adds `record`. Throws `.usage` if a record with its id exists already (the log is append-only).
    func append(_ record: EnquiryRecord) async throws
    /// The record with `id`, or nil.
    func record(id: UUID) async throws -> EnquiryRecord?
    /// Up to `limit` records, newest first, skipping `offset`.
    func page(limit: Int, offset: Int) async throws -> EnquiryPage
    /// Every record, oldest first (for export).
    func all() async throws -> [EnquiryRecord]
    /// Releases connections; the store is unusable afterwards.
    func close() async throws
    /// Where the log is, for messages (a path or a URL without its password).
    var location: String { get }
}

extension EnquiryStore {
    /// The page size bounds every front end applies.
    public static var maximumPageSize: Int { 500 }

    /// Checks paging values, naming the parameter.
    public static func checkPaging(limit: Int, offset: Int) throws {
        guard (1...maximumPageSize).contains(limit) else { throw SiteMatchError.usage("limit must be between 1 and \(maximumPageSize), got \(limit)") }
        guard offset >= 0, offset <= 1_000_000_000 else { throw SiteMatchError.usage("offset must be between 0 and 1000000000, got \(offset)") }
    }
}

/// Timestamps as both stores keep them: ``Timestamp``'s text, which sorts as time does.
enum StoredTimestamp {
    static func text(_ date: Date) -> String { Timestamp.text(date) }

    static func date(_ text: String) throws -> Date {
        guard let date = Timestamp.date(text) else {
            throw SiteMatchError.internal("the enquiry log holds a timestamp that is not ISO 8601: '\(text)'")
        }
        return date
    }
}
