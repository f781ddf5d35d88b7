import DataArtsServices

/// One record of the state log: a change to the connections or to the created workspaces
/// (SPEC §8.3), each in the order its own store applied it.
enum StateChange: Sendable, Equatable {
    case connections(StoreChange)
    case workspaces(WorkspaceChange)
}
