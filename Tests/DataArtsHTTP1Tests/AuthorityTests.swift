import DataArtsHTTP1
import Testing

/// The `Host` field and the authority of an absolute-form target must be `host[:port]`
/// (RFC 9110 §7.2, RFC 3986 §3.2): a reg-name, an IPv4 address or a bracketed IPv6 address,
/// with an optional decimal port. Anything else is a 400 and the connection closes.
struct AuthorityTests {
    static func request(target: String = "/", host: String) -> [UInt8] {
        Array("GET \(target) HTTP/1.1\r\nHost: \(host)\r\n\r\n".utf8)
    }

    @Test(arguments: [
        "h", "127.0.0.1:8080", "localhost:", "dayu.cn-north-4.myhuaweicloud.com:443", "a-b.c_d~e", "%41bc",
        "!$&'()*+,;=", "999.1.1.1", "[::1]", "[::1]:8080", "[::]", "[2001:db8::1]", "[2001:DB8:0:0:8:800:200C:417A]",
        "[1:2:3:4:5:6:7::]", "[::ffff:192.0.2.1]", "[1:2:3:4:5:6:1.2.3.4]", "[v1.fe80::a+en1]", "h:65535", "h:0",
    ])
    func acceptsAHostAndAnOptionalPort(_ host: String) {
        let bytes = Self.request(host: host)
        #expect(ParseOutcome(RequestParser(), bytes[...]) == .complete(
            HTTPRequest(method: "GET", target: "/", headers: ["Host": host]), consumed: bytes.count))
    }

    @Test(arguments: [
        "", "a b", "a/b", "h/", "a?b", "a#b", "user@h", "h:x", "h:80:90", "h:-1", "h:65536", "h:99999999999999999999",
        ":80", "%4", "a%zz", "a\"b", "<h>", "[::1", "::1", "[::1]x", "[::1]:x", "[1:2:3:4:5:6:7:8:9]", "[1:2:3:4:5:6:7]",
        "[::1::2]", "[:::]", "[1.2.3.4]", "[::256.1.1.1]", "[::1.2.3.04]", "[12345::]", "[g::1]", "[v.x]", "[v1.]",
        "h, other",
    ])
    func refusesAnythingElseInHost(_ host: String) {
        #expect(ParseOutcome(RequestParser(), Self.request(host: host)[...]) == .failure(.invalidHost), "\(host)")
    }

    @Test func refusesAnInvalidHostWithStatus400() {
        #expect(HTTPParseError.invalidHost.status.code == 400)
    }

    @Test(arguments: [
        "http://h/", "http://127.0.0.1:8080/v1", "https://[::1]:8443/x?y", "http://h?q", "HTTP://H:/", "http://[v7.a]/",
    ])
    func acceptsAnAbsoluteTargetWithAValidAuthority(_ target: String) {
        let bytes = Self.request(target: target, host: "h")
        #expect(ParseOutcome(RequestParser(), bytes[...]) == .complete(
            HTTPRequest(method: "GET", target: target, headers: ["Host": "h"]), consumed: bytes.count))
    }

    @Test(arguments: [
        "http://", "http:///x", "http://?q", "http://user@h/", "http://user:pass@h/", "http://h:port/", "http://h:70000/",
        "http://[::1/", "http://[zz::1]/", "http://h#f/", "http://h:80:80/", "http://%zz/", "https://:443/",
    ])
    func refusesAnAbsoluteTargetWithAMalformedAuthority(_ target: String) {
        // The target is complete at the space after it: that byte decides, not the Host line.
        let line = Array("GET \(target) ".utf8)
        let bytes = Self.request(target: target, host: "h")
        #expect(ParseOutcome(RequestParser(), line.dropLast()) == .needMore, "\(target)")
        #expect(ParseOutcome(RequestParser(), line[...]) == .failure(.invalidTarget), "\(target)")
        #expect(ParseOutcome(RequestParser(), bytes[...]) == .failure(.invalidTarget), "\(target)")
    }
}
