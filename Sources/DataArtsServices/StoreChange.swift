/// One change to the store, in the order the store applied it: what a state file records.
public enum StoreChange: Sendable, Equatable {
    /// A connection created or updated: its whole new value.
    case put(DataConnection)
    case delete(WorkspaceKey, id: String)
    case reset(projectID: String?, workspace: String?)
    case replaceAll([DataConnection])
}

/// Told of every change while the store still holds its lock, so that the order it sees is
/// the order of the store; it must only record, never block or call back into the store.
public protocol StoreObserver: Sendable {
    func store(didApply change: StoreChange)
}
