#if canImport(Darwin)
import Darwin

/// The Darwin twin of `DataArtsMockCommand+Glibc.swift`: the same calls, with Darwin's name
/// for the handler inside `struct sigaction`.
extension DataArtsMockCommand {
    static let stopSignals = [SIGINT, SIGTERM]

    static func ignoreFileSizeSignals() {
        _ = signal(SIGXFSZ, SIG_IGN)
    }

    /// SIG_DFL is the null handler on Darwin.
    static func hasHandler(_ number: Int32) -> Bool {
        var current = sigaction()
        sigaction(number, nil, &current)
        return unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self) != 0
    }

    static func sleep(microseconds: UInt32) {
        _ = usleep(microseconds)
    }

    static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static var processID: Int32 { getpid() }

    static func exitProcess(_ status: Int32) -> Never {
        Darwin.exit(status)
    }

    static func sleepForever() -> Never {
        while true { _ = pause() }
    }
}
#endif
