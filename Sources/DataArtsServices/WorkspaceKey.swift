/// Where connections live: one workspace of one project never sees another's (SPEC §2.1).
public struct WorkspaceKey: Hashable, Sendable, Comparable {
    public var projectID: String
    public var workspace: String

    public init(projectID: String, workspace: String) {
        self.projectID = projectID
        self.workspace = workspace
    }

    public static func < (lhs: WorkspaceKey, rhs: WorkspaceKey) -> Bool {
        (lhs.projectID, lhs.workspace) < (rhs.projectID, rhs.workspace)
    }
}
