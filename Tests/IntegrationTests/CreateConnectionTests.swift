import DataArtsJSON
import DataArtsMock
import DataArtsTestSupport
import Foundation
import DataArtsLocking
import Testing

/// Create Data Connection over sockets, against the seed's examples.
@Suite struct CreateConnectionTests {
    @Test func seedExampleIsCreatedAndAnsweredInTheVendorsShape() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let response = try client.create(try fixture("create-hive-request.json"))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json;charset=UTF-8")
        #expect(try topLevelKeys(response.body) == topLevelKeys(try fixture("create-response-200.json")))
        let id = try APIClient.id(of: response)
        #expect(id.wholeMatch(of: #/[0-9a-f]{32}/#) != nil)

        let shown = try client.show(id)
        #expect(shown.status == 200)
        // dw_config comes back in the client's key order, secrets masked, update_time added.
        let text = shown.text
        #expect(text.contains(
            "\"dw_config\":{\"clusterId\":\"353ff458-a560-413e-9b84-33f930cb8057\",\"clusterName\":\"mrs_3x_autotest_do_not_del\","
                + "\"dbUserName\":\"xxxxxx\",\"dbPassword\":\"******\",\"kmsId\":\"a721616c-9a12-47b1-a805-3cfcd3e63cd7\","
                + "\"kmsName\":\"KMS-1111\",\"mrsConnectionType\":\"agent\",\"update_time\":"))
        #expect(try topLevelKeys(shown.body) == [
            "dw_name", "dw_type", "dw_config", "agent_id", "agent_name", "env_type", "qualified_name", "dw_id",
            "create_user", "create_time", "dw_catagory", "description", "update_type",
        ])
        let body = try shown.json()
        #expect(body["dw_name"]?.string == "test_hive_01")
        #expect(body["qualified_name"]?.string == "HIVE.test_hive_01")
        #expect(body["dw_id"]?.string == id)
        #expect(body["create_user"]?.string == "dataarts-mock")
        #expect(body["description"]?.isNull == true)
        #expect(body["update_type"]?.int == 0)
    }

    @Test(arguments: ["create-dws-request.json", "create-dli-request.json"])
    func realisticExamplesAreCreated(_ name: String) throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let id = try APIClient.id(of: try client.create(try fixture(name)))
        #expect(try client.show(id).status == 200)
    }

    /// SPEC §2.2: `dw_config` takes any keys, yet a number in it too large for a double is a
    /// DAYU.4402 naming its path, and nothing is stored.
    @Test func numberTooLargeForADoubleDeepInDwConfigIsRefused() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let body = #"{"data_source_vos":[{"dw_name":"huge","dw_type":"DWS","dw_config":{"pool":{"sizes":[1,-1e400]}}}]}"#
        let response = try client.create(Array(body.utf8))
        #expect(response.status == 400)
        #expect(try response.json()["error_code"]?.string == "DAYU.4402")
        #expect(try response.json()["error_msg"]?.string
            == "The operation failed, detail msg data_source_vos[0].dw_config.pool.sizes[1] is too large a number.")
        #expect(try client.list().json()["total_size"]?.int == 0)
    }

    @Test func badBodyIsAnsweredInTheSeedsErrorShape() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let response = try APIClient(server: server).create(Array("{\"data_source_vos\":[{}]}".utf8))
        #expect(response.status == 400)
        #expect(try topLevelKeys(response.body) == topLevelKeys(try fixture("create-response-400.json")))
        let message = try #require(try response.json()["error_msg"]?.string)
        #expect(message == "The operation failed, detail msg data_source_vos[0].dw_name is required; "
            + "data_source_vos[0].dw_type is required; data_source_vos[0].dw_config is required.")
        #expect(response.header("X-Request-Id") != nil)
    }

    @Test func requestWithoutCredentialsIsRefusedByTheGateway() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let response = try Curl.request(
            "POST", client.collection, headers: ["workspace": client.workspace, "Content-Type": "application/json"],
            body: try fixture("create-hive-request.json"))
        #expect(response.status == 401)
        let body = try response.json()
        #expect(body["error_code"]?.string == "APIGW.0301")
        #expect(body["error_msg"]?.string == "Incorrect IAM authentication information: x-auth-token not found")
        #expect(body["request_id"]?.string == response.header("X-Request-Id"))
        #expect(try topLevelKeys(response.body) == ["error_msg", "error_code", "request_id"])
    }

    @Test func projectHeaderMustNameThePathsProject() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let response = try APIClient(server: server)
            .create(try fixture("create-dli-request.json"), headers: ["X-Project-Id": "another"])
        #expect(response.status == 403)
        #expect(try response.json()["error_code"]?.string == "APIGW.0302")
    }

    @Test func wrongMethodOnAKnownPathIsTheGatewaysNotFound() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let response = try Curl.request("PATCH", client.collection, headers: client.headers())
        #expect(response.status == 404)
        #expect(try response.json()["error_msg"]?.string == "The API does not exist.")
    }

    @Test func namesAreUniquePerWorkspaceAndCreatesAreAllOrNone() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        _ = try APIClient.id(of: try client.create(named: "taken"))
        let duplicate = try client.create(named: "taken")
        #expect(duplicate.status == 400)
        #expect(try duplicate.json()["error_msg"]?.string?.contains("data_source_vos[0].dw_name taken already exists") == true)

        let mixed = "{\"data_source_vos\":[{\"dw_name\":\"fresh\",\"dw_type\":\"DWS\",\"dw_config\":{}},"
            + "{\"dw_name\":\"taken\",\"dw_type\":\"DWS\",\"dw_config\":{}}]}"
        let refused = try client.create(Array(mixed.utf8))
        #expect(try refused.json()["error_msg"]?.string?.contains("data_source_vos[1].dw_name taken already exists") == true)
        #expect(try client.list("name=fresh").json()["total_size"]?.int == 0)

        var elsewhere = client
        elsewhere.workspace = "another-workspace"
        #expect(try elsewhere.create(named: "taken").status == 200)
    }

    @Test func theWorkspaceLimitIsEnforced() throws {
        let server = try MockServer(MockConfiguration(port: 0, maxConnectionsPerWorkspace: 2))
        defer { server.stop() }
        let client = APIClient(server: server)
        #expect(try client.create(named: "one").status == 200)
        #expect(try client.create(named: "two").status == 200)
        let third = try client.create(named: "three")
        #expect(third.status == 400)
        #expect(try third.json()["error_msg"]?.string
            == "The operation failed, detail msg the workspace holds 2 data connections and may hold at most 2.")
    }

    @Test func workspacesAndProjectsAreIsolated() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let id = try APIClient.id(of: try client.create(named: "mine"))
        var otherWorkspace = client
        otherWorkspace.workspace = "other"
        var otherProject = client
        otherProject.project = "fedcba9876543210fedcba9876543210"
        for other in [otherWorkspace, otherProject] {
            #expect(try other.list().json()["total_size"]?.int == 0)
            let shown = try other.show(id)
            #expect(shown.status == 400)
            #expect(try shown.json()["error_code"]?.string == "DAYU.1005")
            #expect(try other.delete(id).status == 400)
        }
        #expect(try client.show(id).status == 200)
    }

    @Test func concurrentCreatesAreAllAnsweredAndStoredOnce() throws {
        let server = try MockServer(MockConfiguration(port: 0, maxConnectionsPerWorkspace: 1000))
        defer { server.stop() }
        let client = APIClient(server: server)
        let threads = 8
        let perThread = 25
        let results = Locked<[(Int, String?)]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in 0..<perThread {
                let response = try? client.create(named: "c\(thread)_\(index)")
                let id = try? response.map(APIClient.id(of:))
                results.withLock { $0.append((response?.status ?? 0, id)) }
            }
        }
        let all = results.withLock { $0 }
        #expect(all.count == threads * perThread)
        #expect(all.allSatisfy { $0.0 == 200 })
        #expect(Set(all.compactMap(\.1)).count == threads * perThread)
        let health = try Curl.get(server.url("/__mock/health")).json()
        #expect(health["connections"]?.int == threads * perThread)
        #expect(try client.list().json()["total_size"]?.int == threads * perThread)
    }
}
