/// Everything a `MockServer` can be told at start: the CLI's flags as a value (SPEC §7).
public struct MockConfiguration: Sendable {
    public var host: String
    /// 0 lets the kernel pick a free port; `MockServer.port` tells which.
    public var port: UInt16

    // HTTP limits and timeouts (SPEC §5).
    public var maxRequestLineBytes: Int
    public var maxHeaderBytes: Int
    public var maxBodyBytes: Int
    public var headerTimeout: Double
    public var bodyTimeout: Double
    public var idleTimeout: Double
    public var maxClients: Int

    /// Whether `/__mock/…` answers; `--no-admin` turns it off.
    public var adminEnabled: Bool

    /// Connections one workspace of one project may hold (SPEC §2.6).
    public var maxConnectionsPerWorkspace: Int

    /// Entries the request journal keeps before it drops the oldest.
    public var journalCapacity: Int
    /// Bytes of bodies (requests' and answers') the journal keeps before it drops the oldest
    /// entries (SPEC §6); each body is cut at `RequestJournal.maxBodyBytes` first.
    public var journalMaxBytes: Int
    /// Host names besides loopback names and the bound address under which the controls
    /// answer (`--allow-host`, SPEC §6): e.g. a docker-compose service name.
    public var allowedHosts: [String]
    /// Requests a second per API before 429 APIGW.0308; `nil` turns throttling off.
    public var rateLimit: Int?
    /// Makes connection ids and request ids the same on every run.
    public var seed: UInt64?
    /// Files of connections (`{"connections":[…]}`) loaded at start.
    public var fixtures: [String]
    /// Where every acknowledged change is kept across restarts; `nil` keeps state in memory only.
    public var stateFile: String?
    /// Start from a state file with damaged records anyway: keep the valid ones and copy the
    /// original aside first (`--state-file-salvage`). Without it such a file refuses the start.
    public var stateFileSalvage: Bool
    /// Tokens, credentials and the mode the gateway checks them in.
    public var auth: AuthConfiguration

    // The emulated account (SPEC §8.1) and its CDM clusters (SPEC §8.4).
    /// `--account`: the account (domain) name; its id is derived from it.
    public var accountName: String
    /// `--project REGION=ID`; other regions get a project id derived from their name.
    public var projects: [(region: String, id: String)]
    /// `--cdm-cluster NAME[=UUID]`; none: one default cluster per project, agents unchecked.
    public var cdmClusters: [(name: String, id: String?)]

    /// The account name when none is given.
    public static let defaultAccountName = "dataarts-mock"

    /// `REGION=PROJECT_ID`, both parts non-empty.
    public static func project(_ text: String) -> (region: String, id: String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let region = String(text[..<equals])
        let id = String(text[text.index(after: equals)...])
        return region.isEmpty || id.isEmpty ? nil : (region, id)
    }

    /// `NAME[=UUID]`: a name, and an id when `=` follows (both non-empty).
    public static func cdmCluster(_ text: String) -> (name: String, id: String?)? {
        guard let equals = text.firstIndex(of: "=") else { return text.isEmpty ? nil : (text, nil) }
        let name = String(text[..<equals])
        let id = String(text[text.index(after: equals)...])
        return name.isEmpty || id.isEmpty ? nil : (name, id)
    }

    public init(
        host: String = "127.0.0.1", port: UInt16 = 8080,
        maxRequestLineBytes: Int = 8192, maxHeaderBytes: Int = 32768, maxBodyBytes: Int = 12 * 1024 * 1024,
        headerTimeout: Double = 10, bodyTimeout: Double = 10, idleTimeout: Double = 60, maxClients: Int = 1024,
        adminEnabled: Bool = true, maxConnectionsPerWorkspace: Int = 200, journalCapacity: Int = 10_000,
        journalMaxBytes: Int = 64 * 1024 * 1024, allowedHosts: [String] = [], rateLimit: Int? = nil, seed: UInt64? = nil,
        fixtures: [String] = [], stateFile: String? = nil, stateFileSalvage: Bool = false,
        auth: AuthConfiguration = AuthConfiguration(), accountName: String = MockConfiguration.defaultAccountName,
        projects: [(region: String, id: String)] = [], cdmClusters: [(name: String, id: String?)] = []
    ) {
        self.host = host
        self.port = port
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxClients = maxClients
        self.adminEnabled = adminEnabled
        self.maxConnectionsPerWorkspace = maxConnectionsPerWorkspace
        self.journalCapacity = journalCapacity
        self.journalMaxBytes = journalMaxBytes
        self.allowedHosts = allowedHosts
        self.rateLimit = rateLimit
        self.seed = seed
        self.fixtures = fixtures
        self.stateFile = stateFile
        self.stateFileSalvage = stateFileSalvage
        self.auth = auth
        self.accountName = accountName
        self.projects = projects
        self.cdmClusters = cdmClusters
    }
}
