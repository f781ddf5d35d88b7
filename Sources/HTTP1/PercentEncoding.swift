/// Percent-encoding as the vendor's SDKs do it (RFC 3986 §2.1).
public enum PercentEncoding {
    /// `text` with every byte but the unreserved `A-Z a-z 0-9 - . _ ~` written as `%XX`
    /// (upper-case hex): the SDK's encoding of path segments, query keys and values.
    public static func encode(_ text: some StringProtocol) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded text, or nil when an escape is malformed (`%zz`, a truncated `%4`).
    /// Bytes that do not form UTF-8 are replaced by U+FFFD.
    public static func decode(_ text: some StringProtocol) -> String? {
        decodeBytes(text).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Like Python's `urllib.parse.unquote`, which the SDK signer applies to the path: a
    /// malformed escape is kept as it stands.
    public static func decodeLeniently(_ text: some StringProtocol) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = bytes[index + 1].hexValue, let low = bytes[index + 2].hexValue
            {
                out.append(UInt8(high << 4 | low))
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func decodeBytes(_ text: some StringProtocol) -> [UInt8]? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count,
                      let high = bytes[index + 1].hexValue, let low = bytes[index + 2].hexValue
                else { return nil }
                out.append(UInt8(high << 4 | low))
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        byte.isDigit || byte.isLetter || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }
}
