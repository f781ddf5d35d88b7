import DataArtsLocking

/// The one emulated account (SPEC §8.1): its name and domain id, the project of each region,
/// and its IAM users.
///
/// Ids not given on the command line are derived from names (`DerivedID`), so they are the
/// same on every run. A region first used through IAM (a token scoped by region name, a
/// project look-up by name) joins the account's projects until a reset.
public final class Account: Sendable {
    /// A region's project: `name` is the region id (`cn-north-4`), as IAM answers it.
    public struct Project: Sendable, Equatable {
        public var region: String
        public var id: String

        public init(region: String, id: String) {
            self.region = region
            self.id = id
        }
    }

    /// The default `--account`.
    public static let defaultName = "dataarts-mock"

    public let name: String
    /// `--project` flags, in order; a later flag for the same region wins.
    public let configuredProjects: [Project]
    /// `--user NAME:PASSWORD`: the users strict mode lets log in.
    public let users: [String: String]
    /// Derived projects already used, in first-use order.
    private let usedRegions = Locked<[String]>([])
    /// `domainID` once derived.
    private let derivedDomainID = Locked<String?>(nil)

    /// The account's id, derived from its name on first use rather than at start: that
    /// SHA-256 would be the process's first, and the first brings swift-crypto's and
    /// BoringSSL's code into memory (about 0.7 MiB of an idle server's RSS).
    public var domainID: String {
        derivedDomainID.withLock { cached in
            if let cached { return cached }
            let id = DerivedID.hex("domain", name)
            cached = id
            return id
        }
    }

    public init(name: String = Account.defaultName, projects: [Project] = [], users: [String: String] = [:]) {
        self.name = name
        var seen: [String: Int] = [:]
        var unique: [Project] = []
        for project in projects {
            if let index = seen[project.region] { unique[index] = project } else {
                seen[project.region] = unique.count
                unique.append(project)
            }
        }
        configuredProjects = unique
        self.users = users
    }

    /// The project id of a region never configured: derived from its name alone.
    public static func derivedProjectID(forRegion region: String) -> String {
        DerivedID.hex("project", region)
    }

    /// The region's project id; a derived one joins the account's projects.
    public func projectID(forRegion region: String) -> String {
        if let configured = configuredProjects.first(where: { $0.region == region }) { return configured.id }
        usedRegions.withLock { if !$0.contains(region) { $0.append(region) } }
        return Self.derivedProjectID(forRegion: region)
    }

    /// The region of a project the account knows: configured, or derived and already used.
    public func region(ofProject id: String) -> String? {
        if let configured = configuredProjects.first(where: { $0.id == id }) { return configured.region }
        return usedRegions.withLock { $0 }.first { Self.derivedProjectID(forRegion: $0) == id }
    }

    /// Every project the account has: the configured ones, then the derived ones used so far.
    public var projects: [Project] {
        configuredProjects + usedRegions.withLock { $0 }.map {
            Project(region: $0, id: Self.derivedProjectID(forRegion: $0))
        }
    }

    /// A user's id, derived from the account and the user name.
    public func userID(_ userName: String) -> String {
        DerivedID.hex("user", "\(name)/\(userName)")
    }

    /// Whether `domain` (a name or an id) is this account.
    public func isNamed(_ domain: String) -> Bool {
        domain == name || domain == domainID
    }

    /// Forgets the derived projects used so far (a full reset).
    public func reset() {
        usedRegions.withLock { $0 = [] }
    }
}
