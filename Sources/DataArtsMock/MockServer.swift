import DataConnections
import HTTP1
public import Logging
import Transport

/// A running dataarts-mock: the front type for tests and for the command line.
///
/// The socket is bound when `init` returns, so `port` and `url` are known at once, port 0
/// included. `stop()` stops accepting and lets replies under way finish.
public final class MockServer: Sendable {
    /// The bound port: the one configured, or the kernel's pick for 0.
    public let port: UInt16
    public let configuration: MockConfiguration
    private let http: HTTPServer

    public init(
        _ configuration: MockConfiguration = MockConfiguration(),
        logger: Logger = Logger(label: "dataarts-mock", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(MockServerError) {
        self.configuration = configuration
        let clock = MockClock()
        let store = DataConnectionStore(
            clock: clock, ids: IdentifierGenerator(), maxPerWorkspace: configuration.maxConnectionsPerWorkspace)
        let responder = MockResponder(
            configuration: configuration, api: DataConnectionAPI(store: store), authenticator: Authenticator(),
            requestIDs: IdentifierGenerator(), clock: clock,
            startedAt: MockClock.monotonicMilliseconds(), logger: logger)
        let transport = HTTPServerConfiguration(
            host: configuration.host, port: configuration.port,
            limits: .init(
                maxRequestLineBytes: configuration.maxRequestLineBytes, maxHeaderBytes: configuration.maxHeaderBytes,
                maxBodyBytes: configuration.maxBodyBytes),
            headerTimeout: configuration.headerTimeout, bodyTimeout: configuration.bodyTimeout,
            idleTimeout: configuration.idleTimeout, maxClients: configuration.maxClients)
        do throws(SocketError) {
            http = try HTTPServer(configuration: transport, responder: responder, logger: logger)
        } catch {
            throw MockServerError(
                error.isAddressInUse ? .addressInUse : .listen,
                error.isAddressInUse
                    ? "port \(configuration.port) on \(configuration.host) is already in use" : error.description)
        }
        port = http.port
    }

    /// `http://HOST:PORT`, with an IPv6 host in brackets.
    public var url: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    /// The full URL of `path` on this server.
    public func url(_ path: String) -> String {
        url + path
    }

    /// Stops accepting; idle connections close now, busy ones after their reply.
    public func stop() {
        http.stop()
    }

    /// Waits until every connection has closed, at most `seconds`; true when they all did.
    @discardableResult
    public func waitUntilStopped(seconds: Double) -> Bool {
        http.waitUntilDrained(seconds: seconds)
    }
}
