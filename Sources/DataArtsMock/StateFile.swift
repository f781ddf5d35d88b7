import DataArtsLocking
import DataArtsServices
import Dispatch
import Logging

/// `--state-file`: an answer that acknowledges a change leaves only once the change is on
/// disk, and a change that could not be written is answered 500 DAYU.3531 and undone.
///
/// The file is an append-only log of `StateRecord` lines. The store hands every change to
/// `store(didApply:)` under its lock, which only numbers it and queues it, so the order here
/// is the store's; one writer queue encodes what has accumulated (outside the store's lock:
/// issue 8), writes it in one `write` and one `fdatasync` (group commit), and then releases
/// the answers waiting for it.
///
/// A failed write (full disk, EIO) cuts the file back to its length before the batch, puts
/// the store back to what the file then holds (replayed from it, under the store's lock, so
/// that no change recorded meanwhile survives in memory alone) and fails every answer still
/// waiting: the file and memory agree again, and no client was told 200 for a change the
/// file lacks. If even that fails (the cut or the read-back), nothing more is appended (it
/// would bury a torn record under valid ones) and every later change is answered 500 until a
/// later attempt at the same repair succeeds; memory may hold changes answered 500 meanwhile.
///
/// At start, SPEC §7: a folder, or a file that is not a state log, is refused untouched;
/// `FILE.lock` keeps a second server out (`StateFileLock`); a damaged record refuses the start
/// unless `salvage`, which copies the original aside first; an incomplete last record (a
/// crash in a write) is dropped with a warning; then the file is compacted atomically.
final class StateFile: StoreObserver, WorkspaceObserver, Sendable {
    let path: String
    private let logger: Logger
    private let writerQueue = DispatchQueue(label: "dataarts-mock.state-file")
    private let state = Locked(State())
    /// Records in the file beyond the live ones (superseded puts, deletes) past which the log is
    /// compacted again: bounds the file (and the replay at start) to about this many more
    /// records than a compacted one. Creates alone never trigger it: they leave nothing to drop,
    /// and compacting them anyway rewrote the whole store every 50,000 creates, with the
    /// changes waiting behind it (issue 9: `--state-file` create at 0.47x of in-memory).
    private let compactionThreshold: Int
    /// Set by `open`: what the writer compacts from and puts back after a failed write.
    private let context = Locked<Context?>(nil)
    /// For tests: this many next appends write half their bytes and then fail as a full disk
    /// does (ENOSPC), without needing a full disk.
    let injectedWriteFailures = Locked(0)
    /// For tests: this many next repairs fail as if the file could not be cut back.
    let injectedRepairFailures = Locked(0)

    private struct Context: Sendable {
        let store: DataConnectionStore
        let directory: WorkspaceDirectory?
        let ids: IdentifierGenerator
        let lock: StateFileLock
        let now: Int64
    }

    private struct Waiter {
        /// The answer is about the changes numbered `after + 1 ... upTo`.
        let after: Int
        let upTo: Int
        let done: @Sendable (Bool) -> Void
    }

    private struct State {
        var fd: Int32 = -1
        /// Recorded, not yet written, in the store's order.
        var pending: [StateChange] = []
        /// The number of the last change recorded.
        var recorded = 0
        /// Every change up to this number is on disk or was discarded.
        var settled = 0
        /// Numbers of changes discarded by failed writes (merged when adjacent).
        var discarded: [ClosedRange<Int>] = []
        var waiters: [Waiter] = []
        var writing = false
        var appendedSinceCompaction = 0
        /// Records the last compaction wrote: the file holds these plus those appended since.
        var compactedRecords = 0
        /// The file's length once the last change that reached it is on disk.
        var length = 0
        /// Why the file could not be put back after a failed write; nothing is appended then.
        var unrepaired: String?
        var closed = false

        func discards(after: Int, upTo: Int) -> Bool {
            discarded.contains { $0.upperBound > after && $0.lowerBound <= upTo }
        }
    }

    init(path: String, logger: Logger, compactionThreshold: Int = 50_000) {
        self.path = path
        self.logger = logger
        self.compactionThreshold = compactionThreshold
    }

    // MARK: - Start

    /// Locks the file, replays it into `store` (which must not record what it replays) and
    /// compacts it; from then on compacts from `store` when the log grows. Returns how many
    /// records were replayed.
    func open(
        into store: DataConnectionStore, directory: WorkspaceDirectory? = nil, ids: IdentifierGenerator, now: Int64,
        salvage: Bool = false
    ) throws(MockServerError) -> Int {
        let exists: Bool
        switch SystemFile.kind(of: path) {
        case .folder:
            throw MockServerError(.loading, "--state-file \(path) is a folder, not a file: give a file path, e.g. \(path)/state.log")
        case .other:
            throw MockServerError(.loading, "--state-file \(path) is not a regular file (a device, pipe or socket)")
        case .unknown(let code):
            throw MockServerError(.loading, "--state-file \(path): \(SystemFile.describe(code))")
        case .missing:
            let folder = SystemFile.folder(of: path)
            guard SystemFile.kind(of: folder) == .folder else {
                throw MockServerError(.loading, "cannot create --state-file \(path): the folder \(folder) does not exist")
            }
            exists = false
        case .file:
            // Refused before anything, the lock file included, is created beside it.
            try StateLogScan.check(try read(), path: path)
            exists = true
        }
        let lock = try StateFileLock(for: path)
        do throws(MockServerError) {
            // Read again under the lock: another server may have written since.
            let bytes = exists ? try read() : []
            let scan = try StateLogScan(bytes, path: path, ids: ids, now: now)
            if let first = scan.damaged.first {
                guard salvage else { throw refusal(scan, first) }
                let copy = try setAside(bytes)
                logger.warning("state file salvaged: damaged records dropped, the original copied aside", metadata: [
                    "state.path": "\(path)", "state.copy": "\(copy)", "state.kept": "\(scan.changes.count)",
                    "state.dropped": "\(scan.damaged.count)",
                    "state.offsets": "\(scan.damaged.map { String($0.offset) }.joined(separator: ","))",
                ])
            }
            if let torn = scan.tornTail {
                logger.warning("state file: dropped an incomplete last record (a write cut short)", metadata: [
                    "state.path": "\(path)", "state.offset": "\(torn.offset)", "state.dropped_bytes": "\(torn.length)",
                ])
            }
            for change in scan.changes {
                switch change {
                case .connections(let change): store.replay(change)
                case .workspaces(let change): directory?.replay(change)
                }
            }
            context.withLock { $0 = Context(store: store, directory: directory, ids: ids, lock: lock, now: now) }
            do throws(FileError) {
                try install(compacted: store.allConnections(), directory?.all() ?? [])
            } catch {
                throw MockServerError(.loading, "--state-file: \(error)")
            }
            return scan.changes.count
        } catch {
            context.withLock { $0 = nil }
            lock.release()
            throw error
        }
    }

    private func read() throws(MockServerError) -> [UInt8] {
        do throws(FileError) {
            return try SystemFile.readAll(path)
        } catch {
            throw MockServerError(.loading, "--state-file: \(error)")
        }
    }

    private func refusal(_ scan: StateLogScan, _ first: StateLogScan.Damage) -> MockServerError {
        let more = scan.damaged.count > 1 ? " (and \(scan.damaged.count - 1) more damaged)" : ""
        return MockServerError(
            .loading,
            "--state-file \(path) is damaged at byte offset \(first.offset) (line \(first.line)): \(first.reason); "
                + "\(scan.validAfterFirstDamage) valid records follow it\(more). Nothing was changed. To start with "
                + "the valid records, add --state-file-salvage (the original is copied aside first), or restore "
                + "the file from a backup.")
    }

    /// Copies the original next to it as `FILE.damaged-<UTC time>` and answers that name.
    private func setAside(_ bytes: [UInt8]) throws(MockServerError) -> String {
        // `20260102T030405Z`: the real time (not the mock's clock, which a test may freeze),
        // ISO 8601's basic format, which needs no separator a file name could trip on.
        let stamp = ISOTimestamp(milliseconds: MockClock.realMilliseconds()).seconds.filter { $0 != "-" && $0 != ":" }
        let base = "\(path).damaged-\(stamp)Z"
        for attempt in 1...100 {
            let copy = attempt == 1 ? base : "\(base)-\(attempt)"
            let fd = SystemFile.createNew(copy)
            if fd < 0 {
                if SystemFile.kind(of: copy) == .file { continue }
                throw MockServerError(.loading, "--state-file-salvage: \(FileError("cannot create", copy)); nothing was changed")
            }
            var failure = SystemFile.writeAll(bytes, to: fd)
            if failure == nil, !SystemFile.syncAll(fd) { failure = SystemFile.lastError }
            SystemFile.close(fd)
            if let failure {
                SystemFile.remove(copy)
                throw MockServerError(
                    .loading, "--state-file-salvage: \(FileError("cannot write", copy, errno: failure)); nothing was changed")
            }
            return copy
        }
        throw MockServerError(.loading, "--state-file-salvage: 100 copies named \(base)-N exist already; nothing was changed")
    }

    /// Releases the lock and the file; later changes are answered 500. For a graceful stop,
    /// after `flush`.
    func close() {
        let fd = state.withLock { state in
            defer {
                state.closed = true
                state.fd = -1
            }
            return state.fd
        }
        if fd >= 0 { SystemFile.close(fd) }
        context.withLock { $0 }?.lock.release()
    }

    // MARK: - Recording

    /// Under the store's lock: only numbers and queues (encoding happens on the writer).
    func store(didApply change: StoreChange) {
        record(.connections(change))
    }

    /// Under the directory's lock, likewise.
    func directory(didApply change: WorkspaceChange) {
        record(.workspaces(change))
    }

    private func record(_ change: StateChange) {
        let start = state.withLock { state -> Bool in
            state.pending.append(change)
            state.recorded += 1
            guard !state.writing else { return false }
            state.writing = true
            return true
        }
        if start { writerQueue.async { self.drain() } }
    }

    /// The number of the last change recorded: taken before a request changes anything, it
    /// tells `whenDurable` which changes the request's answer is about.
    var recordedCount: Int {
        state.withLock { $0.recorded }
    }

    /// Calls `done(true)` once every change recorded after `mark` (and so far) is on disk,
    /// `done(false)` as soon as one of them could not be written and was undone.
    ///
    /// The changes after `mark` can include a concurrent request's, so a failed write can
    /// fail an answer whose own change had already reached the disk: a 500 that was not
    /// needed, never a 200 that was wrong.
    func whenDurable(after mark: Int, _ done: @escaping @Sendable (Bool) -> Void) {
        register(after: mark, done)
    }

    /// Blocks until everything recorded so far is on disk or undone; false if any was undone.
    func flush() -> Bool {
        let written = Locked(false)
        let semaphore = DispatchSemaphore(value: 0)
        register(after: nil) { success in
            written.withLock { $0 = success }
            semaphore.signal()
        }
        semaphore.wait()
        return written.withLock { $0 }
    }

    /// Blocks until the writer has nothing left to do, compaction included.
    func waitUntilIdle() {
        _ = flush()
        writerQueue.sync {}
    }

    private func register(after mark: Int?, _ done: @escaping @Sendable (Bool) -> Void) {
        let now = state.withLock { state -> Bool? in
            let upTo = state.recorded
            let after = mark ?? upTo
            if state.discards(after: after, upTo: upTo) { return false }
            if state.settled >= upTo { return true }
            state.waiters.append(Waiter(after: after, upTo: upTo, done: done))
            return nil
        }
        if let now { done(now) }
    }

    // MARK: - Writing

    private func drain() {
        while true {
            let (fileRecords, mayCompact) = state.withLock {
                ($0.compactedRecords + $0.appendedSinceCompaction, $0.unrepaired == nil && !$0.closed)
            }
            if mayCompact, fileRecords > compactionThreshold, let context = context.withLock({ $0 }),
               fileRecords - Self.liveRecords(context) > compactionThreshold {
                // The snapshot holds exactly the changes taken with it, so they need no append:
                // both locks are held while it is taken (store, then directory, then this file's).
                let (connections, (workspaces, (batch, upTo))) = context.store.allConnections(whileLocked: {
                    context.directory?.all(whileLocked: { takePending() }) ?? ([], takePending())
                })
                do throws(FileError) {
                    try install(compacted: connections, workspaces)
                    settle(upTo: upTo)
                } catch {
                    logger.error("state file compaction failed; appending instead", metadata: [
                        "state.path": "\(path)", "error": "\(error)",
                    ])
                    // Counted as compacted, so that the next try waits for as much again.
                    state.withLock { state in
                        state.compactedRecords = Self.liveRecords(context)
                        state.appendedSinceCompaction = 0
                    }
                    if !batch.isEmpty { append(batch, upTo: upTo) }
                }
                continue
            }
            let (batch, upTo) = takePending()
            if batch.isEmpty {
                let finished = state.withLock { state -> Bool in
                    guard state.pending.isEmpty else { return false }
                    state.writing = false
                    return true
                }
                if finished { return }
                continue
            }
            append(batch, upTo: upTo)
        }
    }

    /// What a compaction would write now: one record for each workspace and connection.
    private static func liveRecords(_ context: Context) -> Int {
        context.store.count + (context.directory?.count ?? 0)
    }

    private func takePending() -> ([StateChange], Int) {
        state.withLock { state in
            defer { state.pending = [] }
            return (state.pending, state.recorded)
        }
    }

    private func append(_ batch: [StateChange], upTo: Int) {
        let (fd, unrepaired, closed) = state.withLock { ($0.fd, $0.unrepaired, $0.closed) }
        if closed {
            discardUnsettled(restoring: nil, unrepaired: "the state file is closed")
            return
        }
        if let unrepaired {
            logger.error("state file still not repaired; the change is refused", metadata: [
                "state.path": "\(path)", "error": "\(unrepaired)",
            ])
            repair()
            return
        }
        var bytes: [UInt8] = []
        for change in batch { bytes += StateRecord.encode(change) }
        if let code = write(bytes, to: fd) {
            logger.error("state file write failed; the changes are answered 500 DAYU.3531 and undone", metadata: [
                "state.path": "\(path)", "error": "\(SystemFile.describe(code))", "state.changes": "\(batch.count)",
            ])
            repair()
            return
        }
        state.withLock { state in
            state.length += bytes.count
            state.appendedSinceCompaction += batch.count
        }
        settle(upTo: upTo)
    }

    /// Writes and syncs `bytes`; nil, or the errno. Honours `injectedWriteFailures`.
    private func write(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        let inject = injectedWriteFailures.withLock { count -> Bool in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if inject {
            _ = SystemFile.writeAll(Array(bytes.prefix(bytes.count / 2)), to: fd)
            return SystemFile.noSpace
        }
        if let code = SystemFile.writeAll(bytes, to: fd) { return code }
        return SystemFile.syncData(fd) ? nil : SystemFile.lastError
    }

    private func settle(upTo: Int) {
        let ready = state.withLock { state -> [(@Sendable (Bool) -> Void, Bool)] in
            state.settled = max(state.settled, upTo)
            let settled = state.settled
            let ready = state.waiters.filter { $0.upTo <= settled }
            state.waiters.removeAll { $0.upTo <= settled }
            return ready.map { ($0.done, !state.discards(after: $0.after, upTo: $0.upTo)) }
        }
        for (done, success) in ready { done(success) }
    }

    /// After a failed write: cut the file back to its last good length, read it back, and
    /// put the store back to it while discarding every change not yet written.
    private func repair() {
        let (fd, length) = state.withLock { ($0.fd, $0.length) }
        var problem: String?
        var changes: [StateChange]?
        let injected = injectedRepairFailures.withLock { count -> Bool in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if injected {
            problem = "cannot cut it back to \(length) bytes: \(SystemFile.describe(SystemFile.noSpace)) (injected)"
        } else if !SystemFile.truncate(fd, to: length) || !SystemFile.syncData(fd) {
            problem = "cannot cut it back to \(length) bytes: \(SystemFile.describe(SystemFile.lastError))"
        } else if let context = context.withLock({ $0 }) {
            do throws(MockServerError) {
                let bytes = try read()
                let scan = try StateLogScan(bytes, path: path, ids: context.ids, now: context.now)
                if bytes.count != length || !scan.damaged.isEmpty || scan.tornTail != nil {
                    problem = "reading it back gave \(bytes.count) bytes, \(scan.damaged.count) damaged"
                } else {
                    changes = scan.changes
                }
            } catch {
                problem = "cannot read it back: \(error)"
            }
        }
        if let problem {
            logger.critical("state file cannot be repaired; every change is refused until it can", metadata: [
                "state.path": "\(path)", "error": "\(problem)",
            ])
        } else if state.withLock({ $0.unrepaired }) != nil {
            logger.notice("state file repaired; changes are written again", metadata: ["state.path": "\(path)"])
        }
        discardUnsettled(restoring: changes, unrepaired: problem)
    }

    /// Fails every answer still waiting and forgets every change not written, with the
    /// store put back to `changes` (what the file holds) under its lock when they are known.
    private func discardUnsettled(restoring changes: [StateChange]?, unrepaired: String?) {
        var failed: [@Sendable (Bool) -> Void] = []
        let discard = {
            failed = self.state.withLock { state in
                if state.recorded > state.settled {
                    let range = (state.settled + 1)...state.recorded
                    if let last = state.discarded.last, last.upperBound + 1 == range.lowerBound {
                        state.discarded[state.discarded.count - 1] = last.lowerBound...range.upperBound
                    } else {
                        state.discarded.append(range)
                    }
                }
                state.settled = state.recorded
                state.pending = []
                state.unrepaired = unrepaired
                defer { state.waiters = [] }
                return state.waiters.map(\.done)
            }
        }
        if let changes, let context = context.withLock({ $0 }) {
            var connections: [StoreChange] = []
            var workspaces: [WorkspaceChange] = []
            for change in changes {
                switch change {
                case .connections(let change): connections.append(change)
                case .workspaces(let change): workspaces.append(change)
                }
            }
            // The two kinds touch separate maps, so replaying each in its own order rebuilds both.
            context.store.restore(replaying: connections) {
                if let directory = context.directory {
                    directory.restore(replaying: workspaces, whileLocked: discard)
                } else {
                    discard()
                }
            }
        } else {
            discard()
        }
        for done in failed { done(false) }
    }

    // MARK: - Compaction

    /// Replaces the file with one `put` per created workspace and connection, atomically, and
    /// appends from there on.
    private func install(compacted connections: [DataConnection], _ workspaces: [WorkspaceRecord]) throws(FileError) {
        var bytes: [UInt8] = []
        for record in workspaces { bytes += StateRecord.encode(.workspaces(.put(record))) }
        for connection in connections { bytes += StateRecord.encode(.connections(.put(connection))) }
        try SystemFile.writeAtomically(bytes, to: path, temporary: path + ".tmp")
        let fd = SystemFile.openForAppending(path)
        guard fd >= 0 else { throw FileError("cannot open", path) }
        let old = state.withLock { state -> Int32 in
            defer {
                state.fd = fd
                state.length = bytes.count
                state.appendedSinceCompaction = 0
                state.compactedRecords = workspaces.count + connections.count
            }
            return state.fd
        }
        if old >= 0 { SystemFile.close(old) }
    }
}
