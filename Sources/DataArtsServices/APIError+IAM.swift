/// IAM's errors (SPEC §8.2), from the vendor code catalogue.
extension APIError {
    public static let iamInvalidBody = APIError(.iamInvalidBody)

    public static func iamInvalidParameter(_ key: String) -> APIError {
        APIError(.iamInvalidParameter, detail: key)
    }

    public static let iamWrongPassword = APIError(.iamWrongPassword)
    public static let iamTokenNotFound = APIError(.iamTokenNotFound)
}
