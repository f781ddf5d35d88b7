#if canImport(Darwin)
import Darwin

/// The descriptor calls of `LogWriter` on macOS.
extension LogWriter {
    /// Writes of at most this many bytes to a pipe are atomic and never block once `poll` has
    /// said there is room (POSIX `PIPE_BUF`).
    static let atomicWriteLimit = Int(PIPE_BUF)

    /// Waits up to `milliseconds` for `descriptor` to take a write.
    static func waitForRoom(_ descriptor: Int32, milliseconds: Int32) -> DescriptorReadiness {
        var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        let polled = poll(&ready, 1, milliseconds)
        if polled == 0 || (polled < 0 && errno == EINTR) { return .notYet }
        guard polled > 0, ready.revents & Int16(POLLOUT) != 0 else { return .gone }  // POLLERR, POLLHUP
        return .ready
    }

    static func isRegularFile(_ descriptor: Int32) -> Bool {
        var status = stat()
        return fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// One `write` of `bytes`.
    static func writeSome(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> DescriptorWrite {
        let written = write(descriptor, bytes.baseAddress, bytes.count)
        if written > 0 { return .wrote(written) }
        return written < 0 && errno == EINTR ? .interrupted : .failed
    }
}
#endif
