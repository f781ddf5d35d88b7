import DataArtsHTTP1
import DataArtsSigning
import Testing

/// SPEC Appendix A: three requests signed by the vendor's Python signer.
struct AppendixVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let method: String
        let target: String
        let body: String
        let signature: String
        var testDescription: String { "\(method) \(target)" }
    }

    static let vectors = [
        Vector(
            method: "GET", target: "/v1/\(Vectors.projectID)/data-connections?limit=10&name=dws%20conn&offset=0",
            body: "", signature: "85537dc3ace46e3069b402f14d58e838ffbc9ca252c5d58537ca19baed257a7e"),
        Vector(
            method: "POST", target: "/v1/\(Vectors.projectID)/data-connections",
            body: #"{"data_source_vos": [{"dw_name": "dws_conn_1", "dw_type": "DWS", "dw_config": {}}]}"#,
            signature: "74248fda1f8a20425df99abea4826cf5578503ed9885cf892f88d5b56e930958"),
        Vector(
            method: "DELETE", target: "/v1/\(Vectors.projectID)/data-connections/\(Vectors.connectionID)",
            body: "", signature: "9b625ff215a2dce46bb5008e5f97a5db8f792d87a2fbf0a0bc7ca85208a40087"),
    ]

    static let signedHeaders = ["content-type", "host", "workspace", "x-project-id", "x-sdk-date"]

    @Test(arguments: vectors)
    func signerReproducesTheVendorSignature(_ vector: Vector) throws {
        let request = Vectors.signedRequest(vector.method, vector.target, body: vector.body)
        let header = try #require(request.headers["Authorization"])
        #expect(header == "SDK-HMAC-SHA256 Access=TESTAK0123456789ABCD, "
            + "SignedHeaders=content-type;host;workspace;x-project-id;x-sdk-date, Signature=\(vector.signature)")
        #expect(request.headers["X-Sdk-Date"] == "20250101T000000Z")
    }

    @Test(arguments: vectors)
    func verifierAcceptsTheVendorSignature(_ vector: Vector) throws {
        var request = Vectors.request(vector.method, vector.target, body: vector.body)
        request.headers.add("X-Sdk-Date", "20250101T000000Z")
        request.headers.add(
            "Authorization",
            SignatureAuthorization(
                accessKey: Vectors.accessKey, signedHeaders: Self.signedHeaders, signature: vector.signature
            ).headerValue)
        let authorization = try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        #expect(authorization.accessKey == Vectors.accessKey)
    }

    @Test func postBodyHashIsTheOneGivenInTheResearch() {
        let request = Vectors.request("POST", "/v1/\(Vectors.projectID)/data-connections", body: Self.vectors[1].body)
        let canonical = CanonicalRequest(request, signedHeaders: [])
        #expect(canonical.text.hasSuffix("\n359172517c59b8f7c5ca97ace3081129877b564fd11a4798417fa812fb5c22a5"))
    }

    @Test func getCanonicalRequestHasTheSortedEncodedQueryAndTrailingSlash() {
        var request = Vectors.request("GET", Self.vectors[0].target)
        request.headers.add("X-Sdk-Date", "20250101T000000Z")
        let canonical = CanonicalRequest(request, signedHeaders: Self.signedHeaders)
        #expect(canonical.text == """
            GET
            /v1/0123456789abcdef0123456789abcdef/data-connections/
            limit=10&name=dws%20conn&offset=0
            content-type:application/json
            host:127.0.0.1:8080
            workspace:a1b2c3d4e5f60718293a4b5c6d7e8f90
            x-project-id:0123456789abcdef0123456789abcdef
            x-sdk-date:20250101T000000Z

            content-type;host;workspace;x-project-id;x-sdk-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
    }
}
