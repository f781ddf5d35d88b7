import Crypto

/// The `SDK-HMAC-SHA256` signature of a canonical request (api-facts §5 steps 6–7): HMAC-SHA256
/// keyed by the secret key's UTF-8 bytes, with no key derivation, over
/// `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>`.
public enum RequestSignature {
    /// The scheme of the `Authorization` header and the first line of the string to sign.
    public static let algorithm = "SDK-HMAC-SHA256"

    public static func stringToSign(_ canonicalRequest: CanonicalRequest, date: SDKDate) -> String {
        "\(algorithm)\n\(date)\n\(canonicalRequest.digest)"
    }

    /// 64 lower-case hex digits.
    public static func signature(_ canonicalRequest: CanonicalRequest, date: SDKDate, secretKey: String) -> String {
        let key = SymmetricKey(data: Array(secretKey.utf8))
        let code = HMAC<SHA256>.authenticationCode(
            for: Array(stringToSign(canonicalRequest, date: date).utf8), using: key)
        return Hex.string(code)
    }
}
