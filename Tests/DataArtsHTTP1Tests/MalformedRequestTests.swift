import DataArtsHTTP1
import Testing

/// Bytes that are not a request: each row is refused with its error, at the byte that makes it
/// certain (see `MalformedInput`). SPEC §5 lists most of them; the rest are the neighbours that
/// a parser written in a hurry lets through.
struct MalformedRequestTests {
    /// Small limits, so that each limit has its row; every other row fits well inside them.
    static let parser = RequestParser(limits: .init(
        maxRequestLineBytes: 64, maxHeaderBytes: 256, maxHeaderCount: 8, maxBodyBytes: 32))

    static let get = "GET / HTTP/1.1\r\nHost: h\r\n"
    static let post = "POST / HTTP/1.1\r\nHost: h\r\n"
    static let chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
    static func a(_ count: Int) -> String { String(repeating: "a", count: count) }

    /// A TLS 1.2 ClientHello as it starts: handshake record, version 3.1, length, type 1.
    static let clientHello: [UInt8] = [
        0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03, 0x5A, 0x1F, 0x9E, 0x33, 0x70,
        0x0C, 0x8B, 0x2D, 0x47, 0x90, 0xE4, 0x11, 0x6B, 0xA8, 0x3C, 0xD5, 0x02, 0x7E, 0xF1, 0x48, 0x99,
    ]
    static let noise: [UInt8] = [
        0x8F, 0x00, 0xD3, 0x47, 0x0A, 0x0D, 0xFF, 0x20, 0x13, 0x37, 0x7F, 0x80, 0x41, 0x0A, 0x0A, 0x00,
    ]

    static let inputs: [MalformedInput] = [
        // Framing: decided when the header section is complete, at its last byte.
        .init("Content-Length and Transfer-Encoding both", post + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r¦\n",
              .contentLengthWithTransferEncoding),
        .init("Transfer-Encoding before Content-Length", post + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n¦\n",
              .contentLengthWithTransferEncoding),
        .init("differing duplicate Content-Length", post + "Content-Length: 1\r\nContent-Length: 2\r\n\r¦\n",
              .conflictingContentLength),
        .init("Content-Length list 1,2", post + "Content-Length: 1,2\r\n\r¦\n", .conflictingContentLength),
        .init("negative Content-Length", post + "Content-Length: -1\r\n\r¦\n", .invalidContentLength),
        .init("Content-Length with a plus sign", post + "Content-Length: +1\r\n\r¦\n", .invalidContentLength),
        .init("Content-Length with an inner space", post + "Content-Length: 1 2\r\n\r¦\n", .invalidContentLength),
        .init("overflowing Content-Length", post + "Content-Length: 99999999999999999999\r\n\r¦\n", .invalidContentLength),
        .init("empty Content-Length", post + "Content-Length:\r\n\r¦\n", .invalidContentLength),
        .init("hexadecimal Content-Length", post + "Content-Length: 0x1\r\n\r¦\n", .invalidContentLength),
        .init("Content-Length with an empty list item", post + "Content-Length: 1,\r\n\r¦\n", .invalidContentLength),
        .init("missing Host in HTTP/1.1", "GET / HTTP/1.1\r\nAccept: */*\r\n\r¦\n", .missingHost),
        .init("two Host headers", get + "host: h\r\n\r¦\n", .duplicateHost),
        .init("Host with a path", "GET / HTTP/1.1\r\nHost: h/x\r\n\r¦\n", .invalidHost),
        .init("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@h:80\r\n\r¦\n", .invalidHost),
        .init("absolute target with userinfo", "GET http://u@h/¦ HTTP/1.1\r\nHost: h\r\n\r\n", .invalidTarget),
        .init("absolute target without a host", "GET http:///x¦ HTTP/1.1\r\nHost: h\r\n\r\n", .invalidTarget),
        .init("Transfer-Encoding gzip", post + "Transfer-Encoding: gzip\r\n\r¦\n", .unsupportedTransferCoding),
        .init("Transfer-Encoding gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r¦\n", .unsupportedTransferCoding),
        .init("Transfer-Encoding chunked, gzip", post + "Transfer-Encoding: chunked, gzip\r\n\r¦\n", .chunkedNotLast),
        .init("Transfer-Encoding chunked, chunked", post + "Transfer-Encoding: chunked, chunked\r\n\r¦\n", .chunkedNotLast),
        .init("chunked on two Transfer-Encoding lines", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r¦\n",
              .chunkedNotLast),
        .init("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r¦\n", .transferEncodingInHTTP10),
        .init("Content-Length over the body limit", post + "Content-Length: 33\r\n\r¦\n", .bodyTooLarge),

        // Request line: refused at the first byte that no request line can continue with.
        .init("HTTP/2.0 request line", "GET / HTTP/¦2.0\r\nHost: h\r\n\r\n", .unsupportedVersion),
        .init("HTTP/2 connection preface", "PRI * HTTP/¦2.0\r\n\r\nSM\r\n\r\n", .unsupportedVersion),
        .init("HTTP/3.0", "GET / HTTP/¦3.0\r\n", .unsupportedVersion),
        .init("HTTP/0.9 version", "GET / HTTP/¦0.9\r\n", .unsupportedVersion),
        .init("HTTP/1.x", "GET / HTTP/1.¦x\r\nHost: h\r\n\r\n", .invalidVersion),
        .init("lowercase http/1.1", "GET / ¦http/1.1\r\nHost: h\r\n\r\n", .invalidVersion),
        .init("version without a dot", "GET / HTTP/1¦1\r\n", .invalidVersion),
        .init("two-digit minor version", "GET / HTTP/1.1¦0\r\n", .invalidVersion),
        .init("space after the version", "GET / HTTP/1.1¦ \r\n", .invalidVersion),
        .init("TLS ClientHello", bytes: clientHello, certainAt: 1, .invalidMethod),
        .init("random binary", bytes: noise, certainAt: 1, .invalidMethod),
        .init("NUL after a method", bytes: Array("GET".utf8) + [0x00, 0x20, 0x2F], certainAt: 4, .invalidMethod),
        .init("SSH banner", "SSH-2.0-OpenSSH_9.6¦\r\n", .invalidMethod),
        .init("empty method", "¦ / HTTP/1.1\r\n", .invalidMethod),
        .init("tab before the method", "¦\tGET / HTTP/1.1\r\n", .invalidMethod),
        .init("parenthesis in the method", "GE¦(T / HTTP/1.1\r\n", .invalidMethod),
        .init("target not starting with /", "GET ¦foo HTTP/1.1\r\nHost: h\r\n\r\n", .invalidTarget),
        .init("target that stops looking like http://", "GET ht¦x HTTP/1.1\r\n", .invalidTarget),
        .init("scheme without //", "GET HTTPS:/¦x HTTP/1.1\r\n", .invalidTarget),
        .init("absolute form cut after the scheme", "GET http:/¦ HTTP/1.1\r\n", .invalidTarget),
        .init("authority form", "CONNECT h¦ost:443 HTTP/1.1\r\n", .invalidTarget),
        .init("asterisk followed by more", "OPTIONS *¦/ HTTP/1.1\r\n", .invalidTarget),
        .init("two spaces before the target", "GET ¦ / HTTP/1.1\r\n", .invalidTarget),
        .init("non-ASCII in the target", "GET /caf¦é HTTP/1.1\r\n", .invalidTarget),
        .init("tab in the target", "GET /a¦\tb HTTP/1.1\r\n", .invalidTarget),
        .init("HTTP/0.9 simple request", "GET /index.html¦\r\n", .invalidTarget),
        .init("bare CR in the request line", "GET / HTTP/1.1\r¦Host: h\r\n\r\n", .bareCarriageReturn),
        .init("bare CR before the request line", "\r¦GET / HTTP/1.1\r\n", .bareCarriageReturn),
        .init("request line over the limit in the target", "GET /" + a(59) + "¦a HTTP/1.1\r\n", .requestLineTooLong),
        .init("request line over the limit in the version", "GET /" + a(51) + " HTTP/1.¦1\r\nHost: h\r\n\r\n",
              .requestLineTooLong),
        .init("empty lines before the request line over the limit",
              String(repeating: "\n", count: 64) + "¦\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", .requestLineTooLong),

        // Header fields.
        .init("obsolete line folding with a space", get + "X: a\r\n¦ b\r\n\r\n", .obsoleteLineFolding),
        .init("obsolete line folding with a tab", get + "X: a\r\n¦\tb\r\n\r\n", .obsoleteLineFolding),
        .init("whitespace before the first header", "GET / HTTP/1.1\r\n¦ Host: h\r\n\r\n", .obsoleteLineFolding),
        .init("bare CR in a header value", get + "X: a\r¦b\r\n\r\n", .bareCarriageReturn),
        .init("bare CR ending the header section", get + "\r¦X", .bareCarriageReturn),
        .init("CR in a header name", get + "X¦\r\n\r\n", .invalidHeaderName),
        .init("NUL in a header value", get + "X: a¦\u{0}b\r\n\r\n", .invalidHeaderValue),
        .init("DEL in a header value", get + "X: a¦\u{7F}\r\n\r\n", .invalidHeaderValue),
        .init("escape in a header value", get + "X: ¦\u{1B}[31m\r\n\r\n", .invalidHeaderValue),
        .init("space before the colon", "GET / HTTP/1.1\r\nHost¦ : h\r\n\r\n", .invalidHeaderName),
        .init("empty header name", get + "¦: x\r\n\r\n", .invalidHeaderName),
        .init("non-ASCII header name", get + "X-¦é: 1\r\n\r\n", .invalidHeaderName),
        .init("header section over the limit", get + "X: " + String(repeating: "b", count: 244) + "¦bbb\r\n\r\n",
              .headersTooLarge),
        .init("too many headers", get + String(repeating: "A: 1\r\n", count: 7) + "¦B: 2\r\n\r\n", .tooManyHeaders),

        // Chunked body (RFC 9112 §7.1).
        .init("bad hex chunk size", chunked + "¦g\r\n", .invalidChunkSize),
        .init("empty chunk size", chunked + "¦\r\n", .invalidChunkSize),
        .init("negative chunk size", chunked + "¦-1\r\n", .invalidChunkSize),
        .init("0x before the chunk size", chunked + "0¦x5\r\n", .invalidChunkSize),
        .init("chunk size with 16 hex digits", chunked + "000000000000000¦0\r\n\r\n", .invalidChunkSize),
        .init("junk right after the chunk size", chunked + "5¦x\r\nhello\r\n0\r\n\r\n", .invalidChunkSize),
        .init("junk after whitespace after the chunk size", chunked + "5 ¦5\r\nhello\r\n0\r\n\r\n", .invalidChunkSize),
        .init("chunk extension with a control byte", chunked + "5;a=¦\u{1}\r\nhello\r\n0\r\n\r\n", .invalidChunkSize),
        .init("chunk extension with DEL", chunked + "5;a¦\u{7F}\r\nhello\r\n0\r\n\r\n", .invalidChunkSize),
        .init("chunk line over its limit", chunked + "1;" + String(repeating: "x", count: 4094) + "¦x\r\na\r\n0\r\n\r\n",
              .invalidChunkSize),
        .init("bare CR in a chunk line", chunked + "5\r¦hello\r\n", .bareCarriageReturn),
        .init("bare CR after a chunk extension", chunked + "5;e\r¦x", .bareCarriageReturn),
        .init("missing CRLF after chunk data", chunked + "5\r\nhello¦X\r\n0\r\n\r\n", .invalidChunk),
        .init("bare CR after chunk data", chunked + "5\r\nhello\r¦X", .bareCarriageReturn),
        .init("chunk data longer than its size", chunked + "3\r\nhel¦lo\r\n0\r\n\r\n", .invalidChunk),
        .init("chunked body over the limit", chunked + "10\r\n0123456789abcdef\r\n1¦1\r\n", .bodyTooLarge),
        .init("chunk size of sixteen Fs", chunked + "F¦FFFFFFFFFFFFFFF\r\n", .bodyTooLarge),
        .init("NUL in a trailer", chunked + "0\r\nT: a¦\u{0}\r\n\r\n", .invalidHeaderValue),
        .init("obsolete line folding in a trailer", chunked + "0\r\nT: a\r\n¦ b\r\n\r\n", .obsoleteLineFolding),
        .init("bare CR ending the trailers", chunked + "0\r\n\r¦X", .bareCarriageReturn),
    ]

    @Test func tableCoversAtLeastFortyInputs() {
        #expect(Self.inputs.count >= 40)
    }

    @Test(arguments: inputs)
    func refusesMalformedInput(_ input: MalformedInput) {
        #expect(ParseOutcome(Self.parser, input.bytes[...]) == .failure(input.error))
    }

    @Test(arguments: inputs)
    func refusesAtTheByteThatMakesTheErrorCertain(_ input: MalformedInput) {
        for end in 0..<input.certainAt - 1 {
            #expect(ParseOutcome(Self.parser, input.bytes[..<end]) == .needMore, "prefix of \(end) bytes")
        }
        for end in input.certainAt - 1..<input.bytes.count {
            #expect(ParseOutcome(Self.parser, input.bytes[...end]) == .failure(input.error), "prefix of \(end + 1) bytes")
        }
    }

    @Test(arguments: [
        (HTTPParseError.invalidMethod, 400), (.bareCarriageReturn, 400), (.missingHost, 400),
        (.contentLengthWithTransferEncoding, 400), (.chunkedNotLast, 400), (.invalidChunkSize, 400),
        (.unsupportedVersion, 505), (.unsupportedTransferCoding, 501), (.requestLineTooLong, 414),
        (.headersTooLarge, 494), (.tooManyHeaders, 494), (.bodyTooLarge, 413),
    ])
    func errorsMapToTheStatusOfSPEC(_ error: HTTPParseError, _ code: Int) {
        #expect(error.status.code == code)
    }
}
