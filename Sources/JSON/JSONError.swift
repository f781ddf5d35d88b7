/// Why bytes are not a JSON document, and where: the byte offset of the problem.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case unexpectedCharacter(UInt8)
        case unexpectedEnd
        case tooDeep(limit: Int)
        case invalidUTF8
        case invalidEscape
        case loneSurrogate
        case controlCharacter
        case trailingCharacters
        case invalidNumber
    }

    public let offset: Int
    public let reason: Reason

    public init(offset: Int, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        let what: String = switch reason {
        case .unexpectedCharacter(let byte):
            byte >= 0x20 && byte < 0x7F
                ? "unexpected character '\(Character(Unicode.Scalar(byte)))'" : "unexpected byte 0x\(String(byte, radix: 16))"
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
