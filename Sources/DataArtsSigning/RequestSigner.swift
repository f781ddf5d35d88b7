public import DataArtsHTTP1

/// Signs requests as the vendor's Python SDK does (api-facts §5): the client side of
/// `SignatureVerifier`, for tests and for our own integration clients.
public struct RequestSigner: Sendable {
    public var accessKey: String
    public var secretKey: String

    public init(accessKey: String, secretKey: String) {
        self.accessKey = accessKey
        self.secretKey = secretKey
    }

    /// Sets `X-Sdk-Date` to `date` and `Authorization` to the signature, replacing any earlier
    /// ones. Set `Host` and the other headers first: only headers present are signed.
    /// - Parameter signedHeaders: The names to sign, as they will appear in `SignedHeaders`.
    ///   By default, as the Python SDK: every header name in the request without a `_`,
    ///   lower-cased, deduplicated and sorted, which includes `x-sdk-date`.
    public func sign(_ request: inout HTTPRequest, date: SDKDate, signedHeaders: [String]? = nil) {
        request.headers.remove("Authorization")
        request.headers.set("X-Sdk-Date", date.description)
        let names = signedHeaders ?? Self.defaultSignedHeaders(of: request.headers)
        let canonicalRequest = CanonicalRequest(request, signedHeaders: names)
        let authorization = SignatureAuthorization(
            accessKey: accessKey, signedHeaders: names,
            signature: RequestSignature.signature(canonicalRequest, date: date, secretKey: secretKey))
        request.headers.add("Authorization", authorization.headerValue)
    }

    static func defaultSignedHeaders(of headers: HTTPHeaders) -> [String] {
        let names = Set(headers.map(\.name.asciiLowercased).filter { !$0.contains("_") })
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
