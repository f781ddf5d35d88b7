/// How the gateway authenticates (SPEC §4): what it accepts and who each caller is.
public struct AuthConfiguration: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Any non-empty token, and any well-formed, in-window signature from an unknown access
        /// key; a configured access key is always verified.
        case permissive
        /// Only configured tokens and credentials.
        case strict
    }

    /// A token, optionally bound to a project and a user name.
    public struct Token: Sendable, Equatable {
        public var token: String
        public var projectID: String?
        public var userName: String?

        public init(token: String, projectID: String? = nil, userName: String? = nil) {
            self.token = token
            self.projectID = projectID
            self.userName = userName
        }

        /// `TOKEN[@PROJECT[:USER]]`.
        public init?(_ text: String) {
            let (token, binding) = Self.splitBinding(text)
            guard !token.isEmpty else { return nil }
            self.init(token: token, projectID: binding.projectID, userName: binding.userName)
        }

        static func splitBinding(_ text: String) -> (String, (projectID: String?, userName: String?)) {
            guard let at = text.lastIndex(of: "@") else { return (text, (nil, nil)) }
            let binding = text[text.index(after: at)...]
            let parts = binding.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let project = parts.first.map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let user = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
            return (String(text[..<at]), (project, user))
        }
    }

    /// An AK/SK pair, optionally bound to a project and a user name.
    public struct Credential: Sendable, Equatable {
        public var accessKey: String
        public var secretKey: String
        public var projectID: String?
        public var userName: String?

        public init(accessKey: String, secretKey: String, projectID: String? = nil, userName: String? = nil) {
            self.accessKey = accessKey
            self.secretKey = secretKey
            self.projectID = projectID
            self.userName = userName
        }

        /// `AK:SK[@PROJECT[:USER]]`.
        public init?(_ text: String) {
            let (pair, binding) = Token.splitBinding(text)
            guard let colon = pair.firstIndex(of: ":") else { return nil }
            let accessKey = String(pair[..<colon])
            let secretKey = String(pair[pair.index(after: colon)...])
            guard !accessKey.isEmpty, !secretKey.isEmpty else { return nil }
            self.init(accessKey: accessKey, secretKey: secretKey, projectID: binding.projectID, userName: binding.userName)
        }
    }

    /// An IAM user who may log in through `POST /v3/auth/tokens` in strict mode (SPEC §8.1).
    public struct User: Sendable, Equatable {
        public var name: String
        public var password: String

        public init(name: String, password: String) {
            self.name = name
            self.password = password
        }

        /// `NAME:PASSWORD`; the password may hold `:`, the name may not.
        public init?(_ text: String) {
            guard let colon = text.firstIndex(of: ":") else { return nil }
            let name = String(text[..<colon])
            guard !name.isEmpty else { return nil }
            self.init(name: name, password: String(text[text.index(after: colon)...]))
        }
    }

    public var mode: Mode
    public var tokens: [Token]
    public var credentials: [Credential]
    /// Strict mode's workspaces; empty lets every workspace exist.
    public var workspaces: [String]
    /// `--user`: who may log in in strict mode (permissive mode takes any user and password).
    public var users: [User]

    public init(
        mode: Mode = .permissive, tokens: [Token] = [], credentials: [Credential] = [], workspaces: [String] = [],
        users: [User] = []
    ) {
        self.mode = mode
        self.tokens = tokens
        self.credentials = credentials
        self.workspaces = workspaces
        self.users = users
    }
}
