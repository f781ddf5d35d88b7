import DataArtsHTTP1
import Testing

/// RFC 9112 §2.2: a lone LF ends a line as CRLF does, empty lines before a request are
/// skipped, and a CR is only ever the first half of CRLF.
struct LineEndingTests {
    let parser = RequestParser()

    @Test func acceptsLoneLFEverywhere() throws {
        let text = "POST /a HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n2;x\nhi\n0\nT: 1\n\n"
        let parsed = try #require(try parser.parse(Array(text.utf8)[...]))
        #expect(parsed.request.body == Array("hi".utf8))
        #expect(parsed.request.headers == ["Host": "h", "Transfer-Encoding": "chunked"])
        #expect(parsed.consumed == text.utf8.count)
    }

    @Test func acceptsCRLFAndLoneLFMixed() throws {
        let text = "GET /a HTTP/1.1\nHost: h\r\nAccept: */*\n\r\n"
        let parsed = try #require(try parser.parse(Array(text.utf8)[...]))
        #expect(parsed.request.headers == ["Host": "h", "Accept": "*/*"])
        #expect(parsed.consumed == text.utf8.count)
    }

    @Test(arguments: ["\r\n", "\n", "\r\n\r\n", "\n\r\n\n"])
    func skipsEmptyLinesBeforeTheRequestLine(_ empty: String) throws {
        let text = empty + "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
        let parsed = try #require(try parser.parse(Array(text.utf8)[...]))
        #expect(parsed.request.target == "/a")
        #expect(parsed.consumed == text.utf8.count)
    }

    @Test func waitsOnEmptyLinesAlone() {
        #expect(ParseOutcome(parser, "\r\n\r\n\n") == .needMore)
        #expect(ParseOutcome(parser, "\r") == .needMore)
    }

    @Test(arguments: [
        "GET / HTTP/1.1\rHost: h\r\n\r\n", "GET / HTTP/1.1\r\nHost: h\rX: 1\r\n\r\n", "GET / HTTP/1.1\r\nHost: h\r\n\r\r\n",
        "\r\rGET / HTTP/1.1\r\n",
    ])
    func refusesABareCR(_ text: String) {
        #expect(ParseOutcome(parser, text) == .failure(.bareCarriageReturn))
    }
}
