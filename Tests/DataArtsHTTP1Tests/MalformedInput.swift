import DataArtsHTTP1
import Testing

/// Bytes the parser must refuse, the error it must give, and the byte that makes it certain.
///
/// In the text form a `¦` marks the deciding byte: every prefix that stops before it is still
/// a possible request (the parser must ask for more), and every prefix that includes it must
/// fail with `error`, so that a bad request is refused the moment it is bad, never later.
struct MalformedInput: CustomTestStringConvertible, Sendable {
    static let marker: Character = "¦"

    let name: String
    let bytes: [UInt8]
    /// The length of the shortest prefix that fails.
    let certainAt: Int
    let error: HTTPParseError

    init(_ name: String, _ text: String, _ error: HTTPParseError) {
        let parts = text.split(separator: Self.marker, omittingEmptySubsequences: false)
        precondition(parts.count == 2, "\(name): mark the deciding byte with exactly one \(Self.marker)")
        self.name = name
        self.bytes = Array(parts[0].utf8) + Array(parts[1].utf8)
        self.certainAt = parts[0].utf8.count + 1
        self.error = error
    }

    init(_ name: String, bytes: [UInt8], certainAt: Int, _ error: HTTPParseError) {
        self.name = name
        self.bytes = bytes
        self.certainAt = certainAt
        self.error = error
    }

    var testDescription: String { name }
}
