#if canImport(Glibc)
import Glibc

/// The address parsing of `ControlOriginGuard` on Linux: `inet_pton`, which is what a
/// connecting client's resolver accepts as a literal; `ControlOriginGuard+Darwin.swift` is
/// its twin.
extension ControlOriginGuard {
    /// `name` as a dotted-quad IPv4 address in host byte order, nil when it is not one.
    static func ipv4Address(_ name: String) -> UInt32? {
        var address = in_addr()
        guard inet_pton(AF_INET, name, &address) == 1 else { return nil }
        return UInt32(bigEndian: address.s_addr)
    }

    /// Whether `name` is an IPv6 address (without brackets).
    static func isIPv6Address(_ name: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, name, &address) == 1
    }
}
#endif
