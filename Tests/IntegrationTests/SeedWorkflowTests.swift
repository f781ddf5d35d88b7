import DataArtsJSON
import DataArtsMock
import DataArtsServices
import DataArtsTestSupport
import Foundation
import Testing

/// SPEC §8 over sockets: tokens from the mock's IAM at the gateway, created workspaces in
/// strict mode and in the state file, reset and the journal.
@Suite struct SeedWorkflowTests {
    static let project = "0123456789abcdef0123456789abcdef"
    static let accessKey = "TESTAK0123456789ABCD"
    static let secretKey = "testsk-secret-0123456789"
    static let password = "S3cret!pw"

    static func login(
        _ server: MockServer, scope: String = #"{"project":{"name":"cn-north-4"}}"#, password: String = password
    ) throws -> CurlResponse {
        let body = #"{"auth":{"identity":{"methods":["password"],"password":{"user":{"domain":{"name":"dataarts-mock"},"#
            + #""name":"alice","password":"\#(password)"}}},"scope":\#(scope)}}"#
        return try Curl.post(
            server.url("/v3/auth/tokens"), headers: ["Content-Type": "application/json;charset=utf8"], body: Array(body.utf8))
    }

    static func strict(stateFile: String? = nil, workspaces: [String] = []) throws -> MockServer {
        try MockServer(MockConfiguration(
            port: 0, stateFile: stateFile,
            auth: AuthConfiguration(
                mode: .strict,
                credentials: [AuthConfiguration.Credential("\(accessKey):\(secretKey)")!],
                workspaces: workspaces, users: [AuthConfiguration.User("alice:\(password)")!]),
            projects: [(region: "cn-north-4", id: project)]))
    }

    static func token(_ response: CurlResponse) throws -> String {
        try #require(response.header("X-Subject-Token"))
    }

    @Test func anIssuedTokenPassesStrictModeForItsProjectAndNamesTheCreator() throws {
        let server = try Self.strict()
        defer { server.stop() }
        let login = try Self.login(server)
        #expect(login.status == 201)
        var client = APIClient(server: server)
        client.token = try Self.token(login)
        let id = try APIClient.id(of: try client.create(named: "by_token"))
        #expect(try client.show(id).json()["create_user"]?.string == "alice")

        client.project = "f" + Self.project.dropFirst()
        let other = try client.list()
        #expect(other.status == 403)
        #expect(try other.json()["error_code"]?.string == "APIGW.0302")
    }

    @Test func aWrongPasswordIsKeystones401AndTheLoginNeedsNoAuthentication() throws {
        let server = try Self.strict()
        defer { server.stop() }
        let wrong = try Self.login(server, password: "nope")
        #expect(wrong.status == 401)
        #expect(wrong.text == #"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#)
        #expect(wrong.header("X-Subject-Token") == nil)
    }

    @Test func anIssuedTokenExpiresAfter24HoursOfTheMockClock() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        server.freezeClock(atMilliseconds: 1_767_225_600_000)
        var client = APIClient(server: server)
        client.project = Account.derivedProjectID(forRegion: "cn-north-4")
        client.token = try Self.token(try Self.login(server))
        server.freezeClock(atMilliseconds: 1_767_225_600_000 + 86_400_000)
        #expect(try client.list().status == 200)
        server.freezeClock(atMilliseconds: 1_767_225_600_000 + 86_400_001)
        let expired = try client.list()
        #expect(expired.status == 401)
        #expect(try expired.json()["error_msg"]?.string
            == "Incorrect IAM authentication information: token expires, expires_at: 2026-01-02T00:00:00.000000Z")
    }

    @Test func aDomainScopedTokenServesIAMButNoRegionalAPI() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let token = try Self.token(try Self.login(server, scope: #"{"domain":{"name":"dataarts-mock"}}"#))
        let projects = try Curl.get(server.url("/v3/projects?name=cn-north-4"), headers: ["X-Auth-Token": token])
        #expect(projects.status == 200)
        let regional = try Curl.get(server.url("/v1/\(Self.project)/instances"), headers: ["X-Auth-Token": token])
        #expect(regional.status == 403)
        let validate = try Curl.get(
            server.url("/v3/auth/tokens"), headers: ["X-Auth-Token": token, "X-Subject-Token": token])
        #expect(validate.status == 200 && validate.header("X-Subject-Token") == token)
    }

    @Test func projectDiscoveryIsVerifiedOverTheSDKsThreeSignedHeaders() throws {
        let server = try Self.strict()
        defer { server.stop() }
        let url = server.url("/v3/projects?name=cn-north-4")
        let signed = SignedClient.headers(
            method: "GET", url: url, headers: ["User-Agent": "test-agent"], accessKey: Self.accessKey,
            secretKey: Self.secretKey, dateMilliseconds: server.nowMilliseconds)
        let response = try Curl.get(url, headers: signed)
        #expect(response.status == 200)
        let projects = try #require(try response.json()["projects"]?.array(of: \.object))
        #expect(projects.map { $0["id"]?.string } == [Self.project])

        var tampered = signed
        tampered["User-Agent"] = "another-agent"
        #expect(try Curl.get(url, headers: tampered).status == 401)
    }

    static func createWorkspace(_ server: MockServer, name: String, token: String = "t") throws -> String {
        let instance = DataArtsInstance(projectID: project).id
        let created = try Curl.post(
            server.url("/v1/\(project)/workspaces/\(instance)"),
            headers: ["X-Auth-Token": token, "Content-Type": "application/json"], body: Array(#"{"name":"\#(name)","eps_id":"0"}"#.utf8))
        #expect(created.status == 200)
        let list = try Curl.get(server.url("/v1/\(project)/workspaces/\(instance)?limit=100"), headers: ["X-Auth-Token": token])
        let data = try #require(try list.json()["data"]?.array(of: \.object))
        return try #require(data.first { $0["name"]?.string == name }?["id"]?.string)
    }

    @Test func aCreatedWorkspaceIsUsableInStrictModeAndSurvivesARestart() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        let id: String
        do {
            let server = try Self.strict(stateFile: path, workspaces: ["only-this"])
            let token = try Self.token(try Self.login(server))
            id = try Self.createWorkspace(server, name: "persisted", token: token)
            var client = APIClient(server: server)
            client.token = token
            client.workspace = id
            #expect(try client.create(named: "in_created").status == 200)
            client.workspace = "not-configured"
            #expect(try client.list().status == 400)
            server.stop()
            server.waitUntilStopped(seconds: 5)
        }
        let server = try Self.strict(stateFile: path, workspaces: ["only-this"])
        defer { server.stop() }
        var client = APIClient(server: server)
        client.token = try Self.token(try Self.login(server))
        client.workspace = id
        let list = try client.list()
        #expect(list.status == 200)
        #expect(try list.json()["total_size"]?.int == 1)
    }

    @Test func stateCarriesCreatedWorkspacesAndResetForgetsThemAndTheTokens() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let id = try Self.createWorkspace(server, name: "exported")
        let state = try Curl.get(server.url("/__mock/state")).json()
        let workspaces = try #require(state["workspaces"]?.array(of: \.object))
        #expect(workspaces.map { $0["id"]?.string } == [id])

        let token = try Self.token(try Self.login(server))
        #expect(try Curl.post(server.url("/__mock/reset"), body: []).status == 204)
        #expect(try #require(try Curl.get(server.url("/__mock/state")).json()["workspaces"]?.array).isEmpty)
        let validate = try Curl.get(
            server.url("/v3/auth/tokens"), headers: ["X-Auth-Token": "any", "X-Subject-Token": token])
        #expect(validate.status == 404)

        let body: JSONValue = ["connections": [], "workspaces": .array(workspaces.map(JSONValue.object))]
        #expect(try Curl.request(
            "PUT", server.url("/__mock/state"), headers: ["Content-Type": "application/json"], body: body.serialized()).status == 204)
        #expect(try #require(try Curl.get(server.url("/__mock/state")).json()["workspaces"]?.array).count == 1)
        #expect(try Curl.request(
            "PUT", server.url("/__mock/state"), headers: ["Content-Type": "application/json"],
            body: Array(#"{"connections":[]}"#.utf8)).status == 204)
        #expect(try #require(try Curl.get(server.url("/__mock/state")).json()["workspaces"]?.array).isEmpty)
    }

    @Test func theJournalShowsIAMCallsWithThePasswordAndSubjectTokenRedacted() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let token = try Self.token(try Self.login(server))
        _ = try Curl.get(server.url("/v3/auth/tokens"), headers: ["X-Auth-Token": token, "X-Subject-Token": token])
        _ = try Curl.get(server.url("/v1.1/\(Self.project)/clusters/nope"), headers: ["X-Auth-Token": "t"])
        let journal = try Curl.get(server.url("/__mock/requests"))
        #expect(!journal.text.contains(Self.password))
        #expect(!journal.text.contains(token))
        let entries = try #require(try journal.json()["requests"]?.array(of: \.object))
        #expect(entries.map { $0["path"]?.string } == ["/v3/auth/tokens", "/v3/auth/tokens", "/v1.1/\(Self.project)/clusters/nope"])
        #expect(entries.map { $0["status"]?.int } == [201, 200, 404])
        #expect(entries.last?["error_code"]?.string == "Cdm.0010")
    }
}
