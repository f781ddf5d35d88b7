/// Why bytes are not a JSON document, and where: the byte offset of the problem, counted from
/// the first byte of the input.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong at `offset`.
    public enum Reason: Sendable, Equatable {
        /// A byte that cannot start or continue what came before it, such as `x`, a trailing `,`
        /// before `]`, `'`, a `+` sign, `NaN`, or a UTF-8 byte-order mark.
        case unexpectedCharacter(UInt8)
        /// The input stopped inside a value; `offset` is the input's length.
        case unexpectedEnd
        /// An array or object opened at depth `limit + 1`; `offset` is its bracket.
        case tooDeep(limit: Int)
        /// A string byte that does not continue a well-formed UTF-8 sequence (overlong forms,
        /// UTF-8-encoded surrogates and code points above U+10FFFF included); `offset` is the
        /// sequence's first byte.
        case invalidUTF8
        /// A backslash not followed by one of `"\/bfnrtu`, or `\u` not followed by four hex
        /// digits; `offset` is the backslash.
        case invalidEscape
        /// A `\u` escape of a surrogate that is not half of a high-low pair; `offset` is the
        /// backslash of the escape that cannot be paired.
        case loneSurrogate
        /// A byte below 0x20 inside a string, which must be escaped (RFC 8259 §7).
        case controlCharacter
        /// Bytes other than whitespace after a complete document.
        case trailingCharacters
        /// A number that breaks RFC 8259 §6: a leading zero, or no digit after `-`, `.` or the
        /// exponent; `offset` is the byte where a digit (or the end of the number) was due.
        case invalidNumber
    }

    public let offset: Int
    public let reason: Reason

    public init(offset: Int, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    /// For a client's error message, e.g. `unexpected character 'x' at byte 12`.
    public var description: String {
        let what: String = switch reason {
        case .unexpectedCharacter(let byte) where byte >= 0x20 && byte < 0x7F:
            "unexpected character '\(Character(Unicode.Scalar(byte)))'"
        case .unexpectedCharacter(let byte):
            // Not printable, or half of a UTF-8 sequence: show the byte, not a broken character.
            "unexpected byte 0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16))"
        case .unexpectedEnd: "unexpected end of input"
        case .tooDeep(let limit): "nesting deeper than \(limit) levels"
        case .invalidUTF8: "invalid UTF-8"
        case .invalidEscape: "invalid escape"
        case .loneSurrogate: "lone surrogate in \\u escape"
        case .controlCharacter: "control character in string"
        case .trailingCharacters: "trailing characters"
        case .invalidNumber: "invalid number"
        }
        return "\(what) at byte \(offset)"
    }
}
