#if canImport(Darwin)
import Darwin

/// The Darwin twin of `ControlOriginGuard+Glibc.swift`: the same `inet_pton` calls.
extension ControlOriginGuard {
    static func ipv4Address(_ name: String) -> UInt32? {
        var address = in_addr()
        guard inet_pton(AF_INET, name, &address) == 1 else { return nil }
        return UInt32(bigEndian: address.s_addr)
    }

    static func isIPv6Address(_ name: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, name, &address) == 1
    }
}
#endif
