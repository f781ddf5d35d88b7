/// The POSIX calls the server makes, behind names that say what they are for.
///
/// Every call into the C library lives in `Socket+Glibc.swift` or `Socket+Darwin.swift`, each
/// compiled only on its platform, so that the shared files import no libc and a port is a
/// matter of those two files (the pattern of FlyingFox's `Socket+Glibc.swift`). Failures
/// become a `SocketError`, or a `Transfer` for the calls on the hot path.
enum Socket {
    /// What one `receive` or `send` did.
    enum Transfer: Equatable {
        /// This many bytes moved; never 0.
        case bytes(Int)
        /// Nothing now: the socket is not ready (EAGAIN); the source will say when it is.
        case wouldBlock
        /// A signal interrupted the call (EINTR): try again.
        case interrupted
        /// The peer closed or reset, or the socket failed: nothing more will move.
        case closed
    }
}
