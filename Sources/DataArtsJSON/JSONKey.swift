/// An object key encoded once: its quoted, escaped bytes and the colon, ready to append.
///
/// The service writes the same dozen keys for every connection it shows or lists; encoding
/// each one again per member (scanning it for escapes, converting it to UTF-8) was a large
/// part of a list answer's time in perf. Make these `static let`s.
public struct JSONKey: Sendable {
    /// `"key":` as JSON bytes.
    let encoded: [UInt8]

    public init(_ key: String) {
        var writer = JSONWriter()
        writer.write(string: key)
        writer.bytes.append(UInt8(ascii: ":"))
        encoded = writer.bytes
    }
}

extension JSONWriter {
    /// A member's key inside a streamed object, from its pre-encoded form; its value follows.
    public mutating func key(_ key: JSONKey) {
        separateValue()
        bytes.append(contentsOf: key.encoded)
        afterKey = true
    }

    /// `key(key)` then `value(value)`.
    public mutating func member(_ key: JSONKey, _ value: JSONValue) {
        self.key(key)
        self.value(value)
    }

    /// `member(key, .string(text))` without wrapping `text` in a value first: the show and
    /// list objects write a dozen members each, and building each value (and releasing it)
    /// showed as retains and releases in perf.
    public mutating func member(_ key: JSONKey, string text: String) {
        self.key(key)
        separateValue()  // after a key: no comma, and the next member gets one
        write(string: text)
    }

    /// `text` as a string, or `null`.
    public mutating func member(_ key: JSONKey, optionalString text: String?) {
        self.key(key)
        separateValue()
        if let text { write(string: text) } else { bytes.append(contentsOf: "null".utf8) }
    }

    /// `member(key, .number(JSONNumber(value)))`: its decimal digits, without a String.
    public mutating func member(_ key: JSONKey, integer value: Int) {
        self.key(key)
        separateValue()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(of: value.magnitude)
    }

    private mutating func appendDigits(of value: UInt) {
        if value >= 10 { appendDigits(of: value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Room for `count` bytes, for an answer whose size is roughly known (a list page), so
    /// that the buffer is not copied as it grows.
    public mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
    }
}
