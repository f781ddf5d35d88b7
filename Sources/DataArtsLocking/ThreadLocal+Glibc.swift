#if canImport(Glibc)
import Glibc

/// The pthread calls of `ThreadLocal` on Linux.
extension ThreadLocal {
    static func makeKey() -> UInt {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { releaseThreadValue($0) }
        precondition(made == 0, "pthread_key_create failed (\(made)): the process is out of thread-local keys")
        return UInt(key)
    }

    static func value(for key: UInt) -> UnsafeMutableRawPointer? {
        pthread_getspecific(pthread_key_t(key))
    }

    static func setValue(_ value: UnsafeMutableRawPointer, for key: UInt) {
        pthread_setspecific(pthread_key_t(key), value)
    }
}
#endif
