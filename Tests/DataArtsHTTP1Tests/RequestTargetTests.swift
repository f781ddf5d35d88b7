import DataArtsHTTP1
import Testing

/// `path` and `query` (apart and as `pathAndQuery`) of the request-target forms the parser accepts (RFC 9112 §3.2), still
/// percent-encoded: routing splits the raw path, and decoding is the caller's choice (SPEC §4).
struct RequestTargetTests {
    @Test(arguments: [
        ("/", "/", nil),
        ("/v1/p/data-connections", "/v1/p/data-connections", nil),
        ("/v1/p/data-connections?offset=0&limit=10", "/v1/p/data-connections", "offset=0&limit=10"),
        ("/a?", "/a", ""),
        ("/a??b", "/a", "?b"),
        ("/a%2Fb/c%20d?x=%2F", "/a%2Fb/c%20d", "x=%2F"),
        ("/redirect?to=http://elsewhere/x", "/redirect", "to=http://elsewhere/x"),
        ("/odd://path/x", "/odd://path/x", nil),
        ("http://dayu.example.com/v1/p?limit=1", "/v1/p", "limit=1"),
        ("HTTPS://Dayu.Example.com:443/v1/p", "/v1/p", nil),
        ("http://host", "/", nil),
        ("http://host?x=/y", "/", "x=/y"),
        ("*", "*", nil),
    ] as [(String, String, String?)])
    func splitsTheTargetIntoPathAndQuery(_ target: String, _ path: String, _ query: String?) throws {
        let text = "GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n"
        let parsed = try #require(try RequestParser().parse(Array(text.utf8)[...]))
        #expect(parsed.request.target == target)
        #expect(parsed.request.path == path[...])
        #expect(parsed.request.query == query?[...])
        let both = parsed.request.pathAndQuery
        #expect(both.path == path[...])
        #expect(both.query == query?[...])
    }
}
