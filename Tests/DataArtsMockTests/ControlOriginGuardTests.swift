@testable import DataArtsMock
import DataArtsHTTP1
import DataArtsServices
import Testing

/// The rule of SPEC §6's first paragraph, without a socket.
@Suite struct ControlOriginGuardTests {
    private let guardOnLoopback = ControlOriginGuard(boundHost: "127.0.0.1", allowedHosts: ["mock"])

    private func request(_ headers: HTTPHeaders, method: String = "GET", body: String = "") -> HTTPRequest {
        HTTPRequest(method: method, target: "/__mock/health", version: .http1_1, headers: headers, body: Array(body.utf8))
    }

    @Test(arguments: [
        "localhost:8080", "LOCALHOST", "127.0.0.1:8080", "127.1.2.3", "[::1]:8080", "api.localhost:8080", "mock:9000",
    ])
    func ownHostNamesAreAdmitted(_ host: String) {
        #expect(guardOnLoopback.refusalReason(for: request(["Host": host])) == nil)
    }

    @Test(arguments: [
        "attacker.example", "attacker.example:8080", "localhost.attacker.example", "127.0.0.1.nip.io", "10.0.0.5:8080",
        "localhost:80a", "[::2]:8080",
    ])
    func otherHostNamesAreRefused(_ host: String) {
        #expect(guardOnLoopback.refusalReason(for: request(["Host": host])) != nil)
    }

    @Test func aWildcardBindingAdmitsAnyAddressButNoOtherName() {
        let wildcard = ControlOriginGuard(boundHost: "0.0.0.0", allowedHosts: [])
        #expect(wildcard.refusalReason(for: request(["Host": "10.0.0.5:8080"])) == nil)
        #expect(wildcard.refusalReason(for: request(["Host": "[fd00::1]:8080"])) == nil)
        #expect(wildcard.refusalReason(for: request(["Host": "evil.example:8080"])) != nil)
    }

    @Test(arguments: [
        ("http://localhost:8080", true), ("http://LOCALHOST:8080", true), ("http://localhost", false),
        // https with the same host and port: the page of a TLS proxy in front of the mock (no
        // other page can own that host and port while the mock does).
        ("http://localhost:3000", false), ("https://localhost:8080", true), ("http://127.0.0.1:8080", false),
        ("null", false), ("http://evil.example", false), ("http://localhost:8080/path", false),
    ])
    func anOriginMustBeThisVeryOrigin(_ origin: String, _ admitted: Bool) {
        let reason = guardOnLoopback.refusalReason(for: request(["Host": "localhost:8080", "Origin": origin], method: "POST"))
        #expect((reason == nil) == admitted, "\(origin)")
    }

    @Test func aDefaultPortIsTheSameOrigin() {
        #expect(guardOnLoopback.refusalReason(for: request(["Host": "localhost", "Origin": "http://localhost:80"], method: "POST")) == nil)
    }

    @Test(arguments: [("cross-site", false), ("Cross-Site", false), ("same-origin", true), ("same-site", true), ("none", true)])
    func secFetchSiteCrossSiteIsRefused(_ site: String, _ admitted: Bool) {
        #expect((guardOnLoopback.refusalReason(for: request(["Host": "localhost", "Sec-Fetch-Site": site])) == nil) == admitted)
    }

    @Test(arguments: [
        ("application/json", true), ("application/json; charset=utf-8", true), ("APPLICATION/JSON", true),
        ("text/plain", false), ("application/x-www-form-urlencoded", false), ("multipart/form-data; boundary=x", false),
        ("application/json-seq", false), (nil, false),
    ] as [(String?, Bool)])
    func aStateChangingBodyMustBeJSON(_ type: String?, _ admitted: Bool) {
        var headers: HTTPHeaders = ["Host": "localhost"]
        if let type { headers.add("Content-Type", type) }
        for method in ["POST", "PUT", "DELETE"] {
            #expect((guardOnLoopback.refusalReason(for: request(headers, method: method, body: "{}")) == nil) == admitted, "\(method) \(type ?? "none")")
        }
        // Without a body, or for a read, the type does not matter.
        #expect(guardOnLoopback.refusalReason(for: request(headers, method: "POST")) == nil)
        #expect(guardOnLoopback.refusalReason(for: request(headers, body: "{}")) == nil)
    }

    @Test func theRefusalIsSPECsBody() {
        #expect(ControlOriginGuard.refusal.status == .forbidden)
        #expect(ControlOriginGuard.refusal.code == "DAYU.4402")
        #expect(ControlOriginGuard.refusal.message
            == "The operation failed, detail msg control calls are accepted only from this mock's own origin.")
    }
}
