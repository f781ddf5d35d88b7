/// One complete request: the head as received and the body with any chunked framing removed.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request-target exactly as sent (RFC 9112 §3.2), query included.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(
        method: String, target: String, version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:], body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The raw path of the target, still percent-encoded; for the absolute form
    /// (`http://host/p`) the scheme and authority are dropped.
    public var path: Substring { path(queryMark: queryMark) }

    /// The raw query after `?`, or `nil` when the target has none.
    public var query: Substring? { query(queryMark: queryMark) }

    /// `path` and `query` with the target searched for `?` once: every request is asked both.
    public var pathAndQuery: (path: Substring, query: Substring?) {
        let mark = queryMark
        return (path(queryMark: mark), query(queryMark: mark))
    }

    private func path(queryMark: String.Index?) -> Substring {
        // The origin form, nearly every request: up to the first `?`.
        if target.utf8.first == UInt8(ascii: "/") {
            return queryMark.map { target[..<$0] } ?? target[...]
        }
        var rest = Substring(target)
        // Only the absolute form has a scheme: `/redirect?to=http://x/y` is an origin form.
        if !rest.hasPrefix("/"), let schemeEnd = rest.range(of: "://") {
            rest = rest[schemeEnd.upperBound...]
            // The authority ends at the first `/` or `?` (RFC 3986 §3.2); `http://h?q` has path `/`.
            guard let pathStart = rest.firstIndex(where: { $0 == "/" || $0 == "?" }), rest[pathStart] == "/" else {
                return "/"
            }
            rest = rest[pathStart...]
        }
        return rest.firstIndex(of: "?").map { rest[..<$0] } ?? rest
    }

    private func query(queryMark: String.Index?) -> Substring? {
        queryMark.map { target[target.utf8.index(after: $0)...] }
    }

    /// Where the first `?` is. Searched over the bytes: a Character search breaks graphemes
    /// across the whole target, and `firstIndex(of:)` on the UTF-8 view stepped index by index
    /// (the path and query look-ups together were 1.7% of a show in perf), so in the target's
    /// contiguous bytes when it has them, as a native string always does.
    private var queryMark: String.Index? {
        let utf8 = target.utf8
        let found: Int?? = utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: UInt8(ascii: "?")) }
        guard let offset = found else { return utf8.firstIndex(of: UInt8(ascii: "?")) }
        // O(1) on a UTF-8 string; the offset is an ASCII byte's, so a scalar boundary.
        return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// Whether the client expects the connection to stay open after the reply (RFC 9112 §9.3).
    public var wantsKeepAlive: Bool {
        let tokens = headers.values(for: "Connection").flatMap { $0.split(separator: ",") }
            .map { String($0).trimmingOWS.asciiLowercased }
        if tokens.contains("close") { return false }
        if version == .http1_0 { return tokens.contains("keep-alive") }
        return true
    }
}

extension Substring {
    func range(of needle: String) -> Range<Index>? {
        let needle = Array(needle.utf8)
        var index = startIndex
        while index < endIndex {
            if self[index...].utf8.starts(with: needle) {
                return index..<self.utf8.index(index, offsetBy: needle.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (RFC 9110 §5.6.3 OWS).
    public var trimmingOWS: String {
        let bytes = Array(utf8)
        let isOWS = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isOWS($0) }),
              let last = bytes.lastIndex(where: { !isOWS($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
