import ArgumentParser
import DataArtsMock
import Dispatch
import Logging

/// The command line: flags → `MockConfiguration`, then serve until SIGINT or SIGTERM.
@main
struct DataArtsMockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataarts-mock",
        abstract: "A local, stateful mock of Huawei Cloud DataArts Studio's data-connection API.",
        discussion: """
            Prints one line, `listening on http://HOST:PORT`, on stdout when it is ready; logs go \
            to stderr, one access-log line per request. SIGINT or SIGTERM stops it gracefully \
            (exit 0). A port in use exits 1; bad flags exit 64; a file that cannot be used \
            (--state-file, --fixtures, --credentials-file, --ready-file) exits 1 naming it and \
            saying why.

            Secrets: --token and --credential show in the process list; --credentials-file FILE \
            or the environment variable DATAARTS_MOCK_CREDENTIALS (the same lines, separated by \
            newlines) do not.
            """,
        version: ReleaseVersion.string)

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one (the ready line tells which).")
    var port: UInt16 = 8080

    @Option(help: ArgumentHelp("When ready, also write {\"url\",\"port\",\"pid\"} as JSON to this file (atomically).", valueName: "file"))
    var readyFile: String?

    @Option(help: "Longest request line in bytes (longer: 414).")
    var maxRequestLineBytes = 8192

    @Option(help: "Largest header section in bytes (larger: 494).")
    var maxHeaderBytes = 32768

    @Option(help: "Largest request body in bytes (larger: 413).")
    var maxBodyBytes = 12 * 1024 * 1024

    @Option(help: ArgumentHelp("Seconds a request head may take to arrive (then 408).", valueName: "seconds"))
    var headerTimeout = 10.0

    @Option(help: ArgumentHelp("Seconds a request body may stall (then 408).", valueName: "seconds"))
    var bodyTimeout = 10.0

    @Option(help: ArgumentHelp("Seconds an idle keep-alive connection is kept open.", valueName: "seconds"))
    var idleTimeout = 60.0

    @Option(help: "Open connections beyond which new clients get 503.")
    var maxClients = 1024

    @Option(help: "Data connections one workspace of one project may hold.")
    var maxConnectionsPerWorkspace = 200

    @Option(help: "Requests the journal keeps (GET /__mock/requests) before dropping the oldest.")
    var journalCapacity = 10_000

    @Option(help: ArgumentHelp(
        "Bytes of bodies the journal keeps before dropping the oldest entries; each body is cut at 64 KiB.",
        valueName: "bytes"))
    var journalMaxBytes = 64 * 1024 * 1024

    @Option(help: ArgumentHelp(
        "A host name under which the /__mock/ controls answer, besides loopback names and --host; repeatable.",
        valueName: "name"))
    var allowHost: [String] = []

    @Option(help: ArgumentHelp("Requests a second per API before 429 APIGW.0308 (default: no limit).", valueName: "n"))
    var rateLimit: Int?

    @Option(help: ArgumentHelp("Make connection ids and request ids the same on every run.", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp(
        "Preload connections from a file of {\"connections\":[…]} (the GET /__mock/state format); repeatable.",
        valueName: "file"))
    var fixtures: [String] = []

    @Option(help: ArgumentHelp(
        "Keep state in this file (a change log, locked against a second server): loaded at start, every "
            + "acknowledged change on disk before its answer, a change that cannot be written answered 500 DAYU.3531.",
        valueName: "file"))
    var stateFile: String?

    @Flag(help: ArgumentHelp(
        "Start even if the --state-file has damaged records: keep the valid ones, copy the original aside first (the log names the copy)."))
    var stateFileSalvage = false

    @Option(help: ArgumentHelp(
        "permissive: any token, any well-formed in-window signature from an unknown AK, any IAM user; strict: only --token, --credential, --user and tokens the mock issued.",
        valueName: "mode"))
    var auth: AuthMode = .permissive

    @Option(help: ArgumentHelp("Accept this X-Auth-Token, optionally bound to a project and user name; repeatable.",
                               valueName: "TOKEN[@PROJECT[:USER]]"))
    var token: [String] = []

    @Option(help: ArgumentHelp("Verify AK/SK signatures from this access key, optionally bound to a project and user name; repeatable.",
                               valueName: "AK:SK[@PROJECT[:USER]]"))
    var credential: [String] = []

    @Option(help: ArgumentHelp(
        "Tokens, credentials and IAM users from this file, one per line: `token TOKEN[@PROJECT[:USER]]`, "
            + "`credential AK:SK[@PROJECT[:USER]]`, `user NAME:PASSWORD` (for the IAM emulation); `#` comments and "
            + "blank lines allowed. Keeps secrets off the command line, as does the environment variable "
            + "DATAARTS_MOCK_CREDENTIALS (the same lines).",
        valueName: "file"))
    var credentialsFile: String?

    @Option(help: ArgumentHelp("In strict mode, a workspace that exists (others answer DAYU.3601); repeatable. None given: all exist.",
                               valueName: "id"))
    var workspace: [String] = []

    @Option(help: ArgumentHelp("The emulated account's name (IAM's domain); its id is derived from it.", valueName: "name"))
    var account = MockConfiguration.defaultAccountName

    @Option(help: ArgumentHelp(
        "A region's project id (IAM's project discovery, token scopes); other regions get one derived from their name; repeatable.",
        valueName: "REGION=ID"))
    var project: [String] = []

    @Option(help: ArgumentHelp(
        "An IAM user who may get a token with this password (strict mode; permissive takes anyone); repeatable.",
        valueName: "NAME:PASSWORD"))
    var user: [String] = []

    @Option(help: ArgumentHelp(
        "A CDM cluster every project has (id derived when not given); given, agent_id/agent_name must name one; repeatable.",
        valueName: "NAME[=UUID]"))
    var cdmCluster: [String] = []

    enum AuthMode: String, ExpressibleByArgument, CaseIterable {
        case permissive, strict
    }

    @Flag(help: "Turn off the control API under /__mock/ (it then answers 404).")
    var noAdmin = false

    @Option(help: ArgumentHelp("Log format: text or json.", valueName: "format"))
    var logFormat: LogFormat = .text

    @Option(help: ArgumentHelp("Lowest level logged: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel: LogLevel = .info

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    enum LogLevel: String, ExpressibleByArgument, CaseIterable {
        case trace, debug, info, notice, warning, error, critical

        var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
    }

    func validate() throws {
        guard maxRequestLineBytes > 0, maxHeaderBytes > 0, maxBodyBytes >= 0, maxClients > 0,
              maxConnectionsPerWorkspace > 0, journalCapacity > 0, journalMaxBytes > 0, (rateLimit ?? 1) > 0
        else {
            throw ValidationError("limits must be positive")
        }
        for value in token where AuthConfiguration.Token(value) == nil {
            throw ValidationError("--token \(value): expected TOKEN[@PROJECT[:USER]]")
        }
        for value in credential where AuthConfiguration.Credential(value) == nil {
            throw ValidationError("--credential \(value): expected AK:SK[@PROJECT[:USER]]")
        }
        for value in project where MockConfiguration.project(value) == nil {
            throw ValidationError("--project \(value): expected REGION=PROJECT_ID")
        }
        for value in user where AuthConfiguration.User(value) == nil {
            throw ValidationError("--user \(value): expected NAME:PASSWORD")
        }
        for value in cdmCluster where MockConfiguration.cdmCluster(value) == nil {
            throw ValidationError("--cdm-cluster \(value): expected NAME or NAME=UUID")
        }
        guard !account.isEmpty else { throw ValidationError("--account must not be empty") }
        guard headerTimeout > 0, bodyTimeout > 0, idleTimeout > 0 else {
            throw ValidationError("timeouts must be positive")
        }
    }

    func run() throws {
        // Process-wide settings are the executable's to make, not the library's.
        ProcessSetup.ignoreBrokenPipeSignals()
        ProcessSetup.raiseOpenFileLimit()
        // A file-size limit (RLIMIT_FSIZE) then fails the state file's write with EFBIG, which
        // it answers as 500 DAYU.3531 like a full disk, instead of killing the process.
        Self.ignoreFileSizeSignals()
        let format = logFormat
        let level = logLevel.level
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = switch format {
            case .text: TextLogHandler(label: label, writer: .standardError)
            case .json: JSONLogHandler(label: label, writer: .standardError)
            }
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "dataarts-mock")
        // A failed start throws out of here: what was logged before it still reaches stderr.
        defer { LogWriter.standardError.flush() }

        var configuration = configuration
        do throws(CredentialLinesError) {
            if let lines = Self.environmentValue("DATAARTS_MOCK_CREDENTIALS") {
                try configuration.auth.add(credentialLines: lines, from: "DATAARTS_MOCK_CREDENTIALS")
            }
            if let credentialsFile {
                let bytes: [UInt8]
                do throws(FileError) {
                    bytes = try AtomicFile.read(credentialsFile)
                } catch {
                    Self.fail("--credentials-file: \(error)")
                }
                try configuration.auth.add(credentialLines: String(decoding: bytes, as: UTF8.self), from: credentialsFile)
            }
        } catch {
            Self.fail("\(error)")
        }

        let server: MockServer
        do {
            let accessLog = AccessLogLines(
                format: format, label: logger.label, enabled: level <= .info, writer: .standardError)
            server = try MockServer(configuration, logger: logger, accessLog: accessLog)
        } catch {
            Self.fail("\(error)")
        }

        // Signals are handled before anyone can know the server is ready: a SIGTERM sent right
        // after the ready line must stop it gracefully, never be lost. libdispatch installs its
        // signal handler asynchronously once a source is resumed; the usual `SIG_IGN` first
        // would drop a signal arriving in between, so instead the disposition is left alone and
        // the ready line waits until the handler is in place. The handlers run on a queue of
        // their own, not the main queue, which nothing else uses (see the end of this method).
        let signalQueue = DispatchQueue(label: "dataarts-mock.signals")
        let signals = Self.stopSignals.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: signalQueue)
            source.setEventHandler {
                logger.info("stopping", metadata: ["signal": "\(number)"])
                server.stop()
                if !server.waitUntilStopped(seconds: 5) {
                    logger.warning("connections still open after 5 s; exiting anyway")
                }
                // Every line accepted before the signal reaches stderr before the exit.
                LogWriter.standardError.flush()
                Self.exitProcess(0)
            }
            source.resume()
            // Kept for the life of the process on purpose: under -O, `withExtendedLifetime`
            // around the never-returning wait below did not keep the sources alive, so
            // they were cancelled at once and a release build ignored SIGTERM.
            _ = Unmanaged.passRetained(source as AnyObject)
            return source
        }
        Self.waitForSignalHandlers(Self.stopSignals)
        if let readyFile {
            let ready = "{\"url\":\"\(server.url)\",\"port\":\(server.port),\"pid\":\(Self.processID)}\n"
            do throws(FileError) {
                try AtomicFile.write(Array(ready.utf8), to: readyFile)
            } catch {
                Self.fail("--ready-file: \(error)")
            }
        }
        // One unbuffered write: stdout is block-buffered when redirected, and a script waiting
        // for this line would hang. A closed stdout loses the line, not the server.
        Self.writeReadyLine("listening on \(server.url)\n")

        _ = signals
        // Not `dispatchMain()`: it ends the main thread with pthread_exit, whose forced unwind
        // reads the binary's unwind tables (.eh_frame and its index, about 350 KiB that then
        // stay resident) only to park a thread. The main thread sleeps instead; a stop signal
        // may interrupt its sleep, never end it.
        Self.sleepForever()
    }

    /// All of `line` to stdout with write(2); a closed stdout loses the line, not the server
    /// (`FileHandle.write` traps on EPIPE).
    private static func writeReadyLine(_ line: String) {
        let bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            switch bytes[offset...].withUnsafeBytes({ LogWriter.writeSome(1, $0) }) {
            case .wrote(let count): offset += count
            case .interrupted: continue
            case .failed: return
            }
        }
    }

    /// Says why it cannot start, on stderr, and exits 1.
    private static func fail(_ message: String) -> Never {
        LogWriter.standardError.append("dataarts-mock: \(message)\n")
        LogWriter.standardError.flush()
        Self.exitProcess(1)
    }

    /// Waits (at most a second) until each signal has a handler instead of its default action.
    private static func waitForSignalHandlers(_ numbers: [Int32]) {
        for _ in 0..<1000 {
            if numbers.allSatisfy(hasHandler) { return }
            sleep(microseconds: 1000)
        }
    }

    private var configuration: MockConfiguration {
        MockConfiguration(
            host: host, port: port,
            maxRequestLineBytes: maxRequestLineBytes, maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes,
            headerTimeout: headerTimeout, bodyTimeout: bodyTimeout, idleTimeout: idleTimeout, maxClients: maxClients,
            adminEnabled: !noAdmin, maxConnectionsPerWorkspace: maxConnectionsPerWorkspace,
            journalCapacity: journalCapacity, journalMaxBytes: journalMaxBytes, allowedHosts: allowHost,
            rateLimit: rateLimit, seed: seed, fixtures: fixtures, stateFile: stateFile,
            stateFileSalvage: stateFileSalvage,
            auth: AuthConfiguration(
                mode: auth == .strict ? .strict : .permissive, tokens: token.compactMap(AuthConfiguration.Token.init),
                credentials: credential.compactMap(AuthConfiguration.Credential.init), workspaces: workspace,
                users: user.compactMap(AuthConfiguration.User.init)),
            accountName: account, projects: project.compactMap(MockConfiguration.project),
            cdmClusters: cdmCluster.compactMap(MockConfiguration.cdmCluster))
    }
}
