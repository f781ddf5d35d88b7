/// One change to the created workspaces, in the order the directory applied it: what a state
/// file records beside the connections' `StoreChange`s.
public enum WorkspaceChange: Sendable, Equatable {
    /// A workspace created or updated: its whole new value.
    case put(WorkspaceRecord)
    case delete(projectID: String, ids: [String])
    /// Every created workspace replaced at once (state import).
    case replaceAll([WorkspaceRecord])
}

/// Told of every change while the directory still holds its lock; it must only record.
public protocol WorkspaceObserver: Sendable {
    func directory(didApply change: WorkspaceChange)
}
