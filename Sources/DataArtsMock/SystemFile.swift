/// Whole-file reads and writes over `SystemFile`'s platform calls, with every failure a
/// `FileError` in words.
extension SystemFile {
    /// Writes all of `bytes`, retrying short writes and `EINTR`; nil, or the errno.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0) }
            if written < 0 {
                if lastError == interrupted { continue }
                return lastError
            }
            offset += written
        }
        return nil
    }

    /// Every byte of the file at `path`.
    static func readAll(_ path: String) throws(FileError) -> [UInt8] {
        switch kind(of: path) {
        case .folder: throw FileError("cannot read", path, reason: "it is a folder, not a file")
        case .unknown(let code): throw FileError("cannot read", path, errno: code)
        case .missing, .file, .other: break
        }
        let fd = openForReading(path)
        guard fd >= 0 else { throw FileError("cannot read", path) }
        defer { close(fd) }
        return try readAll(fd, path: path)
    }

    static func readAll(_ fd: Int32, path: String) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0) }
            if count < 0 {
                if lastError == interrupted { continue }
                throw FileError("cannot read", path)
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    /// Replaces the file at `path` with `bytes` so that a reader (or a crash) sees the old
    /// file or the new one, never a part: a new file beside it, written and synced, renamed
    /// over it, and the folder synced. On failure the temporary file is removed.
    static func writeAtomically(_ bytes: [UInt8], to path: String, temporary: String) throws(FileError) {
        let folder = folder(of: path)
        switch kind(of: folder) {
        case .missing: throw FileError("cannot write", path, reason: "the folder \(folder) does not exist")
        case .file, .other: throw FileError("cannot write", path, reason: "\(folder) is not a folder")
        case .unknown(let code): throw FileError("cannot write", path, errno: code)
        case .folder: break
        }
        if kind(of: path) == .folder {
            throw FileError("cannot write", path, reason: "it is a folder, not a file")
        }
        remove(temporary)  // a stale one of a crashed run: the name is ours
        let fd = createNew(temporary)
        guard fd >= 0 else { throw FileError("cannot write", path, reason: "cannot create \(temporary): \(describe(lastError))") }
        var failure = writeAll(bytes, to: fd)
        if failure == nil, !syncAll(fd) { failure = lastError }
        close(fd)
        if let failure {
            remove(temporary)
            throw FileError("cannot write", path, errno: failure)
        }
        guard rename(temporary, path) else {
            let code = lastError
            remove(temporary)
            throw FileError("cannot write", path, errno: code)
        }
        let folderFD = openFolder(folder)
        if folderFD >= 0 {
            // Makes the rename itself durable; a failure here leaves a complete file in place,
            // so it is not worth refusing the write for.
            _ = syncAll(folderFD)
            close(folderFD)
        }
    }

    /// The folder part of a path ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
