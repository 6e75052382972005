import Foundation
import Hummingbird
import Logging
import SiteMatchApp
import SiteMatchData
import SiteMatchGeometry

/// The body of every error response (schema `docs/schema/error.schema.json`):
/// `{"error": {"status", "kind", "message", "field"?, "nearest"?, "request_id"}}`. The message uses
/// the same words as the CLI's for the same problem; `field` is the request's field (a JSON path in
/// the body, or a query parameter).
struct APIErrorBody: Codable, Sendable {
    struct Detail: Codable, Sendable {
        var status: Int
        /// input, usage, not_found, unauthorized, forbidden, too_large, timeout, internal, http.
        var kind: String
        var message: String
        var field: String?
        var nearest: [String]?
        var requestId: String
    }

    var error: Detail
}

/// An error in the request itself that the taxonomy has no HTTP-only case for.
struct RequestError: Error, Sendable {
    var status: HTTPResponse.Status
    var kind: String
    var message: String
    var field: String?
    var headers: HTTPFields = [:]

    /// A body that cannot be read as the expected document: 400, naming the field.
    static func body(_ problem: SiteMatchError) -> RequestError {
        if case let .input(p) = problem {
            return RequestError(status: .badRequest, kind: "input", message: p.message, field: p.field)
        }
        return RequestError(status: .badRequest, kind: "input", message: problem.description)
    }

    /// A query parameter out of range or malformed: 400 naming it.
    static func parameter(_ name: String, _ message: String) -> RequestError {
        RequestError(status: .badRequest, kind: "usage", message: "\(name) \(message)", field: name)
    }
}

/// Turns every error a handler throws into a JSON error body with the right status. Internal errors
/// answer 500 with the request id only; their details go to the log under that id.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            response.headers[.init("X-Request-Id")!] = context.id
            return response
        } catch {
            return Self.response(for: error, requestID: context.id, logger: context.logger)
        }
    }

    static func response(for error: any Error, requestID: String, logger: Logger) -> Response {
        var detail: APIErrorBody.Detail
        var headers: HTTPFields = [:]
        switch error {
        case let e as RequestError:
            detail = .init(status: Int(e.status.code), kind: e.kind, message: e.message, field: e.field, requestId: requestID)
            headers = e.headers
        case let e as any HTTPResponseError:
            let status = e.status
            let message: String
            switch status {
            case .contentTooLarge: message = "the request body is over \(APIRoutes.maximumBodyBytes / 1024) KiB; an enquiry document is a few hundred bytes"
            case .notFound: message = "no such endpoint; see /openapi.yaml for the API"
            case .methodNotAllowed: message = "this endpoint does not take that method; see /openapi.yaml"
            default: message = status.reasonPhrase
            }
            detail = .init(status: Int(status.code), kind: status == .contentTooLarge ? "too_large" : "http", message: message, requestId: requestID)
        default:
            let classified = SiteMatchError.classify(error)
            switch classified {
            case let .input(problem):
                detail = .init(status: classified.httpStatus, kind: "input", message: problem.message, field: problem.field, requestId: requestID)
            case let .usage(message):
                detail = .init(status: classified.httpStatus, kind: "usage", message: message, requestId: requestID)
            case let .notFound(n):
                detail = .init(status: classified.httpStatus, kind: "not_found", message: classified.description, nearest: n.nearest, requestId: requestID)
            case let .internal(message):
                logger.error("internal error: \(message)", metadata: ["request_id": .string(requestID)])
                detail = .init(status: 500, kind: "internal",
                               message: "internal error (a bug in SiteMatch); please report it quoting request id \(requestID)", requestId: requestID)
            }
        }
        let body = (try? APIRoutes.compactJSON(APIErrorBody(error: detail))) ?? "{\"error\":{\"status\":500}}\n"
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.init("X-Request-Id")!] = requestID
        return Response(status: .init(code: detail.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
