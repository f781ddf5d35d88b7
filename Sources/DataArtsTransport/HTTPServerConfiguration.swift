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
    /// Event loops, each a thread with its own poller that serves the connections dealt to it.
    public var loopCount: Int

    /// One per core. Measured on 2 cores with `compare.sh` (wrk -t2 -c64, 3 rounds, medians, two
    /// runs): 4 loops 14.8k create / 23.2k show / 7.4k list req/s against 2 loops' 18.9k / 36.1k
    /// / 15.0k; 1 loop 15.4k / 31.6k / 8.4k against 19.9k / 33.5k / 13.7k. Each loop is a
    /// thread that never blocks but in its poller,
    /// so more loops than cores only take turns on them. (The Dispatch-source design before
    /// the event loops did best with two per core: a wake-up per event cost more than that.)
    public static var defaultLoopCount: Int {
        max(1, onlineProcessorCount)
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
