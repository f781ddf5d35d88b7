/// The one DataArts Studio instance each project has [choice, SPEC §8.3], and its default
/// workspace: both with ids derived from the project id, so they are stable across runs.
public struct DataArtsInstance: Sendable, Equatable {
    public static let resourceName = "dataarts-mock"
    public static let defaultWorkspaceName = "default"

    public let projectID: String
    public let id: String
    public let orderID: String
    public let defaultWorkspaceID: String

    public init(projectID: String) {
        self.projectID = projectID
        id = DerivedID.hex("instance", projectID)
        orderID = DerivedID.hex("order", projectID)
        defaultWorkspaceID = DerivedID.hex("workspace", id)
    }
}
