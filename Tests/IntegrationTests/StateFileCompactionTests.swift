@testable import DataArtsMock
import DataArtsServices
import Foundation
import DataArtsJSON
import Logging
import Testing

/// The state file's runtime compaction, driven directly: it is internal, and reaching its
/// threshold of 50,000 records through HTTP would take a benchmark, not a test.
@Suite struct StateFileCompactionTests {
    /// A store recording into a new state file that compacts past 10 records beyond the live ones.
    struct RecordedStore {
        let path: String
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let ids = IdentifierGenerator(seed: 7)
        let key = WorkspaceKey(projectID: "p", workspace: "w")
        let file: StateFile
        let store: DataConnectionStore

        init() throws {
            path = try temporaryFolder().appendingPathComponent("state.log").path
            file = StateFile(path: path, logger: logger, compactionThreshold: 10)
            store = DataConnectionStore(clock: MockClock(), ids: ids, maxPerWorkspace: 1000, observer: file)
            #expect(try file.open(into: store, ids: ids, now: 0) == 0)
        }

        /// Creates `count` connections one request at a time.
        func create(_ count: Int) throws -> [DataConnection] {
            var created: [DataConnection] = []
            for index in 0..<count {
                let settings = DataConnectionSettings(name: "c\(index)", type: "DWS", config: ["n": .number(.init(index))])
                created += try store.create([settings], in: key, user: "u")
            }
            return created
        }

        /// The ids a new store holds once it has replayed the file.
        func replayedIDs() throws -> [String] {
            let replayed = DataConnectionStore(clock: MockClock(), ids: ids, maxPerWorkspace: 1000)
            _ = try StateFile(path: path, logger: logger).open(into: replayed, ids: ids, now: 0)
            return replayed.connections(in: key).map(\.id)
        }

        var lineCount: Int {
            get throws { try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count }
        }
    }

    @Test func aGrowingLogIsCompactedToTheLiveConnectionsAndStillReplays() throws {
        let recorded = try RecordedStore()
        let created = try recorded.create(30)
        for connection in created.prefix(25) { try recorded.store.delete(connection.id, in: recorded.key) }
        recorded.file.waitUntilIdle()
        recorded.file.close()

        // 55 records were appended. Compaction runs when the writer falls idle with more than 10
        // records since the last one, so where it cut depends on how the writer batched; what is
        // certain is that it cut, and that at most 10 records (and the up to 10 connections they
        // deleted) stand beyond the 5 live ones.
        let lines = try recorded.lineCount
        #expect(lines < 55)
        #expect(lines <= 5 + 2 * 10)
        #expect(try recorded.replayedIDs() == created.suffix(5).map(\.id))
    }

    /// A compaction rewrites the file under a new inode (write aside, then rename). Creates
    /// leave nothing for one to drop, so however many there are the file stays where it is;
    /// deletes leave records behind, and past the threshold of them it is rewritten.
    @Test func onlyRecordsBeyondTheLiveOnesBringACompaction() throws {
        let recorded = try RecordedStore()
        func inode() throws -> UInt64 {
            try #require(FileManager.default.attributesOfItem(atPath: recorded.path)[.systemFileNumber] as? UInt64)
        }
        let opened = try inode()
        let created = try recorded.create(40)
        recorded.file.waitUntilIdle()
        #expect(try inode() == opened, "40 creates, 4 times the threshold, and nothing to drop: no compaction")
        #expect(try recorded.lineCount == 40)

        for connection in created.prefix(10) { try recorded.store.delete(connection.id, in: recorded.key) }
        recorded.file.waitUntilIdle()
        recorded.file.close()
        #expect(try inode() != opened, "10 deletes leave 20 records beyond the 30 live ones: compacted")
        #expect(try recorded.replayedIDs() == created.suffix(30).map(\.id))
    }
}
