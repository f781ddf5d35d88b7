import Foundation
import DataArtsHTTP1
import DataArtsSigning

/// Signs requests as the vendor's SDK does, for sending through curl.
enum SignedClient {
    /// `X-Sdk-Date` for a moment in milliseconds since the epoch.
    static func sdkDate(_ milliseconds: Int64) -> String {
        SDKDate(millisecondsSinceEpoch: milliseconds).description
    }

    /// The headers of a signed request for `url` (host and port taken from it): the given ones,
    /// `X-Sdk-Date` and `Authorization`. Curl adds unsigned headers of its own, as `requests` does
    /// for the Python SDK.
    static func headers(
        method: String, url: String, headers: [String: String], body: [UInt8] = [], accessKey: String,
        secretKey: String, dateMilliseconds: Int64
    ) -> [String: String] {
        let components = URLComponents(string: url)
        let host = "\(components?.host ?? "127.0.0.1"):\(components?.port ?? 80)"
        let target = (components?.percentEncodedPath ?? "/") + (components?.percentEncodedQuery.map { "?\($0)" } ?? "")
        var request = HTTPRequest(method: method, target: target, headers: ["Host": host], body: body)
        for (name, value) in headers { request.headers.add(name, value) }
        RequestSigner(accessKey: accessKey, secretKey: secretKey)
            .sign(&request, date: SDKDate(millisecondsSinceEpoch: dateMilliseconds))
        var result = headers
        for field in request.headers where field.name != "Host" { result[field.name] = field.value }
        return result
    }
}
