import DataArtsSigning
import Testing

struct SignatureAuthorizationTests {
    static let signature = "8870d24483159aa7b2a674aec03586a33cd7caf782c8233fc0850f67019eeb34"

    @Test(arguments: [
        "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=\(signature)",
        "SDK-HMAC-SHA256 Access=AK1,SignedHeaders=host;x-sdk-date,Signature=\(signature)",
        "  SDK-HMAC-SHA256   Access = AK1 ,\tSignedHeaders= host;x-sdk-date , Signature =\(signature)  ",
        "SDK-HMAC-SHA256\tSignature=\(signature), Access=AK1, SignedHeaders=host;x-sdk-date",
        "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=\(signature.uppercased())",
    ])
    func parsesTheSpacingsSDKsWrite(header: String) throws {
        let authorization = try SignatureAuthorization(parsing: header)
        #expect(authorization == SignatureAuthorization(
            accessKey: "AK1", signedHeaders: ["host", "x-sdk-date"], signature: Self.signature))
    }

    @Test func headerValueIsTheSDKSpelling() throws {
        let authorization = SignatureAuthorization(accessKey: "AK1", signedHeaders: ["a", "b"], signature: Self.signature)
        #expect(authorization.headerValue == "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=a;b, Signature=\(Self.signature)")
        #expect(try SignatureAuthorization(parsing: authorization.headerValue) == authorization)
    }

    typealias Defect = SignatureFailure.AuthorizationDefect

    static let valid = "Access=AK1, SignedHeaders=host;x-sdk-date, Signature=\(signature)"
    static let malformed: [(String, Defect)] = [
        ("", .empty),
        (" \t ", .empty),
        ("SDK-HMAC-SHA256", .missingParameter("Access")),
        ("SDK-HMAC-SHA256 ", .missingParameter("Access")),
        ("sdk-hmac-sha256 \(valid)", .unsupportedAlgorithm("sdk-hmac-sha256")),
        ("SDK-HMAC-SM3 \(valid)", .unsupportedAlgorithm("SDK-HMAC-SM3")),
        ("V11-HMAC-SHA256 \(valid)", .unsupportedAlgorithm("V11-HMAC-SHA256")),
        ("Bearer abc", .unsupportedAlgorithm("Bearer")),
        ("SDK-HMAC-SHA256,\(valid)", .unsupportedAlgorithm("SDK-HMAC-SHA256,Access=AK1,")),
        ("SDK-HMAC-SHA256 \(valid),", .malformedParameter),
        ("SDK-HMAC-SHA256 Access=AK1,, SignedHeaders=host;x-sdk-date, Signature=\(signature)", .malformedParameter),
        ("SDK-HMAC-SHA256 Access AK1, SignedHeaders=host;x-sdk-date, Signature=\(signature)", .malformedParameter),
        ("SDK-HMAC-SHA256 =AK1, SignedHeaders=host;x-sdk-date, Signature=\(signature)", .malformedParameter),
        ("SDK-HMAC-SHA256 Access=AK 1, SignedHeaders=host;x-sdk-date, Signature=\(signature)", .malformedParameter),
        ("SDK-HMAC-SHA256 Access=AK1 SignedHeaders=host;x-sdk-date, Signature=\(signature)", .malformedParameter),
        ("SDK-HMAC-SHA256 \(valid), Credential=AK1/20250101", .unknownParameter("Credential")),
        ("SDK-HMAC-SHA256 access=AK1, SignedHeaders=host;x-sdk-date, Signature=\(signature)", .unknownParameter("access")),
        ("SDK-HMAC-SHA256 \(valid), Access=AK2", .duplicateParameter("Access")),
        ("SDK-HMAC-SHA256 SignedHeaders=host;x-sdk-date, Signature=\(signature)", .missingParameter("Access")),
        ("SDK-HMAC-SHA256 Access=AK1, Signature=\(signature)", .missingParameter("SignedHeaders")),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date", .missingParameter("Signature")),
        ("SDK-HMAC-SHA256 Access=, SignedHeaders=host;x-sdk-date, Signature=\(signature)", .emptyValue("Access")),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=, Signature=\(signature)", .emptyValue("SignedHeaders")),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=", .emptyValue("Signature")),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;;x-sdk-date, Signature=\(signature)", .invalidSignedHeaders),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date;, Signature=\(signature)", .invalidSignedHeaders),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host:x-sdk-date, Signature=\(signature)", .invalidSignedHeaders),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=\(signature.dropLast())", .invalidSignature),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=\(signature)0", .invalidSignature),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=\(signature.dropLast())g", .invalidSignature),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedHeaders(header: String, defect: Defect) {
        #expect(throws: SignatureFailure.malformedAuthorization(defect)) {
            try SignatureAuthorization(parsing: header)
        }
    }

    @Test func malformedDetailsAreInTheVendorStyle() {
        let details = Self.malformed.map { SignatureFailure.malformedAuthorization($0.1).detail }
        #expect(details.allSatisfy { $0.hasPrefix("verify aksk signature fail,err:") })
        #expect(SignatureFailure.malformedAuthorization(.unsupportedAlgorithm("X")).detail
            == "verify aksk signature fail,err:algorithm must be SDK-HMAC-SHA256")
    }
}
