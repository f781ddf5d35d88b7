import DataArtsHTTP1
import Testing

/// Golden bytes of `HTTPResponse.serialized()`: headers in the order and spelling given,
/// `Content-Length` always written from the body and last, none on 1xx and 204 (RFC 9110 §8.6).
struct ResponseSerializationTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func writesStatusHeadersLengthAndBody() {
        let response = HTTPResponse(
            status: .ok, headers: ["Content-Type": "application/json;charset=UTF-8", "X-Request-Id": "r1"],
            body: Array(#"{"id":"c1"}"#.utf8))
        #expect(text(response.serialized()) == """
            HTTP/1.1 200 OK\r
            Content-Type: application/json;charset=UTF-8\r
            X-Request-Id: r1\r
            Content-Length: 11\r
            \r
            {"id":"c1"}
            """)
    }

    @Test func writesAZeroLengthForAnEmptyBody() {
        #expect(text(HTTPResponse(status: .notFound).serialized()) == "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func replacesAnyGivenContentLength() {
        let response = HTTPResponse(
            status: .created, headers: ["Content-Length": "999", "X-A": "1", "content-length": "7"], body: Array("abc".utf8))
        #expect(text(response.serialized()) == "HTTP/1.1 201 Created\r\nX-A: 1\r\nContent-Length: 3\r\n\r\nabc")
    }

    @Test func keepsHeaderOrderCaseAndDuplicates() {
        let response = HTTPResponse(
            status: .ok,
            headers: HTTPHeaders([
                .init(name: "x-lower", value: "1"), .init(name: "X-UPPER", value: "2"),
                .init(name: "Set-Cookie", value: "a=1"), .init(name: "Mixed-Case", value: "3"),
                .init(name: "Set-Cookie", value: "b=2"),
            ]))
        #expect(text(response.serialized()) == """
            HTTP/1.1 200 OK\r
            x-lower: 1\r
            X-UPPER: 2\r
            Set-Cookie: a=1\r
            Mixed-Case: 3\r
            Set-Cookie: b=2\r
            Content-Length: 0\r
            \r\n
            """)
    }

    @Test func writesNoLengthAndNoBodyOn204() {
        let response = HTTPResponse(status: .noContent, headers: ["Content-Length": "5", "X-A": "1"], body: Array("oops".utf8))
        #expect(text(response.serialized()) == "HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n")
    }

    @Test func writesABare100Continue() {
        #expect(text(HTTPResponse(status: .continue).serialized()) == "HTTP/1.1 100 Continue\r\n\r\n")
    }

    @Test func keepsTheLengthButDropsTheBodyForHEAD() {
        let response = HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: Array("hello".utf8))
        #expect(text(response.serialized(includeBody: false))
            == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n")
    }

    @Test func writesGatewayAndUnknownStatuses() {
        #expect(text(HTTPResponse(status: .requestHeaderTooLarge).serialized())
            == "HTTP/1.1 494 Request Header Too Large\r\nContent-Length: 0\r\n\r\n")
        #expect(text(HTTPResponse(status: HTTPStatus(299)).serialized()) == "HTTP/1.1 299 Unknown\r\nContent-Length: 0\r\n\r\n")
        #expect(text(HTTPResponse(status: HTTPStatus(418, "I'm a teapot")).serialized())
            == "HTTP/1.1 418 I'm a teapot\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func writesBinaryBodiesAsTheyAre() {
        let body: [UInt8] = [0x00, 0xFF, 0x0D, 0x0A]
        let bytes = HTTPResponse(status: .ok, body: body).serialized()
        #expect(bytes == Array("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n".utf8) + body)
    }

    @Test func writeAppendsWithTheTransportsDateAndCloseReplacingTheGivenOnes() {
        let response = HTTPResponse(
            status: .ok, headers: ["date": "old", "X-A": "1", "Connection": "keep-alive", "Content-Length": "9"],
            body: Array("hi".utf8))
        var out = Array("earlier".utf8)
        response.write(into: &out, date: "Wed, 02 Dec 2026 12:00:00 GMT", closing: true)
        #expect(text(out) == """
            earlierHTTP/1.1 200 OK\r
            X-A: 1\r
            Date: Wed, 02 Dec 2026 12:00:00 GMT\r
            Connection: close\r
            Content-Length: 2\r
            \r
            hi
            """)
    }

    @Test func writeKeepsAGivenConnectionHeaderWhenNotClosing() {
        let response = HTTPResponse(status: HTTPStatus(1234, "Odd"), headers: ["Connection": "keep-alive"])
        var out: [UInt8] = []
        response.write(into: &out, date: "D")
        #expect(text(out) == "HTTP/1.1 1234 Odd\r\nConnection: keep-alive\r\nDate: D\r\nContent-Length: 0\r\n\r\n")
    }
}
