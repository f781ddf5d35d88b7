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

    /// Room for `count` bytes, for an answer whose size is roughly known (a list page), so
    /// that the buffer is not copied as it grows.
    public mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
    }
}
