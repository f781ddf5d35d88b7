/// Who the gateway let through: the user name becomes `create_user` (SPEC §2.4), and a bound
/// project limits what the caller may touch (SPEC §4).
public struct Principal: Sendable, Equatable {
    public var userName: String?
    public var projectID: String?

    public init(userName: String? = nil, projectID: String? = nil) {
        self.userName = userName
        self.projectID = projectID
    }
}
