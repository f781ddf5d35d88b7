#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Where every log line goes: appended to a buffer in memory by the thread that logs, written
/// to the descriptor in batches by one writer queue, so that a request never waits for stderr.
///
/// A slow or full stderr pipe only fills the buffer; beyond `capacity` bytes lines are dropped
/// and counted (one line says how many, once writing works again). A failed write (`EPIPE` when
/// the reader is gone, `ENOSPC` on a full disk) drops that batch and is never fatal. `flush()`
/// writes whatever was accepted before it, for a graceful stop, waiting at most a few seconds
/// for a reader that has stopped reading. The descriptor stays blocking (it is shared with
/// the parent); the writer waits for room with `poll` and writes at most `PIPE_BUF` at a time,
/// so no write can block once `poll` has said there is room.
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
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "dataarts-mock.log-writer")

    init(descriptor: Int32, capacity: Int = 8 << 20) {
        self.descriptor = descriptor
        self.capacity = capacity
    }

    /// Accepts one line (with its newline); never blocks on the descriptor.
    func append(_ line: String) {
        let start = state.withLock { state -> Bool in
            guard state.pending.count + line.utf8.count <= capacity else {
                state.dropped += 1
                return false
            }
            state.pending.append(contentsOf: line.utf8)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        // A short pause before each batch: lines arrive a few milliseconds later, in batches of
        // hundreds, and the writer wakes a few hundred times a second instead of once a line
        // (perf showed those wake-ups as lock contention on every request).
        if start { queue.asyncAfter(deadline: .now() + .milliseconds(Self.batchDelayMilliseconds)) { self.drain() } }
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
            var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let polled = poll(&ready, 1, 100)
            if polled == 0 || (polled < 0 && errno == EINTR) {
                if let giveUpAt = state.withLock({ $0.giveUpAt }), ContinuousClock.now >= giveUpAt { return }
                continue
            }
            guard polled > 0, ready.revents & Int16(POLLOUT) != 0 else { return }  // POLLERR, POLLHUP: gone.
            let end = min(bytes.count, offset + Int(PIPE_BUF))
            let written = bytes[offset..<end].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return  // EPIPE, ENOSPC, EBADF…: the lines are lost, the server goes on.
            }
        }
    }
}
