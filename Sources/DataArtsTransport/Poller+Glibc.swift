#if canImport(Glibc)
import Glibc
import CDataArtsEventPoll

/// Linux: epoll, with an eventfd to wake a waiting loop. Keep `Poller+Darwin.swift` in step.
extension Poller {
    static func open() throws(SocketError) -> Handle {
        let descriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard descriptor >= 0 else { throw SocketError("epoll_create1") }
        let wakeup = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeup >= 0 else {
            let error = SocketError("eventfd")
            Glibc.close(descriptor)
            throw error
        }
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = wakeupToken
        guard epoll_ctl(descriptor, EPOLL_CTL_ADD, wakeup, &event) == 0 else {
            let error = SocketError("epoll_ctl(eventfd)")
            Glibc.close(wakeup)
            Glibc.close(descriptor)
            throw error
        }
        return Handle(descriptor: descriptor, wakeup: wakeup)
    }

    static func close(_ handle: Handle) {
        Glibc.close(handle.wakeup)
        Glibc.close(handle.descriptor)
    }

    /// Changes what `fd` is watched for. `exclusive` (the listener, watched by every loop)
    /// wakes one waiting loop per connection instead of all of them (EPOLLEXCLUSIVE).
    @discardableResult
    static func update(
        _ handle: Handle, _ fd: Int32, token: UInt64, from old: Interest, to new: Interest, exclusive: Bool = false
    ) -> Bool {
        if old == new { return true }
        if new.isNone { return epoll_ctl(handle.descriptor, EPOLL_CTL_DEL, fd, nil) == 0 }
        var event = epoll_event()
        event.events = (new.reading ? EPOLLIN.rawValue : 0) | (new.writing ? EPOLLOUT.rawValue : 0)
            | (exclusive ? EPOLLEXCLUSIVE.rawValue : 0)
        event.data.u64 = token
        return epoll_ctl(handle.descriptor, old.isNone ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event) == 0
    }

    /// Waits at most `milliseconds` (-1: without end) and calls `body` for each ready
    /// descriptor. The wake-up event is consumed here and passed on with `wakeupToken`.
    static func wait(_ handle: Handle, milliseconds: Int32, _ body: (Event) -> Void) {
        withUnsafeTemporaryAllocation(of: epoll_event.self, capacity: batchSize) { events in
            let count = epoll_wait(handle.descriptor, events.baseAddress, Int32(batchSize), milliseconds)
            guard count > 0 else { return }  // 0: timed out; -1: EINTR (nothing else can fail here)
            for event in events[..<Int(count)] {
                let token = event.data.u64
                if token == wakeupToken {
                    var value: UInt64 = 0
                    _ = read(handle.wakeup, &value, MemoryLayout<UInt64>.size)
                }
                let failed = event.events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0
                body(Event(
                    token: token, readable: failed || event.events & EPOLLIN.rawValue != 0,
                    writable: failed || event.events & EPOLLOUT.rawValue != 0))
            }
        }
    }

    /// Makes the loop's current or next `wait` return; callable from any thread.
    static func wake(_ handle: Handle) {
        var one: UInt64 = 1
        _ = write(handle.wakeup, &one, MemoryLayout<UInt64>.size)
    }
}
#endif
