import Crypto
public import DataArtsHTTP1

/// The gateway's check of an `SDK-HMAC-SHA256` request (SPEC §4).
///
/// The checks run in this order, the first failure thrown: the `Authorization` header parses;
/// its `SignedHeaders` name `x-sdk-date`; `X-Sdk-Date` is present and well-formed; it lies within
/// `allowedSkewMilliseconds` of `now` in either direction (exactly 15 minutes still passes);
/// then, in `verify` only, the signature. Headers not named in `SignedHeaders` play no part.
///
/// An authenticator calls `claim(of:now:)` first to learn the access key, then
/// `verify(_:claim:secretKey:)` with that claim if it knows the key's secret, so that the
/// headers are parsed once. The first call alone is the whole check for an unknown key in
/// permissive mode, where the signature cannot be computed.
public struct SignatureVerifier: Sendable {
    /// Fifteen minutes (api-facts §4.2).
    public static let defaultAllowedSkewMilliseconds: Int64 = 15 * 60 * 1000

    public var allowedSkewMilliseconds: Int64

    public init(allowedSkewMilliseconds: Int64 = Self.defaultAllowedSkewMilliseconds) {
        self.allowedSkewMilliseconds = allowedSkewMilliseconds
    }

    /// Every check but the signature itself, once: the `Authorization` header and `X-Sdk-Date`
    /// are parsed here and nowhere else, and `verify(_:claim:secretKey:)` takes the result.
    /// - Parameter now: The server clock in milliseconds since the epoch (the mock's clock,
    ///   possibly frozen).
    public func claim(of request: HTTPRequest, now: Int64) throws(SignatureFailure) -> SignatureClaim {
        let authorization = try SignatureAuthorization(parsing: request.headers["Authorization"] ?? "")
        guard authorization.signedHeaders.contains(where: { $0.equalsIgnoringASCIICase("x-sdk-date") }) else {
            throw .dateNotSigned
        }
        guard let value = request.headers["X-Sdk-Date"] else { throw .missingDate }
        guard let date = SDKDate(value) else { throw .malformedDate(value) }
        // Overflow only for a clock absurdly far from the date: that is out of the window too.
        let (skew, overflow) = now.subtractingReportingOverflow(date.secondsSinceEpoch * 1000)
        guard !overflow, skew.magnitude <= allowedSkewMilliseconds.magnitude else {
            throw .expired(signedAt: date)
        }
        return SignatureClaim(authorization: authorization, date: date)
    }

    /// `claim(of:now:)`'s `Authorization` header, whose access key names the secret to verify with.
    public func authorization(of request: HTTPRequest, now: Int64) throws(SignatureFailure) -> SignatureAuthorization {
        try claim(of: request, now: now).authorization
    }

    /// The signature of a request whose `claim` has passed, computed with `secretKey` and
    /// compared in constant time.
    /// - Throws: `SignatureFailure.mismatch` carrying the canonical request, if the signature
    ///   differs; `contentHashMismatch` if `X-Sdk-Content-Sha256` is a digest of another body.
    public func verify(_ request: HTTPRequest, claim: SignatureClaim, secretKey: String) throws(SignatureFailure) {
        let authorization = claim.authorization
        let canonicalRequest = CanonicalRequest(request, signedHeaders: authorization.signedHeaders)
        let expected = RequestSignature.signature(canonicalRequest, date: claim.date, secretKey: secretKey)
        guard Self.constantTimeEquals(Array(expected.utf8), Array(authorization.signature.utf8)) else {
            throw .mismatch(canonicalRequest: canonicalRequest.text)
        }
        try Self.checkContentHash(of: request)
    }

    /// Every check: `claim(of:now:)`, then `verify(_:claim:secretKey:)`.
    @discardableResult
    public func verify(_ request: HTTPRequest, secretKey: String, now: Int64) throws(SignatureFailure) -> SignatureAuthorization {
        let claim = try claim(of: request, now: now)
        try verify(request, claim: claim, secretKey: secretKey)
        return claim.authorization
    }

    /// A hex `X-Sdk-Content-Sha256` stands in the canonical request for the body's hash, so the
    /// signature alone does not bind the body: the digest must be the body's (SPEC §4). Any
    /// other value (`UNSIGNED-PAYLOAD`) is taken as is.
    static func checkContentHash(of request: HTTPRequest) throws(SignatureFailure) {
        guard let claimed = request.headers["X-Sdk-Content-Sha256"], claimed.utf8.count == 64,
              claimed.utf8.allSatisfy({ Hex.value(of: $0) != nil })
        else { return }
        let actual = Hex.string(SHA256.hash(data: request.body))
        guard claimed.asciiLowercased == actual else { throw .contentHashMismatch }
    }

    /// Whether `lhs` and `rhs` hold the same bytes, in a time that depends on their lengths only:
    /// every byte is compared, with no exit at the first difference.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }
}
