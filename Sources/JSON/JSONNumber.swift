/// A JSON number kept in the client's spelling (`1.0`, `1E+2`, `-0`), so that echoing it back
/// changes nothing; its value is computed on demand.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The number exactly as written.
    public let text: String

    public init(_ value: Int) {
        text = String(value)
    }

    /// A finite double in Swift's shortest round-tripping spelling; non-finite values, which
    /// JSON cannot spell, become `0`.
    public init(_ value: Double) {
        text = value.isFinite ? value.description : "0"
    }

    /// A number from text that follows RFC 8259's grammar; nil otherwise.
    public init?(text: String) {
        let bytes = Array(text.utf8)
        guard JSONNumber.grammarLength(bytes, from: 0) == bytes.count, !bytes.isEmpty else { return nil }
        self.text = text
    }

    init(validated text: String) {
        self.text = text
    }

    /// No fraction and no exponent: `1`, not `1.0` or `1e0`.
    public var isInteger: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value when it is an integer that fits an `Int`.
    public var intValue: Int? {
        isInteger ? Int(text) : nil
    }

    /// The value as a double; infinite for a number too large for one (`1e400`).
    public var doubleValue: Double {
        Double(text) ?? .nan
    }

    public var description: String { text }

    /// How many bytes from `start` form a number (RFC 8259 §6), or nil when they do not.
    static func grammarLength(_ bytes: some RandomAccessCollection<UInt8>, from start: Int) -> Int? {
        var index = start
        func byte(at position: Int) -> UInt8? {
            position < bytes.count ? bytes[bytes.index(bytes.startIndex, offsetBy: position)] : nil
        }
        func isDigit(_ value: UInt8?) -> Bool {
            value.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
        }
        if byte(at: index) == UInt8(ascii: "-") { index += 1 }
        if byte(at: index) == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(byte(at: index)) {
            while isDigit(byte(at: index)) { index += 1 }
        } else {
            return nil
        }
        if byte(at: index) == UInt8(ascii: ".") {
            index += 1
            guard isDigit(byte(at: index)) else { return nil }
            while isDigit(byte(at: index)) { index += 1 }
        }
        if byte(at: index) == UInt8(ascii: "e") || byte(at: index) == UInt8(ascii: "E") {
            index += 1
            if byte(at: index) == UInt8(ascii: "+") || byte(at: index) == UInt8(ascii: "-") { index += 1 }
            guard isDigit(byte(at: index)) else { return nil }
            while isDigit(byte(at: index)) { index += 1 }
        }
        return index - start
    }
}
