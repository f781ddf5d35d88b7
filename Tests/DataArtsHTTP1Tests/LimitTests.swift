import DataArtsHTTP1
import Testing

/// Each limit admits exactly its size and refuses one byte (or field) more, as soon as that
/// byte arrives (SPEC §5: 414, 494, 413).
struct LimitTests {
    let parser = RequestParser(limits: .init(
        maxRequestLineBytes: 32, maxHeaderBytes: 64, maxHeaderCount: 4, maxBodyBytes: 8))

    func line(targetBytes: Int) -> String {
        "GET /" + String(repeating: "a", count: targetBytes - 1) + " HTTP/1.1"
    }

    @Test func defaultsAreThoseOfSPEC() {
        let limits = RequestParser.Limits()
        #expect(limits.maxRequestLineBytes == 8192)
        #expect(limits.maxHeaderBytes == 32768)
        #expect(limits.maxBodyBytes == 12_582_912)
    }

    @Test func acceptsARequestLineOfExactlyTheLimit() throws {
        let requestLine = line(targetBytes: 19)
        #expect(requestLine.utf8.count == 32)
        let parsed = try #require(try parser.parse(Array((requestLine + "\r\nHost: h\r\n\r\n").utf8)[...]))
        #expect(parsed.request.target.utf8.count == 19)
    }

    @Test func refusesTheRequestLineByteBeyondTheLimit() {
        let bytes = Array((line(targetBytes: 20) + "\r\nHost: h\r\n\r\n").utf8)
        #expect(ParseOutcome(parser, bytes[..<32]) == .needMore)
        #expect(ParseOutcome(parser, bytes[..<33]) == .failure(.requestLineTooLong))
    }

    @Test func boundsTheEmptyLinesBeforeTheRequestLine() {
        let request = "GET / HTTP/1.1\r\nHost: h\r\n\r\n"
        let fits = String(repeating: "\n", count: 32) + request
        guard case .complete = ParseOutcome(parser, fits) else {
            Issue.record("32 empty lines should fit a 32-byte request line limit")
            return
        }
        #expect(ParseOutcome(parser, String(repeating: "\n", count: 33)) == .failure(.requestLineTooLong))
    }

    @Test(arguments: [("\r\n", 50), ("\n", 51)])
    func acceptsAHeaderSectionOfExactlyTheLimit(_ ending: String, _ valueBytes: Int) throws {
        // "Host: h" CRLF is 9 bytes, "X: " 3, the line ending 1 or 2: 64 in all.
        let text = "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "b", count: valueBytes) + ending + ending
        let parsed = try #require(try parser.parse(Array(text.utf8)[...]))
        #expect(parsed.request.headers["X"]?.utf8.count == valueBytes)
    }

    @Test(arguments: [("\r\n", 51), ("\n", 52)])
    func refusesTheHeaderByteBeyondTheLimit(_ ending: String, _ valueBytes: Int) {
        let head = "GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "b", count: valueBytes) + ending
        let bytes = Array((head + ending).utf8)
        // The section's 65th byte is the last of the line ending.
        let deciding = 16 + 64
        #expect(ParseOutcome(parser, bytes[..<deciding]) == .needMore)
        #expect(ParseOutcome(parser, bytes[..<(deciding + 1)]) == .failure(.headersTooLarge))
    }

    @Test func refusesAFieldStartingBeyondTheLimit() {
        let value = String(repeating: "b", count: 50)
        let text = "GET / HTTP/1.1\r\nHost: h\r\nX: \(value)\r\nY"
        #expect(ParseOutcome(parser, text) == .failure(.headersTooLarge))
    }

    @Test func acceptsExactlyTheMaximumNumberOfHeaders() throws {
        let text = "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"
        #expect(try parser.parse(Array(text.utf8)[...])?.request.headers.count == 4)
        #expect(ParseOutcome(parser, "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\nD") == .failure(.tooManyHeaders))
    }

    @Test func appliesTheHeaderLimitsToTrailers() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        guard case .complete = ParseOutcome(parser, head + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n") else {
            Issue.record("four trailers should fit")
            return
        }
        #expect(ParseOutcome(parser, head + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE") == .failure(.tooManyHeaders))
        #expect(ParseOutcome(parser, head + "T: " + String(repeating: "t", count: 62)) == .failure(.headersTooLarge))
    }

    @Test func decidesTheBodyLimitFromContentLengthBeforeTheBody() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: "
        guard case .complete(let request, _) = ParseOutcome(parser, head + "8\r\n\r\n12345678") else {
            Issue.record("a body of exactly the limit should fit")
            return
        }
        #expect(request.body.count == 8)
        #expect(ParseOutcome(parser, head + "9\r\n\r\n") == .failure(.bodyTooLarge))
    }

    @Test func refusesAChunkedBodyWhenItCrossesTheLimit() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        guard case .complete(let request, _) = ParseOutcome(parser, head + "4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n") else {
            Issue.record("a chunked body of exactly the limit should fit")
            return
        }
        #expect(request.body.count == 8)
        #expect(ParseOutcome(parser, head + "4\r\nabcd\r\n5") == .failure(.bodyTooLarge))
    }

    @Test func survivesLimitsAtIntMax() throws {
        let unbounded = RequestParser(limits: .init(
            maxRequestLineBytes: .max, maxHeaderBytes: .max, maxHeaderCount: .max, maxBodyBytes: .max))
        let text = "\r\nPOST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"
        #expect(try unbounded.parse(Array(text.utf8)[...])?.request.body == Array("hi".utf8))
        #expect(ParseOutcome(unbounded, "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 9223372036854775807\r\n\r\n") == .needMore)
    }
}
