import DataArtsLocking

/// The exclusive lock that keeps a second server off a state file (issue 10 item 4).
///
/// `flock` on `FILE.lock` beside it, not on the state file itself: compaction renames a new
/// file over the state file, and a lock on the old one would no longer keep anyone out. The
/// lock file holds the pid of the server that holds it, so the refused one can say who; it
/// stays when the server exits (the kernel drops the lock with the process), and a stale pid
/// in it means nothing: whoever gets the lock writes their own.
final class StateFileLock: Sendable {
    let path: String
    private let fd: Locked<Int32>

    init(for statePath: String) throws(MockServerError) {
        path = statePath + ".lock"
        let fd = SystemFile.openForLocking(path)
        guard fd >= 0 else {
            throw MockServerError(.loading, "cannot lock --state-file \(statePath): \(FileError("cannot create", path))")
        }
        guard SystemFile.lockExclusively(fd) else {
            let holder = Self.pid(in: fd, path: path)
            SystemFile.close(fd)
            let who = holder.map { pid in
                pid == SystemFile.processID ? "another server in this process (pid \(pid))" : "process \(pid)"
            } ?? "another process"
            throw MockServerError(
                .loading,
                "--state-file \(statePath) is in use by \(who), which holds \(path); "
                    + "stop that server or give this one another --state-file")
        }
        // Our pid, for the next one to be refused; failing to write it only makes that
        // message vaguer.
        if SystemFile.truncate(fd, to: 0) {
            _ = SystemFile.writeAll(Array("\(SystemFile.processID)\n".utf8), to: fd)
        }
        self.fd = Locked(fd)
    }

    deinit {
        release()
    }

    /// Releases the lock (closing the descriptor drops it); once.
    func release() {
        let fd = fd.withLock { fd in
            defer { fd = -1 }
            return fd
        }
        if fd >= 0 {
            SystemFile.unlock(fd)
            SystemFile.close(fd)
        }
    }

    /// The pid the holder wrote, if it could be read.
    private static func pid(in fd: Int32, path: String) -> Int32? {
        do throws(FileError) {
            let text = String(decoding: try SystemFile.readAll(fd, path: path), as: UTF8.self)
            return Int32(text.filter(\.isNumber))
        } catch {
            return nil
        }
    }
}
