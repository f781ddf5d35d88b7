import Crypto
public import DataArtsHTTP1

/// The text the gateway rebuilds from a request and hashes into the string to sign
/// (api-facts §5 step 5): six parts joined by `\n`.
///
/// 1. The method, upper-case.
/// 2. The canonical URI: the raw path percent-decoded as Python's `unquote` does, split at `/`,
///    each segment encoded again (only `A-Z a-z 0-9 - . _ ~` bare), joined, with a `/` appended
///    unless it already ends in one. So `%2F` in a segment becomes a separator, as for the SDK.
/// 3. The canonical query (see `canonicalQueryString(_:)`).
/// 4. One `name:value` line per signed header, each ended by `\n` (so an empty line follows).
/// 5. The signed header names joined by `;`.
/// 6. The `X-Sdk-Content-Sha256` header's value if the request has one, else the lower-case hex
///    SHA-256 of the body.
///
/// Header lines: a signed name matches request headers case-insensitively and is written as
/// listed in `SignedHeaders`; the value is trimmed of white space (Python's `strip()`).
/// A name that several fields share gives one line per field, values sorted, as the vendor's Go
/// SDK writes them. A signed header the request lacks gives `name:` with an empty value: the
/// Python SDK cannot sign such a request (its signer raises `KeyError`) and the Go SDK writes
/// no line, so verification fails either way, and the failure detail shows which header was empty.
public struct CanonicalRequest: Sendable, Equatable, CustomStringConvertible {
    /// The six parts joined by `\n`.
    public let text: String

    public init(_ request: HTTPRequest, signedHeaders: [String]) {
        let headerLines = signedHeaders.map { name in
            let values = request.headers.values(for: name).map(Self.trimmingWhitespace)
            guard !values.isEmpty else { return "\(name):\n" }
            return values.sorted(by: Self.precedesInCodePointOrder).map { "\(name):\($0)\n" }.joined()
        }.joined()
        let bodyHash = request.headers["X-Sdk-Content-Sha256"] ?? Hex.string(SHA256.hash(data: request.body))
        text = [
            request.method.asciiUppercased,
            Self.canonicalURI(request.path),
            Self.canonicalQueryString(request.query ?? ""),
            headerLines,
            signedHeaders.joined(separator: ";"),
            bodyHash,
        ].joined(separator: "\n")
    }

    /// Lower-case hex SHA-256 of `text`'s UTF-8 bytes: the last line of the string to sign.
    public var digest: String {
        Hex.string(SHA256.hash(data: Array(text.utf8)))
    }

    public var description: String { text }

    /// The raw path (still percent-encoded, no query) as the signer saw it:
    /// `/v1/p/a%2Fb%20c` → `/v1/p/a/b%20c/`.
    public static func canonicalURI(_ rawPath: some StringProtocol) -> String {
        let segments = PercentEncoding.decodeLeniently(rawPath)
            .split(separator: "/", omittingEmptySubsequences: false)
            .map { PercentEncoding.encode($0) }
        let path = segments.joined(separator: "/")
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// The raw query (after `?`) in canonical form, as the vendor's published verifier reads it:
    /// split at `&`, each item at its first `=` (no `=`: the value is empty), items with an empty
    /// key dropped, keys and values decoded with `unquote` (so `+` stays a plus, not a space),
    /// the pairs sorted by key, then value, in code-point order, each key and value encoded again
    /// and written `key=value`, joined by `&`.
    ///
    /// Decoding first, not copying the raw text, is what lets a client that encoded differently
    /// (`*` bare, `%7E` for `~`, lower-case hex) still verify: the SDK signs the encoding of its
    /// own parameters, and this reproduces that encoding from whatever spelling arrived.
    public static func canonicalQueryString(_ rawQuery: some StringProtocol) -> String {
        var pairs: [(key: String, value: String)] = []
        for item in rawQuery.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard !parts[0].isEmpty else { continue }
            let value = parts.count > 1 ? PercentEncoding.decodeLeniently(parts[1]) : ""
            pairs.append((PercentEncoding.decodeLeniently(parts[0]), value))
        }
        pairs.sort { lhs, rhs in
            lhs.key.utf8.elementsEqual(rhs.key.utf8)
                ? precedesInCodePointOrder(lhs.value, rhs.value) : precedesInCodePointOrder(lhs.key, rhs.key)
        }
        return pairs.map { PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    /// Python's string order: by code point, which for valid UTF-8 is byte order. Swift's `<` on
    /// `String` compares canonically equivalent forms equal, which would sort `é` and `e\u{301}` together.
    static func precedesInCodePointOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Python's `str.strip()`: Unicode white space and the separators U+001C–U+001F at either end.
    static func trimmingWhitespace(_ value: String) -> String {
        let isSpace = { (scalar: Unicode.Scalar) in
            scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
        }
        let scalars = value.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}

extension String {
    /// `a`–`z` mapped to `A`–`Z`, every other byte untouched.
    fileprivate var asciiUppercased: String {
        String(decoding: utf8.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
