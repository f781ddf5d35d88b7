#if canImport(Glibc)
import Glibc

/// The libc calls behind the state file, its lock and atomic writes, kept in one file per
/// platform so that shared code names none of them (issue 8); `SystemFile+Darwin.swift` is
/// its twin. Every call answers -1/false and leaves `errno` set, read by `lastError`.
enum SystemFile {
    static var lastError: Int32 { errno }
    static let interrupted = EINTR
    static let noSpace = ENOSPC

    static func openForReading(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_CLOEXEC)
    }

    /// For appending, created when missing.
    static func openForAppending(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    }

    /// A file that must not exist yet (temporary files, copies set aside).
    static func createNew(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    }

    /// Read-write, created when missing, never truncated (the lock file).
    static func openForLocking(_ path: String) -> Int32 {
        open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    }

    static func openFolder(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        Glibc.write(fd, bytes.baseAddress, bytes.count)
    }

    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        Glibc.read(fd, buffer.baseAddress, buffer.count)
    }

    /// The data (and the size) on the device: enough for appends, cheaper than `fsync`.
    static func syncData(_ fd: Int32) -> Bool {
        fdatasync(fd) == 0
    }

    /// Data and metadata on the device (a new file before its rename, a folder after one).
    static func syncAll(_ fd: Int32) -> Bool {
        fsync(fd) == 0
    }

    static func truncate(_ fd: Int32, to length: Int) -> Bool {
        ftruncate(fd, off_t(length)) == 0
    }

    static func seekToStart(_ fd: Int32) -> Bool {
        lseek(fd, 0, SEEK_SET) == 0
    }

    static func rename(_ from: String, _ to: String) -> Bool {
        Glibc.rename(from, to) == 0
    }

    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// An exclusive `flock`, without waiting: false with `lastError` EWOULDBLOCK when another
    /// open file description holds it (another process, or another server in this one).
    static func lockExclusively(_ fd: Int32) -> Bool {
        flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    /// Drops the lock on the open file itself, not only this descriptor: a child process
    /// between fork and exec holds a copy of the descriptor, and closing ours alone would leave
    /// the lock held until that child execs.
    static func unlock(_ fd: Int32) {
        _ = flock(fd, LOCK_UN)
    }

    static var processID: Int32 { getpid() }

    static func kind(of path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == ENOENT ? .missing : .unknown(errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// What went wrong, in words; the common cases say what to do about them.
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or folder"
        case ENOTDIR: "a part of the path is not a folder"
        case EISDIR: "it is a folder, not a file"
        case EACCES, EPERM: "permission denied"
        case ENOSPC: "no space left on the device"
        case EDQUOT: "disk quota exceeded"
        case EFBIG: "the file would exceed the largest size allowed (RLIMIT_FSIZE or the file system's limit)"
        case EROFS: "the file system is read-only"
        case EIO: "input/output error on the device"
        case EEXIST: "it exists already"
        case ENAMETOOLONG: "the name is too long"
        case ELOOP: "too many symbolic links"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
#endif
