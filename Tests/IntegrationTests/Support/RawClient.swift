import DataArtsTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP client for what curl will not send: malformed requests, pipelining, slow clients.
///
/// Blocking, with a receive timeout so that a server bug fails the test instead of hanging it.
final class RawClient {
    let fd: Int32

    init(port: UInt16, receiveTimeoutSeconds: Int = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CurlError(message: "socket: \(errno)") }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            close(fd)
            throw CurlError(message: "connect: \(errno)")
        }
    }

    deinit {
        close(fd)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw CurlError(message: "send: \(errno)") }
            offset += count
        }
    }

    /// Half-closes the sending side, as a client does when it has nothing more to say.
    func finishSending() {
        shutdown(fd, Int32(SHUT_WR))
    }

    /// Everything until the server closes (or the receive timeout).
    func readToEnd() -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return received }
            received.append(contentsOf: buffer[..<count])
        }
    }

    private var pending: [UInt8] = []

    /// The next whole response (head + Content-Length body), or nil when the server closed first.
    func readResponse() -> RawResponse? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let (response, used) = RawResponse.parse(pending) {
                pending.removeFirst(used)
                return response
            }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            pending.append(contentsOf: buffer[..<count])
        }
    }

    /// Whether the server has closed the connection (reads EOF or a reset within the timeout).
    func serverClosed() -> Bool {
        var byte: UInt8 = 0
        while true {
            let count = recv(fd, &byte, 1, 0)
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }
}

/// A response as bytes on the wire, parsed just enough for assertions.
struct RawResponse {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first(named: name)
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    static func parse(_ bytes: [UInt8]) -> (RawResponse, Int)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard bytes.count >= 4,
              let headEnd = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == separator })
        else { return nil }
        let lines = String(decoding: bytes[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        let bodyStart = headEnd + 4
        guard bytes.count >= bodyStart + length else { return nil }
        return (RawResponse(status: status, headers: headers, body: Array(bytes[bodyStart..<bodyStart + length])),
                bodyStart + length)
    }
}
