#if canImport(Glibc)
import Glibc

/// The process calls of the command on Linux: signals, the environment, the exit;
/// `DataArtsMockCommand+Darwin.swift` is its twin.
extension DataArtsMockCommand {
    /// The signals that stop the server gracefully.
    static let stopSignals = [SIGINT, SIGTERM]

    /// SIGXFSZ ignored, so that a write beyond RLIMIT_FSIZE fails with EFBIG instead of
    /// killing the process.
    static func ignoreFileSizeSignals() {
        _ = signal(SIGXFSZ, SIG_IGN)
    }

    /// Whether `number` has a handler now instead of its default action.
    static func hasHandler(_ number: Int32) -> Bool {
        var current = sigaction()
        sigaction(number, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self)
    }

    static func sleep(microseconds: UInt32) {
        _ = usleep(microseconds)
    }

    static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static var processID: Int32 { getpid() }

    /// Qualified, because ParsableCommand has an `exit(withError:)` of its own.
    static func exitProcess(_ status: Int32) -> Never {
        Glibc.exit(status)
    }

    /// The calling thread asleep for good: `pause` returns only after a signal's handler ran.
    static func sleepForever() -> Never {
        while true { _ = pause() }
    }
}
#endif
