@testable import DataArtsMock
import DataArtsHTTP1
import DataArtsJSON
import DataArtsServices
import Testing

@Suite struct RedactionTests {
    @Test(arguments: [
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=abc123",
         "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=******"),
        ("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature = abc123",
         "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature = ******"),
        ("sdk-hmac-sha256 signature=abc123, Access=AK1", "sdk-hmac-sha256 signature=******, Access=AK1"),
        ("Basic dXNlcjpwYXNz", "Basic ******"),
        ("Bearer eyJhbGciOi.x.y", "Bearer ******"),
        ("dXNlcjpwYXNz", "******"),
    ])
    func authorizationKeepsOnlyWhatIsNotASecret(_ value: String, _ expected: String) {
        #expect(Redaction.value(of: "Authorization", value) == expected)
        #expect(Redaction.value(of: "proxy-authorization", value) == expected)
    }

    @Test func secretHeadersAndCookiesAreMasked() {
        let headers: HTTPHeaders = [
            "X-Auth-Token": "t1", "x-subject-token": "t2", "Cookie": "session=abc", "workspace": "w", "X-Security-Token": "t3",
        ]
        #expect(Redaction.headers(headers).map(\.value) == ["******", "******", "******", "w", "******"])
    }

    @Test(arguments: [
        ("user=u&password=hunter2&x=1", "user=u&password=******&x=1"),
        (#"{"dw_config":{"dbPassword":"hunter2","host":"h""#, #"{"dw_config":{"dbPassword":"******","host":"h""#),
        (#"{"db_password" : "hun\"ter2",}"#, #"{"db_password" : "******",}"#),
        (#"{"pass_word":"trunc"#, #"{"pass_word":"******"#),
        ("token: abc\nhost: h", "token: ******\nhost: h"),
        ("nothing secret here", "nothing secret here"),
    ])
    func aBodyThatIsNotJSONIsRedactedAsText(_ raw: String, _ expected: String) {
        var body = RequestBody(Array(raw.utf8))
        #expect(Redaction.body(&body) == .string(expected))
    }
}
