import DataArtsHTTP1
import DataArtsSigning

/// The credentials and requests of SPEC Appendix A and api-facts §5.1/§5.3.
enum Vectors {
    static let accessKey = "TESTAK0123456789ABCD"
    static let secretKey = "testsk-secret-0123456789"
    static let projectID = "0123456789abcdef0123456789abcdef"
    static let workspace = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    static let connectionID = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
    static let emptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// `20250101T000000Z`, the date of every Appendix A vector.
    static let date = SDKDate(secondsSinceEpoch: 1_735_689_600)
    static let dateMilliseconds: Int64 = 1_735_689_600_000

    static let signer = RequestSigner(accessKey: accessKey, secretKey: secretKey)
    static let verifier = SignatureVerifier()

    /// Appendix A's headers, in the order listed there, without `X-Sdk-Date` and `Authorization`.
    static func request(_ method: String, _ target: String, body: String = "") -> HTTPRequest {
        HTTPRequest(
            method: method, target: target,
            headers: [
                "Host": "127.0.0.1:8080",
                "Content-Type": "application/json",
                "workspace": workspace,
                "X-Project-Id": projectID,
            ],
            body: Array(body.utf8))
    }

    /// An Appendix A request, signed with the Appendix A credentials at `date`.
    static func signedRequest(
        _ method: String = "GET", _ target: String = "/v1/\(projectID)/data-connections", body: String = "",
        date: SDKDate = Vectors.date
    ) -> HTTPRequest {
        var request = request(method, target, body: body)
        signer.sign(&request, date: date)
        return request
    }
}

/// What the verifier threw, or nil when it passed.
func failure(_ check: () throws(SignatureFailure) -> Void) -> SignatureFailure? {
    do {
        try check()
        return nil
    } catch {
        return error
    }
}
