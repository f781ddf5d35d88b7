public import HTTP1

/// Where the server listens and the limits it holds every client to (SPEC §5).
public struct HTTPServerConfiguration: Sendable {
    public var host: String
    /// 0 lets the kernel pick a free port.
    public var port: UInt16
    public var limits: RequestParser.Limits
    /// Seconds a request head may take to arrive (408 after it).
    public var headerTimeout: Double
    /// Seconds a body may stall without a byte arriving (408 after it).
    public var bodyTimeout: Double
    /// Seconds an idle keep-alive connection stays open.
    public var idleTimeout: Double
    /// Open connections beyond which new clients get 503 and are closed.
    public var maxClients: Int
    /// Serial queues that every connection queue targets: the bound on threads doing I/O.
    public var loopCount: Int

    public init(
        host: String = "127.0.0.1", port: UInt16 = 8080, limits: RequestParser.Limits = .init(),
        headerTimeout: Double = 10, bodyTimeout: Double = 10, idleTimeout: Double = 60,
        maxClients: Int = 1024, loopCount: Int = 2
    ) {
        self.host = host
        self.port = port
        self.limits = limits
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxClients = maxClients
        self.loopCount = loopCount
    }
}
