public import DataArtsHTTP1

/// One code of the vendor's error catalogue: its status, its message template and the shape
/// of the body that carries it (SPEC §3, §4, §5, §6).
///
/// This is the only list of codes: the services, the gateway, the fault rules and the control
/// API all draw from it, so an injected `DAYU.1005` has the same body as a real one.
public struct VendorCode: Sendable, Hashable {
    /// How an error of this code is written (SPEC §3, §4).
    public enum Shape: Sendable, Hashable {
        /// `{"error_code","error_msg"}`: the service's errors.
        case service
        /// The service's shape plus `"errors":[{"error_code","error_msg"}]`, which Terraform's
        /// client reads (DAYU.1005, DAYU.3601).
        case serviceWithErrors
        /// `{"error_msg","error_code","request_id"}`: the API gateway's errors.
        case gateway
        /// `{"error_msg","error_code"}`: IAM's documented flat errors (SPEC §8.2).
        case iam
        /// `{"error":{"code":<status>,"message","title"}}`: Keystone, for IAM's token calls.
        case keystone(title: String)
        /// `{"code","errCode","message","externalMessage"}`: CDM's errors (SPEC §8.4).
        case cdm
    }

    public let code: String
    public let status: HTTPStatus
    /// The vendor's message; `{0}` stands for the detail.
    public let template: String
    public let shape: Shape

    public init(_ code: String, _ status: HTTPStatus, _ template: String, _ shape: Shape) {
        self.code = code
        self.status = status
        self.template = template
        self.shape = shape
    }

    /// The template with `{0}` replaced by `detail` (a template without `{0}` stays as it is).
    public func message(_ detail: String) -> String {
        guard let placeholder = template.firstRange(of: "{0}") else { return template }
        var message = template
        message.replaceSubrange(placeholder, with: detail)
        return message
    }

    // MARK: - The service (SPEC §3)

    public static let badRequest = VendorCode("DAYU.4402", .badRequest, "The operation failed, detail msg {0}.", .service)
    public static let notFound = VendorCode(
        "DAYU.1005", .badRequest, "The data connection does not exist.", .serviceWithErrors)
    public static let noPermission = VendorCode(
        "DAYU.3601", .badRequest, "You have no permission in asset.", .serviceWithErrors)
    public static let connectionTestFailed = VendorCode(
        "DAYU.1011", .badRequest, "Failed to test the connection, the error is {0}.", .service)
    public static let internalError = VendorCode("DAYU.3531", .internalServerError, "Internal server error: {0}", .service)

    // MARK: - The API gateway (SPEC §4, §5)

    public static let noSuchAPI = VendorCode(
        "APIGW.0101", .notFound, "The API does not exist or has not been published in the environment.", .gateway)
    public static let unauthenticated = VendorCode(
        "APIGW.0301", .unauthorized, "Incorrect IAM authentication information: {0}", .gateway)
    public static let notAuthorized = VendorCode(
        "APIGW.0302", .forbidden, "The IAM user is not authorized to access the API.", .gateway)
    public static let throttled = VendorCode(
        "APIGW.0308", .tooManyRequests, "The throttling threshold has been reached.", .gateway)
    /// The transport refused the request before it was parsed; the status and message vary
    /// with the reason (`APIError.refusal`).
    public static let requestError = VendorCode("APIGW.0201", .badRequest, "API request error.", .gateway)

    // MARK: - IAM (SPEC §8.2)

    /// The body does not follow the schema (one fixed text, as IAM answers it) [doc].
    public static let iamInvalidBody = VendorCode("IAM.0011", .badRequest, "Request body is invalid.", .iam)
    /// A query parameter or header is wrong; `{0}` names it [doc].
    public static let iamInvalidParameter = VendorCode("IAM.0007", .badRequest, "Request parameter {0} is invalid.", .iam)
    /// A wrong user, password or account in strict mode; Keystone's `code` is the status [field: shape; text choice].
    public static let iamWrongPassword = VendorCode(
        "401", .unauthorized, "The username or password is wrong.", .keystone(title: "Unauthorized"))
    /// `GET /v3/auth/tokens` for a token never issued or expired [choice].
    public static let iamTokenNotFound = VendorCode(
        "404", .notFound, "The token does not exist or has expired.", .keystone(title: "Not Found"))

    // MARK: - CDM (SPEC §8.4)

    /// No cluster with that id in the project [choice: CDM's shape, the code is not documented].
    public static let cdmClusterNotFound = VendorCode("Cdm.0010", .notFound, "The cluster does not exist.", .cdm)

    /// Every code above, for look-ups by name.
    public static let all: [VendorCode] = [
        badRequest, notFound, noPermission, connectionTestFailed, internalError,
        noSuchAPI, unauthenticated, notAuthorized, throttled, requestError,
        iamInvalidBody, iamInvalidParameter, iamWrongPassword, iamTokenNotFound, cdmClusterNotFound,
    ]

    private static let byName: [String: VendorCode] = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// The catalogue's entry for `code`, or nil for a code it does not know.
    public static func named(_ code: String) -> VendorCode? {
        byName[code]
    }

    /// The code a bare status implies (SPEC §6: a fault with a status and no code).
    public static func implied(by status: Int) -> VendorCode {
        switch status {
        case 400: badRequest
        case 401: unauthenticated
        case 403: notAuthorized
        case 404: noSuchAPI
        case 429: throttled
        default: internalError
        }
    }

    /// The shape of a code the catalogue does not know (an injected `APIGW.9999`): the
    /// gateway's for the gateway's family, the service's otherwise.
    public static func shape(of code: String) -> Shape {
        named(code)?.shape ?? (code.hasPrefix("APIGW.") ? .gateway : .service)
    }
}
