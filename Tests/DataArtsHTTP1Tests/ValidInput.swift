import DataArtsHTTP1
import Testing

/// A request's bytes and the request the parser must make of them.
///
/// In the text a `¦` marks where the header section ends: from there on the parser knows the
/// head (and reports it through `progress(_:)`) while the body is still arriving.
struct ValidInput: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    /// The length of the shortest prefix whose head is complete.
    let headEnd: Int
    let request: HTTPRequest

    init(_ name: String, _ text: String, _ request: HTTPRequest) {
        let parts = text.split(separator: MalformedInput.marker, omittingEmptySubsequences: false)
        precondition(parts.count == 2, "\(name): mark the end of the head with exactly one \(MalformedInput.marker)")
        self.name = name
        self.bytes = Array(parts[0].utf8) + Array(parts[1].utf8)
        self.headEnd = parts[0].utf8.count
        self.request = request
    }

    var testDescription: String { name }

    /// The framing that the head of `request` declares.
    var framing: HTTPRequestHead.Framing {
        request.headers.contains("Transfer-Encoding") ? .chunked : .contentLength(request.body.count)
    }

    static let project = "0123456789abcdef0123456789abcdef"
    static let authorization =
        "SDK-HMAC-SHA256 Access=4f1c2a9d8e7b6a5f4e3d, SignedHeaders=content-type;host;x-sdk-date, "
        + "Signature=9b0a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b"
    static let createBody = #"{"dw_name":"hive_01","dw_type":"HIVE","dw_config":{"clusterName":"mrs"}}"#

    /// Requests as the vendor's SDK, curl and older clients send them.
    static let all: [ValidInput] = [
        .init(
            "SDK list GET",
            "GET /v1/\(project)/data-connections?offset=0&limit=10 HTTP/1.1\r\n"
                + "Host: dayu.cn-north-4.myhuaweicloud.com\r\nUser-Agent: huaweicloud-usdk-python/3.0\r\n"
                + "X-Sdk-Date: 20240101T000000Z\r\nworkspace: a1b2c3d4e5f60718293a4b5c6d7e8f90\r\n"
                + "Authorization: \(authorization)\r\nAccept: */*\r\n\r\n¦",
            HTTPRequest(
                method: "GET", target: "/v1/\(project)/data-connections?offset=0&limit=10",
                headers: [
                    "Host": "dayu.cn-north-4.myhuaweicloud.com", "User-Agent": "huaweicloud-usdk-python/3.0",
                    "X-Sdk-Date": "20240101T000000Z", "workspace": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
                    "Authorization": authorization, "Accept": "*/*",
                ])),
        .init(
            "SDK create POST with Content-Length",
            "POST /v1/\(project)/data-connections HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
                + "Content-Type: application/json;charset=UTF-8\r\nX-Sdk-Date: 20240101T000000Z\r\n"
                + "Authorization: \(authorization)\r\nContent-Length: \(createBody.utf8.count)\r\n\r\n¦\(createBody)",
            HTTPRequest(
                method: "POST", target: "/v1/\(project)/data-connections",
                headers: [
                    "Host": "127.0.0.1:8080", "Content-Type": "application/json;charset=UTF-8",
                    "X-Sdk-Date": "20240101T000000Z", "Authorization": authorization,
                    "Content-Length": "\(createBody.utf8.count)",
                ],
                body: Array(createBody.utf8))),
        .init(
            "chunked POST with extensions and trailers",
            "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n¦"
                + "5;name=\"v a l\"\r\nhello\r\n7 ; last\r\n, world\r\nA\r\n\r\n\u{0}binary!\r\n"
                + "0\r\nX-Checksum: abc\r\nX-More: 1\r\n\r\n",
            HTTPRequest(
                method: "POST", target: "/upload",
                headers: ["Host": "h", "Transfer-Encoding": "chunked", "Trailer": "X-Checksum"],
                body: Array("hello, world\r\n\u{0}binary!".utf8))),
        .init(
            "HTTP/1.0 GET without Host",
            "GET /index.html HTTP/1.0\r\nConnection: keep-alive\r\nUser-Agent: ApacheBench/2.3\r\n\r\n¦",
            HTTPRequest(
                method: "GET", target: "/index.html", version: .http1_0,
                headers: ["Connection": "keep-alive", "User-Agent": "ApacheBench/2.3"])),
        .init(
            "HTTP/1.0 POST with Content-Length",
            "POST /form HTTP/1.0\r\nContent-Length: 7\r\n\r\n¦a=1&b=2",
            HTTPRequest(
                method: "POST", target: "/form", version: .http1_0, headers: ["Content-Length": "7"],
                body: Array("a=1&b=2".utf8))),
        .init(
            "POST with lone LF line endings",
            "POST /lf HTTP/1.1\nHost: h\nContent-Length: 3\n\n¦abc",
            HTTPRequest(method: "POST", target: "/lf", headers: ["Host": "h", "Content-Length": "3"], body: Array("abc".utf8))),
        .init(
            "GET after empty lines",
            "\r\n\n\r\nGET /late HTTP/1.1\r\nHost: h\r\n\r\n¦",
            HTTPRequest(method: "GET", target: "/late", headers: ["Host": "h"])),
        .init(
            "chunked with lone LF and upper-case hex",
            "PUT /x HTTP/1.1\nHost: h\nTransfer-Encoding: Chunked\n\n¦B\nhello world\n0\n\n",
            HTTPRequest(
                method: "PUT", target: "/x", headers: ["Host": "h", "Transfer-Encoding": "Chunked"],
                body: Array("hello world".utf8))),
        .init(
            "absolute-form GET",
            "GET http://dayu.example.com:443/v1/p/data-connections?limit=1 HTTP/1.1\r\nHost: dayu.example.com\r\n\r\n¦",
            HTTPRequest(
                method: "GET", target: "http://dayu.example.com:443/v1/p/data-connections?limit=1",
                headers: ["Host": "dayu.example.com"])),
        .init(
            "OPTIONS * with odd spacing in values",
            "OPTIONS * HTTP/1.1\r\nHost:h\r\nX-Empty:\r\nX-Padded: \t padded value \t\r\n\r\n¦",
            HTTPRequest(
                method: "OPTIONS", target: "*",
                headers: ["Host": "h", "X-Empty": "", "X-Padded": "padded value"])),
        .init(
            "DELETE with an equal duplicate Content-Length",
            "DELETE /v1/p/data-connections/c1 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\ncontent-length: 2, 2\r\n\r\n¦{}",
            HTTPRequest(
                method: "DELETE", target: "/v1/p/data-connections/c1",
                headers: ["Host": "h", "Content-Length": "2", "content-length": "2, 2"], body: Array("{}".utf8))),
    ]
}
