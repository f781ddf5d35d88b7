import DataArtsJSON
import DataArtsMock
import DataArtsTestSupport
import Foundation
import Testing

/// The test-double controls under /__mock/ (SPEC §6).
@Suite struct ControlAPITests {
    /// Control bodies must say they are JSON (SPEC §6).
    static let json = ["Content-Type": "application/json"]

    private func post(_ server: MockServer, _ path: String, _ json: String) throws -> CurlResponse {
        try Curl.request("POST", server.url(path), headers: ["Content-Type": "application/json"], body: Array(json.utf8))
    }

    @Test func resetEmptiesConnectionsJournalFaultsAndClock() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        _ = try APIClient.id(of: try client.create(named: "a"))
        #expect(try post(server, "/__mock/faults", "{\"status\":500,\"times\":0,\"path\":\"/nowhere\"}").status == 201)
        #expect(try Curl.request("PUT", server.url("/__mock/clock"), headers: Self.json, body: Array("{\"now_ms\":1000}".utf8)).status == 200)

        let reset = try Curl.request("POST", server.url("/__mock/reset"))
        #expect(reset.status == 204)
        #expect(reset.body.isEmpty)
        #expect(try Curl.get(server.url("/__mock/health")).json()["connections"]?.int == 0)
        #expect(try Curl.get(server.url("/__mock/requests")).json()["requests"]?.array?.isEmpty == true)
        #expect(try Curl.get(server.url("/__mock/faults")).json()["faults"]?.array?.isEmpty == true)
        #expect(try Curl.get(server.url("/__mock/clock")).json()["frozen"]?.bool == false)
    }

    @Test func scopedResetTouchesOnlyThatWorkspace() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let mine = APIClient(server: server)
        var theirs = mine
        theirs.workspace = "theirs"
        _ = try APIClient.id(of: try mine.create(named: "a"))
        _ = try APIClient.id(of: try theirs.create(named: "b"))
        #expect(try Curl.request("POST", server.url("/__mock/reset?project=\(mine.project)&workspace=theirs")).status == 204)
        let journal = try Curl.get(server.url("/__mock/requests")).json()["requests"]?.array(of: \.object)
        #expect(journal?.map { $0["workspace"]?.string } == [mine.workspace])
        #expect(try mine.list().json()["total_size"]?.int == 1)
        #expect(try theirs.list().json()["total_size"]?.int == 0)
    }

    @Test func journalRecordsRequestsWithSecretsRedacted() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let body = "{\"data_source_vos\":[{\"dw_name\":\"j\",\"dw_type\":\"DWS\",\"dw_config\":{\"user\":\"u\",\"dbPassword\":\"hunter2\"}}]}"
        let signature = String(repeating: "ab", count: 32)
        let created = try client.create(Array(body.utf8), headers: [
            "X-Auth-Token": "super-secret-token",
            "X-Sdk-Date": SignedClient.sdkDate(server.nowMilliseconds),
            "Authorization": "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=\(signature)",
        ])
        _ = try Curl.get(server.url("/nowhere?x=1"))
        let snapshot = try Curl.get(server.url("/__mock/requests")).json()
        #expect(snapshot["dropped"]?.int == 0)
        #expect(snapshot["capacity"]?.int == 10_000)
        let entries = try #require(snapshot["requests"]?.array(of: \.object))
        #expect(entries.count == 2)
        let first = entries[0]
        #expect(first["seq"]?.int == 1)
        #expect(first["method"]?.string == "POST")
        #expect(first["path"]?.string == "/v1/\(client.project)/data-connections")
        #expect(first["query"]?.string == "")
        #expect(first["project_id"]?.string == client.project)
        #expect(first["workspace"]?.string == client.workspace)
        #expect(first["status"]?.int == 200)
        #expect(first["error_code"]?.isNull == true)
        #expect(first["request_id"]?.string == created.header("X-Request-Id"))
        let headers = try #require(first["headers"]?.dictionary(of: \.string))
        #expect(headers["X-Auth-Token"] == "******")
        #expect(headers["Authorization"] == "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=******")
        #expect(headers["X-Sdk-Date"] != nil)
        let config = try #require(first["body"]?["data_source_vos"]?.array(of: \.object)?.first?["dw_config"]?.dictionary(of: \.string))
        #expect(config == ["user": "u", "dbPassword": "******"])
        let text = try Curl.get(server.url("/__mock/requests")).text
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("super-secret-token"))
        #expect(!text.contains(signature))

        #expect(entries[1]["status"]?.int == 404)
        #expect(entries[1]["error_code"]?.string == "APIGW.0101")
        #expect(entries[1]["query"]?.string == "x=1")
        #expect(entries[1]["project_id"]?.isNull == true)
    }

    @Test func journalFiltersAndCountsWhatItDropped() throws {
        let server = try MockServer(MockConfiguration(port: 0, journalCapacity: 3))
        defer { server.stop() }
        for path in ["/a", "/b", "/c", "/d", "/e"] { _ = try Curl.get(server.url(path)) }
        let all = try Curl.get(server.url("/__mock/requests")).json()
        #expect(all["dropped"]?.int == 2)
        #expect(all["requests"]?.array(of: \.object)?.map { $0["path"]?.string } == ["/c", "/d", "/e"])
        let newest = try Curl.get(server.url("/__mock/requests?limit=1")).json()["requests"]?.array(of: \.object)
        #expect(newest?.map { $0["path"]?.string } == ["/e"])
        let prefix = try Curl.get(server.url("/__mock/requests?path=/d&status=404&method=get")).json()["requests"]?.array(of: \.object)
        #expect(prefix?.count == 1)
        #expect(try Curl.request("DELETE", server.url("/__mock/requests")).status == 204)
        let cleared = try Curl.get(server.url("/__mock/requests")).json()
        #expect(cleared["dropped"]?.int == 0)
        #expect(cleared["requests"]?.array?.isEmpty == true)
    }

    @Test func faultRuleAnswersInTheSeeds500ShapeAndChangesNothing() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let added = try post(server, "/__mock/faults", "{\"method\":\"POST\",\"path\":\"/v1/{project_id}/data-connections\",\"times\":2,\"status\":500}")
        #expect(added.status == 201)
        let rule = try added.json()
        #expect(rule["error_code"]?.string == "DAYU.3531")
        #expect(rule["error_msg"]?.string == "Internal server error: injected fault")
        #expect(rule["remaining"]?.int == 2)
        let client = APIClient(server: server)
        let failed = try client.create(named: "x")
        #expect(failed.status == 500)
        #expect(try topLevelKeys(failed.body) == topLevelKeys(try fixture("create-response-500.json")))
        #expect(try failed.json()["error_msg"]?.string == "Internal server error: injected fault")
        #expect(server.connectionCount == 0)
        let listed = try Curl.get(server.url("/__mock/faults")).json()["faults"]?.array(of: \.object)
        #expect(listed?.first?["remaining"]?.int == 1)
        #expect(try client.create(named: "x").status == 500)
        #expect(try Curl.get(server.url("/__mock/faults")).json()["faults"]?.array?.isEmpty == true)
        #expect(try client.create(named: "x").status == 200)
    }

    @Test func faultMatchersAndVendorShapes() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let id = try APIClient.id(of: try client.create(named: "target"))
        _ = try post(server, "/__mock/faults", "{\"path\":\"/v1/{project_id}/data-connections/{id}\",\"workspace\":\"elsewhere\",\"status\":400,\"error_code\":\"DAYU.1005\"}")
        #expect(try client.show(id).status == 200)
        _ = try post(server, "/__mock/faults", "{\"path\":\"/v1/{project_id}/data-connections/{id}\",\"status\":400,\"error_code\":\"DAYU.1005\"}")
        let missing = try client.show(id)
        #expect(missing.status == 400)
        let body = try missing.json()
        #expect(body["error_code"]?.string == "DAYU.1005")
        #expect(body["errors"]?.array(of: { $0.dictionary(of: \.string) })?.first?["error_code"] == "DAYU.1005")

        _ = try post(server, "/__mock/faults", "{\"method\":\"GET\",\"status\":401}")
        let gateway = try client.list()
        #expect(gateway.status == 401)
        #expect(try gateway.json()["request_id"]?.string == gateway.header("X-Request-Id"))
        #expect(try gateway.json()["error_msg"]?.string == "Incorrect IAM authentication information: injected fault")
    }

    @Test func closeFaultDropsTheConnectionWithoutAnAnswer() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        _ = try post(server, "/__mock/faults", "{\"close\":true}")
        #expect(throws: CurlError.self) { try APIClient(server: server).create(named: "x") }
        #expect(server.connectionCount == 0)
        #expect(try APIClient(server: server).create(named: "x").status == 200)
    }

    @Test func latencyFaultDelaysTheRealAnswer() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        _ = try post(server, "/__mock/faults", "{\"latency_ms\":150}")
        let client = APIClient(server: server)
        #expect(try client.create(named: "slow").status == 200)
        let entry = try #require(server.journal.entries().entries.last)
        // A lower bound only: the timer cannot fire early; how late it fires is the machine's business.
        #expect(entry.durationMilliseconds >= 150)
        #expect(server.connectionCount == 1)
    }

    @Test(arguments: [
        ("400 DAYU.1011", 400, "DAYU.1011", "Failed to test the connection, the error is injected fault."),
        ("503", 503, "DAYU.3531", "Internal server error: injected fault"),
        ("429 APIGW.0308", 429, "APIGW.0308", "The throttling threshold has been reached."),
    ])
    func mockFaultHeaderInjectsOneAnswer(header: String, status: Int, code: String, message: String) throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let response = try Curl.request(
            "POST", client.collection + "/validation", headers: client.headers(["X-Mock-Fault": header]),
            body: Array("{\"dw_name\":\"v\",\"dw_type\":\"DWS\",\"dw_config\":{}}".utf8))
        #expect(response.status == status)
        #expect(try response.json()["error_code"]?.string == code)
        #expect(try response.json()["error_msg"]?.string == message)
        #expect(server.journal.entries().entries.last?.errorCode == code)
    }

    @Test func malformedMockFaultHeaderIsABadRequest() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let response = try Curl.request("GET", client.collection, headers: client.headers(["X-Mock-Fault": "sometimes"]))
        #expect(response.status == 400)
        #expect(try response.json()["error_msg"]?.string?.contains("X-Mock-Fault header") == true)
    }

    @Test func invalidFaultRulesAreRefusedAndUnknownIdsAre404() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let refused = try post(server, "/__mock/faults", "{\"times\":-1,\"status\":\"500\"}")
        #expect(refused.status == 400)
        let message = try #require(try refused.json()["error_msg"]?.string)
        #expect(message.contains("times must be an integer"))
        #expect(message.contains("status must be an integer"))
        #expect(try Curl.request("DELETE", server.url("/__mock/faults/99")).status == 404)
        let id = try #require(try post(server, "/__mock/faults", "{\"status\":500}").json()["id"]?.string)
        #expect(try Curl.request("DELETE", server.url("/__mock/faults/\(id)")).status == 204)
    }

    @Test func frozenClockStampsCreationTimes() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let frozen = try Curl.request("PUT", server.url("/__mock/clock"), headers: Self.json, body: Array("{\"now_ms\":1700000000000}".utf8)).json()
        #expect(frozen["now_ms"]?.int == 1_700_000_000_000)
        #expect(frozen["frozen"]?.bool == true)
        let client = APIClient(server: server)
        let id = try APIClient.id(of: try client.create(named: "t"))
        let shown = try client.show(id).json()
        #expect(shown["create_time"]?.int == 1_700_000_000_000)
        #expect(shown["dw_config"]?["update_time"]?.int == 1_700_000_000_000)
        #expect(try Curl.request("DELETE", server.url("/__mock/clock")).status == 204)
        #expect(try Curl.get(server.url("/__mock/clock")).json()["frozen"]?.bool == false)
        #expect(try Curl.request("PUT", server.url("/__mock/clock"), headers: Self.json, body: Array("{\"now_ms\":-5}".utf8)).status == 400)
    }

    @Test func stateExportsUnmaskedAndImportsWholeOrNotAtAll() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        _ = try APIClient.id(of: try client.create(try fixture("create-dws-request.json")))
        let exported = try Curl.get(server.url("/__mock/state"))
        #expect(exported.text.contains("\"password\":\"Secret-Pa55\""))
        let record = try #require(try exported.json()["connections"]?.array(of: \.object)?.first)
        #expect(record["project_id"]?.string == client.project)
        #expect(record["dw_category"]?.isNull == true)

        let invalid = try Curl.request("PUT", server.url("/__mock/state"), headers: Self.json, body: Array("{\"connections\":[{\"project_id\":\"p\"}]}".utf8))
        #expect(invalid.status == 400)
        #expect(try invalid.json()["error_msg"]?.string?.contains("connections[0].dw_name is required") == true)
        #expect(server.connectionCount == 1)
        let emptyID = "{\"connections\":[{\"project_id\":\"p\",\"workspace\":\"w\",\"dw_name\":\"n\",\"dw_type\":\"DWS\",\"dw_config\":{},\"dw_id\":\"\"}]}"
        let unreachable = try Curl.request("PUT", server.url("/__mock/state"), headers: Self.json, body: Array(emptyID.utf8))
        #expect(unreachable.status == 400)
        #expect(try unreachable.json()["error_msg"]?.string?.contains("connections[0].dw_id must not be empty") == true)

        #expect(try Curl.request("POST", server.url("/__mock/reset")).status == 204)
        #expect(try Curl.request("PUT", server.url("/__mock/state"), headers: Self.json, body: exported.body).status == 204)
        #expect(try Curl.get(server.url("/__mock/state")).body == exported.body)
    }

    @Test func fixturesArePreloaded() throws {
        let fixtures = Fixtures.url("sample-connections.json").path
        let server = try MockServer(MockConfiguration(port: 0, fixtures: [fixtures]))
        defer { server.stop() }
        #expect(server.connectionCount >= 3)
        let records = try #require(try Curl.get(server.url("/__mock/state")).json()["connections"]?.array(of: \.object))
        #expect(records.allSatisfy { $0["dw_id"]?.string?.count == 32 })
    }

    @Test func throttlingAnswers429() throws {
        let server = try MockServer(MockConfiguration(port: 0, rateLimit: 2))
        defer { server.stop() }
        let client = APIClient(server: server)
        let statuses = try (0..<10).map { _ in try client.list().status }
        #expect(statuses.contains(429))
        #expect(statuses.filter { $0 == 200 }.count <= 4)
        let throttled = try #require(server.journal.entries(matching: .init(status: 429)).entries.first)
        #expect(throttled.errorCode == "APIGW.0308")
    }

    @Test func sameSeedSameRequestsSameIds() throws {
        func run() throws -> [String] {
            let server = try MockServer(MockConfiguration(port: 0, seed: 42))
            defer { server.stop() }
            let client = APIClient(server: server)
            return try (0..<3).flatMap { index in
                let response = try client.create(named: "s\(index)")
                return [try APIClient.id(of: response), response.header("X-Request-Id") ?? ""]
            }
        }
        let first = try run()
        #expect(first == (try run()))
        #expect(Set(first).count == 6)
    }

    @Test func dashboardAndOpenAPIAreServed() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let dashboard = try Curl.get(server.url("/__mock/"))
        #expect(dashboard.status == 200)
        #expect(dashboard.header("Content-Type") == "text/html;charset=UTF-8")
        #expect(dashboard.text.contains("<title>dataarts-mock</title>"))
        let document = try Curl.get(server.url("/__mock/openapi.json"))
        #expect(document.status == 200)
        // The fixture byte for byte, but for the one server URL: the address it was reached at.
        let expected = String(decoding: try fixture("openapi.json"), as: UTF8.self)
            .replacingOccurrences(of: #""url": "http://127.0.0.1:8080","#, with: "\"url\": \"\(server.url)\",")
        #expect(document.text == expected)
        #expect(document.text.contains(server.url))
    }
}
