import DataArtsHTTP1

extension HTTPRequest {
    /// The request as a client would send it, for round trips through the parser: a chunked
    /// request (one with `Transfer-Encoding`) gets its body back as one chunk and loses its
    /// trailers, which `HTTPRequest` does not keep; any other keeps its headers as they are.
    ///
    /// Parsing these bytes gives this request back whenever it came from the parser: the
    /// fields are written `name: value` and re-read with the same trimming.
    var wireBytes: [UInt8] {
        var out = Array("\(method) \(target) \(version)\r\n".utf8)
        for field in headers {
            out += Array("\(field.name): \(field.value)\r\n".utf8)
        }
        out += Array("\r\n".utf8)
        if headers.contains("Transfer-Encoding") {
            if !body.isEmpty {
                out += Array("\(String(body.count, radix: 16))\r\n".utf8) + body + Array("\r\n".utf8)
            }
            out += Array("0\r\n\r\n".utf8)
        } else {
            out += body
        }
        return out
    }
}
