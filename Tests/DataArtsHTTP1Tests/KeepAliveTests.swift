import DataArtsHTTP1
import Testing

/// Whether the connection stays open after the reply (RFC 9112 §9.3): HTTP/1.1 unless it says
/// `close`, HTTP/1.0 only when it says `keep-alive`; tokens in any case, any list position.
struct KeepAliveTests {
    @Test(arguments: [
        ("HTTP/1.1", [], true),
        ("HTTP/1.1", ["close"], false),
        ("HTTP/1.1", ["Close"], false),
        ("HTTP/1.1", ["keep-alive"], true),
        ("HTTP/1.1", ["Upgrade, HTTP2-Settings"], true),
        ("HTTP/1.1", ["keep-alive, close"], false),
        ("HTTP/1.1", ["x-token", " CLOSE "], false),
        ("HTTP/1.1", ["closed"], true),
        ("HTTP/1.0", [], false),
        ("HTTP/1.0", ["keep-alive"], true),
        ("HTTP/1.0", ["Keep-Alive"], true),
        ("HTTP/1.0", ["te,keep-alive"], true),
        ("HTTP/1.0", ["x", " keep-alive "], true),
        ("HTTP/1.0", ["keep-alive, close"], false),
        ("HTTP/1.0", ["keep-alives"], false),
    ] as [(String, [String], Bool)])
    func decidesKeepAliveFromVersionAndConnectionTokens(_ version: String, _ connection: [String], _ expected: Bool) throws {
        let fields = connection.map { "Connection: \($0)\r\n" }.joined()
        let text = "GET / \(version)\r\nHost: h\r\n\(fields)\r\n"
        let parsed = try #require(try RequestParser().parse(Array(text.utf8)[...]))
        #expect(parsed.request.wantsKeepAlive == expected)
    }
}
