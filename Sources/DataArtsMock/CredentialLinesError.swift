/// A line of a credentials file (or of `DATAARTS_MOCK_CREDENTIALS`) that is not one of the
/// three kinds: `FILE:LINE: what is wrong`.
public struct CredentialLinesError: Error, Sendable, Equatable, CustomStringConvertible {
    public let source: String
    /// From 1.
    public let line: Int
    public let problem: String

    public var description: String {
        "\(source):\(line): \(problem)"
    }
}
