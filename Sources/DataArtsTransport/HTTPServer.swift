import Dispatch
import DataArtsHTTP1
public import Logging
import DataArtsLocking

/// An HTTP/1.1 server on a non-blocking listening socket, driven by Dispatch sources.
///
/// The socket is bound and listening when `init` returns, so `port` is known at once (port 0
/// included) and needs no readiness handshake.
public final class HTTPServer: Sendable {
    /// The bound port: the one asked for, or the kernel's pick for 0.
    public let port: UInt16
    public let configuration: HTTPServerConfiguration

    private let listener: Int32
    private let acceptQueue = DispatchQueue(label: "dataarts-mock.accept")
    private let loops: [DispatchQueue]
    // DispatchSource is thread-safe but not annotated Sendable in corelibs-libdispatch (Swift 6.3.1).
    nonisolated(unsafe) private let acceptSource: any DispatchSourceRead
    private let context: ConnectionContext
    private let registry = Locked(Registry())
    private let drained = DispatchGroup()

    private struct Registry {
        var connections: [ObjectIdentifier: Connection] = [:]
        var accepted = 0
        var stopping = false
    }

    public init(configuration: HTTPServerConfiguration, responder: some HTTPResponder, logger: Logger) throws(SocketError) {
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: 1024)
        self.listener = fd
        self.port = port
        self.configuration = configuration
        self.loops = (0..<max(1, configuration.loopCount)).map { DispatchQueue(label: "dataarts-mock.loop.\($0)") }
        self.context = ConnectionContext(
            parser: RequestParser(limits: configuration.limits), responder: responder, configuration: configuration,
            logger: logger)
        self.acceptSource = DispatchSource.makeReadSource(fileDescriptor: fd, queue: acceptQueue)
        acceptSource.setEventHandler { [weak self] in self?.acceptPending() }
        acceptSource.setCancelHandler { Socket.close(fd) }
        acceptSource.resume()
    }

    /// Connections open right now.
    public var openConnections: Int {
        registry.withLock { $0.connections.count }
    }

    /// Stops accepting; idle connections close now, busy ones after their current reply.
    public func stop() {
        let connections = registry.withLock { registry -> [Connection] in
            guard !registry.stopping else { return [] }
            registry.stopping = true
            return Array(registry.connections.values)
        }
        acceptSource.cancel()
        for connection in connections { connection.shutdown() }
    }

    /// Waits until every connection has closed, at most `seconds`; true when they all did.
    @discardableResult
    public func waitUntilDrained(seconds: Double) -> Bool {
        drained.wait(timeout: .now() + seconds) == .success
    }

    private func acceptPending() {
        // Bounded so that one flood of connects cannot starve the loop of other work.
        for _ in 0..<64 {
            let fd: Int32
            do throws(SocketError) {
                guard let accepted = try Socket.accept(listener) else { return }
                fd = accepted
            } catch {
                context.logger.warning("accept failed", metadata: ["error": "\(error)"])
                if error.isOutOfDescriptors {
                    // Out of descriptors: the listener stays readable, so pause instead of spinning.
                    // The server is held, not weakly captured, for those 100 ms: a source released
                    // while suspended traps in libdispatch, so the resume must come whatever happens.
                    acceptSource.suspend()
                    acceptQueue.asyncAfter(deadline: .now() + .milliseconds(100)) { self.acceptSource.resume() }
                }
                return
            }
            let (admitted, index) = registry.withLock { registry -> (Bool, Int) in
                registry.accepted += 1
                return (!registry.stopping && registry.connections.count < configuration.maxClients, registry.accepted)
            }
            let connection = Connection(
                fd: fd, queue: DispatchQueue(label: "dataarts-mock.connection", target: loops[index % loops.count]),
                context: context, overloaded: !admitted
            ) { [weak self] connection in
                self?.forget(connection)
            }
            if admitted {
                registry.withLock { $0.connections[ObjectIdentifier(connection)] = connection }
                drained.enter()
            }
            connection.start()
        }
    }

    private func forget(_ connection: Connection) {
        let removed = registry.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(connection)) != nil }
        if removed { drained.leave() }
    }
}

/// What every connection of one server shares.
struct ConnectionContext: Sendable {
    let parser: RequestParser
    let responder: any HTTPResponder
    let configuration: HTTPServerConfiguration
    let logger: Logger
    let date = HTTPDate()
}
