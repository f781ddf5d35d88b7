/// A file the mock could not read or write, said in words: which file, what was being done,
/// and why (issue 10: no `errno 21`, no `NSCocoaErrorDomain` dump).
public struct FileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    /// What failed, e.g. "cannot write".
    public let action: String
    public let reason: String

    init(_ action: String, _ path: String, reason: String) {
        self.action = action
        self.path = path
        self.reason = reason
    }

    /// From the `errno` of the call that just failed.
    init(_ action: String, _ path: String) {
        self.init(action, path, errno: SystemFile.lastError)
    }

    init(_ action: String, _ path: String, errno code: Int32) {
        self.init(action, path, reason: SystemFile.describe(code))
    }

    public var description: String {
        "\(action) \(path): \(reason)"
    }
}
