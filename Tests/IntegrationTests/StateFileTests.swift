import DataArtsJSON
import DataArtsMock
import DataArtsTestSupport
import Foundation
import Testing

/// `--state-file` in process: restart, torn tail, compaction.
@Suite struct StateFileTests {
    @Test func changesSurviveARestartAndATornTailIsDropped() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        var ids: [String] = []
        do {
            let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
            let client = APIClient(server: server)
            for index in 0..<5 { ids.append(try APIClient.id(of: try client.create(named: "s\(index)"))) }
            #expect(try client.delete(ids[0]).status == 200)
            #expect(try client.update(ids[1], Array("{\"data_source_vos\":[{\"dw_name\":\"renamed\",\"dw_type\":\"DWS\",\"dw_config\":{}}]}".utf8)).status == 200)
            server.stop()
            server.waitUntilStopped(seconds: 5)
        }
        // A crash in the middle of a write leaves half a record.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("0badc0de {\"op\":\"put\",\"connection\":{\"dw_na".utf8))
        handle.closeFile()

        let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
        defer { server.stop() }
        let client = APIClient(server: server)
        #expect(server.connectionCount == 4)
        #expect(try client.show(ids[0]).status == 400)
        #expect(try client.show(ids[1]).json()["dw_name"]?.string == "renamed")
        #expect(try client.show(ids[1]).json()["update_type"]?.int == 1)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("0badc0de"))
        #expect(text.split(separator: "\n").count == 4)
    }

    @Test func resetsAndImportsAreKeptToo() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        do {
            let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
            let client = APIClient(server: server)
            _ = try APIClient.id(of: try client.create(named: "gone"))
            #expect(try Curl.request("POST", server.url("/__mock/reset")).status == 204)
            _ = try APIClient.id(of: try client.create(named: "kept"))
            server.stop()
            server.waitUntilStopped(seconds: 5)
        }
        let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
        defer { server.stop() }
        let names = (try APIClient(server: server).list().json()["data_connection_lists"]?.array(of: \.object))?
            .compactMap { $0["dw_name"]?.string }
        #expect(names == ["kept"])
    }

    @Test func aMissingStateFileIsCreatedEmpty() throws {
        let path = try temporaryFolder().appendingPathComponent("new.log").path
        let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
        defer { server.stop() }
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(server.connectionCount == 0)
    }
}
