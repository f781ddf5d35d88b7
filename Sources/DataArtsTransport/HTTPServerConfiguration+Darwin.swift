#if canImport(Darwin)
import Darwin

extension HTTPServerConfiguration {
    /// The cores online now, for the default loop count; not compiled here, checked by reading.
    static var onlineProcessorCount: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
#endif
