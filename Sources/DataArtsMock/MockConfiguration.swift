/// Everything a `MockServer` can be told at start: the CLI's flags as a value (SPEC §7).
public struct MockConfiguration: Sendable {
    public var host: String
    /// 0 lets the kernel pick a free port; `MockServer.port` tells which.
    public var port: UInt16

    // HTTP limits and timeouts (SPEC §5).
    public var maxRequestLineBytes: Int
    public var maxHeaderBytes: Int
    public var maxBodyBytes: Int
    public var headerTimeout: Double
    public var bodyTimeout: Double
    public var idleTimeout: Double
    public var maxClients: Int

    /// Whether `/__mock/…` answers; `--no-admin` turns it off.
    public var adminEnabled: Bool

    /// Connections one workspace of one project may hold (SPEC §2.6).
    public var maxConnectionsPerWorkspace: Int

    public init(
        host: String = "127.0.0.1", port: UInt16 = 8080,
        maxRequestLineBytes: Int = 8192, maxHeaderBytes: Int = 32768, maxBodyBytes: Int = 12 * 1024 * 1024,
        headerTimeout: Double = 10, bodyTimeout: Double = 10, idleTimeout: Double = 60, maxClients: Int = 1024,
        adminEnabled: Bool = true, maxConnectionsPerWorkspace: Int = 200
    ) {
        self.host = host
        self.port = port
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxClients = maxClients
        self.adminEnabled = adminEnabled
        self.maxConnectionsPerWorkspace = maxConnectionsPerWorkspace
    }
}
