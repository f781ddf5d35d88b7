import DataArtsMock
import Testing

/// A `Host` that is not `host[:port]`, or an absolute target with a malformed authority, is a
/// 400 and the connection closes (RFC 9110 §7.2, RFC 9112 §3.2.2); a good one is served.
struct HostValidationTests {
    @Test(arguments: [
        "GET /__mock/health HTTP/1.1\r\nHost: a/b\r\n\r\n",
        "GET /__mock/health HTTP/1.1\r\nHost: user@127.0.0.1\r\n\r\n",
        "GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n\r\n",
        "GET /__mock/health HTTP/1.1\r\nHost: [::1\r\n\r\n",
        "GET http://user@127.0.0.1/__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "GET http:///__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    ])
    func malformedAuthorityIsA400AndTheConnectionCloses(_ request: String) throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send(request)
        let response = try #require(client.readResponse())
        #expect(response.status == 400)
        #expect(response.header("Connection") == "close")
        #expect(client.serverClosed())
    }

    @Test(arguments: ["127.0.0.1", "localhost:8080", "[::1]:8080"])
    func wellFormedHostIsServed(_ host: String) throws {
        let server = try MockServer(MockConfiguration(port: 0))
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("GET /__mock/health HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
    }
}
