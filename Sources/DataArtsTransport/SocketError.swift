/// A failed socket call and the `errno` it left.
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: String
    public let code: Int32

    init(_ call: String, code: Int32 = Socket.lastErrorCode) {
        self.call = call
        self.code = code
    }

    /// Whether the address or port is taken by another socket.
    public var isAddressInUse: Bool { Socket.isAddressInUse(code) }

    /// Whether the process or the system has no descriptor left (EMFILE, ENFILE).
    var isOutOfDescriptors: Bool { Socket.isOutOfDescriptors(code) }

    public var description: String {
        "\(call) failed: \(Socket.message(forErrorCode: code)) (errno \(code))"
    }
}
