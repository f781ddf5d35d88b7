import Dispatch
import DataArtsLocking

/// Where every log line goes: appended to a buffer in memory by the thread that logs, written
/// to the descriptor in batches by one writer queue, so that a request never waits for stderr.
///
/// A slow or full stderr pipe only fills the buffer; beyond `capacity` bytes lines are dropped
/// and counted (one line says how many, once writing works again). A failed write (`EPIPE` when
/// the reader is gone, `ENOSPC` on a full disk) drops that batch and is never fatal. `flush()`
/// writes whatever was accepted before it, for a graceful stop, waiting at most a few seconds
/// for a reader that has stopped reading. The descriptor stays blocking (it is shared with
/// the parent); the writer waits for room with `poll` and writes at most `PIPE_BUF` at a time,
/// so no write can block once `poll` has said there is room (a regular file takes it whole).
///
/// During an event loop's turn (`beginTurn()` … `endTurn()`, on the loop's thread) lines go to
/// that thread's own lane instead, without the shared lock, and reach the batch in one piece
/// when the turn ends, before the turn's answers are sent: so a line is never written after
/// the line of a request that a client sent once it had seen the first one's answer.
final class LogWriter: Sendable {
    /// The process's stderr.
    static let standardError = LogWriter(descriptor: 2)

    private struct State {
        var pending: [UInt8] = []
        /// The last batch's buffer, emptied: it becomes `pending` again so appends rarely allocate.
        var spare: [UInt8] = []
        var dropped = 0
        var draining = false
        /// Set by `flush()`: past it, what is still waiting for room is given up.
        var giveUpAt: ContinuousClock.Instant?
        /// Every thread's lane, for `flush()` to collect a turn still open.
        var lanes: [Lane] = []
    }

    /// One thread's lines of its current turn. Locked only so that `flush()` can take them
    /// from another thread; otherwise only its own thread touches it, so the lock is never
    /// contended and its cache line stays on that thread's core.
    private final class Lane: Sendable {
        struct Lines {
            var bytes: [UInt8] = []
            var count = 0
            var dropped = 0
        }
        let lines = Locked(Lines())
    }

    /// What a thread knows of its lanes: one for each writer it has run turns for.
    private final class ThreadLanes {
        var lanes: [(writer: UInt64, lane: Lane)] = []
        /// The lane of the turn in progress on this thread.
        var open: (writer: UInt64, lane: Lane)?
    }

    private static let threadLanes = ThreadLocal<ThreadLanes>()
    private static let serials = Locked<UInt64>(0)
    /// Names this writer in threads' lanes (an object's address can be reused by another).
    private let serial: UInt64

    private let descriptor: Int32
    private let capacity: Int
    // Locked, not Mutex: ThreadSanitizer cannot see Mutex on Linux and reported every line
    // appended here as a race with the writer (LogFailureTests under --sanitize=thread).
    private let state = Locked(State())
    private let queue = DispatchQueue(label: "dataarts-mock.log-writer")

    /// A regular file never makes a write wait for room, so a batch goes in one `write`
    /// instead of a `poll` and a `write` every `PIPE_BUF` bytes (the benchmark's stderr is a
    /// file: those were half a system call a request).
    private let isRegularFile: Bool

    init(descriptor: Int32, capacity: Int = 8 << 20) {
        self.descriptor = descriptor
        self.capacity = capacity
        isRegularFile = Self.isRegularFile(descriptor)
        serial = Self.serials.withLock { serial in
            serial += 1
            return serial
        }
    }

    /// Accepts one line: `write` appends its bytes, newline included, to the pending batch
    /// under the lock, so a line costs no buffer of its own. Never blocks on the descriptor.
    /// Past `capacity` pending bytes, the line is dropped (the batch may end one line beyond).
    func append(_ write: (inout [UInt8]) -> Void) {
        if let open = Self.threadLanes.current?.open, open.writer == serial {
            open.lane.lines.withLock { lines in
                guard lines.bytes.count <= capacity else { return lines.dropped += 1 }
                write(&lines.bytes)
                lines.count += 1
            }
            return
        }
        let start = state.withLock { state -> Bool in
            guard state.pending.count <= capacity else {
                state.dropped += 1
                return false
            }
            write(&state.pending)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if start { scheduleDrain() }
    }

    /// From here until `endTurn()`, this thread's lines go to its own lane.
    func beginTurn() {
        let thread = Self.threadLanes.current(orMake: ThreadLanes.init)
        if let known = thread.lanes.first(where: { $0.writer == serial }) {
            thread.open = known
            return
        }
        let lane = Lane()
        state.withLock { $0.lanes.append(lane) }
        thread.lanes.append((serial, lane))
        thread.open = (serial, lane)
    }

    /// Hands the turn's lines to the batch, in one piece and under one lock.
    func endTurn() {
        guard let thread = Self.threadLanes.current, let open = thread.open, open.writer == serial else { return }
        thread.open = nil
        handOver(open.lane)
    }

    /// The lane's lines join the batch. The lane's lock is held throughout, so two hand-overs
    /// of one lane (its thread's and a flush's) keep its lines in order; nothing takes the two
    /// locks the other way round.
    private func handOver(_ lane: Lane) {
        let start = lane.lines.withLock { lines -> Bool in
            guard lines.count > 0 || lines.dropped > 0 else { return false }
            defer {
                lines.bytes.removeAll(keepingCapacity: true)
                lines.count = 0
                lines.dropped = 0
            }
            return state.withLock { state -> Bool in
                state.dropped += lines.dropped
                if state.pending.count <= capacity {
                    state.pending.append(contentsOf: lines.bytes)
                } else {
                    state.dropped += lines.count
                }
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
        }
        if start { scheduleDrain() }
    }

    /// A short pause before each batch: lines arrive a few milliseconds later, in batches of
    /// hundreds, and the writer wakes a few hundred times a second instead of once a line
    /// (perf showed those wake-ups as lock contention on every request).
    private func scheduleDrain() {
        queue.asyncAfter(deadline: .now() + .milliseconds(Self.batchDelayMilliseconds)) { self.drain() }
    }

    /// Accepts one line (with its newline).
    func append(_ line: String) {
        append { $0.append(contentsOf: line.utf8) }
    }

    static let batchDelayMilliseconds = 5

    /// Blocks until every line accepted so far has been written, failed to be, or `seconds`
    /// passed with the descriptor taking nothing.
    func flush(seconds: Int = 2) {
        // A turn may still be open: a loop's last request can close its connection, which lets
        // the stop go on, before the loop's turn has ended.
        let lanes = state.withLock { state -> [Lane] in
            state.giveUpAt = .now + .seconds(seconds)
            return state.lanes
        }
        for lane in lanes { handOver(lane) }
        let done = DispatchSemaphore(value: 0)
        queue.async {
            self.drain()
            done.signal()
        }
        _ = done.wait(timeout: .now() + .seconds(seconds + 1))
    }

    private func drain() {
        while true {
            let batch = state.withLock { state -> [UInt8]? in
                guard !state.pending.isEmpty || state.dropped > 0 else {
                    state.draining = false
                    return nil
                }
                // Moved, not copied: a buffer referenced twice would be copied on the next append.
                var batch: [UInt8] = []
                swap(&batch, &state.spare)
                swap(&batch, &state.pending)
                if state.dropped > 0 {
                    batch += Array("dataarts-mock: \(state.dropped) log lines dropped: stderr was not keeping up\n".utf8)
                    state.dropped = 0
                }
                return batch
            }
            guard var batch else { return }
            writeAll(batch)
            batch.removeAll(keepingCapacity: true)
            state.withLock { $0.spare = batch }
        }
    }

    /// Writes `bytes` whole in pieces the descriptor has room for, retrying interrupted and
    /// partial writes; gives up on any other error, or once a flush's deadline has passed.
    private func writeAll(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            switch isRegularFile ? .ready : Self.waitForRoom(descriptor, milliseconds: 100) {
            case .notYet:
                if let giveUpAt = state.withLock({ $0.giveUpAt }), ContinuousClock.now >= giveUpAt { return }
                continue
            case .gone:
                return
            case .ready:
                break
            }
            let end = isRegularFile ? bytes.count : min(bytes.count, offset + Self.atomicWriteLimit)
            switch bytes[offset..<end].withUnsafeBytes({ Self.writeSome(descriptor, $0) }) {
            case .wrote(let count): offset += count
            case .interrupted: continue
            case .failed: return  // EPIPE, ENOSPC, EBADF…: the lines are lost, the server goes on.
            }
        }
    }
}

/// What `LogWriter.waitForRoom` saw.
enum DescriptorReadiness {
    case ready
    /// Timed out or interrupted: ask again.
    case notYet
    /// An error or hang-up: the reader is gone.
    case gone
}

/// What one `LogWriter.writeSome` did.
enum DescriptorWrite {
    case wrote(Int)
    case interrupted
    /// `EPIPE`, `ENOSPC`, `EBADF`…
    case failed
}
