/// Percent-encoding (RFC 3986 §2.1) as the vendor's SDKs and gateway apply it.
///
/// Two decoders, because two readers disagree about a malformed escape (`%zz`, a truncated
/// `%4`): the signature check must rebuild the path exactly as the SDK signer's Python
/// `urllib.parse.unquote` does, which keeps such an escape as it stands (`decodeLeniently`),
/// while route matching wants to know the segment was malformed (`decode` returns nil).
/// Neither reads `+` as a space: the SDKs write a space as `%20`, and `unquote` leaves `+`.
public enum PercentEncoding {
    /// `text` with every UTF-8 byte but the unreserved `A-Z a-z 0-9 - . _ ~` written as `%XX`
    /// in upper-case hex: the SDK's `quote(s, safe='~')` for path segments, query keys and values.
    public static func encode(_ text: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded text, or nil when an escape is malformed (`%zz`, a truncated `%4`).
    /// Decoded bytes that are not UTF-8 become U+FFFD.
    public static func decode(_ text: some StringProtocol) -> String? {
        decodeBytes(text, keepingMalformedEscapes: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The decoded text as Python's `urllib.parse.unquote` gives it, which the SDK signer and the
    /// vendor's published verifier apply to the path and to query keys and values: a malformed
    /// escape is kept as it stands, and decoded bytes that are not UTF-8 become U+FFFD
    /// (`errors='replace'`).
    public static func decodeLeniently(_ text: some StringProtocol) -> String {
        // A lenient decode never fails: a malformed escape is copied instead.
        let bytes = decodeBytes(text, keepingMalformedEscapes: true) ?? Array(text.utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func decodeBytes(_ text: some StringProtocol, keepingMalformedEscapes: Bool) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "%") else {
                out.append(byte)
                index += 1
                continue
            }
            if index + 2 < bytes.count, let high = bytes[index + 1].hexValue, let low = bytes[index + 2].hexValue {
                out.append(UInt8(high << 4 | low))
                index += 3
            } else if keepingMalformedEscapes {
                out.append(byte)
                index += 1
            } else {
                return nil
            }
        }
        return out
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        byte.isDigit || byte.isLetter || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }
}
