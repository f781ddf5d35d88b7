/// Whole files for the command line (`--ready-file`, `--credentials-file`) with the state
/// file's care: atomic replacement, no temporary file left behind, errors in words.
public enum AtomicFile {
    /// Replaces `path` with `bytes` atomically (a temporary file beside it, renamed over it).
    public static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        try SystemFile.writeAtomically(bytes, to: path, temporary: "\(path).tmp-\(SystemFile.processID)")
    }

    /// Every byte of `path`.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        try SystemFile.readAll(path)
    }
}
