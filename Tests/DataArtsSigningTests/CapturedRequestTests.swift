import DataArtsHTTP1
import DataArtsSigning
import Testing

/// api-facts §5.3: the bytes the Python SDK 3.1.219 sent to a loopback socket, parsed by our
/// own `RequestParser` and verified with the captured signatures.
struct CapturedRequestTests {
    struct Capture: Sendable, CustomTestStringConvertible {
        let name: String
        let requestLine: String
        let signature: String
        let body: String
        var testDescription: String { name }
    }

    static let userAgent = "huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.7 "
        + "impl/CPython; app/66e5cf16-476d-40f1-a91b-7de0e6e04d5f"
    static let body = #"{"data_source_vos": [{"dw_name": "dws_conn_1", "dw_type": "DWS", "dw_config": {"host": "10.0.0.1", "port": "8000"}, "agent_id": "cdm-agent-id", "agent_name": "cdm-agent", "env_type": 0, "description": "demo"}]}"#
    static let validationBody = #"{"dw_name": "dws_conn_1", "dw_type": "DWS", "dw_config": {"host": "10.0.0.1", "port": "8000"}, "agent_id": "cdm-agent-id", "agent_name": "cdm-agent", "env_type": 0, "description": "demo"}"#
    /// `20261129T053436Z`, the captures' `X-Sdk-Date`.
    static let capturedAt: Int64 = 1_795_930_476_000

    static let connections = "/v1/0123456789abcdef0123456789abcdef/data-connections"
    static let captures = [
        Capture(
            name: "create_connections", requestLine: "POST \(connections) HTTP/1.1",
            signature: "8870d24483159aa7b2a674aec03586a33cd7caf782c8233fc0850f67019eeb34", body: body),
        Capture(
            name: "list_dataconnections",
            requestLine: "GET \(connections)?limit=10&name=dws%20conn&offset=0&type=DWS HTTP/1.1",
            signature: "9035449efda880bdb317946b039d28a68c2a4149aed86309d77703163c087c40", body: ""),
        Capture(
            name: "show_dataconnection", requestLine: "GET \(connections)/9f8e7d6c5b4a39281706f5e4d3c2b1a0 HTTP/1.1",
            signature: "e0cdc0d023500b08febd5c81836a3eaf87872f8b6f02557b637a56e18ee07044", body: ""),
        Capture(
            name: "update_dataconnection", requestLine: "PUT \(connections)/9f8e7d6c5b4a39281706f5e4d3c2b1a0 HTTP/1.1",
            signature: "e71f435aff8bd80a7ab0d226e561a73cc5ab975323191208d50b8e3e449ba21c", body: body),
        Capture(
            name: "delete_dataconnection",
            requestLine: "DELETE \(connections)/9f8e7d6c5b4a39281706f5e4d3c2b1a0 HTTP/1.1",
            signature: "ee0e373364ebebba4ba6f9a1a53e25091756f1d068cf48aa52764e47d0b18693", body: ""),
        Capture(
            name: "debug_dataconnection", requestLine: "POST \(connections)/validation HTTP/1.1",
            signature: "47969baac64ce5c6ddb064f62d596f7417830aaddae9c62e278ed6322e8cc14d", body: validationBody),
    ]

    /// The wire bytes of a capture, headers in the captured order.
    static func wire(_ capture: Capture) -> [UInt8] {
        var lines = [
            capture.requestLine,
            "User-Agent: \(userAgent)",
            "Accept-Encoding: gzip, deflate",
            "Accept: */*",
            "Connection: keep-alive",
            "workspace: a1b2c3d4e5f60718293a4b5c6d7e8f90",
            "Content-Type: application/json",
            "X-Project-Id: 0123456789abcdef0123456789abcdef",
            "X-Sdk-Date: 20261129T053436Z",
            "Host: 127.0.0.1:45575",
            "Authorization: SDK-HMAC-SHA256 Access=TESTAK0123456789ABCD, "
                + "SignedHeaders=content-type;host;user-agent;workspace;x-project-id;x-sdk-date, "
                + "Signature=\(capture.signature)",
        ]
        // The SDK sends Content-Length with a body and on DELETE (`0`), not on GET.
        if !capture.body.isEmpty || capture.requestLine.hasPrefix("DELETE") {
            lines.append("Content-Length: \(capture.body.utf8.count)")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + capture.body).utf8)
    }

    static func parsed(_ capture: Capture) throws -> HTTPRequest {
        let bytes = wire(capture)
        let parsed = try #require(try RequestParser().parse(bytes[...]))
        #expect(parsed.consumed == bytes.count)
        return parsed.request
    }

    @Test(arguments: captures)
    func capturedSignatureVerifies(_ capture: Capture) throws {
        let request = try Self.parsed(capture)
        let authorization = try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Self.capturedAt)
        #expect(authorization.signature == capture.signature)
    }

    @Test(arguments: captures)
    func capturedSignatureFailsWithAnotherSecret(_ capture: Capture) throws {
        let request = try Self.parsed(capture)
        let thrown = failure { () throws(SignatureFailure) in
            try Vectors.verifier.verify(request, secretKey: "another-secret", now: Self.capturedAt)
        }
        guard case .mismatch = thrown else {
            Issue.record("expected a mismatch, got \(String(describing: thrown))")
            return
        }
    }

    @Test(arguments: captures)
    func signerReproducesTheCapturedAuthorization(_ capture: Capture) throws {
        var request = try Self.parsed(capture)
        let captured = request.headers["Authorization"]
        // Default signed headers: the SDK signed what it had set, not what `requests` added later.
        let names = ["content-type", "host", "user-agent", "workspace", "x-project-id", "x-sdk-date"]
        Vectors.signer.sign(&request, date: SDKDate(secondsSinceEpoch: Self.capturedAt / 1000), signedHeaders: names)
        #expect(request.headers["Authorization"] == captured)
    }

    @Test func createCanonicalRequestMatchesTheResearchByteForByte() throws {
        let request = try Self.parsed(Self.captures[0])
        let authorization = try SignatureAuthorization(parsing: try #require(request.headers["Authorization"]))
        let canonical = CanonicalRequest(request, signedHeaders: authorization.signedHeaders)
        let expected = """
            POST
            /v1/0123456789abcdef0123456789abcdef/data-connections/

            content-type:application/json
            host:127.0.0.1:45575
            user-agent:huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 python/3.11.7 impl/CPython; app/66e5cf16-476d-40f1-a91b-7de0e6e04d5f
            workspace:a1b2c3d4e5f60718293a4b5c6d7e8f90
            x-project-id:0123456789abcdef0123456789abcdef
            x-sdk-date:20261129T053436Z

            content-type;host;user-agent;workspace;x-project-id;x-sdk-date
            6a73a2fa73eebdfafdbae366eb555ef393f1d97a6f582cdd0519e7e00332ae54
            """
        #expect(Array(canonical.text.utf8) == Array(expected.utf8))
        #expect(
            RequestSignature.signature(canonical, date: SDKDate(secondsSinceEpoch: 1_795_930_476), secretKey: Vectors.secretKey)
                == "8870d24483159aa7b2a674aec03586a33cd7caf782c8233fc0850f67019eeb34")
    }

    @Test func listCanonicalQueryIsTheWireQuery() throws {
        let request = try Self.parsed(Self.captures[1])
        let lines = CanonicalRequest(request, signedHeaders: ["x-sdk-date"]).text.split(separator: "\n")
        #expect(lines[2] == "limit=10&name=dws%20conn&offset=0&type=DWS")
        #expect(lines.last.map(String.init) == Vectors.emptyBodyHash)
    }

    @Test func unsignedHeadersTheTransportAddedPlayNoPart() throws {
        var request = try Self.parsed(Self.captures[0])
        request.headers.set("Accept", "application/xml")
        request.headers.remove("Accept-Encoding")
        request.headers.add("X-Forwarded-For", "10.1.2.3")
        #expect(throws: Never.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Self.capturedAt)
        }
    }
}
