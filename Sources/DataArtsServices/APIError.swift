public import DataArtsHTTP1
import DataArtsJSON

/// An error of the emulated service, in the vendor's shape: `{"error_code","error_msg"}`.
///
/// Built only through the factories below, so every code carries the vendor's own message
/// template; `response` is the one place it becomes bytes.
public struct APIError: Error, Sendable, Equatable {
    public let status: HTTPStatus
    public let code: String
    public let message: String
    /// The body the vendor's service of this code answers: DataArts, IAM and CDM differ
    /// (SPEC §8.2, §8.4). A stop-gap until the vendor code catalogue (issue 8) owns shapes.
    public let shape: Shape

    /// Whose error body this is.
    public enum Shape: Sendable, Equatable {
        /// DataArts: `{"error_code","error_msg"}` (SPEC §3).
        case dataArts
        /// IAM's documented flat body: `{"error_msg","error_code"}` (SPEC §8.2).
        case iam
        /// Keystone, for IAM's token calls: `{"error":{"code":<status>,"message","title"}}`.
        case keystone(title: String)
        /// CDM: `{"code","errCode","message","externalMessage"}` (SPEC §8.4).
        case cdm
    }

    init(status: HTTPStatus, code: String, message: String, shape: Shape = .dataArts) {
        self.status = status
        self.code = code
        self.message = message
        self.shape = shape
    }

    /// DAYU.4402: a header, the query, the JSON or its schema is wrong; `violations` are all
    /// the problems found, each naming its JSON path or header.
    public static func badRequest(_ violations: [String]) -> APIError {
        APIError(
            status: .badRequest, code: "DAYU.4402",
            message: "The operation failed, detail msg \(violations.joined(separator: "; ")).")
    }

    public static func badRequest(_ violation: String) -> APIError {
        badRequest([violation])
    }

    /// DAYU.3531: anything unexpected; the process never crashes instead.
    public static func internalError(_ detail: String) -> APIError {
        APIError(status: .internalServerError, code: "DAYU.3531", message: "Internal server error: \(detail)")
    }

    /// DAYU.1005: no connection with that id in this project and workspace.
    public static let notFound = APIError(
        status: .badRequest, code: "DAYU.1005", message: "The data connection does not exist.")

    /// DAYU.3601: the workspace is not one the mock was told exists (strict mode).
    public static let noPermission = APIError(
        status: .badRequest, code: "DAYU.3601", message: "You have no permission in asset.")

    /// DAYU.1011: the connectivity test failed (only ever injected).
    public static func connectionTestFailed(_ detail: String) -> APIError {
        APIError(status: .badRequest, code: "DAYU.1011", message: "Failed to test the connection, the error is \(detail).")
    }

    /// An error whose status, code and message are chosen by the caller: an injected fault, or
    /// a control-API answer such as 404 for an unknown fault rule.
    public static func custom(status: HTTPStatus, code: String, message: String) -> APIError {
        APIError(status: status, code: code, message: message)
    }

    /// The vendor's message template for `code`, with `{0}` filled by `detail`; nil for a code
    /// this service does not answer.
    public static func template(for code: String, detail: String) -> APIError? {
        switch code {
        case "DAYU.4402": badRequest(detail)
        case "DAYU.3531": internalError(detail)
        case "DAYU.1005": notFound
        case "DAYU.3601": noPermission
        case "DAYU.1011": connectionTestFailed(detail)
        default: nil
        }
    }

    /// The vendor's body: flat keys, plus the `errors` array Terraform reads for the
    /// not-found and permission codes (SPEC §3).
    public var response: HTTPResponse {
        switch shape {
        case .dataArts: break
        case .iam:
            return .json(status, ["error_msg": .string(message), "error_code": .string(code)])
        case .keystone(let title):
            return .json(status, ["error": [
                "code": .number(JSONNumber(status.code)), "message": .string(message), "title": .string(title),
            ]])
        case .cdm:
            return .json(status, [
                "code": .string(code), "errCode": .string(code), "message": .string(message),
                "externalMessage": .string(message),
            ])
        }
        var body: JSONObject = ["error_code": .string(code), "error_msg": .string(message)]
        if code == "DAYU.1005" || code == "DAYU.3601" {
            body["errors"] = [.object(["error_code": .string(code), "error_msg": .string(message)])]
        }
        return .json(status, .object(body))
    }
}
