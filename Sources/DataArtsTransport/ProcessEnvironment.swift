/// Settings that belong to the whole process, not to one server: a library must not change
/// them behind its host's back, so the executable asks for them (`ProcessSetup` in
/// DataArtsMock) and a test process that embeds a server keeps its own.
///
/// The server does not need either to be safe: a write to a closed socket never raises
/// SIGPIPE (MSG_NOSIGNAL on Linux, SO_NOSIGPIPE on Darwin), and running out of descriptors
/// pauses accepting instead of failing.
package enum ProcessEnvironment {
    /// SIGPIPE ignored process-wide, so that a write to any closed pipe (stderr whose reader
    /// is gone, say) fails with EPIPE instead of killing the process.
    package static func ignoreBrokenPipeSignals() {
        Socket.ignoreBrokenPipeSignals()
    }

    /// The soft open-files limit raised to the hard one, so that `--max-clients` is not capped
    /// by a default of 1024 descriptors.
    package static func raiseOpenFileLimit() {
        Socket.raiseDescriptorLimit()
    }
}
