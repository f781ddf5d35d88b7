import DataArtsLocking
import Dispatch
import Foundation

/// Where both log formats write: a bounded queue in front of a file descriptor (stderr), so
/// that logging can never crash or block the server (issue 10 item 6).
///
/// `FileHandle.write` raised an Objective-C-style exception on EPIPE or ENOSPC, which on Linux
/// is a trap (SIGILL): a log reader that went away, or a full disk under a redirected stderr,
/// killed the server. Here a line is only appended to a buffer under a lock; one background
/// queue writes it with `write(2)`, and a failed write drops what it held. A reader that stops
/// reading blocks that queue alone; once the buffer holds `capacity` bytes, new lines are
/// dropped and counted, and the count is logged when writing works again.
final class LogSink: Sendable {
    static let standardError = LogSink(fd: 2)

    private let fd: Int32
    private let capacity: Int
    private let queue = DispatchQueue(label: "dataarts-mock.log")
    private let state = Locked(State())

    private struct State {
        var buffered: [UInt8] = []
        var writing = false
        var dropped = 0
    }

    init(fd: Int32, capacity: Int = 1 << 20) {
        self.fd = fd
        self.capacity = capacity
    }

    func write(_ text: String) {
        let start = state.withLock { state -> Bool in
            guard state.buffered.count + text.utf8.count <= capacity else {
                state.dropped += 1
                return false
            }
            state.buffered.append(contentsOf: text.utf8)
            guard !state.writing else { return false }
            state.writing = true
            return true
        }
        if start { queue.async { self.drain() } }
    }

    /// Waits until what is buffered is written, at most `seconds` (a stuck reader must not
    /// keep a stopping server from exiting).
    func flush(seconds: Double) {
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        _ = done.wait(timeout: .now() + seconds)
    }

    private func drain() {
        while true {
            let (bytes, dropped) = state.withLock { state -> ([UInt8], Int)? in
                guard !state.buffered.isEmpty || state.dropped > 0 else {
                    state.writing = false
                    return nil
                }
                defer {
                    state.buffered = []
                    state.dropped = 0
                }
                return (state.buffered, state.dropped)
            } ?? ([], -1)
            if dropped < 0 { return }
            var out = bytes
            if dropped > 0 { out += Array("dataarts-mock: \(dropped) log lines dropped (stderr could not take them)\n".utf8) }
            if !Self.writeAll(out, to: fd) {
                // The reader is gone or the disk is full: these lines are lost. Count them, and
                // stop until the next line arrives rather than spin on a broken descriptor.
                state.withLock { state in
                    state.dropped += dropped + Self.lines(in: bytes)
                    state.writing = false
                }
                return
            }
        }
    }

    private static func lines(in bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// Every byte, or false at the first error other than EINTR.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}

/// `LogSink` as the stream swift-log's `StreamLogHandler` writes the text format to.
struct LogSinkStream: TextOutputStream, Sendable {
    let sink: LogSink

    mutating func write(_ string: String) {
        sink.write(string)
    }
}
