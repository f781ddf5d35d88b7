import DataArtsServices
import DataArtsHTTP1
import DataArtsJSON
public import Logging
import DataArtsTransport

/// A running dataarts-mock: the front type for tests and for the command line.
///
/// Fixtures and the state file are loaded and the socket is bound when `init` returns, so
/// `port` and `url` are known at once, port 0 included. The journal, the fault rules and the
/// clock are reachable directly, without going through HTTP.
public final class MockServer: Sendable {
    /// The bound port: the one configured, or the kernel's pick for 0.
    public let port: UInt16
    public let configuration: MockConfiguration
    /// Every request that reached routing, newest last.
    public let journal: RequestJournal
    /// Faults to inject into matching requests.
    public let faults: FaultRules
    let clock: MockClock
    private let controls: MockControls
    /// Internal for tests, which inject write failures into it.
    let stateFile: StateFile?
    private let http: HTTPServer

    /// `logger` takes the server's own messages, and the access log's lines unless
    /// `accessLog` is given: one line a request, to whichever sink, never blocking it.
    public init(
        _ configuration: MockConfiguration = MockConfiguration(),
        logger: Logger = Logger(label: "dataarts-mock", factory: { _ in SwiftLogNoOpLogHandler() }),
        accessLog: (any AccessLogSink)? = nil
    ) throws(MockServerError) {
        self.configuration = configuration
        let startedAt = MockClock.monotonicMilliseconds()
        clock = MockClock()
        journal = RequestJournal(capacity: configuration.journalCapacity, maxBytes: configuration.journalMaxBytes)
        faults = FaultRules()
        let ids = IdentifierGenerator(seed: configuration.seed)
        // Request ids draw from their own stream, so they do not shift connection ids.
        let requestIDs = IdentifierGenerator(seed: configuration.seed.map { $0 ^ 0x5DEE_CE66_D1CE_4E5B })
        stateFile = configuration.stateFile.map { StateFile(path: $0, logger: logger) }
        let store = DataConnectionStore(
            clock: clock, ids: ids, maxPerWorkspace: configuration.maxConnectionsPerWorkspace, observer: stateFile)
        let directory = WorkspaceDirectory(observer: stateFile)
        let account = Account(
            name: configuration.accountName,
            projects: configuration.projects.map { Account.Project(region: $0.region, id: $0.id) },
            users: Dictionary(configuration.auth.users.map { ($0.name, $0.password) }, uniquingKeysWith: { _, last in last }))
        let tokens = TokenRegistry(clock: clock, seed: configuration.seed)
        controls = MockControls(
            store: store, journal: journal, faults: faults, clock: clock, ids: ids, directory: directory, tokens: tokens,
            account: account)

        let replayed = try stateFile?.open(
            into: store, directory: directory, ids: ids, now: clock.nowMilliseconds,
            salvage: configuration.stateFileSalvage) ?? 0
        do throws(MockServerError) {
            if replayed == 0 && !configuration.fixtures.isEmpty {
                store.replaceAll(with: try Self.loadFixtures(configuration.fixtures, ids: ids, now: clock.nowMilliseconds))
                if let stateFile, !stateFile.flush() {
                    throw MockServerError(.loading, "--state-file \(stateFile.path): cannot write the fixtures to it")
                }
            } else if replayed > 0 && !configuration.fixtures.isEmpty {
                logger.info("state file has data; fixtures not loaded", metadata: ["state.records": "\(replayed)"])
            }
        } catch {
            stateFile?.close()
            throw error
        }

        // Strict mode with --workspace: only those exist (others answer DAYU.3601).
        let allowedWorkspaces = configuration.auth.mode == .strict && !configuration.auth.workspaces.isEmpty
            ? Set(configuration.auth.workspaces) : nil
        let strict = configuration.auth.mode == .strict
        let clusters = CDMClusters(configuration.cdmClusters.map { CDMClusters.Spec(name: $0.name, id: $0.id) })
        let pipeline = RequestPipeline(
            configuration: configuration, controls: controls, services: [
                DataConnectionAPI(store: store, allowedWorkspaces: allowedWorkspaces, directory: directory, clusters: clusters),
                // The seed's prerequisites on the same port (SPEC §8).
                WorkspaceAPI(
                    account: account, directory: directory, store: store,
                    configuredWorkspaces: configuration.auth.workspaces, strict: strict, clock: clock, ids: ids),
                IAMAPI(account: account, tokens: tokens, strict: strict),
                CDMAPI(clusters: clusters, clock: clock),
            ], startedAt: startedAt)
        let responder = MockResponder(
            pipeline: pipeline,
            recorder: RequestRecorder(journal: journal, clock: clock, accessLog: accessLog ?? LoggerAccessLog(logger)),
            stateFile: stateFile, requestIDs: requestIDs, logger: logger)
        let transport = HTTPServerConfiguration(
            host: configuration.host, port: configuration.port,
            limits: RequestParser.Limits(
                maxRequestLineBytes: configuration.maxRequestLineBytes, maxHeaderBytes: configuration.maxHeaderBytes,
                maxBodyBytes: configuration.maxBodyBytes),
            headerTimeout: configuration.headerTimeout, bodyTimeout: configuration.bodyTimeout,
            idleTimeout: configuration.idleTimeout, maxClients: configuration.maxClients)
        do throws(SocketError) {
            http = try HTTPServer(configuration: transport, responder: responder, logger: logger)
        } catch {
            stateFile?.close()
            throw MockServerError(
                error.isAddressInUse ? .addressInUse : .listen,
                error.isAddressInUse
                    ? "port \(configuration.port) on \(configuration.host) is already in use" : error.description)
        }
        port = http.port
    }

    /// `http://HOST:PORT`, with an IPv6 host in brackets.
    public var url: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    /// The full URL of `path` on this server.
    public func url(_ path: String) -> String {
        url + path
    }

    /// Milliseconds since the epoch on the mock's clock: real, or where a test froze it.
    public var nowMilliseconds: Int64 {
        clock.nowMilliseconds
    }

    /// Freezes the clock that stamps creation and update times and checks signature dates.
    public func freezeClock(atMilliseconds milliseconds: Int64) {
        clock.freeze(atMilliseconds: milliseconds)
    }

    /// Real time again.
    public func releaseClock() {
        clock.release()
    }

    /// Stored connections in every workspace.
    public var connectionCount: Int {
        controls.store.count
    }

    /// Empties everything (connections, journal, faults, clock), or with a project and/or
    /// workspace only that scope's connections and journal entries.
    public func reset(project: String? = nil, workspace: String? = nil) {
        controls.reset(projectID: project, workspace: workspace)
        _ = stateFile?.flush()
    }

    /// Stops accepting; idle connections close now, busy ones after their reply.
    public func stop() {
        http.stop()
    }

    /// Waits until every connection has closed and the state file holds every change, at
    /// most `seconds` for the connections, then closes the state file (releasing its lock);
    /// true when they all closed.
    @discardableResult
    public func waitUntilStopped(seconds: Double) -> Bool {
        let drained = http.waitUntilDrained(seconds: seconds)
        // Everything on disk, then the lock released: another server may take the file now.
        _ = stateFile?.flush()
        stateFile?.close()
        return drained
    }

    private static func loadFixtures(_ paths: [String], ids: IdentifierGenerator, now: Int64) throws(MockServerError) -> [DataConnection] {
        var records: [JSONValue] = []
        for path in paths {
            let bytes: [UInt8]
            do throws(FileError) {
                bytes = try AtomicFile.read(path)
            } catch {
                throw MockServerError(.loading, "--fixtures: \(error)")
            }
            let value: JSONValue
            do throws(JSONError) {
                value = try JSONReader.parse(bytes)
            } catch {
                throw MockServerError(.loading, "\(path): not valid JSON: \(error.description)")
            }
            guard let items = value.object?["connections"]?.array else {
                throw MockServerError(.loading, "\(path): expected {\"connections\":[…]}")
            }
            records += items
        }
        do throws(APIError) {
            return try DataConnection.fromState(["connections": .array(records)], ids: ids, now: now)
        } catch {
            throw MockServerError(.loading, "fixtures: \(error.message)")
        }
    }
}
