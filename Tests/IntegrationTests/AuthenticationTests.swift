import DataArtsJSON
import DataArtsMock
import DataArtsTestSupport
import Testing

/// The gateway's tokens and AK/SK signatures over sockets (SPEC §4).
@Suite struct AuthenticationTests {
    static let project = "0123456789abcdef0123456789abcdef"
    static let accessKey = "TESTAK0123456789ABCD"
    static let secretKey = "testsk-secret-0123456789"

    private func strict(workspaces: [String] = []) throws -> MockServer {
        try MockServer(MockConfiguration(port: 0, auth: AuthConfiguration(
            mode: .strict,
            tokens: [AuthConfiguration.Token("good-token@\(Self.project):bob")!],
            credentials: [AuthConfiguration.Credential("\(Self.accessKey):\(Self.secretKey)@\(Self.project):alice")!],
            workspaces: workspaces)))
    }

    /// A signed list request, optionally signed with another secret or at another time.
    private func signedList(
        _ server: MockServer, secretKey: String = secretKey, accessKey: String = accessKey,
        skewMilliseconds: Int64 = 0, workspace: String = "ws"
    ) throws -> CurlResponse {
        let url = server.url("/v1/\(Self.project)/data-connections?limit=10&name=a%20b")
        let headers = SignedClient.headers(
            method: "GET", url: url, headers: ["Content-Type": "application/json", "workspace": workspace,
                                               "X-Project-Id": Self.project],
            accessKey: accessKey, secretKey: secretKey, dateMilliseconds: server.nowMilliseconds + skewMilliseconds)
        return try Curl.request("GET", url, headers: headers)
    }

    private func message(_ response: CurlResponse) throws -> String {
        try #require(try response.json()["error_msg"]?.string)
    }

    @Test func permissiveAcceptsAnyTokenAndAWellFormedSignatureFromAnUnknownKey() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        #expect(try APIClient(server: server).list().status == 200)
        #expect(try signedList(server, secretKey: "whatever", accessKey: "UNKNOWNAK").status == 200)
    }

    @Test func permissiveStillVerifiesAConfiguredKey() throws {
        let server = try MockServer(MockConfiguration(port: 0, auth: AuthConfiguration(
            credentials: [AuthConfiguration.Credential("\(Self.accessKey):\(Self.secretKey)")!])))
        defer { server.stop() }
        #expect(try signedList(server).status == 200)
        let wrong = try signedList(server, secretKey: "not-the-secret")
        #expect(wrong.status == 401)
        #expect(try message(wrong).hasPrefix(
            "Incorrect IAM authentication information: verify aksk signature fail,canonicalRequest:GET|/v1/\(Self.project)/data-connections/|limit=10&name=a%20b|"))
    }

    @Test func aMalformedAuthorizationIsRefusedEvenWhenPermissive() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let response = try Curl.request("GET", client.collection, headers: ["Authorization": "Bearer abc", "workspace": "w"])
        #expect(response.status == 401)
        #expect(try message(response).hasPrefix("Incorrect IAM authentication information: verify aksk signature fail,err:"))
        #expect(try response.json()["request_id"]?.string == response.header("X-Request-Id"))
    }

    @Test(arguments: [Int64(16 * 60 * 1000), Int64(-16 * 60 * 1000)])
    func aSignatureOutsideTheFifteenMinuteWindowHasExpired(skew: Int64) throws {
        let server = try strict()
        defer { server.stop() }
        let response = try signedList(server, skewMilliseconds: skew)
        #expect(response.status == 401)
        #expect(try message(response) == "Incorrect IAM authentication information: calc ak sk signature fail:signature expired")
        #expect(try signedList(server, skewMilliseconds: skew > 0 ? 14 * 60 * 1000 : -14 * 60 * 1000).status == 200)
    }

    @Test func theWindowFollowsTheFrozenClock() throws {
        let server = try strict()
        defer { server.stop() }
        let signedNow = try signedList(server)
        #expect(signedNow.status == 200)
        server.freezeClock(atMilliseconds: server.nowMilliseconds + 20 * 60 * 1000)
        // Signed for the frozen clock's time: the client's date matches the mock's.
        #expect(try signedList(server).status == 200)
        server.releaseClock()
    }

    @Test func strictVerifiesCredentialsAndNamesTheCreator() throws {
        let server = try strict()
        defer { server.stop() }
        let url = server.url("/v1/\(Self.project)/data-connections")
        let body = Array("{\"data_source_vos\":[{\"dw_name\":\"signed\",\"dw_type\":\"DWS\",\"dw_config\":{}}]}".utf8)
        let headers = SignedClient.headers(
            method: "POST", url: url, headers: ["Content-Type": "application/json", "workspace": "ws"], body: body,
            accessKey: Self.accessKey, secretKey: Self.secretKey, dateMilliseconds: server.nowMilliseconds)
        let id = try APIClient.id(of: try Curl.request("POST", url, headers: headers, body: body))
        var client = APIClient(server: server)
        client.token = "good-token"
        client.workspace = "ws"
        #expect(try client.show(id).json()["create_user"]?.string == "alice")
    }

    @Test func strictRefusesUnknownKeysTokensAndWrongSecrets() throws {
        let server = try strict()
        defer { server.stop() }
        let unknown = try signedList(server, accessKey: "NOSUCHAK")
        #expect(unknown.status == 401)
        #expect(try message(unknown) == "Incorrect IAM authentication information: Get secretKey failed,ak:NOSUCHAK,err:ak not exist")
        let wrong = try signedList(server, secretKey: "nope")
        #expect(try message(wrong).contains("verify aksk signature fail,canonicalRequest:GET|"))
        var client = APIClient(server: server)
        client.token = "bad-token"
        let badToken = try client.list()
        #expect(badToken.status == 401)
        #expect(try message(badToken) == "Incorrect IAM authentication information: decrypt token fail")
        client.token = "good-token"
        #expect(try client.list().status == 200)
    }

    @Test func aBoundTokenOrCredentialServesOnlyItsProject() throws {
        let server = try strict()
        defer { server.stop() }
        var client = APIClient(server: server)
        client.token = "good-token"
        client.project = "another-project"
        let response = try client.list()
        #expect(response.status == 403)
        #expect(try response.json()["error_code"]?.string == "APIGW.0302")
        #expect(try message(response) == "The IAM user is not authorized to access the API.")
    }

    @Test func strictWorkspacesAreTheOnlyOnesThatExist() throws {
        let server = try strict(workspaces: ["ws"])
        defer { server.stop() }
        #expect(try signedList(server, workspace: "ws").status == 200)
        let elsewhere = try signedList(server, workspace: "other")
        #expect(elsewhere.status == 400)
        let body = try elsewhere.json()
        #expect(body["error_code"]?.string == "DAYU.3601")
        #expect(body["error_msg"]?.string == "You have no permission in asset.")
        #expect(body["errors"]?.array(of: { $0.dictionary(of: \.string) })?.first?["error_code"] == "DAYU.3601")
    }
}
