import DataArtsHTTP1
import DataArtsSigning
import Testing

struct SignatureVerifierTests {
    static let deleteTarget = "/v1/\(Vectors.projectID)/data-connections/\(Vectors.connectionID)"

    @Test func wrongSecretFailsWithTheCanonicalRequestInTheDetail() {
        let request = Vectors.signedRequest("DELETE", Self.deleteTarget)
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: "testsk-secret-WRONG", now: Vectors.dateMilliseconds)
        }
        #expect(thrown?.detail == "verify aksk signature fail,canonicalRequest:DELETE|"
            + "/v1/0123456789abcdef0123456789abcdef/data-connections/9f8e7d6c5b4a39281706f5e4d3c2b1a0/||"
            + "content-type:application/json|host:127.0.0.1:8080|workspace:a1b2c3d4e5f60718293a4b5c6d7e8f90|"
            + "x-project-id:0123456789abcdef0123456789abcdef|x-sdk-date:20250101T000000Z||"
            + "content-type;host;workspace;x-project-id;x-sdk-date|"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func tamperedBodyFails() {
        var request = Vectors.signedRequest("POST", "/v1/\(Vectors.projectID)/data-connections", body: "{}")
        request.body = Array("{ }".utf8)
        #expect(throws: SignatureFailure.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
    }

    @Test func changedSignedHeaderFails() {
        var request = Vectors.signedRequest()
        request.headers.set("workspace", "ffffffffffffffffffffffffffffffff")
        #expect(throws: SignatureFailure.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
    }

    @Test func headersOutsideSignedHeadersAreIgnored() {
        var request = Vectors.signedRequest()
        request.headers.add("X-Unsigned", "anything")
        request.headers.add("User-Agent", "curl/8.0")
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
    }

    @Test func signedHeaderNamesMatchRequestHeadersCaseInsensitively() {
        var request = Vectors.signedRequest()
        let fields = request.headers.map { HTTPHeaders.Field(name: $0.name.uppercased(), value: $0.value) }
        request.headers = HTTPHeaders(fields)
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
    }

    @Test func contentSha256HeaderReplacesTheBodyHash() {
        var request = Vectors.request("PUT", "/v1/\(Vectors.projectID)/data-connections/x", body: "payload")
        request.headers.add("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
        Vectors.signer.sign(&request, date: Vectors.date)
        request.body = Array("another payload".utf8)
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
        #expect(CanonicalRequest(request, signedHeaders: []).text.hasSuffix("\nUNSIGNED-PAYLOAD"))
    }

    /// A signed request whose `X-Sdk-Content-Sha256` is the digest of `signedBody`, in either case.
    static func requestSigningContentHash(of signedBody: String, uppercased: Bool = false) -> HTTPRequest {
        var request = Vectors.request("PUT", "/v1/\(Vectors.projectID)/data-connections/x", body: signedBody)
        // The body's hash as the canonical request's last line gives it without the header.
        let digest = String(CanonicalRequest(request, signedHeaders: []).text.split(separator: "\n").last ?? "")
        request.headers.add("X-Sdk-Content-Sha256", uppercased ? digest.uppercased() : digest)
        Vectors.signer.sign(&request, date: Vectors.date)
        return request
    }

    @Test(arguments: [false, true])
    func hexContentSha256OfTheBodyPasses(uppercased: Bool) {
        let request = Self.requestSigningContentHash(of: "payload", uppercased: uppercased)
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
    }

    /// A captured request replayed with another body: the signature still matches, since it
    /// covers the header and not the body, so the digest itself must be checked (issue 10 item 13).
    @Test func hexContentSha256OfAnotherBodyFails() {
        var request = Self.requestSigningContentHash(of: "payload")
        request.body = Array("another payload".utf8)
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
        #expect(thrown == .contentHashMismatch)
        #expect(thrown?.detail == "verify aksk signature fail,err:x-sdk-content-sha256 does not match the body")
    }

    // MARK: - Date window

    static let minute: Int64 = 60_000

    /// Offsets of the server clock from the signed date; within 15 minutes either way passes.
    @Test(arguments: [0, 14 * minute + 59_000, -(14 * minute + 59_000), 15 * minute, -15 * minute])
    func dateWithinFifteenMinutesPasses(offset: Int64) {
        let request = Vectors.signedRequest()
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds + offset)
        }
    }

    @Test(arguments: [15 * minute + 1_000, -(15 * minute + 1_000), 15 * minute + 1, -(15 * minute + 1), 24 * 60 * minute])
    func dateBeyondFifteenMinutesExpires(offset: Int64) {
        let request = Vectors.signedRequest()
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds + offset)
        }
        #expect(thrown == .expired(signedAt: Vectors.date))
        #expect(thrown?.detail == "calc ak sk signature fail:signature expired")
    }

    @Test func expiryIsCheckedBeforeTheSignature() {
        let request = Vectors.signedRequest()
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: "wrong", now: Vectors.dateMilliseconds + 16 * Self.minute)
        }
        #expect(thrown == .expired(signedAt: Vectors.date))
    }

    @Test func clockFarFromTheDateExpiresWithoutOverflow() {
        let request = Vectors.signedRequest()
        for now in [Int64.min, Int64.max] {
            let thrown = failure { () throws(SignatureFailure) in
                try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: now)
            }
            #expect(thrown == .expired(signedAt: Vectors.date))
        }
    }

    // MARK: - Malformed requests

    @Test func signedHeadersWithoutDateFail() {
        var request = Vectors.request("GET", "/v1/\(Vectors.projectID)/data-connections")
        Vectors.signer.sign(&request, date: Vectors.date, signedHeaders: ["content-type", "host"])
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
        #expect(thrown == .dateNotSigned)
        #expect(thrown?.detail == "verify aksk signature fail,err:x-sdk-date not in SignedHeaders")
    }

    @Test func missingDateFails() {
        var request = Vectors.signedRequest()
        request.headers.remove("X-Sdk-Date")
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
        #expect(thrown == .missingDate)
        #expect(thrown?.detail == "calc ak sk signature fail:x-sdk-date not found")
    }

    @Test(arguments: ["2025-01-01T00:00:00Z", "20250101T000000", "Wed, 01 Jan 2025 00:00:00 GMT", ""])
    func malformedDateFails(value: String) {
        var request = Vectors.signedRequest()
        request.headers.set("X-Sdk-Date", value)
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
        #expect(thrown == .malformedDate(value))
        #expect(thrown?.detail == "calc ak sk signature fail:x-sdk-date format error")
    }

    @Test func missingAuthorizationFails() {
        var request = Vectors.signedRequest()
        request.headers.remove("Authorization")
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
        #expect(thrown == .malformedAuthorization(.empty))
        #expect(thrown?.detail == "verify aksk signature fail,err:authorization is empty")
    }

    @Test func malformedAuthorizationDetailNamesTheDefect() {
        var request = Vectors.signedRequest()
        request.headers.set("Authorization", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date")
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
        #expect(thrown?.detail == "verify aksk signature fail,err:Signature not found")
    }

    @Test func unknownAccessKeyDetailIsTheVendors() {
        #expect(SignatureFailure.unknownAccessKey("NOSUCHAK").detail == "Get secretKey failed,ak:NOSUCHAK,err:ak not exist")
    }

    // MARK: - Without the secret (permissive mode, unknown access key)

    @Test func wellFormedRequestPassesWithoutTheSecret() throws {
        var request = Vectors.request("GET", "/v1/\(Vectors.projectID)/data-connections")
        request.headers.add("X-Sdk-Date", "20250101T000000Z")
        request.headers.add(
            "Authorization",
            "SDK-HMAC-SHA256 Access=UNKNOWNAK, SignedHeaders=host;x-sdk-date, Signature=" + String(repeating: "0", count: 64))
        let authorization = try Vectors.verifier.authorization(of: request, now: Vectors.dateMilliseconds)
        #expect(authorization.accessKey == "UNKNOWNAK")
        #expect(authorization.signedHeaders == ["host", "x-sdk-date"])
    }

    @Test func checkWithoutTheSecretStillEnforcesTheDateRules() {
        let expired = Vectors.signedRequest()
        #expect(throws: SignatureFailure.expired(signedAt: Vectors.date)) {
            try Vectors.verifier.authorization(of: expired, now: Vectors.dateMilliseconds + 16 * Self.minute)
        }
        var unsigned = Vectors.request("GET", "/")
        Vectors.signer.sign(&unsigned, date: Vectors.date, signedHeaders: ["host"])
        #expect(throws: SignatureFailure.dateNotSigned) {
            try Vectors.verifier.authorization(of: unsigned, now: Vectors.dateMilliseconds)
        }
    }

    // MARK: - The claim, parsed once

    @Test func claimCarriesTheParsedAuthorizationAndDate() throws {
        let request = Vectors.signedRequest()
        let claim = try Vectors.verifier.claim(of: request, now: Vectors.dateMilliseconds)
        #expect(claim.authorization == (try SignatureAuthorization(parsing: try #require(request.headers["Authorization"]))))
        #expect(claim.date == Vectors.date)
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, claim: claim, secretKey: Vectors.secretKey)
        }
    }

    /// `verify(_:claim:secretKey:)` works from the claim alone: the headers it came from are not
    /// read again, so a request stripped of them after the claim still verifies, and a claim
    /// with another signature fails though the request's header is right.
    @Test func verifyingAClaimDoesNotParseTheHeadersAgain() throws {
        var request = Vectors.signedRequest()
        let claim = try Vectors.verifier.claim(of: request, now: Vectors.dateMilliseconds)
        request.headers.set("Authorization", "garbage")
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, claim: claim, secretKey: Vectors.secretKey)
        }
        var forged = claim.authorization
        forged.signature = String(repeating: "0", count: 64)
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, claim: SignatureClaim(authorization: forged, date: claim.date), secretKey: Vectors.secretKey)
        }
        guard case .mismatch = thrown else {
            Issue.record("expected a mismatch, got \(String(describing: thrown))")
            return
        }
    }

    // MARK: - Comparison and signer

    /// The comparison has no early exit, so it must still see a difference in the last digit.
    @Test(arguments: [0, 31, 63])
    func signatureDifferingInOneDigitFails(position: Int) throws {
        var request = Vectors.signedRequest()
        var authorization = try SignatureAuthorization(parsing: try #require(request.headers["Authorization"]))
        var digits = Array(authorization.signature.utf8)
        digits[position] = digits[position] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        authorization.signature = String(decoding: digits, as: UTF8.self)
        request.headers.set("Authorization", authorization.headerValue)
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
        guard case .mismatch = thrown else {
            Issue.record("expected a mismatch, got \(String(describing: thrown))")
            return
        }
    }

    @Test func upperCaseSignatureDigitsVerify() throws {
        var request = Vectors.signedRequest()
        let authorization = try SignatureAuthorization(parsing: try #require(request.headers["Authorization"]))
        request.headers.set(
            "Authorization",
            "SDK-HMAC-SHA256 Access=\(authorization.accessKey), SignedHeaders=\(authorization.signedHeaders.joined(separator: ";")), "
                + "Signature=\(authorization.signature.uppercased())")
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
    }

    @Test func defaultSignedHeadersAreEveryNameWithoutUnderscoreLowerCasedAndSorted() throws {
        var request = Vectors.request("GET", "/v1/\(Vectors.projectID)/data-connections")
        request.headers.add("X_Custom", "skipped")
        request.headers.add("content-type", "application/json")
        Vectors.signer.sign(&request, date: Vectors.date)
        let authorization = try SignatureAuthorization(parsing: try #require(request.headers["Authorization"]))
        #expect(authorization.signedHeaders == ["content-type", "host", "workspace", "x-project-id", "x-sdk-date"])
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
    }

    @Test func signingAgainReplacesDateAndAuthorization() {
        var request = Vectors.signedRequest()
        Vectors.signer.sign(&request, date: SDKDate(secondsSinceEpoch: Vectors.date.secondsSinceEpoch + 60))
        #expect(request.headers.values(for: "Authorization").count == 1)
        #expect(request.headers.values(for: "X-Sdk-Date") == ["20250101T000100Z"])
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
    }
}
