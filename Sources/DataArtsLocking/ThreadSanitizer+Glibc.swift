#if canImport(Glibc)
import Glibc

extension ThreadSanitizer {
    /// The address of `name` anywhere in the process, or nil. RTLD_DEFAULT is the null handle
    /// in glibc.
    static func symbol(named name: String) -> UnsafeMutableRawPointer? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)
    }
}
#endif
