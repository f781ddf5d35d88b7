public import DataArtsHTTP1

/// What the server does with a request once it has been parsed.
public enum HTTPReply: Sendable, Equatable {
    case response(HTTPResponse)
    /// Close the connection without answering (an injected fault).
    case close
}

/// Why the transport answers a client itself, without the responder seeing a request.
public enum HTTPRefusal: Sendable, Equatable {
    case malformed(HTTPParseError)
    /// The head or body did not arrive within its timeout.
    case timeout
    /// More clients are connected than `maxClients`.
    case overloaded
}

/// The application behind the transport.
public protocol HTTPResponder: Sendable {
    /// Answers `request`, called on the thread of the connection's event loop: a slow answer
    /// holds up every connection of that loop, so return `nil` and answer `later` for anything
    /// that waits (a delay, a disk write). Return the reply when it is ready
    /// now (the common case, answered without another hop), or `nil` and call `later` exactly
    /// once, from any thread (a delayed or persisted answer). Requests on one connection are
    /// passed one at a time, so replies leave in request order.
    func respond(to request: HTTPRequest, later: @escaping @Sendable (HTTPReply) -> Void) -> HTTPReply?

    /// The answer to a request the transport refused; the connection closes after it.
    func response(to refusal: HTTPRefusal) -> HTTPResponse

    /// An event loop's turn begins on this thread: the answers to the requests it passes on
    /// until `turnEnded()` are sent only after that call. A responder can keep what it
    /// does for each request of the turn on this thread and hand it on once a turn (the access
    /// log does). Requests of a turn's pipelined follow-ups and later replies come outside one.
    func turnBegan()

    /// The turn that `turnBegan()` opened on this thread ends; its answers are sent next.
    func turnEnded()
}

extension HTTPResponder {
    public func turnBegan() {}
    public func turnEnded() {}
}
