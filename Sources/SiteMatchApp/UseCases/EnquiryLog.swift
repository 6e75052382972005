import Foundation
import SiteMatchData
import SiteMatchGeometry
import SiteMatchStore

/// A logged enquiry as the log shows it (`GET /api/enquiries/{id}`, `sitematch enquiries show`): the
/// record's facts, the request as given and the response exactly as returned. Schema
/// `docs/schema/logged-enquiry.schema.json`.
public struct LoggedEnquiry: Hashable, Sendable, Codable {
    /// Lower-case UUID text.
    public var id: String
    public var receivedAt: Date
    public var who: String
    public var name: String
    public var matches: Int
    public var dataVersion: String
    public var durationMs: Double
    /// The enquiry document as the client sent it.
    public var request: JSONValue
    /// The response body as it was returned (an ``EnquiryReport`` with its `log` member).
    public var response: JSONValue

    public init(_ record: EnquiryRecord) throws {
        id = record.id.uuidString.lowercased()
        receivedAt = record.receivedAt
        who = record.who
        name = record.name
        matches = record.matches
        dataVersion = record.dataVersion
        durationMs = record.durationMilliseconds
        do {
            request = try JSONValue(parsing: record.request)
            response = try JSONValue(parsing: record.response)
        } catch {
            throw SiteMatchError.internal("the logged enquiry \(record.id) holds text that is not JSON: \(error)")
        }
    }
}

/// The answer to a submitted enquiry: the report (with its `log` member set) and the exact JSON
/// text returned and stored.
public struct SubmittedEnquiry: Sendable {
    public var report: EnquiryReport
    public var body: String
}

extension Workspace {
    /// `POST /api/enquiries`: evaluates `enquiry`, logs it in `store` — durably, before returning —
    /// and returns the report with its log entry. `requestText` is the document as the client sent
    /// it (stored as given); nil stores the evaluated document. The body, returned and logged as the
    /// same text, is laid out as `layout` says (the server's compact JSON by default).
    /// - Throws: what ``answer(_:nearMisses:priorWeight:)`` throws, or the store's error (then nothing
    ///   was logged and nothing should be answered but the error).
    public func submit(_ enquiry: Enquiry, requestText: String? = nil, who: String, store: any EnquiryStore, memo: EnquiryScoringMemo? = nil,
                       layout: JSONLayout = .compact, id: UUID = UUID(), receivedAt: Date = Date()) async throws -> SubmittedEnquiry {
        let clock = ContinuousClock()
        let start = clock.now
        var report = try answer(enquiry, memo: memo)
        let received = EnquiryRecord.millisecondPrecision(receivedAt)
        report.log = .init(id: id.uuidString.lowercased(), receivedAt: received, who: who, dataVersion: dataVersion)
        let body = try ReportJSON.text(report, layout: layout)
        let elapsed = clock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        try await store.append(EnquiryRecord(id: id, receivedAt: received, who: who, name: enquiry.name, matches: report.matches.count,
                                             request: try requestText ?? ReportJSON.text(enquiry, layout: layout), response: body,
                                             dataVersion: dataVersion, durationMilliseconds: milliseconds))
        return SubmittedEnquiry(report: report, body: body)
    }
}

/// Reading the log (the server's GET endpoints and `sitematch enquiries`). Needs no workspace: the
/// log is read as it is, whatever data the server now runs on.
public enum EnquiryLogReader {
    /// One logged enquiry by id (text as in a URL).
    /// - Throws: `.usage` for text that is not a UUID; `.notFound` for an id not in the log.
    public static func show(_ idText: String, store: any EnquiryStore) async throws -> LoggedEnquiry {
        guard let id = UUID(uuidString: idText) else {
            throw SiteMatchError.usage("'\(idText)' is not an enquiry id; expected a UUID such as 9f0c3b1e-0d7a-4c52-9a43-2f1d8e6b7c10")
        }
        guard let record = try await store.record(id: id) else {
            throw SiteMatchError.notFound(.init(kind: "enquiry", id: idText, nearest: []))
        }
        return try LoggedEnquiry(record)
    }

    /// A page of the log, newest first. - Throws: `.usage` for paging out of range.
    public static func list(limit: Int = 50, offset: Int = 0, store: any EnquiryStore) async throws -> EnquiryPage {
        try await store.page(limit: limit, offset: offset)
    }

    /// The whole log, oldest first, as JSON (an array of ``LoggedEnquiry``) or CSV (one row per
    /// enquiry: its facts, the request and the response as JSON text).
    public static func export(format: String, store: any EnquiryStore) async throws -> String {
        let records = try await store.all()
        switch format {
        case "json":
            return try ReportJSON.text(try records.map(LoggedEnquiry.init))
        case "csv":
            return try CSVText.make(header: ["id", "received_at", "who", "name", "matches", "data_version", "duration_ms", "request", "response"],
                                    rows: records.map { r in
                                        [r.id.uuidString.lowercased(), Timestamp.text(r.receivedAt), r.who, r.name, String(r.matches),
                                         r.dataVersion, String(format: "%.3f", r.durationMilliseconds), r.request, r.response]
                                    })
        default:
            throw SiteMatchError.usage("--format must be csv or json, got '\(format)'")
        }
    }
}

extension LoggedEnquiry {
    /// The logged response as an ``EnquiryReport`` (for the enquiry report of a logged answer).
    /// The enquiry document inside it has fixed snake_case keys and driver ids as weight keys, which
    /// the report decoder's snake_case conversion would rename, so it is decoded on its own.
    /// - Throws: `.internal` when the stored response is not an enquiry answer.
    public func answer() throws -> EnquiryReport {
        guard var object = response.objectValue, let enquiry = object["enquiry"] else {
            throw SiteMatchError.internal("logged enquiry \(id) holds no enquiry answer")
        }
        do {
            let document = try JSONDecoder().decode(Enquiry.self, from: Data(try ReportJSON.text(enquiry).utf8))
            object["enquiry"] = .object(["name": .string(document.name)])
            var report = try ReportJSON.decoder().decode(EnquiryReport.self, from: Data(try ReportJSON.text(JSONValue.object(object)).utf8))
            report.enquiry = document
            return report
        } catch {
            throw SiteMatchError.internal("logged enquiry \(id)'s response cannot be read back: \(error)")
        }
    }
}
