/// Who the gateway let through: the user name becomes `create_user` (SPEC §2.4), and a bound
/// project limits what the caller may touch (SPEC §4).
public struct Principal: Sendable, Equatable {
    public var userName: String?
    public var projectID: String?
    /// How the journal and the dashboard name the caller: the user name, else the access key
    /// or `token`; never a secret. nil until authentication has passed.
    public var label: String?

    public init(userName: String? = nil, projectID: String? = nil, label: String? = nil) {
        self.userName = userName
        self.projectID = projectID
        self.label = label
    }
}
