import Dispatch
import DataArtsHTTP1
public import Logging
import DataArtsLocking

/// An HTTP/1.1 server on a non-blocking listening socket, served by one `EventLoop` a core.
///
/// The socket is bound and listening when `init` returns, so `port` is known at once (port 0
/// included) and needs no readiness handshake. Every loop watches the listener and accepts
/// what it is woken for; new connections are dealt out to the loops in turn, so that a burst of
/// connects accepted by one loop does not leave the others idle.
public final class HTTPServer: Sendable {
    /// The bound port: the one asked for, or the kernel's pick for 0.
    public let port: UInt16
    public let configuration: HTTPServerConfiguration

    private let listener: Int32
    private let loops: [EventLoop]
    private let context: ConnectionContext
    private let registry = Locked(Registry())
    private let drained = DispatchGroup()

    private struct Registry {
        /// Connections holding a `--max-clients` slot.
        var open = 0
        var accepted = 0
        var stopping = false
        /// Loops that still watch the listener; the last to stop closes it.
        var watching = 0
    }

    public init(configuration: HTTPServerConfiguration, responder: some HTTPResponder, logger: Logger) throws(SocketError) {
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: 1024)
        var loops: [EventLoop] = []
        do throws(SocketError) {
            for index in 0..<max(1, configuration.loopCount) { loops.append(try EventLoop(label: "dataarts-mock.loop.\(index)", responder: responder)) }
        } catch {
            Socket.close(fd)
            throw error
        }
        self.listener = fd
        self.port = port
        self.configuration = configuration
        self.loops = loops
        self.context = ConnectionContext(
            parser: RequestParser(limits: configuration.limits), responder: responder, configuration: configuration,
            logger: logger)
        registry.withLock { $0.watching = loops.count }
        // The listener counts as open until it is closed: a drained server refuses connects.
        drained.enter()
        for loop in loops {
            loop.execute { [weak self] in
                guard let self else { return }
                loop.watchListener(fd) { [weak self] loop in self?.acceptPending(on: loop) }
            }
            loop.start()
        }
    }

    /// Connections holding a `--max-clients` slot right now: open, and not yet past their final
    /// reply.
    public var openConnections: Int {
        registry.withLock { $0.open }
    }

    /// Stops accepting; idle connections close now, busy ones after their current reply.
    public func stop() {
        let first = registry.withLock { registry -> Bool in
            defer { registry.stopping = true }
            return !registry.stopping
        }
        guard first else { return }
        for loop in loops {
            let told = loop.execute {
                for connection in loop.stopAccepting() { connection.shutdown() }
                self.listenerUnwatched()
            }
            if !told { listenerUnwatched() }
        }
    }

    /// Waits until every connection and the listener have closed, at most `seconds`; true when
    /// they all did.
    @discardableResult
    public func waitUntilDrained(seconds: Double) -> Bool {
        drained.wait(timeout: .now() + seconds) == .success
    }

    /// Closes the listener once no loop watches it any more: closing it under a loop's poller
    /// would leave a registration behind for a number that the next socket may get.
    private func listenerUnwatched() {
        let last = registry.withLock { registry -> Bool in
            registry.watching -= 1
            return registry.watching == 0
        }
        if last {
            Socket.close(listener)
            drained.leave()
        }
    }

    /// On `loop`'s thread, which the listener woke.
    private func acceptPending(on loop: EventLoop) {
        // Bounded so that one flood of connects cannot starve the loop of other work.
        for _ in 0..<64 {
            let fd: Int32
            do throws(SocketError) {
                guard let accepted = try Socket.accept(listener) else { return }
                fd = accepted
            } catch {
                context.logger.warning("accept failed", metadata: ["error": "\(error)"])
                // Out of descriptors: the listener stays readable, so pause instead of spinning.
                if error.isOutOfDescriptors { loop.pauseAccepting(for: 100) }
                return
            }
            let (admitted, index) = registry.withLock { registry -> (Bool, Int) in
                registry.accepted += 1
                let admitted = !registry.stopping && registry.open < configuration.maxClients
                if admitted { registry.open += 1 }
                return (admitted, registry.accepted)
            }
            if admitted { drained.enter() }
            let owner = loops[index % loops.count]
            let connection = Connection(
                fd: fd, loop: owner, context: context, overloaded: !admitted,
                onSlotFreed: { [weak self] in if admitted { self?.freeSlot() } },
                onClose: { [weak self] in if admitted { self?.drained.leave() } })
            if owner === loop {
                connection.start()
            } else if !owner.execute({ connection.start() }) {
                // That loop has ended (the server is stopping): nobody will serve this socket.
                Socket.close(fd)
                if admitted {
                    freeSlot()
                    drained.leave()
                }
            }
        }
    }

    private func freeSlot() {
        registry.withLock { $0.open -= 1 }
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
