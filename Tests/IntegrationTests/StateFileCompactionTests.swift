@testable import DataArtsMock
import DataArtsServices
import Foundation
import DataArtsJSON
import Logging
import Testing

/// The state file's runtime compaction, driven directly: it is internal, and reaching its
/// threshold of 50,000 records through HTTP would take a benchmark, not a test.
@Suite struct StateFileCompactionTests {
    @Test func aGrowingLogIsCompactedToTheLiveConnectionsAndStillReplays() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let ids = IdentifierGenerator(seed: 7)
        let file = StateFile(path: path, logger: logger, compactionThreshold: 10)
        let store = DataConnectionStore(clock: MockClock(), ids: ids, maxPerWorkspace: 1000, observer: file)
        #expect(try file.open(into: store, ids: ids, now: 0) == 0)
        let key = WorkspaceKey(projectID: "p", workspace: "w")
        var created: [DataConnection] = []
        for index in 0..<30 {
            let settings = DataConnectionSettings(name: "c\(index)", type: "DWS", config: ["n": .number(.init(index))])
            created += try store.create([settings], in: key, user: "u")
        }
        for connection in created.prefix(25) { try store.delete(connection.id, in: key) }
        file.waitUntilIdle()
        file.close()

        // 55 records were appended. Compaction runs when the writer falls idle with more than 10
        // records since the last one, so where it cut depends on how the writer batched; what is
        // certain is that it cut, and that at most 10 records (and the up to 10 connections they
        // deleted) stand beyond the 5 live ones.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count < 55)
        #expect(lines.count <= 5 + 2 * 10)

        let replayed = DataConnectionStore(clock: MockClock(), ids: ids, maxPerWorkspace: 1000)
        _ = try StateFile(path: path, logger: logger).open(into: replayed, ids: ids, now: 0)
        #expect(replayed.connections(in: key).map(\.id) == created.suffix(5).map(\.id))
    }

    /// A compaction rewrites the file under a new inode (write aside, then rename). Creates
    /// leave nothing for one to drop, so however many there are the file stays where it is;
    /// deletes leave records behind, and past the threshold of them it is rewritten.
    @Test func onlyRecordsBeyondTheLiveOnesBringACompaction() throws {
        let path = try temporaryFolder().appendingPathComponent("state.log").path
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let ids = IdentifierGenerator(seed: 7)
        let file = StateFile(path: path, logger: logger, compactionThreshold: 10)
        let store = DataConnectionStore(clock: MockClock(), ids: ids, maxPerWorkspace: 1000, observer: file)
        #expect(try file.open(into: store, ids: ids, now: 0) == 0)
        func inode() throws -> UInt64 {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
        }
        let opened = try inode()
        let key = WorkspaceKey(projectID: "p", workspace: "w")
        var created: [DataConnection] = []
        for index in 0..<40 {
            let settings = DataConnectionSettings(name: "c\(index)", type: "DWS", config: ["n": .number(.init(index))])
            created += try store.create([settings], in: key, user: "u")
        }
        file.waitUntilIdle()
        #expect(try inode() == opened, "40 creates, 4 times the threshold, and nothing to drop: no compaction")
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 40)

        for connection in created.prefix(10) { try store.delete(connection.id, in: key) }
        file.waitUntilIdle()
        file.close()
        #expect(try inode() != opened, "10 deletes leave 20 records beyond the 30 live ones: compacted")
        let replayed = DataConnectionStore(clock: MockClock(), ids: ids, maxPerWorkspace: 1000)
        _ = try StateFile(path: path, logger: logger).open(into: replayed, ids: ids, now: 0)
        #expect(replayed.connections(in: key).map(\.id) == created.suffix(30).map(\.id))
    }
}
