#if canImport(Darwin)
import Darwin

/// The Darwin twin of `SystemFile+Glibc.swift`: the same calls, with `F_FULLFSYNC` where
/// Linux has `fdatasync` (Darwin's `fsync` does not flush the drive's cache).
enum SystemFile {
    static var lastError: Int32 { errno }
    static let interrupted = EINTR
    static let noSpace = ENOSPC

    static func openForReading(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_CLOEXEC)
    }

    static func openForAppending(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    }

    static func createNew(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    }

    static func openForLocking(_ path: String) -> Int32 {
        open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    }

    static func openFolder(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    static func close(_ fd: Int32) {
        _ = Darwin.close(fd)
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        Darwin.write(fd, bytes.baseAddress, bytes.count)
    }

    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        Darwin.read(fd, buffer.baseAddress, buffer.count)
    }

    static func syncData(_ fd: Int32) -> Bool {
        fcntl(fd, F_FULLFSYNC) == 0 || fsync(fd) == 0
    }

    static func syncAll(_ fd: Int32) -> Bool {
        fcntl(fd, F_FULLFSYNC) == 0 || fsync(fd) == 0
    }

    static func truncate(_ fd: Int32, to length: Int) -> Bool {
        ftruncate(fd, off_t(length)) == 0
    }

    static func seekToStart(_ fd: Int32) -> Bool {
        lseek(fd, 0, SEEK_SET) == 0
    }

    static func rename(_ from: String, _ to: String) -> Bool {
        Darwin.rename(from, to) == 0
    }

    static func remove(_ path: String) {
        _ = unlink(path)
    }

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
