import DataArtsJSON
import Testing

/// Bytes the reader must refuse, with the error it must give.
///
/// In the text form a `¦` marks the offset the error must name; it is not part of the input.
struct MalformedJSON: CustomTestStringConvertible, Sendable {
    static let marker: Character = "¦"

    let name: String
    let bytes: [UInt8]
    let error: JSONError

    init(_ name: String, _ text: String, _ reason: JSONError.Reason) {
        let parts = text.split(separator: Self.marker, omittingEmptySubsequences: false)
        precondition(parts.count == 2, "\(name): mark the offset with exactly one \(Self.marker)")
        self.name = name
        self.bytes = Array(parts[0].utf8) + Array(parts[1].utf8)
        self.error = JSONError(offset: parts[0].utf8.count, reason: reason)
    }

    init(_ name: String, bytes: [UInt8], offset: Int, _ reason: JSONError.Reason) {
        self.name = name
        self.bytes = bytes
        self.error = JSONError(offset: offset, reason: reason)
    }

    var testDescription: String { name }
}

/// `.unexpectedCharacter` of an ASCII character, to keep the tables short.
func unexpected(_ character: Unicode.Scalar) -> JSONError.Reason {
    .unexpectedCharacter(UInt8(ascii: character))
}

/// What the reader makes of `bytes`, as a value that `#expect` can compare and print.
func read(_ bytes: some Collection<UInt8>, maxDepth: Int = JSONReader.defaultMaxDepth) -> Result<JSONValue, JSONError> {
    Result { () throws(JSONError) -> JSONValue in try JSONReader.parse(bytes, maxDepth: maxDepth) }
}

func read(_ text: String, maxDepth: Int = JSONReader.defaultMaxDepth) -> Result<JSONValue, JSONError> {
    read(Array(text.utf8), maxDepth: maxDepth)
}
