public import DataArtsHTTP1
public import DataArtsJSON

/// An error in the vendor's shape, from the service or from the gateway in front of it: a
/// code of the catalogue (`VendorCode`), its status and its message.
///
/// Built through the factories below, so every code carries the vendor's own message
/// template; `body(requestID:)` is the one place its JSON is written.
public struct APIError: Error, Sendable, Equatable {
    public let status: HTTPStatus
    public let code: String
    public let message: String
    public let shape: VendorCode.Shape

    /// `code`'s answer with `{0}` = `detail`.
    public init(_ code: VendorCode, detail: String = "") {
        self.init(status: code.status, code: code.code, message: code.message(detail), shape: code.shape)
    }

    private init(status: HTTPStatus, code: String, message: String, shape: VendorCode.Shape) {
        self.status = status
        self.code = code
        self.message = message
        self.shape = shape
    }

    // MARK: - The service (SPEC §3)

    /// DAYU.4402: a header, the query, the JSON or its schema is wrong; `violations` are all
    /// the problems found, each naming its JSON path or header.
    public static func badRequest(_ violations: [String]) -> APIError {
        APIError(.badRequest, detail: violations.joined(separator: "; "))
    }

    public static func badRequest(_ violation: String) -> APIError {
        badRequest([violation])
    }

    /// DAYU.3531: anything unexpected; the process never crashes instead.
    public static func internalError(_ detail: String) -> APIError {
        APIError(.internalError, detail: detail)
    }

    /// DAYU.1005: no connection with that id in this project and workspace.
    public static let notFound = APIError(.notFound)

    /// DAYU.3601: the workspace is not one the mock was told exists (strict mode).
    public static let noPermission = APIError(.noPermission)

    /// DAYU.1011: the connectivity test failed (only ever injected).
    public static func connectionTestFailed(_ detail: String) -> APIError {
        APIError(.connectionTestFailed, detail: detail)
    }

    // MARK: - The gateway (SPEC §4, §5)

    /// APIGW.0101: no API at this path.
    public static let noSuchAPI = APIError(.noSuchAPI)
    /// APIGW.0101: the path exists, the method does not.
    public static let noSuchMethod = APIError(
        status: .notFound, code: VendorCode.noSuchAPI.code, message: "The API does not exist.", shape: .gateway)

    /// APIGW.0301: the token or signature is missing or wrong; `detail` says which.
    public static func unauthenticated(_ detail: String) -> APIError {
        APIError(.unauthenticated, detail: detail)
    }

    /// APIGW.0302: authenticated, but not for this project.
    public static let notAuthorized = APIError(.notAuthorized)

    /// APIGW.0308: `--rate-limit` requests a second per API were exceeded.
    public static let throttled = APIError(.throttled)

    /// APIGW.0201 with the status and message of why the transport refused a request.
    public static func requestRefused(status: HTTPStatus, message: String) -> APIError {
        APIError(status: status, code: VendorCode.requestError.code, message: message, shape: .gateway)
    }

    // MARK: - Chosen by a test

    /// An answer whose status, code and message a test chose (a fault rule, `X-Mock-Fault`):
    /// the body has the shape of that code's real answers.
    public static func injected(status: HTTPStatus, code: String, message: String) -> APIError {
        APIError(status: status, code: code, message: message, shape: VendorCode.shape(of: code))
    }

    /// A control-API answer with the service's shape and another status (404 for an unknown
    /// fault rule).
    public func with(status: HTTPStatus) -> APIError {
        APIError(status: status, code: code, message: message, shape: shape)
    }

    // MARK: - Rendering

    /// The vendor's body for this error; `requestID` goes into the gateway's shape only.
    public func body(requestID: String) -> JSONValue {
        switch shape {
        case .service:
            return ["error_code": .string(code), "error_msg": .string(message)]
        case .serviceWithErrors:
            return [
                "error_code": .string(code), "error_msg": .string(message),
                "errors": [["error_code": .string(code), "error_msg": .string(message)]],
            ]
        case .gateway:
            return ["error_msg": .string(message), "error_code": .string(code), "request_id": .string(requestID)]
        case .iam:
            return ["error_msg": .string(message), "error_code": .string(code)]
        case .keystone(let title):
            return ["error": ["code": .number(JSONNumber(status.code)), "message": .string(message), "title": .string(title)]]
        case .cdm:
            return [
                "code": .string(code), "errCode": .string(code), "message": .string(message),
                "externalMessage": .string(message),
            ]
        }
    }
}
