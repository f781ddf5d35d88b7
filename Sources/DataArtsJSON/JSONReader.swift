/// A strict RFC 8259 reader that keeps object key order, number spelling and string bytes.
///
/// Strict means: whitespace is only space, tab, LF and CR; no byte-order mark, comments,
/// trailing commas, `NaN`, `Infinity`, leading `+` or leading zeros; strings are well-formed
/// UTF-8 with no raw control characters, and `\u` escapes of surrogates come in high-low pairs.
/// A key that appears twice in one object keeps its first position and takes its last value,
/// as Python's `json` does.
///
/// The reader is iterative: open arrays and objects live on a heap stack, not the call stack,
/// and the depth limit is checked at each opening bracket before anything is pushed. A
/// million-deep `[[[…` is refused at its 65th byte and never at risk of overflowing the stack.
public struct JSONReader: Sendable {
    /// RFC 8259 §9 lets a parser limit nesting; SPEC §1 sets 64.
    public static let defaultMaxDepth = 64

    /// Reads one JSON document, which must make up the whole of `bytes` but for whitespace.
    ///
    /// - Parameter maxDepth: How many arrays and objects may be open at once: a top-level
    ///   array is at depth 1, and the bracket that would open level `maxDepth + 1` is refused
    ///   with `tooDeep`.
    /// - Throws: The first problem, with its offset from the first byte of `bytes`.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        // One contiguous copy (free when `bytes` is already an array), indexed from 0, so that
        // every later read is an index and every string a slice.
        var reader = JSONReader(bytes: Array(bytes), maxDepth: maxDepth)
        return try reader.readDocument()
    }

    private let bytes: [UInt8]
    private let maxDepth: Int
    /// The next byte to read.
    private var index = 0

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// An array or object whose closing bracket has not been read yet.
    private struct OpenContainer {
        let isObject: Bool
        /// Where its items start on the stack of finished items (and, for an object, of keys).
        let firstValue: Int
        let firstKey: Int
    }

    private mutating func readDocument() throws(JSONError) -> JSONValue {
        // Open containers, innermost last. Their finished items wait on `values` (an object's
        // keys on `keys`) until the closing bracket, so no array is copied as it grows.
        var open: [OpenContainer] = []
        var values: [JSONValue] = []
        var keys: [String] = []
        skipWhitespace()
        reading: while true {
            var value: JSONValue
            let byte = try peek()
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                guard open.count < maxDepth else { throw JSONError(offset: index, reason: .tooDeep(limit: maxDepth)) }
                let isObject = byte == UInt8(ascii: "{")
                index += 1
                skipWhitespace()
                if try peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    open.append(OpenContainer(isObject: isObject, firstValue: values.count, firstKey: keys.count))
                    if isObject { keys.append(try readKey()) }
                    continue reading
                }
            case UInt8(ascii: "\""):
                value = .string(try readString())
            case UInt8(ascii: "t"):
                try readLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try readLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try readLiteral("null")
                value = .null
            default:
                guard byte == UInt8(ascii: "-") || Self.isDigit(byte) else {
                    throw JSONError(offset: index, reason: .unexpectedCharacter(byte))
                }
                value = .number(try readNumber())
            }

            // `value` is whole. Inside a container, a comma means another item is next; a
            // closing bracket makes the container whole, and it is in turn an item of the next.
            while let container = open.last {
                values.append(value)
                skipWhitespace()
                let separator = try peek()
                index += 1
                if separator == UInt8(ascii: ",") {
                    skipWhitespace()
                    if container.isObject { keys.append(try readKey()) }
                    continue reading
                }
                guard separator == (container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw JSONError(offset: index - 1, reason: .unexpectedCharacter(separator))
                }
                open.removeLast()
                let itemCount = values.count - container.firstValue
                if container.isObject {
                    var object = JSONObject()
                    object.reserveCapacity(itemCount)
                    for offset in 0..<itemCount { object[keys[container.firstKey + offset]] = values[container.firstValue + offset] }
                    value = .object(object)
                    keys.removeLast(itemCount)
                } else {
                    value = .array(Array(values[container.firstValue..<values.count]))
                }
                values.removeLast(itemCount)
            }

            skipWhitespace()
            guard index == bytes.count else { throw JSONError(offset: index, reason: .trailingCharacters) }
            return value
        }
    }

    // The loops over bytes below copy `bytes` and `index` into locals: debug builds, which run
    // the test suites, would otherwise retain and release `self.bytes` for every byte, several
    // times slower. For the same reason they compare bytes with `==` and `<`, not range patterns.

    private mutating func skipWhitespace() {
        let bytes = self.bytes
        var index = self.index
        defer { self.index = index }
        // RFC 8259 §2: these four only; no BOM, no Unicode spaces.
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t") else {
                return
            }
            index += 1
        }
    }

    /// The next byte, not consumed.
    private func peek() throws(JSONError) -> UInt8 {
        guard index < bytes.count else { throw JSONError(offset: index, reason: .unexpectedEnd) }
        return bytes[index]
    }

    /// `"key"` and the colon after it, with the whitespace around the colon.
    private mutating func readKey() throws(JSONError) -> String {
        let quote = try peek()
        guard quote == UInt8(ascii: "\"") else { throw JSONError(offset: index, reason: .unexpectedCharacter(quote)) }
        let key = try readString()
        skipWhitespace()
        let colon = try peek()
        guard colon == UInt8(ascii: ":") else { throw JSONError(offset: index, reason: .unexpectedCharacter(colon)) }
        index += 1
        skipWhitespace()
        return key
    }

    private mutating func readLiteral(_ literal: StaticString) throws(JSONError) {
        let bytes = self.bytes
        let start = index
        // Where the input first differs from the literal, if it does.
        let mismatch: Int? = literal.withUTF8Buffer { expected in
            for offset in 0..<expected.count where start + offset >= bytes.count || bytes[start + offset] != expected[offset] {
                return start + offset
            }
            return nil
        }
        if let mismatch {
            guard mismatch < bytes.count else { throw JSONError(offset: mismatch, reason: .unexpectedEnd) }
            throw JSONError(offset: mismatch, reason: .unexpectedCharacter(bytes[mismatch]))
        }
        index = start + literal.utf8CodeUnitCount
    }

    // MARK: Numbers

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func readNumber() throws(JSONError) -> JSONNumber {
        let bytes = self.bytes
        var index = self.index
        defer { self.index = index }
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        try Self.requireDigit(in: bytes, at: index)
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            // `01` is not `1`: a leading zero stands alone.
            if index < bytes.count, Self.isDigit(bytes[index]) { throw JSONError(offset: index, reason: .invalidNumber) }
        } else {
            index = Self.endOfDigits(in: bytes, from: index)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            try Self.requireDigit(in: bytes, at: index)
            index = Self.endOfDigits(in: bytes, from: index)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try Self.requireDigit(in: bytes, at: index)
            index = Self.endOfDigits(in: bytes, from: index)
        }
        return JSONNumber(validated: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    /// A digit must come at `index`: the end of input there is `unexpectedEnd`, anything else
    /// breaks the number.
    private static func requireDigit(in bytes: [UInt8], at index: Int) throws(JSONError) {
        guard index < bytes.count else { throw JSONError(offset: index, reason: .unexpectedEnd) }
        guard isDigit(bytes[index]) else { throw JSONError(offset: index, reason: .invalidNumber) }
    }

    private static func endOfDigits(in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        return index
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: Strings

    /// A string from its opening quote to its closing one.
    private mutating func readString() throws(JSONError) -> String {
        let bytes = self.bytes
        var index = self.index + 1  // past the opening quote
        defer { self.index = index }
        // Bytes are checked where they lie and copied in runs: a string without escapes is one
        // slice of the input; with escapes, the runs between them and what the escapes stand
        // for are gathered in `decoded`.
        var runStart = index
        var decoded: [UInt8] = []
        var hasEscapes = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = bytes[runStart..<index]
                index += 1
                guard hasEscapes else { return String(decoding: run, as: UTF8.self) }
                decoded.append(contentsOf: run)
                return String(decoding: decoded, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                decoded.append(contentsOf: bytes[runStart..<index])
                hasEscapes = true
                index = try Self.readEscape(in: bytes, at: index, into: &decoded)
                runStart = index
            } else if byte < 0x20 {
                // RFC 8259 §7: control characters must be escaped.
                throw JSONError(offset: index, reason: .controlCharacter)
            } else if byte < 0x80 {
                index += 1
            } else {
                index = try Self.endOfUTF8Sequence(in: bytes, at: index)
            }
        }
        throw JSONError(offset: index, reason: .unexpectedEnd)
    }

    /// Checks the multi-byte UTF-8 sequence that starts at `start` against Unicode's table of
    /// well-formed sequences (The Unicode Standard, Table 3-7), which rules out overlong forms,
    /// surrogates and code points past U+10FFFF, and returns the index after it.
    private static func endOfUTF8Sequence(in bytes: [UInt8], at start: Int) throws(JSONError) -> Int {
        let lead = bytes[start]
        let length: Int
        // The second byte's bounds depend on the lead byte; later ones are always 80...BF.
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        if lead >= 0xC2 && lead <= 0xDF {
            length = 2
        } else if lead == 0xE0 {
            length = 3
            lowest = 0xA0  // below: overlong
        } else if lead == 0xED {
            length = 3
            highest = 0x9F  // above: a surrogate, U+D800...U+DFFF
        } else if lead >= 0xE1 && lead <= 0xEF {
            length = 3
        } else if lead == 0xF0 {
            length = 4
            lowest = 0x90  // below: overlong
        } else if lead == 0xF4 {
            length = 4
            highest = 0x8F  // above: past U+10FFFF
        } else if lead >= 0xF1 && lead <= 0xF3 {
            length = 4
        } else {
            throw JSONError(offset: start, reason: .invalidUTF8)  // 80...C1 and F5...FF never lead
        }
        for position in start + 1..<start + length {
            guard position < bytes.count else { throw JSONError(offset: bytes.count, reason: .unexpectedEnd) }
            let byte = bytes[position]
            guard byte >= lowest && byte <= highest else { throw JSONError(offset: start, reason: .invalidUTF8) }
            lowest = 0x80
            highest = 0xBF
        }
        return start + length
    }

    /// Appends what the escape at `start` (its backslash) stands for as UTF-8, and returns the
    /// index after it.
    private static func readEscape(in bytes: [UInt8], at start: Int, into decoded: inout [UInt8]) throws(JSONError) -> Int {
        guard start + 1 < bytes.count else { throw JSONError(offset: bytes.count, reason: .unexpectedEnd) }
        let letter = bytes[start + 1]
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(letter)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(in: bytes, after: start)
            if unit >= 0xDC00 && unit <= 0xDFFF { throw JSONError(offset: start, reason: .loneSurrogate) }
            guard unit >= 0xD800 && unit <= 0xDBFF else {
                appendUTF8(unit, to: &decoded)
                return start + 6
            }
            // RFC 8259 §7: a code point past the BMP is escaped as a high-low surrogate pair.
            let lowStart = start + 6
            for (offset, expected) in [UInt8(ascii: "\\"), UInt8(ascii: "u")].enumerated() {
                guard lowStart + offset < bytes.count else { throw JSONError(offset: bytes.count, reason: .unexpectedEnd) }
                guard bytes[lowStart + offset] == expected else { throw JSONError(offset: start, reason: .loneSurrogate) }
            }
            let low = try hex4(in: bytes, after: lowStart)
            guard low >= 0xDC00 && low <= 0xDFFF else { throw JSONError(offset: start, reason: .loneSurrogate) }
            appendUTF8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), to: &decoded)
            return lowStart + 6
        default:
            throw JSONError(offset: start, reason: .invalidEscape)
        }
        return start + 2
    }

    /// The four hex digits, in either case, after the `\u` at `start`.
    private static func hex4(in bytes: [UInt8], after start: Int) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for position in start + 2..<start + 6 {
            guard position < bytes.count else { throw JSONError(offset: bytes.count, reason: .unexpectedEnd) }
            let byte = bytes[position]
            let digit: UInt8
            if isDigit(byte) {
                digit = byte - UInt8(ascii: "0")
            } else if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f") {
                digit = byte - UInt8(ascii: "a") + 10
            } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F") {
                digit = byte - UInt8(ascii: "A") + 10
            } else {
                throw JSONError(offset: start, reason: .invalidEscape)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A scalar value (never a surrogate, at most U+10FFFF) as UTF-8.
    private static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        if scalar < 0x80 {
            bytes.append(UInt8(scalar))
        } else if scalar < 0x800 {
            bytes.append(0xC0 | UInt8(scalar >> 6))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        } else if scalar < 0x1_0000 {
            bytes.append(0xE0 | UInt8(scalar >> 12))
            bytes.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        } else {
            bytes.append(0xF0 | UInt8(scalar >> 18))
            bytes.append(0x80 | UInt8(scalar >> 12 & 0x3F))
            bytes.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        }
    }
}
