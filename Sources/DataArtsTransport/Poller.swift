/// Readiness of the descriptors one event loop serves: epoll on Linux (`Poller+Glibc.swift`),
/// kqueue on Darwin (`Poller+Darwin.swift`).
///
/// Each descriptor is registered with a token, the number the loop knows its owner by; an event
/// carries the token, never the descriptor, so that an event read before a descriptor was closed
/// and its number reused by `accept` cannot reach the new owner. Level-triggered: a descriptor
/// that still has bytes is reported again on the next wait.
enum Poller {
    /// The kernel objects of one poller.
    struct Handle: Sendable {
        /// The epoll or kqueue descriptor.
        let descriptor: Int32
        /// Linux: the eventfd that `wake` writes to. Darwin: -1 (an `EVFILT_USER` event instead).
        let wakeup: Int32
    }

    /// What a registration waits for. Neither: not registered at all, so that a hang-up on a
    /// connection that is not reading cannot be reported again and again.
    struct Interest: Equatable, Sendable {
        var reading: Bool
        var writing: Bool

        static let none = Interest(reading: false, writing: false)
        static let readingOnly = Interest(reading: true, writing: false)
        var isNone: Bool { !reading && !writing }
    }

    /// One descriptor ready. An error or hang-up counts as both readable and writable: the next
    /// `receive` or `send` finds out what happened.
    struct Event {
        let token: UInt64
        let readable: Bool
        let writable: Bool
    }

    /// The token of `wake`'s events; descriptors get tokens from 1 up.
    static let wakeupToken: UInt64 = 0

    /// At most this many events are taken from the kernel per wait.
    static let batchSize = 256
}
