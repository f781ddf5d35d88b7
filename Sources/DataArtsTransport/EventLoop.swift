import Dispatch
import DataArtsLocking

/// One thread that waits on a `Poller` and runs every event of the connections it owns: the
/// read, the parse, the responder and the write of a request happen on it without a hop.
///
/// Profiles of the earlier design (a Dispatch source per connection) spent about 40% of the
/// server's CPU in libdispatch and the scheduler: each readable socket was a wake-up of a worker
/// thread and a re-arm of a one-shot source through the manager thread. Here one `epoll_wait`
/// returns the ready sockets of many connections, and nothing is re-armed between requests.
///
/// Everything a loop owns (its connections' state, the poller's registrations) is touched only on
/// its thread; other threads hand it work through `execute`. Its state is behind locks only
/// because Swift cannot see that confinement: they are never contended but by `execute`.
final class EventLoop: Sendable {
    private let poller: Poller.Handle
    private let thread: DispatchQueue
    private let inbox = Locked(Inbox())
    private let state = Locked(State())

    /// Work handed in from other threads, run on the loop's next turn.
    private struct Inbox {
        var tasks: [@Sendable () -> Void] = []
        /// A wake-up is on its way: more tasks need no second one.
        var woken = false
        /// The loop has closed its poller: tasks are dropped, since there is nothing left to run
        /// them for, and the wake-up descriptor's number may belong to someone else by now.
        var finished = false
    }

    private struct State {
        var connections: [UInt64: Connection] = [:]
        var nextToken: UInt64 = Poller.wakeupToken + 1
        var listener: Listener?
        /// The earliest deadline any connection has asked to be woken for.
        var nextDeadline = DispatchTime.distantFuture
        /// No new connections will come: the loop ends once its last connection has closed.
        var stopping = false
        /// Connections with answers to send at the end of this turn (`flushAtEndOfTurn`).
        var pendingFlushes: [Connection] = []
    }

    /// The listening socket, watched by every loop of a server; each accepts what it is woken for.
    struct Listener {
        let fd: Int32
        let token: UInt64
        let accept: @Sendable (EventLoop) -> Void
        /// Set while accepting is paused (out of descriptors): when to watch it again.
        var resumeAt: DispatchTime?
    }

    /// Told where each turn begins and ends on the loop's thread (`HTTPResponder.turnBegan`).
    private let responder: any HTTPResponder

    init(label: String, responder: any HTTPResponder) throws(SocketError) {
        poller = try Poller.open()
        thread = DispatchQueue(label: label)
        self.responder = responder
    }

    /// Starts the loop's thread.
    func start() {
        thread.async { self.run() }
    }

    /// Runs `task` on the loop's thread, soon; from any thread. False, and `task` dropped, when
    /// the loop has ended: there is nothing left for it to run for.
    @discardableResult
    func execute(_ task: @escaping @Sendable () -> Void) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.finished else { return false }
            inbox.tasks.append(task)
            if !inbox.woken {
                inbox.woken = true
                // Under the lock, so that the loop cannot close the descriptor in between.
                Poller.wake(poller)
            }
            return true
        }
    }

    // MARK: - Registrations (loop thread only)

    /// A token for a connection that will be registered on this loop; from any thread.
    func makeToken() -> UInt64 {
        state.withLock { state in
            defer { state.nextToken += 1 }
            return state.nextToken
        }
    }

    /// Routes the events of `token` to `connection` from now on. False when the server is
    /// stopping: a connection handed over while it stopped is to shut down at once.
    func register(_ connection: Connection, token: UInt64) -> Bool {
        state.withLock { state in
            state.connections[token] = connection
            return !state.stopping
        }
    }

    /// Forgets a connection that has closed; the loop may end with it.
    func unregister(_ token: UInt64) {
        state.withLock { _ = $0.connections.removeValue(forKey: token) }
    }

    /// Changes what the poller watches `fd` for. A failure (`ENOMEM`, or `ENOSPC` at the
    /// kernel's watch limit) is returned, and the caller closes the connection.
    func watch(_ fd: Int32, token: UInt64, from old: Poller.Interest, to new: Poller.Interest) -> Bool {
        Poller.update(poller, fd, token: token, from: old, to: new)
    }

    /// Has `connection.flushDeferred()` run at the end of this turn (from the loop's thread).
    func flushAtEndOfTurn(_ connection: Connection) {
        state.withLock { $0.pendingFlushes.append(connection) }
    }

    /// Asks to be woken at `deadline` to check the connections' timeouts.
    func wake(at deadline: DispatchTime) {
        state.withLock { state in
            if deadline < state.nextDeadline { state.nextDeadline = deadline }
        }
    }

    /// Starts watching the listener (from the loop's thread).
    func watchListener(_ fd: Int32, accept: @escaping @Sendable (EventLoop) -> Void) {
        let token = makeToken()
        state.withLock { state in
            state.listener = Listener(fd: fd, token: token, accept: accept)
            Poller.update(poller, fd, token: token, from: .none, to: .readingOnly, exclusive: true)
        }
    }

    /// Out of descriptors: stops watching the listener for a while, which stays readable and
    /// would otherwise wake the loop without end. The loop's own deadline brings it back: a
    /// Dispatch timer may need a descriptor of its own (a timerfd), and there is none to be had
    /// (seen: the listener was never watched again after EMFILE).
    func pauseAccepting(for milliseconds: Int) {
        let resumeAt = DispatchTime.now() + .milliseconds(milliseconds)
        state.withLock { state in
            guard var listener = state.listener, listener.resumeAt == nil else { return }
            listener.resumeAt = resumeAt
            state.listener = listener
            Poller.update(poller, listener.fd, token: listener.token, from: .readingOnly, to: .none)
            if resumeAt < state.nextDeadline { state.nextDeadline = resumeAt }
        }
    }

    /// Watches the listener again once its pause is over; part of the deadline check.
    private func resumeAcceptingIfDue(_ now: DispatchTime) {
        state.withLock { state in
            guard var listener = state.listener, let resumeAt = listener.resumeAt else { return }
            guard resumeAt <= now else {
                if resumeAt < state.nextDeadline { state.nextDeadline = resumeAt }
                return
            }
            listener.resumeAt = nil
            state.listener = listener
            Poller.update(poller, listener.fd, token: listener.token, from: .none, to: .readingOnly, exclusive: true)
        }
    }

    /// The server is stopping: no more accepting here; the loop ends when its connections have
    /// closed (each is told to shut down by the server). Returns those connections.
    func stopAccepting() -> [Connection] {
        state.withLock { state in
            if let listener = state.listener, listener.resumeAt == nil {
                Poller.update(poller, listener.fd, token: listener.token, from: .readingOnly, to: .none)
            }
            state.listener = nil
            state.stopping = true
            return Array(state.connections.values)
        }
    }

    // MARK: - The loop

    private func run() {
        while true {
            // The turn includes its wait: nothing runs on this thread meanwhile.
            responder.turnBegan()
            let timeout = state.withLock { state -> Int32 in
                guard state.nextDeadline != .distantFuture else { return -1 }
                let now = DispatchTime.now().uptimeNanoseconds
                let due = state.nextDeadline.uptimeNanoseconds
                // Rounded up: waking a little early would find nothing due and wait again.
                return due <= now ? 0 : Int32(min((due - now + 999_999) / 1_000_000, 60_000))
            }
            Poller.wait(poller, milliseconds: timeout) { event in
                if event.token == Poller.wakeupToken { return }  // the tasks run below
                let target = state.withLock { state -> Target? in
                    if let listener = state.listener, listener.token == event.token { return .listener(listener.accept) }
                    return state.connections[event.token].map(Target.connection)
                }
                switch target {
                case .listener(let accept): accept(self)
                case .connection(let connection): connection.handle(event)
                // Closed by an earlier event of this batch.
                case nil: break
                }
            }
            runTasks()
            checkDeadlines()
            // Before anything is sent: what the turn recorded is handed on before a client
            // could see an answer and send its next request to another loop.
            responder.turnEnded()
            // Last: events, tasks and timeouts (a 408) all answer into it.
            flushPending()
            if state.withLock({ $0.stopping && $0.connections.isEmpty }) && finishUnlessBusy() { return }
        }
    }

    private enum Target {
        case listener(@Sendable (EventLoop) -> Void)
        case connection(Connection)
    }

    private func runTasks() {
        let tasks = inbox.withLock { inbox -> [@Sendable () -> Void] in
            inbox.woken = false
            defer { inbox.tasks.removeAll(keepingCapacity: true) }
            return inbox.tasks
        }
        for task in tasks { task() }
    }

    /// Sends what this turn answered. A flush may answer pipelined requests and ask again:
    /// those go out in the next round here, not the next turn.
    private func flushPending() {
        while true {
            let pending = state.withLock { state -> [Connection] in
                defer { state.pendingFlushes.removeAll(keepingCapacity: true) }
                return state.pendingFlushes
            }
            if pending.isEmpty { return }
            for connection in pending { connection.flushDeferred() }
        }
    }

    private func checkDeadlines() {
        let now = DispatchTime.now()
        let due = state.withLock { state -> [Connection]? in
            guard state.nextDeadline <= now else { return nil }
            state.nextDeadline = .distantFuture
            return Array(state.connections.values)
        }
        guard let due else { return }
        // Each asks again (`wake(at:)`) for its next deadline, and so does a paused listener.
        for connection in due { connection.checkDeadline(now) }
        resumeAcceptingIfDue(now)
    }

    /// Ends the loop, unless work was handed in since the last turn (a connection still being
    /// handed over, say): then it runs another turn first.
    private func finishUnlessBusy() -> Bool {
        inbox.withLock { inbox in
            guard inbox.tasks.isEmpty else { return false }
            inbox.finished = true
            Poller.close(poller)
            return true
        }
    }
}
