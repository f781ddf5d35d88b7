import DataArtsHTTP1
import Testing

/// Several requests in one buffer (RFC 9112 §9.3.2): each parse takes exactly one, and
/// `consumed` says where the next one starts.
struct PipelineTests {
    let parser = RequestParser()

    /// Parses requests off the front of `bytes` until it needs more or fails.
    func drain(_ bytes: [UInt8]) -> (requests: [HTTPRequest], consumed: [Int], end: ParseOutcome) {
        var rest = bytes[...]
        var requests: [HTTPRequest] = []
        var consumed: [Int] = []
        while true {
            let outcome = ParseOutcome(parser, rest)
            guard case .complete(let request, let used) = outcome else { return (requests, consumed, outcome) }
            requests.append(request)
            consumed.append(used)
            rest = rest.dropFirst(used)
        }
    }

    @Test func consumesEveryValidRequestOneByOne() {
        let inputs = ValidInput.all
        let result = drain(inputs.flatMap(\.bytes))
        #expect(result.requests == inputs.map(\.request))
        #expect(result.consumed == inputs.map(\.bytes.count))
        #expect(result.end == .needMore)
    }

    @Test func waitsForTheRestOfAPartialLastRequest() {
        let inputs = ValidInput.all
        let whole = inputs[0].bytes + inputs[1].bytes + inputs[2].bytes
        let result = drain(Array(whole.dropLast(3)))
        #expect(result.requests == [inputs[0].request, inputs[1].request])
        #expect(result.end == .needMore)
    }

    @Test func servesTheRequestsBeforeAMalformedOne() {
        let good = Array("GET /a HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
        let result = drain(good + good + Array("GET / HTTP/2.0\r\n\r\n".utf8) + good)
        #expect(result.consumed == [good.count, good.count])
        #expect(result.end == .failure(.unsupportedVersion))
    }

    @Test func keepsARequestLookingBodyInsideItsRequest() {
        let inner = "GET /inner HTTP/1.1\r\nHost: h\r\n\r\n"
        let text = "POST /outer HTTP/1.1\r\nHost: h\r\nContent-Length: \(inner.utf8.count)\r\n\r\n\(inner)"
        let result = drain(Array(text.utf8))
        #expect(result.requests.map(\.target) == ["/outer"])
        #expect(result.requests.first?.body == Array(inner.utf8))
    }

    @Test func countsTheEmptyLineAClientSendsAfterABody() {
        // Old clients send CRLF after a POST body; it belongs to the next request (RFC 9112 §2.2).
        let post = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"
        let get = "\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n"
        let result = drain(Array((post + get).utf8))
        #expect(result.requests.map(\.target) == ["/a", "/b"])
        #expect(result.consumed == [post.utf8.count, get.utf8.count])
    }

    @Test func countsConsumedFromTheStartOfASliceThatDoesNotStartAtZero() throws {
        let bytes = Array("xxxxGET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
        let first = try #require(try parser.parse(bytes[4...]))
        #expect(first.request.target == "/a")
        #expect(first.consumed == 28)
        let second = try #require(try parser.parse(bytes[(4 + first.consumed)...]))
        #expect(second.request.target == "/b")
        #expect(second.consumed == 28)
    }

    @Test func mixesLineEndingsAcrossRequests() {
        let text = "GET /1 HTTP/1.1\nHost: h\n\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\nGET /3 HTTP/1.0\n\n"
        let result = drain(Array(text.utf8))
        #expect(result.requests.map(\.target) == ["/1", "/2", "/3"])
        #expect(result.consumed == [25, 28, 17])
        #expect(result.end == .needMore)
    }
}
