import DataArtsJSON
import DataArtsMock
import Testing

/// Control calls only from the mock's own origin (SPEC §6, first paragraph; issue 10 item 11):
/// a web page on another origin, or one reaching the mock by DNS rebinding, gets 403.
@Suite struct ControlOriginTests {
    static let refusal =
        #"{"error_code":"DAYU.4402","error_msg":"The operation failed, detail msg control calls are accepted only from this mock's own origin."}"#
    static let json = ["Content-Type": "application/json"]

    private func faultCount(_ server: MockServer) throws -> Int? {
        try Curl.get(server.url("/__mock/faults")).json()["faults"]?.array?.count
    }

    @Test func aCrossOriginFaultIsRefusedAndNotAdded() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let refused = try Curl.post(
            server.url("/__mock/faults"), headers: ["Origin": "http://evil.example", "Content-Type": "application/json"],
            body: Array(#"{"status":503,"times":0}"#.utf8))
        #expect(refused.status == 403)
        #expect(refused.text == Self.refusal)
        #expect(try faultCount(server) == 0)
    }

    @Test func aPlainTextOrFormBodyIsRefusedEvenWithoutAnOrigin() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
            let refused = try Curl.post(
                server.url("/__mock/faults"), headers: ["Content-Type": type], body: Array(#"{"status":503}"#.utf8))
            #expect(refused.status == 403, "\(type)")
        }
        let reset = try Curl.post(
            server.url("/__mock/reset"), headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array("a=1".utf8))
        #expect(reset.status == 403)
        #expect(try faultCount(server) == 0)
        let accepted = try Curl.post(
            server.url("/__mock/faults"), headers: ["Content-Type": "Application/JSON; charset=utf-8"],
            body: Array(#"{"status":503}"#.utf8))
        #expect(accepted.status == 201)
    }

    @Test func aRebindingHostCannotReadTheState() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        _ = try APIClient.id(of: try APIClient(server: server).create(
            Array(#"{"data_source_vos":[{"dw_name":"s","dw_type":"DWS","dw_config":{"dbPassword":"hunter2"}}]}"#.utf8)))
        let refused = try Curl.get(server.url("/__mock/state"), headers: ["Host": "attacker.example:\(server.port)"])
        #expect(refused.status == 403)
        #expect(!refused.text.contains("hunter2"))
        #expect(try Curl.get(server.url("/__mock/state")).text.contains("hunter2"))
    }

    @Test func aCrossSiteNavigationIsRefused() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        #expect(try Curl.get(server.url("/__mock/state"), headers: ["Sec-Fetch-Site": "cross-site"]).status == 403)
        #expect(try Curl.get(server.url("/__mock/state"), headers: ["Sec-Fetch-Site": "same-origin"]).status == 200)
        #expect(try Curl.get(server.url("/__mock/state"), headers: ["Sec-Fetch-Site": "none"]).status == 200)
    }

    @Test func anotherPortOfLocalhostIsAnotherOrigin() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let host = "localhost:\(server.port)"
        let otherPort = server.port == 65535 ? 65534 : server.port + 1
        let other = try Curl.post(
            server.url("/__mock/reset"), headers: ["Host": host, "Origin": "http://localhost:\(otherPort)"], body: [])
        #expect(other.status == 403)
        let nullOrigin = try Curl.post(server.url("/__mock/reset"), headers: ["Origin": "null"], body: [])
        #expect(nullOrigin.status == 403)
        let same = try Curl.post(server.url("/__mock/reset"), headers: ["Host": host, "Origin": "http://\(host)"], body: [])
        #expect(same.status == 204)
    }

    @Test func loopbackNamesTheBoundAddressAndAllowedHostsAreAccepted() throws {
        let server = try MockServer(MockConfiguration(port: 0, allowedHosts: ["mock", "Mock.Internal"]))
        defer { server.stop() }
        for host in ["localhost", "127.0.0.1", "127.0.0.2", "[::1]", "app.localhost", "mock", "mock.internal", "MOCK"] {
            let response = try Curl.get(server.url("/__mock/health"), headers: ["Host": "\(host):\(server.port)"])
            #expect(response.status == 200, "\(host)")
        }
        // (A malformed Host such as `localhost:80x` never gets this far: the parser answers 400.)
        for host in ["mock.evil.example", "localhost.evil.example", "127.0.0.1.nip.io"] {
            #expect(try Curl.get(server.url("/__mock/health"), headers: ["Host": host]).status == 403, "\(host)")
        }
    }

    @Test func theEmulatedAPIIsNotRestricted() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let created = try client.create(
            Array(#"{"data_source_vos":[{"dw_name":"open","dw_type":"DWS","dw_config":{}}]}"#.utf8),
            headers: ["Origin": "http://evil.example", "Host": "attacker.example"])
        #expect(created.status == 200)
    }
}
