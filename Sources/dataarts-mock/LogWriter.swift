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
    }

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
    }

    /// Accepts one line: `write` appends its bytes, newline included, to the pending batch
    /// under the lock, so a line costs no buffer of its own. Never blocks on the descriptor.
    /// Past `capacity` pending bytes, the line is dropped (the batch may end one line beyond).
    func append(_ write: (inout [UInt8]) -> Void) {
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
        // A short pause before each batch: lines arrive a few milliseconds later, in batches of
        // hundreds, and the writer wakes a few hundred times a second instead of once a line
        // (perf showed those wake-ups as lock contention on every request).
        if start { queue.asyncAfter(deadline: .now() + .milliseconds(Self.batchDelayMilliseconds)) { self.drain() } }
    }

    /// Accepts one line (with its newline).
    func append(_ line: String) {
        append { $0.append(contentsOf: line.utf8) }
    }

    static let batchDelayMilliseconds = 5

    /// Blocks until every line accepted so far has been written, failed to be, or `seconds`
    /// passed with the descriptor taking nothing.
    func flush(seconds: Int = 2) {
        state.withLock { $0.giveUpAt = .now + .seconds(seconds) }
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
