/// What a signed request claims, read and checked once by `SignatureVerifier.claim(of:now:)`:
/// its parsed `Authorization` header and its in-window `X-Sdk-Date`. The signature itself is
/// checked later, with the secret of `authorization.accessKey`.
public struct SignatureClaim: Sendable, Equatable {
    public let authorization: SignatureAuthorization
    public let date: SDKDate

    public init(authorization: SignatureAuthorization, date: SDKDate) {
        self.authorization = authorization
        self.date = date
    }
}
