/// A strict RFC 8259 reader that keeps object key order and number spelling.
///
/// The nesting limit is checked before each descent, so a 10,000-deep array is refused with
/// `tooDeep` long before the stack is at risk.
public enum JSONReader {
    public static let defaultMaxDepth = 64

    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        let buffer = Array(bytes)
        var parser = Parser(bytes: buffer, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == buffer.count else { throw JSONError(offset: parser.index, reason: .trailingCharacters) }
        return value
    }
}

private struct Parser {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func fail(_ reason: JSONError.Reason, at offset: Int? = nil) -> JSONError {
        JSONError(offset: offset ?? index, reason: reason)
    }

    private func current() throws(JSONError) -> UInt8 {
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        return bytes[index]
    }

    mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        let byte = try current()
        switch byte {
        case UInt8(ascii: "{"):
            guard depth < maxDepth else { throw fail(.tooDeep(limit: maxDepth)) }
            return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["):
            guard depth < maxDepth else { throw fail(.tooDeep(limit: maxDepth)) }
            return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw fail(.unexpectedCharacter(byte))
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in expected {
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[index] == byte else { throw fail(.unexpectedCharacter(bytes[index])) }
            index += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONObject {
        index += 1  // {
        var object = JSONObject()
        skipWhitespace()
        if try current() == UInt8(ascii: "}") {
            index += 1
            return object
        }
        while true {
            skipWhitespace()
            let byte = try current()
            guard byte == UInt8(ascii: "\"") else { throw fail(.unexpectedCharacter(byte)) }
            let key = try parseString()
            skipWhitespace()
            let colon = try current()
            guard colon == UInt8(ascii: ":") else { throw fail(.unexpectedCharacter(colon)) }
            index += 1
            skipWhitespace()
            // A repeated key keeps its first position and takes the last value, as Python's json does.
            object[key] = try parseValue(depth: depth)
            skipWhitespace()
            let separator = try current()
            index += 1
            switch separator {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return object
            default: throw fail(.unexpectedCharacter(separator), at: index - 1)
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> [JSONValue] {
        index += 1  // [
        var items: [JSONValue] = []
        skipWhitespace()
        if try current() == UInt8(ascii: "]") {
            index += 1
            return items
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            let separator = try current()
            index += 1
            switch separator {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return items
            default: throw fail(.unexpectedCharacter(separator), at: index - 1)
            }
        }
    }

    private mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = index
        guard let length = JSONNumber.grammarLength(bytes, from: start) else {
            // Point at the first byte that breaks the grammar.
            var end = start
            if end < bytes.count && bytes[end] == UInt8(ascii: "-") { end += 1 }
            while end < bytes.count && (bytes[end] >= UInt8(ascii: "0") && bytes[end] <= UInt8(ascii: "9")) { end += 1 }
            throw fail(.invalidNumber, at: end)
        }
        index += length
        // A leading zero followed by digits ("01") stops the grammar after "0"; say so here
        // rather than as trailing characters later.
        if index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            throw fail(.invalidNumber, at: index)
        }
        return JSONNumber(validated: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func parseString() throws(JSONError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes, so the bytes are the string once validated.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: bytes[start..<index], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail(.controlCharacter) }
            if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        var decoded = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &decoded)
            case ..<0x20:
                throw fail(.controlCharacter)
            case ..<0x80:
                decoded.append(byte)
                index += 1
            default:
                let sequenceStart = index
                try skipUTF8Sequence()
                decoded.append(contentsOf: bytes[sequenceStart..<index])
            }
        }
    }

    /// Validates one multi-byte UTF-8 sequence (no overlongs, no surrogates, ≤ U+10FFFF).
    private mutating func skipUTF8Sequence() throws(JSONError) {
        let lead = bytes[index]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F
        case 0xF0: length = 4; lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F
        default: throw fail(.invalidUTF8)
        }
        for offset in 1..<length {
            let position = index + offset
            guard position < bytes.count else { throw fail(.unexpectedEnd, at: position) }
            let continuation = bytes[position]
            let range: ClosedRange<UInt8> = offset == 1 ? lowest...highest : 0x80...0xBF
            guard range.contains(continuation) else { throw fail(.invalidUTF8, at: position) }
        }
        index += length
    }

    private mutating func parseEscape(into decoded: inout [UInt8]) throws(JSONError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw fail(.unexpectedEnd) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): decoded.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): decoded.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): decoded.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw fail(.loneSurrogate, at: escapeStart)
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail(.loneSurrogate, at: escapeStart) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail(.loneSurrogate, at: escapeStart)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw fail(.loneSurrogate, at: escapeStart) }
            decoded.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw fail(.invalidEscape, at: escapeStart)
        }
    }

    private mutating func parseHex4() throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw fail(.unexpectedEnd) }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail(.invalidEscape)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
