#if canImport(Darwin)
import Darwin

/// Darwin: kqueue, with an `EVFILT_USER` event to wake a waiting loop. The twin of
/// `Poller+Glibc.swift`; never compiled here (no Mac), so check it first on a macOS build.
extension Poller {
    static func open() throws(SocketError) -> Handle {
        let descriptor = kqueue()
        guard descriptor >= 0 else { throw SocketError("kqueue") }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var change = kevent(
            ident: 0, filter: Int16(EVFILT_USER), flags: UInt16(EV_ADD | EV_CLEAR), fflags: 0, data: 0,
            udata: UnsafeMutableRawPointer(bitPattern: UInt(wakeupToken)))
        guard kevent(descriptor, &change, 1, nil, 0, nil) == 0 else {
            let error = SocketError("kevent(EVFILT_USER)")
            Darwin.close(descriptor)
            throw error
        }
        return Handle(descriptor: descriptor, wakeup: -1)
    }

    static func close(_ handle: Handle) {
        Darwin.close(handle.descriptor)
    }

    /// Changes what `fd` is watched for: one filter each for reading and writing. kqueue has no
    /// exclusive wake-up; every loop wakes for a new connection, and all but one find none.
    @discardableResult
    static func update(
        _ handle: Handle, _ fd: Int32, token: UInt64, from old: Interest, to new: Interest, exclusive: Bool = false
    ) -> Bool {
        var changes: [kevent] = []
        let udata = UnsafeMutableRawPointer(bitPattern: UInt(token))
        if old.reading != new.reading {
            changes.append(kevent(
                ident: UInt(fd), filter: Int16(EVFILT_READ), flags: UInt16(new.reading ? EV_ADD : EV_DELETE), fflags: 0,
                data: 0, udata: udata))
        }
        if old.writing != new.writing {
            changes.append(kevent(
                ident: UInt(fd), filter: Int16(EVFILT_WRITE), flags: UInt16(new.writing ? EV_ADD : EV_DELETE), fflags: 0,
                data: 0, udata: udata))
        }
        if changes.isEmpty { return true }
        return kevent(handle.descriptor, changes, Int32(changes.count), nil, 0, nil) == 0
    }

    static func wait(_ handle: Handle, milliseconds: Int32, _ body: (Event) -> Void) {
        withUnsafeTemporaryAllocation(of: kevent.self, capacity: batchSize) { events in
            var timeout = timespec(tv_sec: Int(milliseconds / 1000), tv_nsec: Int(milliseconds % 1000) * 1_000_000)
            let count = milliseconds < 0
                ? kevent(handle.descriptor, nil, 0, events.baseAddress, Int32(batchSize), nil)
                : kevent(handle.descriptor, nil, 0, events.baseAddress, Int32(batchSize), &timeout)
            guard count > 0 else { return }
            for event in events[..<Int(count)] {
                let token = UInt64(UInt(bitPattern: event.udata))
                let failed = event.flags & UInt16(EV_ERROR) != 0 || event.flags & UInt16(EV_EOF) != 0
                body(Event(
                    token: token, readable: failed || event.filter == Int16(EVFILT_READ),
                    writable: failed || event.filter == Int16(EVFILT_WRITE)))
            }
        }
    }

    static func wake(_ handle: Handle) {
        var change = kevent(
            ident: 0, filter: Int16(EVFILT_USER), flags: 0, fflags: UInt32(NOTE_TRIGGER), data: 0,
            udata: UnsafeMutableRawPointer(bitPattern: UInt(wakeupToken)))
        _ = kevent(handle.descriptor, &change, 1, nil, 0, nil)
    }
}
#endif
