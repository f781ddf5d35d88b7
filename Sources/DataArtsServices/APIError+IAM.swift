import DataArtsHTTP1

/// IAM's errors (SPEC §8.2): the documented flat codes, and Keystone's nested body for the
/// token calls, whose `code` is the HTTP status.
extension APIError {
    /// IAM.0011: the body does not follow the schema.
    public static let iamInvalidBody = APIError(
        status: .badRequest, code: "IAM.0011", message: "Request body is invalid.", shape: .iam)

    /// IAM.0007: a query parameter or header is wrong; the vendor's template names it.
    public static func iamInvalidParameter(_ key: String) -> APIError {
        APIError(status: .badRequest, code: "IAM.0007", message: "Request parameter \(key) is invalid.", shape: .iam)
    }

    /// A wrong user name, password or account, in strict mode.
    public static let iamWrongPassword = APIError(
        status: .unauthorized, code: "401", message: "The username or password is wrong.",
        shape: .keystone(title: "Unauthorized"))

    /// `GET /v3/auth/tokens` for a token the mock never issued, or one that has expired.
    public static let iamTokenNotFound = APIError(
        status: .notFound, code: "404", message: "The token does not exist or has expired.",
        shape: .keystone(title: "Not Found"))
}
