import DataArtsHTTP1
import DataArtsJSON
import DataArtsServices

/// What the journal keeps of a request, secrets removed (SPEC §2.4, §6).
///
/// Headers: `X-Auth-Token`, `X-Subject-Token` and every other secret-named header, `Cookie`,
/// the credentials of `Authorization` and `Proxy-Authorization` (for the SDK's scheme only
/// the `Signature=` value, so that `Access` and `SignedHeaders` stay readable) become
/// `******`. Bodies: every secret key at any depth, in JSON and in anything else that looks
/// like `key=value` or `"key": value` (a form body, a truncated JSON document).
enum Redaction {
    static func headers(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        headers.map { field in (field.name, value(of: field.name, field.value)) }
    }

    static func value(of name: String, _ value: String) -> String {
        if name.equalsIgnoringASCIICase("Authorization") || name.equalsIgnoringASCIICase("Proxy-Authorization") {
            return redactCredentials(value)
        }
        if name.equalsIgnoringASCIICase("Cookie") || SecretMask.isSecret(name) { return SecretMask.mask }
        return value
    }

    /// The JSON body with its secrets masked (parsed here only when the service did not parse
    /// it already), the redacted text when it is not JSON, nil when there is none.
    static func body(_ body: inout RequestBody) -> JSONValue? {
        guard !body.isEmpty else { return nil }
        switch body.json() {
        case .success(let value): return SecretMask.masked(value)
        case .failure: return .string(String(decoding: redactText(body.bytes), as: UTF8.self))
        }
    }

    /// `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` keeps all but the signature,
    /// however it is spaced or cased; any other scheme (`Basic`, `Bearer`, …) keeps only its
    /// name.
    static func redactCredentials(_ value: String) -> String {
        let bytes = Array(value.utf8)
        let scheme = bytes.prefix { $0 != UInt8(ascii: " ") }
        guard String(decoding: scheme, as: UTF8.self).equalsIgnoringASCIICase("SDK-HMAC-SHA256") else {
            return scheme.count == bytes.count ? SecretMask.mask : String(decoding: scheme, as: UTF8.self) + " " + SecretMask.mask
        }
        return String(decoding: redactText(bytes, only: { $0.equalsIgnoringASCIICase("Signature") }), as: UTF8.self)
    }

    /// What ends an unquoted value: the separators of forms, JSON, header parameters and lines.
    private static let valueEnds: Set<UInt8> = Set("&,}];\t\r\n ".utf8)

    /// `text` with the value of every `key=value` or `"key": value` whose key is secret (or
    /// matches `only`) replaced by `******`; a quoted value keeps its quotes. One pass.
    static func redactText(_ text: [UInt8], only isSecretKey: (String) -> Bool = SecretMask.isSecret) -> [UInt8] {
        func isKeyByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                true
            default: false
            }
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let quote = UInt8(ascii: "\"")
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            guard isKeyByte(text[index]) else {
                out.append(text[index])
                index += 1
                continue
            }
            let keyStart = index
            while index < text.count && isKeyByte(text[index]) { index += 1 }
            let key = String(decoding: text[keyStart..<index], as: UTF8.self)
            out.append(contentsOf: text[keyStart..<index])
            // A closing quote of a JSON key, spaces, then `:` or `=`.
            var cursor = index
            if cursor < text.count && text[cursor] == quote { cursor += 1 }
            while cursor < text.count && isSpace(text[cursor]) { cursor += 1 }
            guard cursor < text.count, text[cursor] == UInt8(ascii: ":") || text[cursor] == UInt8(ascii: "="),
                  isSecretKey(key)
            else { continue }
            cursor += 1
            while cursor < text.count && isSpace(text[cursor]) { cursor += 1 }
            out.append(contentsOf: text[index..<cursor])
            if cursor < text.count && text[cursor] == quote {
                // A quoted value, to its unescaped closing quote or the end (a truncated body).
                var end = cursor + 1
                while end < text.count && text[end] != quote { end += text[end] == UInt8(ascii: "\\") ? 2 : 1 }
                out.append(quote)
                out.append(contentsOf: SecretMask.mask.utf8)
                if end < text.count { out.append(quote) }
                index = min(end + 1, text.count)
            } else {
                var end = cursor
                while end < text.count && !valueEnds.contains(text[end]) { end += 1 }
                out.append(contentsOf: SecretMask.mask.utf8)
                index = end
            }
        }
        return out
    }
}
