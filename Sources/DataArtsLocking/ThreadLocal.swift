/// One object for each thread that asks: state that the request path reads on every request,
/// kept apart per thread instead of behind a shared lock. Two event loops taking one lock for
/// each access-log line bounced its cache line between the cores and sometimes contended
/// (`_MutexHandle._lockSlow` in perf, issue 9).
///
/// A thread's object lives as long as the thread (released when it exits) or until it is
/// replaced. Meant for `static let`s: the key is never given back, since a key deleted and made
/// again could hand a thread the old key's object as the new key's (and POSIX bounds a process
/// to `PTHREAD_KEYS_MAX` keys, 1024 in glibc).
public final class ThreadLocal<Value: AnyObject>: Sendable {
    /// The pthread key, in the widest of the platforms' key types.
    private let key: UInt

    public init() {
        key = Self.makeKey()
    }

    /// This thread's object, or nil when it has none yet.
    public var current: Value? {
        Self.value(for: key).map { Unmanaged<Value>.fromOpaque($0).takeUnretainedValue() }
    }

    /// This thread's object, made by `make` on the thread's first call.
    public func current(orMake make: () -> Value) -> Value {
        if let value = current { return value }
        let value = make()
        // Released by the key's destructor when the thread exits.
        Self.setValue(Unmanaged.passRetained(value).toOpaque(), for: key)
        return value
    }
}

/// Non-generic, so that a C function pointer can call it: a key's destructor, which runs on a
/// thread's exit for its non-nil value and balances `passRetained`.
func releaseThreadValue(_ value: UnsafeMutableRawPointer?) {
    guard let value else { return }
    Unmanaged<AnyObject>.fromOpaque(value).release()
}
