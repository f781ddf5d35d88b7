import DataArtsHTTP1
import Testing

/// `Expect: 100-continue` (RFC 9110 §10.1.1): the connection answers it once the head is in,
/// so `progress(_:)` must hand over the head before the body.
struct ExpectContinueTests {
    let parser = RequestParser()

    func head(_ text: String) throws -> HTTPRequestHead? {
        guard case .needMore(let head) = try parser.progress(Array(text.utf8)[...]) else { return nil }
        return head
    }

    @Test(arguments: ["100-continue", "100-Continue", " 100-CONTINUE "])
    func reportsTheHeadOfARequestThatWaitsForContinue(_ value: String) throws {
        let text = "PUT /x HTTP/1.1\r\nHost: h\r\nExpect:\(value)\r\nContent-Length: 5\r\n\r\n"
        let head = try #require(try head(text))
        #expect(head.expectsContinue)
        #expect(head.framing == .contentLength(5))
    }

    @Test func reportsTheHeadOfAChunkedRequestThatWaitsForContinue() throws {
        let text = "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
        let head = try #require(try head(text))
        #expect(head.expectsContinue)
        #expect(head.framing == .chunked)
    }

    @Test(arguments: [
        "PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n",
        "PUT /x HTTP/1.1\r\nHost: h\r\nExpect: something-else\r\nContent-Length: 5\r\n\r\n",
        // RFC 9110 §10.1.1: an HTTP/1.0 client cannot have meant it.
        "PUT /x HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n",
    ])
    func expectsNoContinueOtherwise(_ text: String) throws {
        let head = try #require(try head(text))
        #expect(!head.expectsContinue)
    }

    @Test func completesABodilessRequestAtOnce() throws {
        let text = "PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n"
        guard case .complete(let request, let consumed) = try parser.progress(Array(text.utf8)[...]) else {
            Issue.record("expected a complete request")
            return
        }
        #expect(request.body.isEmpty)
        #expect(consumed == text.utf8.count)
    }

    @Test func completesOnceTheBodyFollows() {
        let text = "PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello"
        guard case .complete(let request, _) = ParseOutcome(parser, text) else {
            Issue.record("expected a complete request")
            return
        }
        #expect(request.body == Array("hello".utf8))
    }
}
