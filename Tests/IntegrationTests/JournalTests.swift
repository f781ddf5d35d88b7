import DataArtsJSON
import DataArtsMock
import DataArtsTestSupport
import Testing

/// The journal keeps each answer, names the caller, and is bounded in bytes (SPEC §6;
/// issue 13, issue 10 item 9).
@Suite struct JournalTests {
    private func entries(_ server: MockServer, _ query: String = "") throws -> [JSONObject] {
        try #require(try Curl.get(server.url("/__mock/requests" + query)).json()["requests"]?.array(of: \.object))
    }

    @Test func eachEntryKeepsTheAnswerRedactedLikeTheRequest() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let id = try APIClient.id(of: try client.create(
            Array(#"{"data_source_vos":[{"dw_name":"r","dw_type":"DWS","dw_config":{"user":"u","dbPassword":"hunter2"}}]}"#.utf8)))
        let shown = try client.show(id)
        let journal = try entries(server)
        #expect(journal.count == 2)
        let response = try #require(journal[1]["response"]?.object)
        #expect(response["status"]?.int == 200)
        let headers = try #require(response["headers"]?.dictionary(of: \.string))
        #expect(headers["X-Request-Id"] == shown.header("X-Request-Id"))
        #expect(headers["Content-Type"] == "application/json;charset=UTF-8")
        let body = try #require(response["body"]?.object)
        #expect(body["dw_id"]?.string == id)
        #expect(body["dw_config"]?["dbPassword"]?.string == "******")
        #expect(journal[0]["principal"]?.string == "token")
        #expect(!(try Curl.get(server.url("/__mock/requests")).text.contains("hunter2")))
    }

    @Test func aListAnswerIsKeptParsed() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        _ = try client.list()
        let entry = try #require(try entries(server).first)
        let response = try #require(entry["response"]?.object)
        #expect(response["status"]?.int == 200)
        #expect(response["body"]?["total_size"]?.int == 0)
    }

    @Test func aClosedConnectionHasNoResponseAndAnUnknownPathNoPrincipal() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        #expect(throws: CurlError.self) {
            try Curl.get(client.collection, headers: client.headers(["X-Mock-Fault": "close"]))
        }
        _ = try Curl.get(server.url("/nowhere"))
        let journal = try entries(server)
        #expect(journal.count == 2)
        #expect(journal[0]["status"]?.int == 0)
        #expect(journal[0]["response"]?.isNull == true)
        #expect(journal[1]["principal"]?.isNull == true)
        #expect(journal[1]["response"]?["status"]?.int == 404)
    }

    @Test func aBodyOver64KiBIsKeptAsItsFirst64KiBWithItsSize() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let description = String(repeating: "d", count: 100_000)
        let body = #"{"data_source_vos":[{"dw_name":"big","dw_type":"DWS","dw_config":{"dbPassword":"hunter2"},"description":""#
            + description + #""}]}"#
        _ = try client.create(Array(body.utf8))
        let entry = try #require(try entries(server).first)
        #expect(entry["body_truncated"]?.int == body.utf8.count)
        let kept = try #require(entry["body"]?.string)
        #expect(kept.utf8.count == 64 * 1024)
        #expect(kept.hasPrefix(#"{"data_source_vos":[{"dw_name":"big","dw_type":"DWS","dw_config":{"dbPassword":"******"}"#))
        #expect(!(try Curl.get(server.url("/__mock/requests")).text.contains("hunter2")))
        // A small body has no such key.
        _ = try client.list()
        #expect(try entries(server)[1]["body_truncated"] == nil)
    }

    @Test func aLargeFormBodyIsRedactedBeforeItIsCut() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let body = "user=u&password=hunter2&pad=" + String(repeating: "p", count: 70_000)
        _ = try Curl.post(server.url("/nowhere"), headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(body.utf8))
        let entry = try #require(try entries(server).first)
        #expect(entry["body"]?.string?.hasPrefix("user=u&password=******&pad=ppp") == true)
        #expect(entry["body_truncated"]?.int == body.utf8.count)
        #expect(!(try Curl.get(server.url("/__mock/requests")).text.contains("hunter2")))
    }

    @Test func aCutNeverSplitsAUTF8Sequence() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        // Not JSON, so kept raw: 65,535 ASCII bytes then two-byte characters across the cut.
        let body = String(repeating: "a", count: 64 * 1024 - 1) + String(repeating: "é", count: 10)
        _ = try Curl.post(server.url("/nowhere"), headers: ["Content-Type": "text/plain"], body: Array(body.utf8))
        let entry = try #require(try entries(server).first)
        let kept = try #require(entry["body"]?.string)
        #expect(kept == String(repeating: "a", count: 64 * 1024 - 1))
        #expect(entry["body_truncated"]?.int == body.utf8.count)
    }

    @Test func theJournalIsBoundedInBytesAndCountsWhatItDrops() throws {
        let budget = 40_000
        let server = try MockServer(MockConfiguration(port: 0, journalMaxBytes: budget))
        defer { server.stop() }
        let payload = Array(String(repeating: "x", count: 4_000).utf8)
        for _ in 0..<30 { _ = try Curl.post(server.url("/nowhere"), headers: ["Content-Type": "text/plain"], body: payload) }
        let snapshot = try Curl.get(server.url("/__mock/requests")).json()
        let kept = try #require(snapshot["requests"]?.array(of: \.object))
        let dropped = try #require(snapshot["dropped"]?.int)
        #expect(kept.count + dropped == 30)
        #expect(dropped > 0)
        #expect(kept.count >= 5)
        // The newest are the ones kept.
        #expect(kept.last?["seq"]?.int == 30)
        let journal = try #require(try Curl.get(server.url("/__mock/config")).json()["journal"]?.object)
        let bytes = try #require(journal["bytes"]?.int)
        #expect(bytes <= budget)
        #expect(bytes > budget - 2 * 5_000)
        #expect(journal["max_bytes"]?.int == budget)
        #expect(journal["dropped"]?.int == dropped)
    }

    @Test func sinceReturnsOnlyNewerEntries() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        for _ in 0..<5 { _ = try Curl.get(server.url("/nowhere")) }
        #expect(try entries(server, "?since=3").map { $0["seq"]?.int } == [4, 5])
        #expect(try entries(server, "?since=5").isEmpty)
        #expect(try Curl.get(server.url("/__mock/requests?since=x")).status == 400)
    }

    @Test func thePrincipalIsTheConfiguredUserOrAccessKeyNeverASecret() throws {
        let auth = AuthConfiguration(
            mode: .strict, tokens: [.init(token: "tok-secret", userName: "alice")],
            credentials: [.init(accessKey: "AKID", secretKey: "sk-secret")])
        let server = try MockServer(MockConfiguration(port: 0, auth: auth))
        defer { server.stop() }
        var client = APIClient(server: server)
        client.token = "tok-secret"
        _ = try client.list()
        let entry = try #require(try entries(server).first)
        #expect(entry["principal"]?.string == "alice")
        let text = try Curl.get(server.url("/__mock/requests")).text
        #expect(!text.contains("tok-secret"))
    }
}
