/// Writes compact JSON, `{"a":1,"b":[true,null]}`: no spaces, keys in the object's order,
/// numbers as spelled, strings with only `"`, `\` and control characters escaped (`/` is not,
/// non-ASCII stays raw UTF-8). That is the vendor's style, and Foundation's encoder can keep
/// neither the order nor the `/` (STYLE.md, "Learned on this machine" 4).
///
/// Writing recurses once per nesting level, so it is as deep as the value; values from
/// `JSONReader` are at most its `maxDepth` deep.
public struct JSONWriter: Sendable {
    /// What has been written so far.
    public internal(set) var bytes: [UInt8] = []
    /// For the streaming calls (`beginObject`, `key`, …): per open container, whether the next
    /// value needs a comma before it.
    var needsComma: [Bool] = []
    /// A key was just written: its value needs no comma.
    var afterKey = false

    public init() {}

    /// Appends `value` to `bytes` (as a value on its own: inside a streamed object or array use
    /// `value(_:)`, which also writes the comma).
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): bytes.append(contentsOf: number.text.utf8)
        case .string(let text): write(string: text)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                write(string: member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    mutating func write(string: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = string  // `withUTF8` needs a variable: it may make the storage contiguous.
        text.withUTF8 { utf8 in
            // Plain runs are copied whole; only the few bytes that need it are escaped. An index
            // loop with plain comparisons, because debug builds run generic iteration slowly.
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    writeEscape(for: byte)
                    runStart = index + 1
                }
                index += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The short escapes where RFC 8259 §7 has them, else `\u00XX` in lowercase hex.
    private mutating func writeEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0x0F))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
