public import Synchronization

/// A `Mutex` that ThreadSanitizer can see.
///
/// On Linux, `Synchronization.Mutex` locks with futex calls inside the uninstrumented standard
/// library, so ThreadSanitizer sees no ordering between two `withLock` bodies and reports every
/// state shared that way as a race (measured here: a two-thread counter under `Mutex` gives
/// dozens of reports, under `Locked` none). `Locked` takes the same `Mutex` and, when the
/// sanitizer's runtime is linked in, tells it about the acquire and release; otherwise the
/// annotations are two nil checks.
public struct Locked<Value: ~Copyable>: ~Copyable, Sendable {
    @usableFromInline let mutex: Mutex<Value>
    /// A stable address that names this lock to the sanitizer.
    @usableFromInline let identity = Identity()

    public init(_ value: consuming sending Value) {
        mutex = Mutex(value)
    }

    // Inlinable, so that callers in other modules get it specialised: unspecialised, the
    // generic path showed up in the request path's profile as metadata lookups.
    @inlinable
    public borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        try mutex.withLock { (value: inout sending Value) throws(E) -> sending Result in
            let address = Unmanaged.passUnretained(identity).toOpaque()
            ThreadSanitizer.acquire(address)
            defer { ThreadSanitizer.release(address) }
            return try body(&value)
        }
    }

    @usableFromInline final class Identity: Sendable {
        @usableFromInline init() {}
    }
}
