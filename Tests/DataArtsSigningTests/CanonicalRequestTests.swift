import DataArtsHTTP1
import DataArtsSigning
import Testing

/// Expected values computed with the vendor's published Python verifier logic
/// (`unquote`, then `quote(s, safe='~')`).
struct CanonicalRequestTests {
    @Test(arguments: [
        ("/v1/p/data-connections/a%2Fb%20c", "/v1/p/data-connections/a/b%20c/"),
        ("/v1/p/x%zzy/%41%e2%82%ac", "/v1/p/x%25zzy/A%E2%82%AC/"),
        ("/v1/p/caf%C3%A9", "/v1/p/caf%C3%A9/"),
        ("/v1/p/café", "/v1/p/caf%C3%A9/"),
        ("/v1/p/%E2%82", "/v1/p/%EF%BF%BD/"),
        ("/a~b/*'(!)", "/a~b/%2A%27%28%21%29/"),
        ("/a+b/%2B", "/a%2Bb/%2B/"),
        ("/a//b/", "/a//b/"),
        ("/", "/"),
        ("", "/"),
    ])
    func canonicalURIDecodesSplitsAndEncodesEachSegment(raw: String, canonical: String) {
        #expect(CanonicalRequest.canonicalURI(raw) == canonical)
    }

    @Test(arguments: [
        ("name=a%20b%2Fc%2A~%27%C3%A9&limit=5", "limit=5&name=a%20b%2Fc%2A~%27%C3%A9"),
        ("b=2&a=1&a=0&=x&&c", "a=0&a=1&b=2&c="),
        ("q=a+b&q=*'~&r=%7e%7E", "q=%2A%27~&q=a%2Bb&r=~~"),
        ("k=caf%C3%A9&k=cafe%CC%81", "k=cafe%CC%81&k=caf%C3%A9"),
        ("z=%zz&z=%4", "z=%254&z=%25zz"),
        ("é=1&e=2", "e=2&%C3%A9=1"),
        ("a=b=c", "a=b%3Dc"),
        ("limit=10&name=dws%20conn&offset=0", "limit=10&name=dws%20conn&offset=0"),
        ("", ""),
    ])
    func canonicalQueryDecodesSortsAndEncodesEachPair(raw: String, canonical: String) {
        #expect(CanonicalRequest.canonicalQueryString(raw) == canonical)
    }

    @Test func escapedPathAndQueryVerifyWhateverSpellingArrives() throws {
        let project = "/v1/\(Vectors.projectID)/data-connections/a%2Fb%20c"
        let signed = Vectors.signedRequest("GET", project + "?name=a%20b%2Fc%2A~%27%C3%A9&limit=5")
        var respelled = signed
        respelled.target = project + "?limit=5&name=a%20b%2fc*%7E'%c3%a9"
        for request in [signed, respelled] {
            #expect(throws: Never.self) {
                try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
            }
        }
        let lines = CanonicalRequest(respelled, signedHeaders: []).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "/v1/\(Vectors.projectID)/data-connections/a/b%20c/")
        #expect(lines[2] == "limit=5&name=a%20b%2Fc%2A~%27%C3%A9")
    }

    @Test func plusInTheQueryIsAPlusNotASpace() {
        var request = Vectors.signedRequest("GET", "/v1/\(Vectors.projectID)/data-connections?name=a%20b")
        request.target = "/v1/\(Vectors.projectID)/data-connections?name=a+b"
        #expect(throws: SignatureFailure.self) {
            try Vectors.verifier.verify(request, secretKey: Vectors.secretKey, now: Vectors.dateMilliseconds)
        }
    }

    @Test func absentSignedHeaderIsWrittenWithAnEmptyValue() {
        let request = HTTPRequest(method: "GET", target: "/", headers: ["Host": "h"])
        #expect(CanonicalRequest(request, signedHeaders: ["host", "x-missing"]).text == """
            GET
            /

            host:h
            x-missing:

            host;x-missing
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
    }

    @Test func repeatedHeaderGivesOneSortedLinePerValue() {
        let request = HTTPRequest(method: "GET", target: "/", headers: ["X-Tag": "b", "x-tag": "a", "X-TAG": " c "])
        let lines = CanonicalRequest(request, signedHeaders: ["x-tag"]).text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("x-tag:") } == ["x-tag:a", "x-tag:b", "x-tag:c"])
    }

    @Test func headerValuesAreTrimmedAsPythonStripDoes() {
        let request = HTTPRequest(method: "GET", target: "/", headers: ["A": " \t x y \u{A0}", "B": "\u{1F}z\u{85}"])
        let lines = CanonicalRequest(request, signedHeaders: ["a", "b"]).text.split(separator: "\n")
        #expect(lines.contains("a:x y"))
        #expect(lines.contains("b:z"))
    }

    @Test func signedHeaderNameIsWrittenAsListed() {
        let request = HTTPRequest(method: "GET", target: "/", headers: ["host": "h"])
        #expect(CanonicalRequest(request, signedHeaders: ["Host"]).text.contains("\nHost:h\n\nHost\n"))
    }

    @Test func methodIsUpperCasedAndAbsoluteFormTargetUsesItsPath() {
        let request = HTTPRequest(method: "get", target: "http://127.0.0.1:8080/v1/p/x?b=2&a=1")
        let lines = CanonicalRequest(request, signedHeaders: []).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(lines.prefix(3)) == ["GET", "/v1/p/x/", "a=1&b=2"])
    }

    @Test func digestIsTheHexSHA256OfTheText() {
        let request = HTTPRequest(method: "GET", target: "/")
        let canonical = CanonicalRequest(request, signedHeaders: [])
        #expect(canonical.text == "GET\n/\n\n\n\n\(Vectors.emptyBodyHash)")
        #expect(canonical.digest.utf8.count == 64)
        #expect(RequestSignature.stringToSign(canonical, date: Vectors.date)
            == "SDK-HMAC-SHA256\n20250101T000000Z\n\(canonical.digest)")
    }
}
