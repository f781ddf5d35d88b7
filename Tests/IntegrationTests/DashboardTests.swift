import DataArtsJSON
import DataArtsMock
import DataArtsTestSupport
import Testing

/// What the dashboard's pages are served with and read (issue 13); the pages themselves are
/// driven in a real browser by scripts/browser-test.sh.
@Suite struct DashboardTests {
    @Test func thePageAndItsFilesAreSelfContainedAndLockedDown() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let page = try Curl.get(server.url("/__mock/"))
        #expect(page.status == 200)
        let policy = try #require(page.header("Content-Security-Policy"))
        #expect(policy.contains("script-src 'self'"))
        #expect(policy.contains("frame-ancestors 'none'"))
        #expect(page.header("X-Frame-Options") == "DENY")
        // No inline script and nothing from another host: the policy would refuse either.
        #expect(!page.text.contains("<script>"))
        #expect(!page.text.contains("http://") && !page.text.contains("https://"))
        for (path, type) in [
            ("/__mock/dashboard.js", "text/javascript;charset=UTF-8"), ("/__mock/dashboard.css", "text/css;charset=UTF-8"),
        ] {
            let file = try Curl.get(server.url(path))
            #expect(file.status == 200)
            #expect(file.header("Content-Type") == type)
            #expect(!file.text.contains("https://"), "\(path) loads nothing from elsewhere")
        }
        // The script never puts client strings into markup.
        #expect(!(try Curl.get(server.url("/__mock/dashboard.js")).text.contains("innerHTML")))
    }

    @Test func theFaviconIsAnsweredAndNotJournaled() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let icon = try Curl.get(server.url("/favicon.ico"))
        #expect(icon.status == 200)
        #expect(icon.header("Content-Type") == "image/svg+xml")
        #expect(server.journal.entries().entries.isEmpty)
    }

    @Test func noAdminRemovesThePagesTheirFilesAndTheFavicon() throws {
        let server = try MockServer(MockConfiguration(port: 0, adminEnabled: false))
        defer { server.stop() }
        for path in ["/__mock/", "/__mock/dashboard.js", "/__mock/dashboard.css", "/__mock/config", "/__mock/connections", "/favicon.ico"] {
            #expect(try Curl.get(server.url(path)).status == 404, "\(path)")
        }
    }

    @Test func theConfigurationNamesTokensAndCredentialsButNoSecret() throws {
        let auth = AuthConfiguration(
            mode: .strict, tokens: [.init(token: "tok-secret-1", projectID: "p1", userName: "alice")],
            credentials: [.init(accessKey: "AKID1", secretKey: "sk-secret-1", userName: "bob")], workspaces: ["w1"],
            users: [.init(name: "carol", password: "pw-secret-1")])
        let server = try MockServer(MockConfiguration(
            port: 0, journalCapacity: 77, journalMaxBytes: 123_456, allowedHosts: ["mock"], auth: auth))
        defer { server.stop() }
        let response = try Curl.get(server.url("/__mock/config"))
        #expect(!response.text.contains("tok-secret-1"))
        #expect(!response.text.contains("sk-secret-1"))
        #expect(!response.text.contains("pw-secret-1"))
        let config = try response.json()
        #expect(config["version"]?.string == "0.1.0")
        #expect(config["allowed_hosts"]?.array(of: \.string) == ["mock"])
        let authReport = try #require(config["auth"]?.object)
        #expect(authReport["mode"]?.string == "strict")
        #expect(authReport["tokens"]?.array(of: { $0.dictionary(of: \.string) })?.first == ["token": "******", "project_id": "p1", "user": "alice"])
        #expect(authReport["credentials"]?.array(of: \.object)?.first?["access_key"]?.string == "AKID1")
        #expect(authReport["users"]?.array(of: \.string) == ["carol"])
        let journal = try #require(config["journal"]?.object)
        #expect(journal["capacity"]?.int == 77)
        #expect(journal["max_bytes"]?.int == 123_456)
        #expect(config["limits"]?["max_body_bytes"]?.int == 12 * 1024 * 1024)
    }

    @Test func connectionsAreListedWithTheShowObjectAndAMaskedRecord() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = APIClient(server: server)
        let id = try APIClient.id(of: try client.create(
            Array(#"{"data_source_vos":[{"dw_name":"c","dw_type":"DWS","dw_config":{"user":"u","dbPassword":"hunter2"}}]}"#.utf8)))
        let response = try Curl.get(server.url("/__mock/connections"))
        #expect(!response.text.contains("hunter2"))
        let connections = try #require(response.json()["connections"]?.array(of: \.object))
        #expect(connections.count == 1)
        let first = try #require(connections.first)
        #expect(first["project_id"]?.string == client.project)
        #expect(first["workspace"]?.string == client.workspace)
        #expect(first["show"]?["dw_id"]?.string == id)
        let record = try #require(first["state"]?.object)
        #expect(record["dw_config"]?["dbPassword"]?.string == "******")
        #expect(record["supportService"] != nil)
    }
}
