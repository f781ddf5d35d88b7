import DataArtsTransport

/// What a program that runs the mock as its main job may set for the whole process; the
/// `dataarts-mock` executable calls both at start. `MockServer` itself changes neither, so a
/// test process that starts servers in-process keeps its own signal handling and limits, and
/// is still never killed by a write to a closed socket (the server sends without SIGPIPE).
public enum ProcessSetup {
    /// Ignores SIGPIPE process-wide: a write to a pipe whose reader is gone (stderr of a
    /// process whose log reader exited) then fails with EPIPE instead of killing the process.
    public static func ignoreBrokenPipeSignals() {
        ProcessEnvironment.ignoreBrokenPipeSignals()
    }

    /// Raises the soft open-files limit to the hard one, so that `--max-clients` connections
    /// are not capped by a default soft limit of 1024 descriptors.
    public static func raiseOpenFileLimit() {
        ProcessEnvironment.raiseOpenFileLimit()
    }
}
