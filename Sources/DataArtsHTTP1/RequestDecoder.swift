/// One connection's request parse in progress: `RequestParser`'s rules, resumed where the last
/// call stopped, so that a request arriving in many reads costs time linear in its bytes.
///
/// Give it everything received and not yet consumed, each time the same bytes as before and
/// more after them. It looks at each byte once (`examined` counts them): the head is scanned
/// byte by byte with its position kept between calls, and a chunked body remembers its chunks.
/// After `.complete` it starts afresh at the next request, whose bytes begin at `consumed`;
/// after a thrown error it must not be used again (the connection closes, RFC 9112 §11.2).
public struct RequestDecoder: Sendable {
    public let limits: RequestParser.Limits
    /// Bytes looked at since the decoder was made, over every request: the proof of linearity.
    public private(set) var examined = 0

    private var step = Step.blankLines
    /// The next byte to look at, as an offset from the first byte of the request's input.
    private var index = 0
    private var line = RequestLine()
    private var fields = FieldSection()
    private var head: HTTPRequestHead?
    private var chunk = ChunkState()

    /// The bound on a chunk-size line, extensions included (RFC 9112 §7.1.1 sets none): an
    /// extension is ignored, so a long one is only a way to make the server buffer bytes.
    public static let maxChunkLineBytes = 4096

    public init(limits: RequestParser.Limits = .init()) {
        self.limits = limits
    }

    private enum Step: Sendable {
        case blankLines, method, target, version(position: Int), requestLineEnd
        case fields
        case contentLength(Int)
        case chunkSize, chunkExtension(inExtension: Bool), chunkLineEnd, chunkData, chunkDataEnd, trailers
    }

    /// Where the request line's parts lie, as offsets.
    private struct RequestLine: Sendable {
        var start = 0
        var methodEnd = 0
        var targetStart = 0
        var targetEnd = 0
        var version = HTTPVersion(major: 1, minor: 1)
    }

    /// A header or trailer section being read: `field-line CRLF …` up to the empty line.
    private struct FieldSection: Sendable {
        enum Step: Sendable { case lineStart, name, value, lineEnd }
        var step = Step.lineStart
        var start = 0
        var nameStart = 0
        var nameEnd = 0
        var valueStart = 0
        var valueEnd = 0
        var fields: [HTTPHeaders.Field] = []
    }

    /// The chunked body so far (RFC 9112 §7.1).
    private struct ChunkState: Sendable {
        /// Where the body's first chunk-size line starts.
        var bodyStart = 0
        var lineStart = 0
        var size = 0
        var dataStart = 0
        /// The decoded bytes so far, which `maxBodyBytes` bounds.
        var total = 0
        var chunks: [Range<Int>] = []
    }

    /// What the bytes so far amount to; see `RequestParser.progress(_:)`.
    public mutating func progress(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> RequestParser.Progress {
        let base = bytes.startIndex
        let end = bytes.count
        if head == nil {
            guard let parsed = try scanHead(bytes, base: base, end: end) else { return .needMore(head: nil) }
            head = parsed
            if case .chunked = parsed.framing {
                chunk = ChunkState(bodyStart: index, lineStart: index)
                step = .chunkSize
            } else if case .contentLength(let length) = parsed.framing {
                step = .contentLength(length)
            }
        }
        guard let head else { return .needMore(head: nil) }

        let body: [UInt8]
        switch step {
        case .contentLength(let length):
            guard end - index >= length else { return .needMore(head: head) }
            // Only the first and last bytes are looked at, once: the body is copied, not scanned.
            body = Array(bytes[(base + index)..<(base + index + length)])
            index += length
        default:
            guard let decoded = try scanChunkedBody(bytes, base: base, end: end) else { return .needMore(head: head) }
            body = decoded
        }
        let request = HTTPRequest(
            method: head.method, target: head.target, version: head.version, headers: head.headers, body: body)
        let consumed = index
        self = RequestDecoder(limits: limits, examined: examined)
        return .complete(request, consumed: consumed)
    }

    private init(limits: RequestParser.Limits, examined: Int) {
        self.limits = limits
        self.examined = examined
    }

    // MARK: - Head

    private mutating func scanHead(_ bytes: ArraySlice<UInt8>, base: Int, end: Int) throws(HTTPParseError) -> HTTPRequestHead? {
        @inline(__always) func byte(_ offset: Int) -> UInt8 { bytes[base + offset] }
        let maxLine = limits.maxRequestLineBytes
        // The byte at `offset` of the request line, or `nil` until it has arrived. Compared by
        // distance, not as `start + limit`, which traps when a limit is set near `Int.max`.
        func lineByte(_ offset: Int, start: Int) throws(HTTPParseError) -> UInt8? {
            guard offset < end else { return nil }
            guard offset - start < maxLine else { throw .requestLineTooLong }
            return byte(offset)
        }

        while true {
            switch step {
            case .blankLines:
                // RFC 9112 §2.2: ignore empty lines before the request line, but only so many:
                // they are kept in the connection's buffer until a request completes.
                guard index < end else { return nil }
                let first = byte(index)
                guard first == .cr || first == .lf else {
                    line = RequestLine(start: index)
                    step = .method
                    continue
                }
                guard index < maxLine else { throw .requestLineTooLong }
                if first == .cr {
                    guard index + 1 < end else { return nil }
                    examined += 1
                    guard byte(index + 1) == .lf else { throw .bareCarriageReturn }
                    index += 2
                } else {
                    index += 1
                }
                examined += 1

            case .method:
                guard let next = try lineByte(index, start: line.start) else { return nil }
                examined += 1
                if next == .space {
                    guard index > line.start else { throw .invalidMethod }
                    line.methodEnd = index
                    index += 1
                    line.targetStart = index
                    step = .target
                    continue
                }
                guard next.isTokenCharacter else { throw .invalidMethod }
                index += 1

            case .target:
                // request-target SP: origin, absolute or asterisk form (RFC 9112 §3.2)
                guard let next = try lineByte(index, start: line.start) else { return nil }
                examined += 1
                let target = bytes[(base + line.targetStart)..<(base + index)]
                if next == .space {
                    guard RequestParser.isTarget(target, complete: true) else { throw .invalidTarget }
                    line.targetEnd = index
                    index += 1
                    step = .version(position: 0)
                    continue
                }
                guard next > 0x20 && next < 0x7F else { throw .invalidTarget }
                index += 1
                // The form is settled by the first 8 bytes (`https://`); refuse `GET foo` at the `f`.
                if index - line.targetStart <= 8,
                   !RequestParser.isTarget(bytes[(base + line.targetStart)..<(base + index)], complete: false) {
                    throw .invalidTarget
                }

            case .version(let position):
                // HTTP-version = "HTTP/" DIGIT "." DIGIT
                guard let next = try lineByte(index, start: line.start) else { return nil }
                examined += 1
                let prefix = RequestParser.versionPrefix
                switch position {
                case ..<prefix.count:
                    guard next == prefix[position] else { throw .invalidVersion }
                case prefix.count:
                    guard next.isDigit else { throw .invalidVersion }
                    guard next == UInt8(ascii: "1") else { throw .unsupportedVersion }
                case prefix.count + 1:
                    guard next == UInt8(ascii: ".") else { throw .invalidVersion }
                default:
                    guard next.isDigit else { throw .invalidVersion }
                    line.version.minor = Int(next - UInt8(ascii: "0"))
                }
                index += 1
                step = position == prefix.count + 2 ? .requestLineEnd : .version(position: position + 1)

            case .requestLineEnd:
                // CRLF or a lone LF (RFC 9112 §2.2)
                guard let ending = try lineEnding(bytes, base: base, end: end, at: index) else { return nil }
                guard ending > 0 else {
                    // Another byte of the line: past the limit the line is too long, whatever the byte.
                    _ = try lineByte(index, start: line.start)
                    throw .invalidVersion
                }
                index += ending
                fields = FieldSection(start: index)
                step = .fields

            case .fields:
                guard let headers = try scanFields(bytes, base: base, end: end, limit: limits.maxHeaderBytes) else {
                    return nil
                }
                let method = String(decoding: bytes[(base + line.start)..<(base + line.methodEnd)], as: UTF8.self)
                let target = String(decoding: bytes[(base + line.targetStart)..<(base + line.targetEnd)], as: UTF8.self)
                return HTTPRequestHead(
                    method: method, target: target, version: line.version, headers: headers,
                    framing: try RequestParser(limits: limits).framing(of: headers, version: line.version))

            default:
                return nil
            }
        }
    }

    /// The length of the line ending at `offset`: 2 for CRLF, 1 for a lone LF (RFC 9112 §2.2),
    /// 0 when another byte stands there, `nil` when more bytes are needed. Examines nothing for
    /// good: a caller that gets `nil` asks again at the same offset, a caller that gets a length
    /// counts those bytes.
    private mutating func lineEnding(
        _ bytes: ArraySlice<UInt8>, base: Int, end: Int, at offset: Int
    ) throws(HTTPParseError) -> Int? {
        guard offset < end else { return nil }
        switch bytes[base + offset] {
        case .lf:
            examined += 1
            return 1
        case .cr:
            guard offset + 1 < end else { return nil }
            examined += 2
            guard bytes[base + offset + 1] == .lf else { throw .bareCarriageReturn }
            return 2
        default:
            return 0
        }
    }

    /// `field-line CRLF …` up to and including the empty line; used for headers and trailers.
    ///
    /// The field lines, line endings included, take at most `limit` bytes and `maxHeaderCount`
    /// lines; the byte or the line that goes past is refused as soon as it arrives.
    private mutating func scanFields(
        _ bytes: ArraySlice<UInt8>, base: Int, end: Int, limit: Int
    ) throws(HTTPParseError) -> HTTPHeaders? {
        @inline(__always) func byte(_ offset: Int) -> UInt8 { bytes[base + offset] }
        let start = fields.start
        // The byte at `offset` of a field line, or `nil` until it has arrived.
        func fieldByte(_ offset: Int) throws(HTTPParseError) -> UInt8? {
            guard offset < end else { return nil }
            guard offset - start < limit else { throw .headersTooLarge }
            return byte(offset)
        }

        while true {
            switch fields.step {
            case .lineStart:
                // The empty line ends the section; it does not count against the limit.
                guard index < end else { return nil }
                let first = byte(index)
                if first == .cr || first == .lf {
                    guard let ending = try lineEnding(bytes, base: base, end: end, at: index) else { return nil }
                    index += ending
                    return HTTPHeaders(fields.fields)
                }
                // A field line starts here, and its first byte counts.
                guard index - start < limit else { throw .headersTooLarge }
                if first == .space || first == .tab { throw .obsoleteLineFolding }
                guard fields.fields.count < limits.maxHeaderCount else { throw .tooManyHeaders }
                fields.nameStart = index
                fields.step = .name

            case .name:
                guard let next = try fieldByte(index) else { return nil }
                examined += 1
                if next == .colon {
                    guard index > fields.nameStart else { throw .invalidHeaderName }
                    fields.nameEnd = index
                    index += 1
                    fields.valueStart = index
                    fields.step = .value
                    continue
                }
                guard next.isTokenCharacter else { throw .invalidHeaderName }
                index += 1

            case .value:
                guard let next = try fieldByte(index) else { return nil }
                if next == .lf || next == .cr {
                    fields.valueEnd = index
                    fields.step = .lineEnd
                    continue
                }
                examined += 1
                guard next == .tab || next >= 0x20 && next != 0x7F else { throw .invalidHeaderValue }
                index += 1

            case .lineEnd:
                if byte(index) == .cr {
                    guard let next = try fieldByte(index + 1) else { return nil }
                    examined += 2
                    guard next == .lf else { throw .bareCarriageReturn }
                    index += 2
                } else {
                    examined += 1
                    index += 1
                }
                fields.fields.append(HTTPHeaders.Field(
                    name: String(decoding: bytes[(base + fields.nameStart)..<(base + fields.nameEnd)], as: UTF8.self),
                    value: String(decoding: bytes[(base + fields.valueStart)..<(base + fields.valueEnd)], as: UTF8.self)
                        .trimmingOWS))
                fields.step = .lineStart
            }
        }
    }

    // MARK: - Chunked body (RFC 9112 §7.1)

    /// The decoded body, or `nil` until the last chunk and the trailer section are complete.
    /// Chunks are found without copying and copied once at the end.
    ///
    /// The body limit bounds the decoded bytes, and the framing too (sizes, extensions, line
    /// endings, trailers): otherwise 1-byte chunks with 4,000-byte extensions make the server
    /// buffer hundreds of megabytes for a body of kilobytes. The framing may take what an honest
    /// client's does, `maxFramingBytes`.
    private mutating func scanChunkedBody(
        _ bytes: ArraySlice<UInt8>, base: Int, end: Int
    ) throws(HTTPParseError) -> [UInt8]? {
        @inline(__always) func byte(_ offset: Int) -> UInt8 { bytes[base + offset] }
        let maxBody = limits.maxBodyBytes
        let maxFraming = Self.maxFramingBytes(forBodyLimit: maxBody)
        // The framing so far: the body's bytes up to `offset` less its data. Checked at each
        // framing byte, so that the byte that crosses the bound decides (SPEC §5: 413).
        func checkFraming(through offset: Int) throws(HTTPParseError) {
            let (wire, overflow) = (offset + 1).subtractingReportingOverflow(chunk.bodyStart)
            if !overflow, wire - chunk.total > maxFraming { throw .bodyTooLarge }
        }

        while true {
            switch step {
            case .chunkSize:
                // 1*HEXDIG; 15 digits stay below Int.max, more is an overflow, a classic
                // smuggling vector.
                guard index < end else { return nil }
                guard let digit = byte(index).hexValue else {
                    guard index > chunk.lineStart else { throw .invalidChunkSize }
                    step = .chunkExtension(inExtension: false)
                    continue
                }
                examined += 1
                guard index - chunk.lineStart < 15 else { throw .invalidChunkSize }
                chunk.size = chunk.size << 4 | digit
                // More digits only make it larger, so the digit that crosses the limit decides
                // (SPEC §5: 413 when a chunked body crosses it). `total` never exceeds the limit.
                if chunk.size > maxBody - chunk.total { throw .bodyTooLarge }
                try checkFraming(through: index)
                index += 1

            case .chunkExtension(let inExtension):
                // chunk-ext = *( BWS ";" BWS ext ) (RFC 9112 §7.1.1): whitespace, then `;` and an
                // extension that is ignored but must be printable, within a bounded line.
                // Whitespace with no extension after it is tolerated; anything else after the
                // size is refused, so that `5 5` cannot be read as 5 here and as 0x55 elsewhere.
                guard index < end else { return nil }
                let next = byte(index)
                if next == .cr || next == .lf {
                    step = .chunkLineEnd
                    continue
                }
                examined += 1
                guard index - chunk.lineStart < Self.maxChunkLineBytes else { throw .invalidChunkSize }
                if inExtension {
                    guard next == .tab || next >= 0x20 && next != 0x7F else { throw .invalidChunkSize }
                } else if next == .semicolon {
                    step = .chunkExtension(inExtension: true)
                } else {
                    guard next == .space || next == .tab else { throw .invalidChunkSize }
                }
                try checkFraming(through: index)
                index += 1

            case .chunkLineEnd:
                guard let ending = try lineEnding(bytes, base: base, end: end, at: index) else { return nil }
                try checkFraming(through: index + ending - 1)
                index += ending
                if chunk.size == 0 {
                    fields = FieldSection(start: index)
                    step = .trailers
                    continue
                }
                chunk.dataStart = index
                chunk.total += chunk.size
                step = .chunkData

            case .chunkData:
                // Not scanned: only its end is looked at.
                guard end - chunk.dataStart >= chunk.size else { return nil }
                index = chunk.dataStart + chunk.size
                step = .chunkDataEnd

            case .chunkDataEnd:
                guard let ending = try lineEnding(bytes, base: base, end: end, at: index) else { return nil }
                guard ending > 0 else { throw .invalidChunk }
                try checkFraming(through: index + ending - 1)
                chunk.chunks.append(chunk.dataStart..<index)
                index += ending
                chunk.lineStart = index
                chunk.size = 0
                step = .chunkSize

            case .trailers:
                let before = index
                guard try scanFields(bytes, base: base, end: end, limit: limits.maxHeaderBytes) != nil else {
                    if index > before { try checkFraming(through: index - 1) }
                    return nil
                }
                try checkFraming(through: index - 1)
                var body: [UInt8] = []
                body.reserveCapacity(chunk.total)
                for range in chunk.chunks { body.append(contentsOf: bytes[(base + range.lowerBound)..<(base + range.upperBound)]) }
                return body

            default:
                return nil
            }
        }
    }

    /// How many framing bytes a chunked body may carry besides its data: 64 KiB, or a sixteenth
    /// of the body limit when that is more (768 KiB for the default 12 MiB), which chunks of
    /// 128 bytes or more with their size lines stay within.
    public static func maxFramingBytes(forBodyLimit limit: Int) -> Int {
        max(64 * 1024, limit / 16)
    }
}
