#if canImport(Glibc)
import Glibc

extension HTTPServerConfiguration {
    /// The cores online now, for the default loop count.
    static var onlineProcessorCount: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
#endif
