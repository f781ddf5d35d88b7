#if canImport(Darwin)
import Darwin

extension ThreadSanitizer {
    /// The address of `name` anywhere in the process, or nil. On Darwin RTLD_DEFAULT is the
    /// handle -2, not null (dlfcn.h), and Swift does not import that macro.
    ///
    /// Not compiled on the Linux machines this project is built on; checked by reading.
    static func symbol(named name: String) -> UnsafeMutableRawPointer? {
        dlsym(UnsafeMutableRawPointer(bitPattern: -2), name)
    }
}
#endif
