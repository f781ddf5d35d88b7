/// An incremental HTTP/1.1 request parser over bytes (RFC 9112).
///
/// It holds no state between calls: give it everything received so far that has not been
/// consumed, and it answers "need more", one whole request, or an error. It refuses a request
/// as soon as the offending byte is present (a TLS ClientHello fails on its first byte), never
/// waiting for a line end or a timeout to decide.
public struct RequestParser: Sendable {
    /// The size limits; each has a `--max-…` flag.
    public struct Limits: Sendable, Equatable {
        public var maxRequestLineBytes: Int
        public var maxHeaderBytes: Int
        public var maxHeaderCount: Int
        public var maxBodyBytes: Int

        public init(
            maxRequestLineBytes: Int = 8192, maxHeaderBytes: Int = 32768,
            maxHeaderCount: Int = 128, maxBodyBytes: Int = 12 * 1024 * 1024
        ) {
            self.maxRequestLineBytes = maxRequestLineBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
        }
    }

    /// What the bytes so far amount to.
    public enum Progress: Sendable, Equatable {
        /// Not a whole request yet; `head` is set once the header section is complete.
        case needMore(head: HTTPRequestHead?)
        /// A whole request, and how many bytes of the input it used.
        case complete(HTTPRequest, consumed: Int)
    }

    public let limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// - Returns: The request and the bytes it used, or `nil` until `bytes` holds a whole request.
    public func parse(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> (request: HTTPRequest, consumed: Int)? {
        switch try progress(bytes) {
        case .needMore: nil
        case .complete(let request, let consumed): (request, consumed)
        }
    }

    /// Like `parse(_:)`, and also tells when the head is complete but the body is not, which the
    /// connection needs for `Expect: 100-continue` and for choosing the body timeout.
    public func progress(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> Progress {
        var cursor = Cursor(bytes: bytes)
        guard let head = try parseHead(&cursor) else { return .needMore(head: nil) }
        let body: [UInt8]
        switch head.framing {
        case .contentLength(let length):
            guard cursor.remaining >= length else { return .needMore(head: head) }
            body = Array(bytes[cursor.index..<cursor.index + length])
            cursor.index += length
        case .chunked:
            guard let decoded = try parseChunkedBody(&cursor) else { return .needMore(head: head) }
            body = decoded
        }
        let request = HTTPRequest(
            method: head.method, target: head.target, version: head.version, headers: head.headers, body: body)
        return .complete(request, consumed: cursor.index - bytes.startIndex)
    }

    // MARK: - Head

    private func parseHead(_ cursor: inout Cursor) throws(HTTPParseError) -> HTTPRequestHead? {
        // RFC 9112 §2.2: ignore empty lines before the request line, but only so many: they are
        // kept in the connection's buffer until a request completes, so they must be bounded.
        while let byte = cursor.peek(), byte == .cr || byte == .lf {
            guard cursor.index - cursor.bytes.startIndex < limits.maxRequestLineBytes else { throw .requestLineTooLong }
            if byte == .cr {
                guard let next = cursor.peek(at: 1) else { return nil }
                guard next == .lf else { throw .bareCarriageReturn }
                cursor.index += 2
            } else {
                cursor.index += 1
            }
        }
        guard let line = try parseRequestLine(&cursor) else { return nil }
        guard let headers = try parseFields(&cursor, limit: limits.maxHeaderBytes) else { return nil }
        return HTTPRequestHead(
            method: line.method, target: line.target, version: line.version, headers: headers,
            framing: try framing(of: headers, version: line.version))
    }

    private struct RequestLine {
        var method: String
        var target: String
        var version: HTTPVersion
    }

    /// The request line is at most `maxRequestLineBytes` long without its line ending; each check
    /// below is made as soon as its byte is present, so that a line that cannot become valid is
    /// refused at the first byte that shows it.
    private func parseRequestLine(_ cursor: inout Cursor) throws(HTTPParseError) -> RequestLine? {
        let start = cursor.index
        // The byte at `index` of the line, or `nil` until it has arrived. Compared by distance,
        // not as `start + limit`, which traps when a limit is set near `Int.max`.
        func lineByte(_ index: Int) throws(HTTPParseError) -> UInt8? {
            guard index < cursor.end else { return nil }
            guard index - start < limits.maxRequestLineBytes else { throw .requestLineTooLong }
            return cursor.bytes[index]
        }

        // method = token SP
        var index = start
        while true {
            guard let byte = try lineByte(index) else { return nil }
            if byte == .space { break }
            guard byte.isTokenCharacter else { throw .invalidMethod }
            index += 1
        }
        guard index > start else { throw .invalidMethod }
        let methodEnd = index
        index += 1

        // request-target SP: origin, absolute or asterisk form (RFC 9112 §3.2)
        let targetStart = index
        while true {
            guard let byte = try lineByte(index) else { return nil }
            if byte == .space { break }
            guard byte > 0x20 && byte < 0x7F else { throw .invalidTarget }
            index += 1
            // The form is settled by the first 8 bytes (`https://`); refuse `GET foo` at the `f`.
            if index - targetStart <= 8 && !Self.isTarget(cursor.bytes[targetStart..<index], complete: false) {
                throw .invalidTarget
            }
        }
        guard Self.isTarget(cursor.bytes[targetStart..<index], complete: true) else { throw .invalidTarget }
        let targetEnd = index
        index += 1

        // HTTP-version = "HTTP/" DIGIT "." DIGIT, then CRLF or a lone LF
        let prefix: [UInt8] = Array("HTTP/".utf8)
        var version = HTTPVersion(major: 1, minor: 1)
        for position in 0..<(prefix.count + 3) {
            guard let byte = try lineByte(index) else { return nil }
            switch position {
            case ..<prefix.count:
                guard byte == prefix[position] else { throw .invalidVersion }
            case prefix.count:
                guard byte.isDigit else { throw .invalidVersion }
                guard byte == UInt8(ascii: "1") else { throw .unsupportedVersion }
            case prefix.count + 1:
                guard byte == UInt8(ascii: ".") else { throw .invalidVersion }
            default:
                guard byte.isDigit else { throw .invalidVersion }
                version.minor = Int(byte - UInt8(ascii: "0"))
            }
            index += 1
        }
        guard let lineEnd = try lineEnding(at: index, in: cursor) else { return nil }
        guard lineEnd > 0 else {
            // Another byte of the line: past the limit the line is too long, whatever the byte.
            _ = try lineByte(index)
            throw .invalidVersion
        }

        cursor.index = index + lineEnd
        return RequestLine(
            method: String(decoding: cursor.bytes[start..<methodEnd], as: UTF8.self),
            target: String(decoding: cursor.bytes[targetStart..<targetEnd], as: UTF8.self), version: version)
    }

    private static let absoluteFormPrefixes: [[UInt8]] = [Array("http://".utf8), Array("https://".utf8)]

    /// Whether `bytes` are a request-target we serve (`complete`), or can still become one:
    /// `/…` (origin form), `*` (asterisk form) or `http://…` / `https://…` in any case
    /// (absolute form); the authority form of CONNECT is not served (RFC 9112 §3.2).
    private static func isTarget(_ bytes: ArraySlice<UInt8>, complete: Bool) -> Bool {
        guard let first = bytes.first else { return !complete }
        if first == .slash { return true }
        if first == .asterisk { return bytes.count == 1 }
        guard let scheme = absoluteFormPrefixes.first(where: { scheme in
            zip(bytes, scheme).allSatisfy { $0.asciiLowercased == $1 } && (!complete || bytes.count >= scheme.count)
        }) else { return false }
        guard complete else { return true }
        // RFC 9112 §3.2.2: the authority runs to the path or the query; it must be one
        // (RFC 3986 §3.2), which an empty or a `user@host` authority is not (RFC 9110 §4.2).
        let rest = bytes.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex { $0 == .slash || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        return Authority.isValidTargetAuthority(rest[..<authorityEnd])
    }

    /// The length of the line ending at `index`: 2 for CRLF, 1 for a lone LF (RFC 9112 §2.2),
    /// 0 when another byte stands there, `nil` when more bytes are needed.
    private func lineEnding(at index: Int, in cursor: Cursor) throws(HTTPParseError) -> Int? {
        guard index < cursor.end else { return nil }
        switch cursor.bytes[index] {
        case .lf: return 1
        case .cr:
            guard index + 1 < cursor.end else { return nil }
            guard cursor.bytes[index + 1] == .lf else { throw .bareCarriageReturn }
            return 2
        default: return 0
        }
    }

    /// Parses `field-line CRLF …` up to and including the empty line; used for headers and trailers.
    ///
    /// The field lines, line endings included, take at most `limit` bytes and `maxHeaderCount`
    /// lines; the byte or the line that goes past is refused as soon as it arrives.
    private func parseFields(_ cursor: inout Cursor, limit: Int) throws(HTTPParseError) -> HTTPHeaders? {
        let start = cursor.index
        // The byte at `index` of a field line, or `nil` until it has arrived.
        func fieldByte(_ index: Int) throws(HTTPParseError) -> UInt8? {
            guard index < cursor.end else { return nil }
            guard index - start < limit else { throw .headersTooLarge }
            return cursor.bytes[index]
        }

        var index = start
        var fields: [HTTPHeaders.Field] = []
        while true {
            // The empty line ends the section; it does not count against the limit.
            guard index < cursor.end else { return nil }
            let first = cursor.bytes[index]
            if first == .cr || first == .lf {
                guard let ending = try lineEnding(at: index, in: cursor) else { return nil }
                cursor.index = index + ending
                return HTTPHeaders(fields)
            }
            // A field line starts here, and its first byte counts.
            guard index - start < limit else { throw .headersTooLarge }
            if first == .space || first == .tab { throw .obsoleteLineFolding }
            guard fields.count < limits.maxHeaderCount else { throw .tooManyHeaders }

            let nameStart = index
            while true {
                guard let byte = try fieldByte(index) else { return nil }
                if byte == .colon { break }
                guard byte.isTokenCharacter else { throw .invalidHeaderName }
                index += 1
            }
            guard index > nameStart else { throw .invalidHeaderName }
            let nameEnd = index
            index += 1

            let valueStart = index
            while true {
                guard let byte = try fieldByte(index) else { return nil }
                if byte == .lf || byte == .cr { break }
                guard byte == .tab || byte >= 0x20 && byte != 0x7F else { throw .invalidHeaderValue }
                index += 1
            }
            let valueEnd = index
            if cursor.bytes[index] == .cr {
                guard let next = try fieldByte(index + 1) else { return nil }
                guard next == .lf else { throw .bareCarriageReturn }
                index += 2
            } else {
                index += 1
            }
            fields.append(HTTPHeaders.Field(
                name: String(decoding: cursor.bytes[nameStart..<nameEnd], as: UTF8.self),
                value: String(decoding: cursor.bytes[valueStart..<valueEnd], as: UTF8.self).trimmingOWS))
        }
    }

    private func framing(of headers: HTTPHeaders, version: HTTPVersion) throws(HTTPParseError) -> HTTPRequestHead.Framing {
        let hosts = headers.values(for: "Host")
        if hosts.count > 1 { throw .duplicateHost }
        if hosts.isEmpty && version.minor >= 1 { throw .missingHost }
        // RFC 9110 §7.2: the value is the target's authority, `host[:port]`; anything else
        // (a path, a space, userinfo, a second host) is refused, with the connection.
        if let host = hosts.first, !Authority.isValidHostField(host.utf8) { throw .invalidHost }

        let lengths = headers.values(for: "Content-Length")
        let codings = headers.values(for: "Transfer-Encoding")
            .flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { String($0).trimmingOWS.asciiLowercased }

        if !codings.isEmpty {
            // RFC 9112 §6.1: both present is how requests are smuggled; never pick one.
            guard lengths.isEmpty else { throw .contentLengthWithTransferEncoding }
            guard version.minor >= 1 else { throw .transferEncodingInHTTP10 }
            let chunkedCount = codings.filter { $0 == "chunked" }.count
            if codings.last == "chunked" && chunkedCount == 1 {
                guard codings.allSatisfy({ $0 == "chunked" }) else { throw .unsupportedTransferCoding }
                return .chunked
            }
            if chunkedCount > 0 { throw .chunkedNotLast }
            throw .unsupportedTransferCoding
        }

        var length: Int?
        for value in lengths {
            for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                let digits = String(item).trimmingOWS
                guard let parsed = Self.decimal(digits) else { throw .invalidContentLength }
                if let length, length != parsed { throw .conflictingContentLength }
                length = parsed
            }
        }
        let bodyLength = length ?? 0
        if bodyLength > limits.maxBodyBytes { throw .bodyTooLarge }
        return .contentLength(bodyLength)
    }

    /// `1*DIGIT` that fits an `Int`; no sign, no spaces.
    private static func decimal(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte.isDigit else { return nil }
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowA && !overflowB else { return nil }
            value = sum
        }
        return value
    }

    // MARK: - Chunked body (RFC 9112 §7.1)

    /// The decoded body, or `nil` until the last chunk and the trailer section are complete.
    /// It first finds the end without copying, so a body arriving in many reads is not copied
    /// again on every read.
    private func parseChunkedBody(_ cursor: inout Cursor) throws(HTTPParseError) -> [UInt8]? {
        var index = cursor.index
        var chunks: [Range<Int>] = []
        var total = 0
        while true {
            guard let (size, dataStart) = try parseChunkSize(at: index, in: cursor, after: total) else { return nil }
            if size == 0 {
                var trailers = cursor
                trailers.index = dataStart
                guard try parseFields(&trailers, limit: limits.maxHeaderBytes) != nil else { return nil }
                cursor.index = trailers.index
                break
            }
            total += size
            guard cursor.end - dataStart >= size else { return nil }
            let dataEnd = dataStart + size
            guard let ending = try lineEnding(at: dataEnd, in: cursor) else { return nil }
            guard ending > 0 else { throw .invalidChunk }
            chunks.append(dataStart..<dataEnd)
            index = dataEnd + ending
        }
        var body: [UInt8] = []
        body.reserveCapacity(total)
        for chunk in chunks { body.append(contentsOf: cursor.bytes[chunk]) }
        return body
    }

    /// `chunk-size [ chunk-ext ] CRLF`: the size and where the data starts. `total` is the body
    /// so far, which the size may not take past `maxBodyBytes`.
    private func parseChunkSize(at start: Int, in cursor: Cursor, after total: Int) throws(HTTPParseError) -> (Int, Int)? {
        let maxLineBytes = 4096
        var index = start
        var size = 0
        while true {
            guard index < cursor.end else { return nil }
            guard let digit = cursor.bytes[index].hexValue else { break }
            // 15 hex digits stay below Int.max; more is an overflow, a classic smuggling vector.
            guard index - start < 15 else { throw .invalidChunkSize }
            size = size << 4 | digit
            // More digits only make it larger, so the digit that crosses the limit decides
            // (SPEC §5: 413 when a chunked body crosses it). `total` never exceeds the limit.
            if size > limits.maxBodyBytes - total { throw .bodyTooLarge }
            index += 1
        }
        guard index > start else { throw .invalidChunkSize }
        // chunk-ext = *( BWS ";" BWS ext ) (RFC 9112 §7.1.1): whitespace, then `;` and an
        // extension that is ignored but must be printable, within a bounded line. Whitespace
        // with no extension after it is tolerated; anything else after the size is refused,
        // so that `5 5` cannot be read as 5 here and as 0x55 elsewhere.
        var inExtension = false
        while true {
            guard index < cursor.end else { return nil }
            let byte = cursor.bytes[index]
            if byte == .cr || byte == .lf { break }
            guard index - start < maxLineBytes else { throw .invalidChunkSize }
            if inExtension {
                guard byte == .tab || byte >= 0x20 && byte != 0x7F else { throw .invalidChunkSize }
            } else if byte == .semicolon {
                inExtension = true
            } else {
                guard byte == .space || byte == .tab else { throw .invalidChunkSize }
            }
            index += 1
        }
        guard let ending = try lineEnding(at: index, in: cursor) else { return nil }
        return (size, index + ending)
    }
}

/// A position in the bytes under parse; indices are those of the slice.
private struct Cursor {
    let bytes: ArraySlice<UInt8>
    var index: Int
    var end: Int { bytes.endIndex }
    var remaining: Int { end - index }

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    func peek(at offset: Int = 0) -> UInt8? {
        index + offset < end ? bytes[index + offset] : nil
    }
}

extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let slash = UInt8(ascii: "/")
    static let asterisk = UInt8(ascii: "*")

    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isLetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }

    var hexValue: Int? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(self - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(self - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(self - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// tchar (RFC 9110 §5.6.2).
    var isTokenCharacter: Bool {
        if isDigit || isLetter { return true }
        switch self {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
