public import DataArtsHTTP1

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

    /// Two per core. Measured with wrk (64 keep-alive connections) on 2 cores: 1 loop 13.3k
    /// req/s, 2 loops 21.7–23.3k, 4 loops 27.1–30.0k, 8 loops 14.0–15.0k, 16 loops 17.9–20.8k:
    /// with libdispatch, a wakeup per event costs more than a little oversubscription.
    public static var defaultLoopCount: Int {
        max(2, 2 * onlineProcessorCount)
    }

    public init(
        host: String = "127.0.0.1", port: UInt16 = 8080, limits: RequestParser.Limits = .init(),
        headerTimeout: Double = 10, bodyTimeout: Double = 10, idleTimeout: Double = 60,
        maxClients: Int = 1024, loopCount: Int = HTTPServerConfiguration.defaultLoopCount
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
