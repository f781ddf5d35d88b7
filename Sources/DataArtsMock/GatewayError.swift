import DataArtsServices
import DataArtsHTTP1
import DataArtsJSON
import DataArtsTransport

/// An answer of the API gateway in front of the service (`APIGW.*`), which carries the request
/// id in its body as well as in the `X-Request-Id` header (SPEC §4).
struct GatewayError: Error, Sendable, Equatable {
    let status: HTTPStatus
    let code: String
    let message: String

    /// APIGW.0101: no API at this path.
    static let noSuchAPI = GatewayError(
        status: .notFound, code: "APIGW.0101",
        message: "The API does not exist or has not been published in the environment.")
    /// APIGW.0101: the path exists, the method does not.
    static let noSuchMethod = GatewayError(status: .notFound, code: "APIGW.0101", message: "The API does not exist.")

    /// APIGW.0301: the token or signature is missing or wrong; `detail` says which.
    static func unauthenticated(_ detail: String) -> GatewayError {
        GatewayError(status: .unauthorized, code: "APIGW.0301", message: "Incorrect IAM authentication information: \(detail)")
    }

    /// APIGW.0302: authenticated, but not for this project.
    static let notAuthorized = GatewayError(
        status: .forbidden, code: "APIGW.0302", message: "The IAM user is not authorized to access the API.")

    /// APIGW.0308: `--rate-limit` requests a second per API were exceeded.
    static let throttled = GatewayError(
        status: .tooManyRequests, code: "APIGW.0308", message: "The throttling threshold has been reached.")

    /// The gateway's message for `code` with `detail` where the message has one; nil for a
    /// code that is not the gateway's.
    static func template(for code: String, detail: String) -> GatewayError? {
        switch code {
        case "APIGW.0101": noSuchAPI
        case "APIGW.0301": unauthenticated(detail)
        case "APIGW.0302": notAuthorized
        case "APIGW.0308": throttled
        case "APIGW.0201": GatewayError(status: .badRequest, code: code, message: "API request error.")
        default: nil
        }
    }

    /// APIGW.0201 and its variants: the transport refused the request before it was parsed.
    static func refusal(_ refusal: HTTPRefusal) -> GatewayError {
        switch refusal {
        case .malformed(let error):
            let message = switch error.status {
            case .contentTooLarge: "Request entity too large"
            case .uriTooLong: "Request URI too large"
            case .requestHeaderTooLarge: "Request headers too large"
            default: "API request error."
            }
            return GatewayError(status: error.status, code: "APIGW.0201", message: message)
        case .timeout:
            return GatewayError(status: .requestTimeout, code: "APIGW.0201", message: "Request timeout.")
        case .overloaded:
            return GatewayError(status: .serviceUnavailable, code: "APIGW.0201", message: "Too many connections.")
        }
    }

    func response(requestID: String) -> HTTPResponse {
        let body: JSONValue = ["error_msg": .string(message), "error_code": .string(code), "request_id": .string(requestID)]
        return .json(status, body)
    }
}
