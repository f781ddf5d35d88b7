import DataArtsHTTP1
import Testing

/// The chunked transfer coding (RFC 9112 §7.1): framing removed, extensions ignored,
/// trailers read and dropped, sizes bounded.
struct ChunkedBodyTests {
    let parser = RequestParser()
    let head = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"

    func body(_ chunks: String, parser: RequestParser? = nil) throws -> [UInt8]? {
        try (parser ?? self.parser).parse(Array((head + chunks).utf8)[...])?.request.body
    }

    @Test func decodesSeveralChunks() throws {
        #expect(try body("3\r\nabc\r\n1\r\nd\r\n0\r\n\r\n") == Array("abcd".utf8))
    }

    @Test func acceptsAnEmptyBody() throws {
        #expect(try body("0\r\n\r\n") == [])
    }

    @Test(arguments: ["a", "A", "0a", "00000000000000A"])
    func readsHexSizesInEitherCase(_ size: String) throws {
        #expect(try body("\(size)\r\n0123456789\r\n0\r\n\r\n") == Array("0123456789".utf8))
    }

    @Test(arguments: ["3;a=b", "3;a=\"quoted ; value\"", "3 ;a", "3\t;a", "3;", "3 ", "3;x=\u{80}\u{FF}"])
    func ignoresChunkExtensions(_ line: String) throws {
        #expect(try body("\(line)\r\nabc\r\n0;last\r\n\r\n") == Array("abc".utf8))
    }

    @Test func keepsTrailersOutOfTheHeaders() throws {
        let request = try #require(try parser.parse(Array((head + "1\r\na\r\n0\r\nX-Sum: 1\r\nHost: evil\r\n\r\n").utf8)[...]))
        #expect(request.request.headers.values(for: "Host") == ["h"])
        #expect(!request.request.headers.contains("X-Sum"))
    }

    @Test func keepsChunkDataBytesAsTheyAre() throws {
        let data: [UInt8] = [0x00, 0x0D, 0x0A, 0x30, 0x0D, 0x0A, 0x0D, 0x0A, 0xFF]
        let bytes = Array((head + "9\r\n").utf8) + data + Array("\r\n0\r\n\r\n".utf8)
        #expect(try parser.parse(bytes[...])?.request.body == data)
    }

    @Test func reportsTheHeadWhileChunksArrive() throws {
        let bytes = Array((head + "5\r\nhel").utf8)
        guard case .needMore(let head?) = try parser.progress(bytes[...]) else {
            Issue.record("expected the head")
            return
        }
        #expect(head.framing == .chunked)
    }

    @Test func allowsFifteenHexDigitsWithoutOverflow() throws {
        let unbounded = RequestParser(limits: .init(maxBodyBytes: .max))
        #expect(ParseOutcome(unbounded, head + "FFFFFFFFFFFFFFF\r\nabc") == .needMore)
        #expect(ParseOutcome(unbounded, head + "FFFFFFFFFFFFFFFF\r\n") == .failure(.invalidChunkSize))
    }

    @Test func takesTheBodyLimitAtItsWord() throws {
        let limited = RequestParser(limits: .init(maxBodyBytes: 4))
        #expect(try body("2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n", parser: limited) == Array("abcd".utf8))
        #expect(ParseOutcome(limited, head + "2\r\nab\r\n3\r\n") == .failure(.bodyTooLarge))
        #expect(ParseOutcome(limited, head + "5") == .failure(.bodyTooLarge))
    }
}
