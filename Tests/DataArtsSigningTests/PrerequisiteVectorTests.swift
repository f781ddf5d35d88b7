import DataArtsHTTP1
import DataArtsSigning
import Testing

/// research/prereq-apis.md §4: the three calls before a create, signed by the vendor's Python
/// signer with the Appendix A credentials and date. The header sets differ from the
/// data-connection calls: IAM's discovery signs `host;user-agent;x-sdk-date` only.
struct PrerequisiteVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let target: String
        let headers: [(String, String)]
        let signedHeaders: [String]
        let signature: String
        var testDescription: String { "GET \(target)" }
    }

    static let vectors = [
        Vector(
            target: "/v3/projects?name=cn-north-4",
            headers: [("Host", "127.0.0.1:8080"), ("User-Agent", "test-agent")],
            signedHeaders: ["host", "user-agent", "x-sdk-date"],
            signature: "f9180a161fb658dec29b02a2abc9b6136ab1cb5b179f7fd576f10739a25ab740"),
        Vector(
            target: "/v1/\(Vectors.projectID)/instances?limit=10&offset=0",
            headers: [("Host", "127.0.0.1:8080"), ("Content-Type", "application/json"), ("X-Project-Id", Vectors.projectID)],
            signedHeaders: ["content-type", "host", "x-project-id", "x-sdk-date"],
            signature: "54c3f75a19311116919418b8f613a61c9e9039bc793a65b72e08476eb041ac47"),
        Vector(
            target: "/v1.1/\(Vectors.projectID)/clusters",
            headers: [("Host", "127.0.0.1:8080"), ("Content-Type", "application/json"), ("X-Project-Id", Vectors.projectID)],
            signedHeaders: ["content-type", "host", "x-project-id", "x-sdk-date"],
            signature: "ab70efca9061df20d9dd9923bfd1598fcef4717088cb8f6236e6b0bda27da5d1"),
    ]

    static func request(_ vector: Vector) -> HTTPRequest {
        var headers = HTTPHeaders()
        for (name, value) in vector.headers { headers.add(name, value) }
        return HTTPRequest(method: "GET", target: vector.target, headers: headers, body: [])
    }

    @Test(arguments: vectors)
    func signerReproducesTheVendorSignature(_ vector: Vector) throws {
        var request = Self.request(vector)
        Vectors.signer.sign(&request, date: Vectors.date, signedHeaders: vector.signedHeaders)
        let header = try #require(request.headers["Authorization"])
        #expect(header == "SDK-HMAC-SHA256 Access=\(Vectors.accessKey), "
            + "SignedHeaders=\(vector.signedHeaders.joined(separator: ";")), Signature=\(vector.signature)")
    }

    @Test(arguments: vectors)
    func verifierAcceptsTheVendorSignature(_ vector: Vector) throws {
        var request = Self.request(vector)
        request.headers.add("X-Sdk-Date", "20250101T000000Z")
        request.headers.add(
            "Authorization",
            SignatureAuthorization(
                accessKey: Vectors.accessKey, signedHeaders: vector.signedHeaders, signature: vector.signature
            ).headerValue)
        let authorization = try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        #expect(authorization.accessKey == Vectors.accessKey)
    }

    @Test func discoveryCanonicalPathGetsItsTrailingSlash() {
        var request = Self.request(Self.vectors[0])
        request.headers.add("X-Sdk-Date", "20250101T000000Z")
        let canonical = CanonicalRequest(request, signedHeaders: Self.vectors[0].signedHeaders)
        #expect(canonical.text.hasPrefix("GET\n/v3/projects/\nname=cn-north-4\nhost:127.0.0.1:8080\nuser-agent:test-agent\n"))
    }
}
