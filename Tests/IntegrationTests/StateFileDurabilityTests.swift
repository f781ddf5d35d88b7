import DataArtsJSON
@testable import DataArtsMock
import DataArtsLocking
import DataArtsServices
import DataArtsTestSupport
import Foundation
import Testing

/// Issue 10's durability items, in process: failed writes, damaged files, the lock, ids and
/// files that are not a state log.
@Suite struct StateFileDurabilityTests {
    private func startAndStop(_ path: String, seed: UInt64? = nil, _ body: (APIClient) throws -> Void) throws {
        let server = try MockServer(MockConfiguration(port: 0, seed: seed, stateFile: path))
        try body(APIClient(server: server))
        server.stop()
        server.waitUntilStopped(seconds: 5)
    }

    private func names(_ server: MockServer) throws -> [String] {
        let list = try APIClient(server: server).list().json()["data_connection_lists"]?.array(of: \.object) ?? []
        return list.compactMap { $0["dw_name"]?.string }.sorted()
    }

    @Test func aFailedWriteAnswers500LeavesTheFileAsItWasAndUndoesTheChange() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        do {
            let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
            let client = APIClient(server: server)
            _ = try APIClient.id(of: try client.create(named: "before"))
            let before = try Data(contentsOf: URL(fileURLWithPath: path))

            // The next append writes half its record and fails as a full disk does.
            server.stateFile?.injectedWriteFailures.withLock { $0 = 1 }
            let failed = try client.create(named: "lost")
            #expect(failed.status == 500)
            #expect(try failed.json()["error_code"]?.string == "DAYU.3531")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            // Memory agrees with the file: the change answered 500 is not there.
            #expect(try names(server) == ["before"])
            #expect(server.connectionCount == 1)

            // Space is back: the next change is written after the last good record.
            _ = try APIClient.id(of: try client.create(named: "after"))
            server.stop()
            server.waitUntilStopped(seconds: 5)
        }
        let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
        defer { server.stop() }
        #expect(try names(server) == ["after", "before"])
    }

    @Test func aFileThatCannotBeRepairedRefusesChangesUntilARepairWorks() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        do {
            let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
            let client = APIClient(server: server)
            _ = try APIClient.id(of: try client.create(named: "before"))
            // The write fails and so does the repair after it (the torn half stays for now).
            server.stateFile?.injectedWriteFailures.withLock { $0 = 1 }
            server.stateFile?.injectedRepairFailures.withLock { $0 = 1 }
            #expect(try client.create(named: "torn").status == 500)
            // Nothing is appended behind the torn record: the next change is refused, and the
            // repair that runs for it cuts the file back and puts memory back to it.
            #expect(try client.create(named: "refused").status == 500)
            #expect(try names(server) == ["before"])
            _ = try APIClient.id(of: try client.create(named: "after"))
            server.stop()
            server.waitUntilStopped(seconds: 5)
        }
        let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
        defer { server.stop() }
        #expect(try names(server) == ["after", "before"])
    }

    @Test func aFailedWorkspaceCreateIsUndoneToo() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
        defer { server.stop() }
        let kept = try SeedWorkflowTests.createWorkspace(server, name: "kept")
        server.stateFile?.injectedWriteFailures.withLock { $0 = 1 }
        let instance = DataArtsInstance(projectID: SeedWorkflowTests.project).id
        let failed = try Curl.post(
            server.url("/v1/\(SeedWorkflowTests.project)/workspaces/\(instance)"),
            headers: ["X-Auth-Token": "t", "Content-Type": "application/json"], body: Array(#"{"name":"lost","eps_id":"0"}"#.utf8))
        #expect(failed.status == 500)
        let workspaces = try #require(try Curl.get(server.url("/__mock/state")).json()["workspaces"]?.array(of: \.object))
        #expect(workspaces.map { $0["id"]?.string } == [kept])
    }

    @Test func aFailedDeleteIsUndoneToo() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        let server = try MockServer(MockConfiguration(port: 0, stateFile: path))
        defer { server.stop() }
        let client = APIClient(server: server)
        let id = try APIClient.id(of: try client.create(named: "kept"))
        server.stateFile?.injectedWriteFailures.withLock { $0 = 1 }
        #expect(try client.delete(id).status == 500)
        #expect(try client.show(id).status == 200)
        #expect(try client.delete(id).status == 200)
        #expect(try client.show(id).status == 400)
    }

    /// Which record is damaged, and where in it: the first record's checksum is a case of its
    /// own (the file must still count as a state log, not as some other file).
    @Test(arguments: [(1, 30), (4, 30), (0, 0)])
    func aDamagedRecordRefusesTheStartNamingTheOffsetAndChangesNothing(_ line: Int, _ byteInLine: Int) throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("state.log").path
        try startAndStop(path) { client in
            for index in 0..<5 { _ = try APIClient.id(of: try client.create(named: "c\(index)")) }
        }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }.dropLast()
        let offset = lineStarts[line]
        // One flipped byte in a record that has its newline ('0'...'9' and 'a'...'f' flip to
        // characters that are not hex digits with 0x40).
        bytes[offset + byteInLine] ^= byteInLine == 0 ? 0x40 : 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        #expect {
            try MockServer(MockConfiguration(port: 0, stateFile: path))
        } throws: { error in
            let text = "\(error)"
            return text.contains(path) && text.contains("byte offset \(offset)") && text.contains("--state-file-salvage")
        }
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)

        // With --state-file-salvage: the valid records, and the original copied aside.
        let server = try MockServer(MockConfiguration(port: 0, stateFile: path, stateFileSalvage: true))
        defer { server.stop() }
        #expect(server.connectionCount == 4)
        #expect(try !names(server).contains("c\(line)"))
        let copies = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("state.log.damaged-") }
        #expect(copies.count == 1)
        let copy = try Data(contentsOf: folder.appendingPathComponent(try #require(copies.first)))
        #expect([UInt8](copy) == bytes)
    }

    @Test func aSecondServerOnTheSameStateFileIsRefusedNamingTheHolder() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        let first = try MockServer(MockConfiguration(port: 0, stateFile: path))
        defer { first.stop() }
        #expect {
            try MockServer(MockConfiguration(port: 0, stateFile: path))
        } throws: { error in
            "\(error)".contains("is in use by") && "\(error)".contains("pid \(getpid())")
        }
        // The refused one compacted nothing: the first one's changes still reach the file.
        let id = try APIClient.id(of: try APIClient(server: first).create(named: "first"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains(id))
    }

    @Test func aSeededRestartNeverReusesAStoredID() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        var stored: [String] = []
        try startAndStop(path, seed: 42) { client in
            for index in 0..<3 { stored.append(try APIClient.id(of: try client.create(named: "old\(index)"))) }
        }
        let server = try MockServer(MockConfiguration(port: 0, seed: 42, stateFile: path))
        defer { server.stop() }
        let client = APIClient(server: server)
        let fresh = try APIClient.id(of: try client.create(named: "new"))
        #expect(!stored.contains(fresh))
        #expect(server.connectionCount == 4)
        for id in stored { #expect(try client.show(id).json()["dw_name"]?.string != "new") }
    }

    @Test func aSeededRestartNeverReusesAStoredWorkspaceID() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        var stored = ""
        do {
            let server = try MockServer(MockConfiguration(port: 0, seed: 7, stateFile: path))
            stored = try SeedWorkflowTests.createWorkspace(server, name: "old")
            server.stop()
            server.waitUntilStopped(seconds: 5)
        }
        let server = try MockServer(MockConfiguration(port: 0, seed: 7, stateFile: path))
        defer { server.stop() }
        let fresh = try SeedWorkflowTests.createWorkspace(server, name: "new")
        #expect(fresh != stored)
        let workspaces = try #require(try Curl.get(server.url("/__mock/state")).json()["workspaces"]?.array(of: \.object))
        #expect(Set(workspaces.compactMap { $0["name"]?.string }) == ["old", "new"])
    }

    @Test func aJSONSnapshotGivenAsStateFileIsRefusedUntouched() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("snap.json").path
        let snapshot: [UInt8] = try {
            let server = try MockServer(MockConfiguration(port: 0))
            defer { server.stop() }
            _ = try APIClient.id(of: try APIClient(server: server).create(named: "snap"))
            return try Curl.get(server.url("/__mock/state")).body
        }()
        try Data(snapshot).write(to: URL(fileURLWithPath: path))
        #expect {
            try MockServer(MockConfiguration(port: 0, stateFile: path))
        } throws: { error in
            "\(error)".contains("not a dataarts-mock state log") && "\(error)".contains("--fixtures \(path)")
        }
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == snapshot)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["snap.json"])
    }

    @Test func concurrentChangesReplayToTheSameState() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        let server = try MockServer(MockConfiguration(port: 0, maxConnectionsPerWorkspace: 1000, stateFile: path))
        let client = APIClient(server: server)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<25 {
                guard let id = try? APIClient.id(of: try client.create(named: "t\(thread)-\(index)")) else { continue }
                if index % 3 == 0 { _ = try? client.delete(id) }
                if index % 3 == 1 {
                    _ = try? client.update(id, Array("{\"data_source_vos\":[{\"dw_name\":\"u\(thread)-\(index)\",\"dw_type\":\"DWS\",\"dw_config\":{}}]}".utf8))
                }
            }
        }
        let expected = try names(server)
        server.stop()
        server.waitUntilStopped(seconds: 5)
        let restarted = try MockServer(MockConfiguration(port: 0, stateFile: path))
        defer { restarted.stop() }
        #expect(try names(restarted) == expected)
        #expect(expected.count == 8 * 16)
    }
}
