import DataArtsTestSupport
import DataArtsJSON
import CDataArtsCurl
import Foundation

/// What libcurl received: status, headers in order, body.
struct CurlResponse: Sendable {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    /// The first value of `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first(named: name)
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body, which must be a JSON object, read by the project's ordered reader.
    func json() throws -> JSONObject {
        try JSONObject(parsing: body)
    }
}

struct CurlError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A blocking HTTP client over libcurl: the integration tests' independent view of the server.
enum Curl {
    private static let initialised: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    static func get(_ url: String, headers: [String: String] = [:]) throws -> CurlResponse {
        try request("GET", url, headers: headers)
    }

    static func post(_ url: String, headers: [String: String] = [:], body: [UInt8]) throws -> CurlResponse {
        try request("POST", url, headers: headers, body: body)
    }

    static func request(
        _ method: String, _ url: String, headers: [String: String] = [:], body: [UInt8]? = nil,
        timeoutSeconds: Int = 10
    ) throws -> CurlResponse {
        guard initialised, let handle = curl_easy_init() else { throw CurlError(message: "curl init failed") }
        defer { curl_easy_cleanup(handle) }

        let sink = Sink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        // curl adds `Expect: 100-continue` to large POSTs; the tests that want it send it themselves.
        for (name, value) in headers.merging(["Expect": ""], uniquingKeysWith: { first, _ in first }) {
            list = curl_slist_append(list, value.isEmpty ? "\(name):" : "\(name): \(value)")
        }
        defer { curl_slist_free_all(list) }

        ccurl_setopt_string(handle, CURLOPT_URL, url)
        ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        ccurl_setopt_long(handle, CURLOPT_TIMEOUT, timeoutSeconds)
        ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
        ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        }
        ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer)
        ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
            if line.hasPrefix("HTTP/") {
                sink.headers = []
            } else if let colon = line.firstIndex(of: ":") {
                sink.headers.append((
                    String(line[..<colon]),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            return size * count
        }
        let bodyBytes = body ?? []
        let result: CURLcode = bodyBytes.withUnsafeBufferPointer { buffer in
            if body != nil {
                ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, buffer.count)
                ccurl_setopt_pointer(
                    handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)))
            }
            return curl_easy_perform(handle)
        }
        guard result == CURLE_OK else {
            throw CurlError(message: "curl \(method) \(url): \(String(cString: curl_easy_strerror(result)))")
        }
        var status = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return CurlResponse(status: status, headers: sink.headers, body: sink.body)
    }

    /// Collects one transfer's output; touched only by curl's callbacks on the calling thread.
    private final class Sink {
        var body: [UInt8] = []
        var headers: [(name: String, value: String)] = []
    }
}
