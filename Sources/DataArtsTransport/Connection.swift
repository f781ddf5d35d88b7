import Dispatch
import DataArtsHTTP1
import Logging
import DataArtsLocking

/// One client connection: reads, parses, hands each request to the responder, writes replies in
/// order, and enforces the timeouts.
///
/// Every event runs on the thread of `loop`, the event loop that owns the connection; a reply
/// answered later comes back to it through `EventLoop.execute`. `state` is behind a lock only
/// because Swift cannot see that confinement; it is never contended, so socket calls inside it
/// hold up nobody.
final class Connection: Sendable {
    private let fd: Int32
    private let loop: EventLoop
    /// What the loop knows this connection by (see `Poller`).
    private let token: UInt64
    private let context: ConnectionContext
    /// Called once when the connection stops holding a `--max-clients` slot: at its final
    /// reply (lingering only drains the socket) or at close, whichever comes first.
    private let onSlotFreed: @Sendable () -> Void
    /// Called once, when the socket is closed.
    private let onClose: @Sendable () -> Void
    private let state: Locked<State>

    /// How long a connection that is closing after an error keeps reading and discarding, so
    /// that the client sees the reply instead of a reset (RFC 9112 §9.6).
    private static let lingerSeconds = 2.0

    private enum Phase {
        /// Waiting for the first byte of a request.
        case idle(since: DispatchTime)
        case head(since: DispatchTime)
        case body(lastProgress: DispatchTime)
        /// The responder has the request; nothing is read until it answers.
        case processing
        /// Half-closed after a final reply; reading only to discard.
        case lingering(since: DispatchTime)
        case closed
    }

    private struct State {
        var phase: Phase
        /// Bytes received; those before `inboundStart` belong to requests already answered.
        var inbound: [UInt8] = []
        var inboundStart = 0
        /// The parse of the request in `inbound[inboundStart...]`, resumed on every read so that
        /// a request arriving in many reads is parsed in time linear in its bytes.
        var decoder: RequestDecoder
        /// Bytes to send; those before `outboundSent` are sent. Emptied once all are, so that
        /// `outbound.isEmpty` still means "nothing left to write".
        var outbound: [UInt8] = []
        var outboundSent = 0
        var lastWriteProgress = DispatchTime.now()
        var closeAfterWrite = false
        var sentContinue = false
        var servedRequests = 0
        /// What the loop's poller watches the socket for.
        var interest = Poller.Interest.none
        var shuttingDown = false
        /// The client has finished sending: answer what it sent, then close.
        var peerClosed = false
        /// The deadline the loop has been asked to wake this connection for.
        var scheduledDeadline = DispatchTime.distantFuture
        var slotFreed = false
        /// `outbound` waits for the loop's end-of-turn flush (`flushDeferred`), not for room.
        var flushDeferred = false
    }

    /// Over `--max-clients`: answered 503 and closed as soon as it starts.
    private let overloaded: Bool

    init(
        fd: Int32, loop: EventLoop, context: ConnectionContext, overloaded: Bool,
        onSlotFreed: @escaping @Sendable () -> Void, onClose: @escaping @Sendable () -> Void
    ) {
        self.fd = fd
        self.loop = loop
        self.token = loop.makeToken()
        self.context = context
        self.onSlotFreed = onSlotFreed
        self.onClose = onClose
        self.overloaded = overloaded
        self.state = Locked(State(phase: .idle(since: .now()), decoder: RequestDecoder(limits: context.parser.limits)))
    }

    /// Registers with the loop and starts reading; on the loop's thread.
    func start() {
        let serving = loop.register(self, token: token)
        state.withLock { state in
            setInterest(.readingOnly, &state)
            if case .closed = state.phase { return }
            state.shuttingDown = !serving
            if overloaded || !serving {
                finish(context.responder.response(to: .overloaded), closing: true, &state)
            } else {
                scheduleTimer(&state)
            }
        }
    }

    /// The server is stopping: close when idle, or after the reply under way. On the loop's thread.
    func shutdown() {
        state.withLock { state in
            state.shuttingDown = true
            if case .idle = state.phase, state.outbound.isEmpty { close(&state) }
        }
    }

    /// What the loop saw on the socket.
    func handle(_ event: Poller.Event) {
        if event.writable { writable() }
        if event.readable { readable() }
    }

    /// The loop's deadline check: acts when this connection's own deadline has come.
    func checkDeadline(_ now: DispatchTime) {
        let due = state.withLock { state -> Bool in
            guard state.scheduledDeadline <= now else {
                // Not yet: the loop forgot every deadline when it woke, so ask again.
                if state.scheduledDeadline != .distantFuture { loop.wake(at: state.scheduledDeadline) }
                return false
            }
            return true
        }
        if due { timerFired() }
    }

    // MARK: - Events

    private func readable() {
        state.withLock { state in
            // Not reading (an answer is on its way, or the peer is done), or closed by the write
            // that ran first for the same event.
            guard state.interest.reading else { return }
            let closed = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 65536) { buffer in
                // Bounded, so that a client streaming without pause is parsed (and refused at a
                // limit) instead of buffered without end.
                for _ in 0..<16 {
                    switch Socket.receive(fd, into: UnsafeMutableRawBufferPointer(buffer)) {
                    case .bytes(let count):
                        if case .lingering = state.phase { continue }
                        state.inbound.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
                        if case .body = state.phase { state.phase = .body(lastProgress: .now()) }
                        if count < buffer.count { return false }
                    case .interrupted:
                        continue
                    case .wouldBlock:
                        return false
                    case .closed:
                        // The peer closed (or reset): nothing more can be answered.
                        return true
                    }
                }
                return false
            }
            if closed {
                if case .lingering = state.phase {
                    // The client has read the final reply and closed: nothing left to wait for.
                    close(&state)
                    return
                }
                // A client may send its last request and close its side at once (a half
                // close): it still gets its answers. Reading stops, or EOF would fire forever.
                state.peerClosed = true
                suspendReading(&state)
            }
            processBuffered(&state)
        }
    }

    private func writable() {
        state.withLock { state in
            guard state.interest.writing else { return }
            flush(&state)
            // A reply that needed the write source is out: pipelined requests go on.
            if state.outbound.isEmpty, case .idle = state.phase { processBuffered(&state) }
        }
    }

    private func timerFired() {
        state.withLock { state in
            state.scheduledDeadline = .distantFuture
            let now = DispatchTime.now()
            guard let deadline = deadline(of: state), deadline <= now else {
                scheduleTimer(&state)
                return
            }
            switch state.phase {
            case .head, .body:
                finish(context.responder.response(to: .timeout), closing: true, &state)
            default:
                close(&state)
            }
        }
    }

    // MARK: - Requests

    /// Parses what has arrived and acts on it: answer requests, refuse bad bytes, or wait.
    /// A loop, not recursion, so that thousands of pipelined requests in one read cannot
    /// exhaust the stack.
    private func processBuffered(_ state: inout State) {
        while true {
            switch state.phase {
            case .processing, .lingering, .closed: return
            default: break
            }
            // A reply still being written: the write source resumes the pipeline. Replies only
            // waiting for the end of the turn may gather, up to a bound: a pipelined burst
            // then goes out in one send.
            guard state.outbound.isEmpty || (state.flushDeferred && state.outbound.count < 65536) else { return }
            if state.inboundStart == state.inbound.count {
                if case .idle = state.phase {} else { state.phase = .idle(since: .now()) }
                if state.shuttingDown || state.peerClosed {
                    close(&state)
                    return
                }
                awaitMoreBytes(&state)
                return
            }
            let progress: RequestParser.Progress
            do throws(HTTPParseError) {
                progress = try state.decoder.progress(state.inbound[state.inboundStart...])
            } catch {
                context.logger.debug("refused malformed request", metadata: ["error": "\(error)"])
                finish(context.responder.response(to: .malformed(error)), closing: true, &state)
                return
            }
            switch progress {
            case .needMore where state.peerClosed:
                // The rest of this request will never come.
                close(&state)
                return
            case .needMore(head: nil):
                if case .head = state.phase {} else { state.phase = .head(since: .now()) }
                awaitMoreBytes(&state)
                return
            case .needMore(head: let head?):
                if case .body = state.phase {} else { state.phase = .body(lastProgress: .now()) }
                if head.expectsContinue && !state.sentContinue {
                    state.sentContinue = true
                    state.outbound.append(contentsOf: HTTPResponse(status: .continue).serialized())
                    flush(&state)
                }
                awaitMoreBytes(&state)
                return
            case .complete(let request, let consumed):
                state.inboundStart += consumed
                // Answered bytes are dropped in bulk, not per request: removing each request's
                // bytes from the front would move the rest of a pipelined burst every time.
                if state.inboundStart == state.inbound.count {
                    state.inbound.removeAll(keepingCapacity: state.inbound.count <= 65536)
                    state.inboundStart = 0
                } else if state.inboundStart >= 65536 && state.inboundStart >= state.inbound.count / 2 {
                    state.inbound.removeFirst(state.inboundStart)
                    state.inboundStart = 0
                }
                state.sentContinue = false
                state.phase = .processing
                let keepAlive = request.wantsKeepAlive
                let isHead = request.method == "HEAD"
                let later: @Sendable (HTTPReply) -> Void = { reply in
                    self.loop.execute {
                        self.state.withLock { state in
                            self.apply(reply, keepAlive: keepAlive, isHead: isHead, &state)
                            self.processBuffered(&state)
                        }
                    }
                }
                guard let reply = context.responder.respond(to: request, later: later) else {
                    // Answered later: read nothing more until then, so the buffer stays bounded.
                    suspendReading(&state)
                    return
                }
                apply(reply, keepAlive: keepAlive, isHead: isHead, &state)
            }
        }
    }

    /// Sends the reply to the request in progress (or closes, for an injected fault).
    private func apply(_ reply: HTTPReply, keepAlive: Bool, isHead: Bool, _ state: inout State) {
        guard case .processing = state.phase else { return }
        state.servedRequests += 1
        switch reply {
        case .close:
            close(&state)
        case .response(let response):
            state.phase = .idle(since: .now())
            finish(response, closing: !keepAlive || state.shuttingDown, includeBody: !isHead, &state)
        }
    }

    /// Queues `response` with the headers the transport owns, and writes it.
    private func finish(_ response: HTTPResponse, closing: Bool, includeBody: Bool = true, _ state: inout State) {
        if closing {
            state.closeAfterWrite = true
            state.phase = .lingering(since: .now())
        }
        response.write(into: &state.outbound, date: context.date.now(), closing: closing, includeBody: includeBody)
        deferFlush(&state)
    }

    /// Sends at the end of the loop's turn, after every ready connection has been answered,
    /// not at once. Sending at once woke the client between every two answers: perf and the
    /// threads' context-switch counts showed a switch for almost every second request (a woken
    /// client preempting the loop), where a turn's answers sent together wake it once.
    private func deferFlush(_ state: inout State) {
        guard !state.flushDeferred else { return }
        state.flushDeferred = true
        loop.flushAtEndOfTurn(self)
    }

    /// The loop's end-of-turn flush; then the pipeline goes on, as after a write that waited.
    func flushDeferred() {
        state.withLock { state in
            guard state.flushDeferred else { return }
            state.flushDeferred = false
            flush(&state)
            if state.outbound.isEmpty, case .idle = state.phase { processBuffered(&state) }
        }
    }

    // MARK: - Writing

    private func flush(_ state: inout State) {
        if case .closed = state.phase { return }
        while !state.outbound.isEmpty {
            let sent = state.outboundSent
            switch state.outbound.withUnsafeBytes({ Socket.send(fd, UnsafeRawBufferPointer(rebasing: $0[sent...])) }) {
            case .bytes(let count):
                // An offset, not removeFirst: a large reply to a slow reader goes out in many
                // sends, and removing each one's bytes would move the rest every time.
                state.outboundSent += count
                if state.outboundSent == state.outbound.count {
                    state.outbound.removeAll(keepingCapacity: state.outbound.count <= 65536)
                    state.outboundSent = 0
                }
                state.lastWriteProgress = .now()
            case .interrupted:
                continue
            case .wouldBlock:
                setInterest(Poller.Interest(reading: state.interest.reading, writing: true), &state)
                scheduleTimer(&state)
                return
            case .closed:
                close(&state)
                return
            }
        }
        setInterest(Poller.Interest(reading: state.interest.reading, writing: false), &state)
        if case .closed = state.phase { return }
        if state.closeAfterWrite {
            // Half-close and keep draining: closing with unread bytes would reset the
            // connection and could destroy the reply before the client reads it.
            Socket.shutdownWrite(fd)
            state.phase = .lingering(since: .now())
            // Served: a client that reads its reply and reconnects at once must find the slot
            // free, though this side may not have seen its close yet.
            freeSlot(&state)
            if state.peerClosed {
                close(&state)
            } else {
                resumeReading(&state)
                scheduleTimer(&state)
            }
        }
    }

    /// Between requests or inside one: read on (unless the client is done) and keep the timer.
    private func awaitMoreBytes(_ state: inout State) {
        if !state.peerClosed { resumeReading(&state) }
        scheduleTimer(&state)
    }

    private func suspendReading(_ state: inout State) {
        setInterest(Poller.Interest(reading: false, writing: state.interest.writing), &state)
    }

    private func resumeReading(_ state: inout State) {
        setInterest(Poller.Interest(reading: true, writing: state.interest.writing), &state)
    }

    /// Tells the poller what to watch for; a no-op when nothing changes, which is every request
    /// of a busy keep-alive connection. A poller that refuses (out of kernel memory) closes the
    /// connection: it could never be woken again.
    private func setInterest(_ interest: Poller.Interest, _ state: inout State) {
        guard interest != state.interest else { return }
        if case .closed = state.phase { return }
        guard loop.watch(fd, token: token, from: state.interest, to: interest) else {
            context.logger.warning("the event loop refused a connection's socket", metadata: ["fd": "\(fd)"])
            close(&state)
            return
        }
        state.interest = interest
    }

    // MARK: - Timeouts

    private func deadline(of state: State) -> DispatchTime? {
        let configuration = context.configuration
        // A reader too slow to take a reply is held to the body timeout too.
        if !state.outbound.isEmpty { return state.lastWriteProgress + configuration.bodyTimeout }
        switch state.phase {
        case .idle(let since):
            // A connection that never sent a request gets the header timeout, not the idle one.
            return since + (state.servedRequests == 0 ? configuration.headerTimeout : configuration.idleTimeout)
        case .head(let since): return since + configuration.headerTimeout
        case .body(let lastProgress): return lastProgress + configuration.bodyTimeout
        case .lingering(let since): return since + Self.lingerSeconds
        case .processing, .closed: return nil
        }
    }

    /// Moves the timer earlier when the new deadline is sooner; a later deadline is found when
    /// the timer fires, so the busy path (idle → processing → idle) never reschedules.
    private func scheduleTimer(_ state: inout State) {
        guard let deadline = deadline(of: state), deadline < state.scheduledDeadline else { return }
        state.scheduledDeadline = deadline
        loop.wake(at: deadline)
    }

    // MARK: - Closing

    private func freeSlot(_ state: inout State) {
        guard !state.slotFreed else { return }
        state.slotFreed = true
        onSlotFreed()
    }

    private func close(_ state: inout State) {
        if case .closed = state.phase { return }
        state.phase = .closed
        state.outbound = []
        state.outboundSent = 0
        state.inbound = []
        state.inboundStart = 0
        // Unwatched before it is closed, and on the loop's thread: the number can be reused by
        // the next accept at once, and an event for the old socket already read in this turn
        // carries the old token, which no longer leads anywhere.
        _ = loop.watch(fd, token: token, from: state.interest, to: .none)
        state.interest = .none
        Socket.close(fd)
        loop.unregister(token)
        freeSlot(&state)
        onClose()
    }
}
