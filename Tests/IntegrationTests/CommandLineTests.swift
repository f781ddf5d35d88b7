import DataArtsJSON
import DataArtsMock
import DataArtsTestSupport
import Foundation
import Testing

/// The executable as a user runs it: ready line, ready file, exit codes, signals.
@Suite struct CommandLineTests {
    @Test func printsTheReadyLineAndStopsCleanlyOnSIGTERM() throws {
        let folder = try temporaryFolder()
        let readyFile = folder.appendingPathComponent("ready.json").path
        let mock = try MockProcess(["--port", "0", "--ready-file", readyFile])
        let line = try mock.waitUntilReady()
        #expect(line.wholeMatch(of: #/listening on http://127\.0\.0\.1:\d+/#) != nil)
        let ready = try JSONObject(parsing: Data(contentsOf: URL(fileURLWithPath: readyFile)))
        #expect(ready["url"]?.string == mock.url)
        #expect(ready["port"]?.int == Int(mock.port))
        #expect(ready["pid"]?.int == Int(mock.process.processIdentifier))
        #expect(try Curl.get(mock.url + "/__mock/health").status == 200)
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
        #expect(mock.standardError.contains("GET /__mock/health 200"))
    }

    @Test func allowHostAndJournalMaxBytesReachTheServer() throws {
        let mock = try MockProcess(["--port", "0", "--allow-host", "mock", "--allow-host", "ci-runner", "--journal-max-bytes", "5000"])
        _ = try mock.waitUntilReady()
        defer {
            mock.signal(SIGTERM)
            _ = mock.exitStatus()
        }
        let config = try Curl.get(mock.url + "/__mock/config", headers: ["Host": "ci-runner:\(mock.port)"]).json()
        #expect(config["allowed_hosts"]?.array(of: \.string) == ["mock", "ci-runner"])
        #expect(config["journal"]?["max_bytes"]?.int == 5000)
        #expect(try Curl.get(mock.url + "/__mock/config", headers: ["Host": "elsewhere"]).status == 403)
    }

    @Test func stopsWithExitZeroOnSIGINT() throws {
        let mock = try MockProcess(["--port", "0"])
        _ = try mock.waitUntilReady()
        mock.signal(SIGINT)
        #expect(mock.exitStatus() == 0)
    }

    @Test func aPortInUseExitsOneWithAClearMessage() throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let mock = try MockProcess(["--port", String(server.port)])
        #expect(mock.exitStatus() == 1)
        #expect(mock.standardError.contains("port \(server.port) on 127.0.0.1 is already in use"))
    }

    @Test(arguments: [
        ["--port", "http"], ["--no-such-flag"], ["--log-format", "xml"], ["--max-clients", "0"], ["--journal-max-bytes", "0"],
        ["--project", "cn-north-4"], ["--project", "=p"], ["--user", "alice"], ["--cdm-cluster", "c="], ["--account", ""],
    ])
    func badFlagsExitSixtyFourWithUsage(_ arguments: [String]) throws {
        let mock = try MockProcess(arguments)
        #expect(mock.exitStatus() == 64)
        #expect(mock.standardError.contains("Usage: dataarts-mock"))
    }

    @Test func helpExplainsEveryFlag() throws {
        let mock = try MockProcess(["--help"])
        let help = String(decoding: mock.stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(mock.exitStatus() == 0)
        for flag in [
            "--port", "--ready-file", "--state-file", "--state-file-salvage", "--fixtures", "--seed", "--rate-limit",
            "--log-format", "--no-admin", "--credentials-file", "DATAARTS_MOCK_CREDENTIALS",
            "--account", "--project", "--user", "--cdm-cluster",
        ] {
            #expect(help.contains(flag), "\(flag)")
        }
    }

    @Test func jsonLogsAreOneObjectPerLine() throws {
        let mock = try MockProcess(["--port", "0", "--log-format", "json"])
        _ = try mock.waitUntilReady()
        _ = try Curl.get(mock.url + "/nope")
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
        let lines = mock.standardError.split(separator: "\n")
        let access = try #require(lines.first { $0.contains("/nope") })
        let object = try #require(try JSONReader.parse(access.utf8).dictionary(of: \.string))
        #expect(object["request.status"] == "404")
        #expect(object["request.error_code"] == "APIGW.0101")
    }

    @Test func acknowledgedCreatesSurviveSIGKILLWithAStateFile() throws {
        let folder = try temporaryFolder()
        let stateFile = folder.appendingPathComponent("state.log").path
        let first = try MockProcess(["--port", "0", "--state-file", stateFile])
        _ = try first.waitUntilReady()
        #expect(FileManager.default.fileExists(atPath: stateFile))
        var ids: [String] = []
        for index in 0..<50 {
            let response = try Curl.request(
                "POST", first.url + "/v1/p1/data-connections",
                headers: ["X-Auth-Token": "t", "workspace": "w1", "Content-Type": "application/json"],
                body: Array("{\"data_source_vos\":[{\"dw_name\":\"c\(index)\",\"dw_type\":\"DWS\",\"dw_config\":{\"password\":\"p\(index)\"}}]}".utf8))
            ids.append(try APIClient.id(of: response))
        }
        first.signal(SIGKILL)
        _ = first.exitStatus()

        let second = try MockProcess(["--port", "0", "--state-file", stateFile])
        _ = try second.waitUntilReady()
        let state = try Curl.get(second.url + "/__mock/state").json()
        let records = try #require(state["connections"]?.array(of: \.object))
        #expect(Set(records.compactMap { $0["dw_id"]?.string }) == Set(ids))
        #expect(records.contains { $0["dw_config"]?["password"]?.string == "p7" })
        second.signal(SIGTERM)
        #expect(second.exitStatus() == 0)
    }

    @Test func theAccountFlagsReachIAMAndCDM() throws {
        let project = "0123456789abcdef0123456789abcdef"
        let cluster = "91f81a12-75c5-43ce-aab8-7149ecef3b17"
        let mock = try MockProcess([
            "--port", "0", "--account", "acme", "--project", "cn-north-4=\(project)", "--cdm-cluster", "cdm-a=\(cluster)",
        ])
        _ = try mock.waitUntilReady()
        let projects = try Curl.get(mock.url + "/v3/projects?name=cn-north-4", headers: ["X-Auth-Token": "t"]).json()
        #expect(projects["projects"]?.array(of: \.object)?.first?["id"]?.string == project)
        let domains = try Curl.get(mock.url + "/v3/auth/domains", headers: ["X-Auth-Token": "t"]).json()
        #expect(domains["domains"]?.array(of: \.object)?.first?["name"]?.string == "acme")
        let clusters = try Curl.get(mock.url + "/v1.1/\(project)/clusters", headers: ["X-Auth-Token": "t"]).json()
        #expect(clusters["clusters"]?.array(of: \.object)?.map { $0["id"]?.string } == [cluster])
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
    }
}

/// Secrets from a file or the environment instead of the command line (issue 10 item 12).
@Suite struct CredentialsFileTests {
    private func status(_ url: String, token: String) throws -> Int {
        try Curl.request("GET", url + "/v1/p1/data-connections", headers: ["X-Auth-Token": token, "workspace": "w1"]).status
    }

    @Test func strictModeAcceptsTheTokensOfTheFileAndOfTheEnvironment() throws {
        let file = try temporaryFolder().appendingPathComponent("creds").path
        try Data("# for CI\ntoken from-file\nuser alice:secret\n".utf8).write(to: URL(fileURLWithPath: file))
        let mock = try MockProcess(
            ["--port", "0", "--auth", "strict", "--credentials-file", file],
            environment: ["DATAARTS_MOCK_CREDENTIALS": "token from-env\ncredential AK:SK"])
        _ = try mock.waitUntilReady()
        #expect(try status(mock.url, token: "from-file") == 200)
        #expect(try status(mock.url, token: "from-env") == 200)
        #expect(try status(mock.url, token: "other") == 401)
        mock.signal(SIGTERM)
        #expect(mock.exitStatus() == 0)
    }

    @Test func aBadLineExitsOneNamingFileAndLine() throws {
        let file = try temporaryFolder().appendingPathComponent("creds").path
        try Data("token ok\n\ncredential NOCOLON\n".utf8).write(to: URL(fileURLWithPath: file))
        let mock = try MockProcess(["--port", "0", "--credentials-file", file])
        #expect(mock.exitStatus() == 1)
        let message = mock.standardError
        #expect(message.contains("\(file):3: `credential` needs an access key and a secret key"))
        #expect(!message.contains("NOCOLON"))
    }

    @Test func aBadEnvironmentLineExitsOneNamingTheVariable() throws {
        let mock = try MockProcess(["--port", "0"], environment: ["DATAARTS_MOCK_CREDENTIALS": "user nobody"])
        #expect(mock.exitStatus() == 1)
        #expect(mock.standardError.contains("DATAARTS_MOCK_CREDENTIALS:1: `user` needs a name and a password"))
    }
}
