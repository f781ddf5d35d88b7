#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DataArtsServices
import Dispatch
import Foundation
import DataArtsJSON
import Logging
import DataArtsLocking

/// `--state-file`: every acknowledged change is on disk before its answer leaves.
///
/// An append-only log of changes, one line each: `<crc32 hex> <json>\n`. Changes reach it in
/// the store's order (it observes the store under the store's lock, only buffering there);
/// one writer queue writes whatever has accumulated in one `write` and one `fdatasync`
/// (group commit), then releases the answers waiting for it. At start the log is replayed
/// up to the first record that is torn or damaged, the rest is cut off, and the file is
/// compacted atomically (write a temporary file, fsync, rename, fsync the folder).
final class StateFile: StoreObserver, WorkspaceObserver, Sendable {
    let path: String
    private let logger: Logger
    private let writerQueue = DispatchQueue(label: "dataarts-mock.state-file")
    private let state: Locked<State>
    /// Records appended since the last compaction beyond which the log is compacted again:
    /// bounds the file (and the replay at start) to about this many records beyond the live ones.
    private let compactionThreshold: Int

    private struct State {
        var fd: Int32 = -1
        var pending: [UInt8] = []
        var enqueued = 0
        var durable = 0
        var waiters: [(seq: Int, done: @Sendable () -> Void)] = []
        var writing = false
        var appendedSinceCompaction = 0
        var failure: String?
    }

    /// Where a runtime compaction takes its snapshot from; set once the store exists (the
    /// store needs this file as its observer first).
    private let snapshotSource = Locked<(@Sendable () -> Snapshot)?>(nil)

    /// Everything a compacted file holds.
    struct Snapshot {
        var connections: [DataConnection]
        var workspaces: [WorkspaceRecord] = []
    }

    /// A decoded record: a change to the connections or to the created workspaces.
    enum Change: Equatable {
        case connections(StoreChange)
        case workspaces(WorkspaceChange)
    }

    init(path: String, logger: Logger, compactionThreshold: Int = 50_000) {
        self.path = path
        self.logger = logger
        self.compactionThreshold = compactionThreshold
        self.state = Locked(State())
    }

    /// Replays the log into `store` (which must not record what it replays), cuts off a torn
    /// tail, compacts the file, and from then on compacts from `store` when the log grows.
    /// Returns how many records were replayed.
    func load(
        into store: DataConnectionStore, directory: WorkspaceDirectory? = nil, ids: IdentifierGenerator, now: Int64
    ) throws(MockServerError) -> Int {
        var replayed = 0
        if let data = FileManager.default.contents(atPath: path) {
            let bytes = [UInt8](data)
            var offset = 0
            while offset < bytes.count {
                guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")),
                      let change = Self.decode(bytes[offset..<newline], ids: ids, now: now)
                else {
                    logger.warning("state file: dropped a torn or damaged tail", metadata: [
                        "state.path": "\(path)", "state.offset": "\(offset)", "state.dropped_bytes": "\(bytes.count - offset)",
                    ])
                    break
                }
                switch change {
                case .connections(let change): store.replay(change)
                case .workspaces(let change): directory?.replay(change)
                }
                replayed += 1
                offset = newline + 1
            }
        }
        let snapshot: @Sendable () -> Snapshot = {
            Snapshot(connections: store.allConnections(), workspaces: directory?.all() ?? [])
        }
        try compact(snapshot())
        snapshotSource.withLock { $0 = snapshot }
        return replayed
    }

    // MARK: - Recording

    func store(didApply change: StoreChange) {
        append(Self.encode(.connections(change)))
    }

    func directory(didApply change: WorkspaceChange) {
        append(Self.encode(.workspaces(change)))
    }

    private func append(_ line: [UInt8]) {
        let start = state.withLock { state -> Bool in
            state.pending.append(contentsOf: line)
            state.enqueued += 1
            guard !state.writing else { return false }
            state.writing = true
            return true
        }
        if start { writerQueue.async { self.drain() } }
    }

    /// Calls `done` once every change recorded so far is on disk (at once when it already is).
    func whenDurable(_ done: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            guard state.durable < state.enqueued else { return true }
            state.waiters.append((state.enqueued, done))
            return false
        }
        if now { done() }
    }

    /// Blocks until the writer has nothing left to do, compaction included.
    func waitUntilIdle() {
        flush()
        writerQueue.sync {}
    }

    /// Blocks until everything recorded so far is on disk (graceful stop).
    func flush() {
        let semaphore = DispatchSemaphore(value: 0)
        whenDurable { semaphore.signal() }
        semaphore.wait()
    }

    private func drain() {
        while true {
            let (batch, seq, fd) = state.withLock { state -> ([UInt8], Int, Int32) in
                defer { state.pending = [] }
                return (state.pending, state.enqueued, state.fd)
            }
            if !batch.isEmpty {
                if let problem = Self.writeAll(batch, to: fd) ?? (fdatasync(fd) == 0 ? nil : "fdatasync: errno \(errno)") {
                    // The answers still go out: refusing them would lose nothing more, and a
                    // stuck mock is worse; the log says why the file is behind.
                    logger.error("state file write failed", metadata: ["state.path": "\(path)", "error": "\(problem)"])
                }
            }
            let (ready, compactNow) = state.withLock { state -> ([@Sendable () -> Void], Bool) in
                state.appendedSinceCompaction += seq - state.durable
                state.durable = seq
                let ready = state.waiters.filter { $0.seq <= seq }.map(\.done)
                state.waiters.removeAll { $0.seq <= seq }
                return (ready, state.appendedSinceCompaction > compactionThreshold)
            }
            for done in ready { done() }
            let finished = state.withLock { state -> Bool in
                if state.pending.isEmpty {
                    state.writing = false
                    return true
                }
                return false
            }
            if finished {
                if compactNow, let snapshot = snapshotSource.withLock({ $0 }) {
                    // Anything recorded after the snapshot is appended after it; replaying a
                    // change onto a state that already holds it leaves that state unchanged.
                    do throws(MockServerError) {
                        try compact(snapshot())
                    } catch {
                        logger.error("state file compaction failed", metadata: ["error": "\(error)"])
                    }
                }
                return
            }
        }
    }

    // MARK: - Compaction

    /// Rewrites the file as one `put` per connection and created workspace, atomically, and
    /// appends from there on.
    func compact(_ snapshot: Snapshot) throws(MockServerError) {
        var bytes: [UInt8] = []
        for record in snapshot.workspaces { bytes += Self.encode(.workspaces(.put(record))) }
        for connection in snapshot.connections { bytes += Self.encode(.connections(.put(connection))) }
        let temporary = path + ".tmp"
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw MockServerError(.loading, "cannot write \(temporary): errno \(errno)") }
        if let problem = Self.writeAll(bytes, to: fd) ?? (fsync(fd) == 0 ? nil : "fsync: errno \(errno)") {
            close(fd)
            throw MockServerError(.loading, "cannot write \(temporary): \(problem)")
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            throw MockServerError(.loading, "cannot rename \(temporary) to \(path): errno \(errno)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let folderFD = Glibc.open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
        let appendFD = Glibc.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard appendFD >= 0 else { throw MockServerError(.loading, "cannot open \(path): errno \(errno)") }
        let old = state.withLock { state -> Int32 in
            defer {
                state.fd = appendFD
                state.appendedSinceCompaction = 0
            }
            return state.fd
        }
        if old >= 0 { close(old) }
    }

    // MARK: - Encoding

    static func encode(_ change: Change) -> [UInt8] {
        let value: JSONValue = switch change {
        case .workspaces(.put(let record)):
            ["op": "workspace-put", "workspace": record.json(domainID: nil)]
        case .workspaces(.delete(let projectID, let ids)):
            ["op": "workspace-delete", "project_id": .string(projectID), "ids": .array(ids.map(JSONValue.string))]
        case .workspaces(.replaceAll(let records)):
            ["op": "workspace-replace", "workspaces": .array(records.map { $0.json(domainID: nil) })]
        case .connections(let change): encodeConnections(change)
        }
        let json = value.serialized()
        let crc = String(CRC32.checksum(json), radix: 16)
        return Array((String(repeating: "0", count: 8 - crc.count) + crc + " ").utf8) + json + [UInt8(ascii: "\n")]
    }

    private static func encodeConnections(_ change: StoreChange) -> JSONValue {
        switch change {
        case .put(let connection):
            ["op": "put", "connection": connection.stateRecord]
        case .delete(let key, let id):
            ["op": "delete", "project_id": .string(key.projectID), "workspace": .string(key.workspace), "id": .string(id)]
        case .reset(let projectID, let workspace):
            ["op": "reset", "project": projectID.map(JSONValue.string) ?? .null,
             "workspace": workspace.map(JSONValue.string) ?? .null]
        case .replaceAll(let connections):
            ["op": "replace", "connections": .array(connections.map(\.stateRecord))]
        }
    }

    /// The change in one line (without its newline), or nil when it is torn or damaged.
    static func decode(_ line: ArraySlice<UInt8>, ids: IdentifierGenerator, now: Int64) -> Change? {
        guard line.count > 9, line[line.startIndex + 8] == UInt8(ascii: " "),
              let crc = UInt32(String(decoding: line.prefix(8), as: UTF8.self), radix: 16)
        else { return nil }
        let json = line.dropFirst(9)
        guard CRC32.checksum(json) == crc, let value = try? JSONReader.parse(json), let object = value.object else {
            return nil
        }
        switch object["op"]?.string {
        case "put":
            guard let record = object["connection"],
                  let connections = try? DataConnection.fromState(["connections": [record]], ids: ids, now: now),
                  let connection = connections.first
            else { return nil }
            return .connections(.put(connection))
        case "delete":
            guard let project = object["project_id"]?.string, let workspace = object["workspace"]?.string,
                  let id = object["id"]?.string
            else { return nil }
            return .connections(.delete(WorkspaceKey(projectID: project, workspace: workspace), id: id))
        case "reset":
            return .connections(.reset(projectID: object["project"]?.string, workspace: object["workspace"]?.string))
        case "replace":
            guard let records = object["connections"],
                  let connections = try? DataConnection.fromState(["connections": records], ids: ids, now: now)
            else { return nil }
            return .connections(.replaceAll(connections))
        case "workspace-put":
            guard let record = object["workspace"],
                  let records = try? WorkspaceRecord.fromState([record], now: now), let workspace = records.first
            else { return nil }
            return .workspaces(.put(workspace))
        case "workspace-delete":
            guard let project = object["project_id"]?.string, let values = object["ids"]?.array else { return nil }
            let ids = values.compactMap(\.string)
            guard ids.count == values.count else { return nil }
            return .workspaces(.delete(projectID: project, ids: ids))
        case "workspace-replace":
            guard let records = try? WorkspaceRecord.fromState(object["workspaces"] ?? .null, now: now) else { return nil }
            return .workspaces(.replaceAll(records))
        default:
            return nil
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return "write: errno \(errno)"
            }
            offset += written
        }
        return nil
    }
}
