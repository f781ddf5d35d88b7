import DataArtsServices

/// What a test can steer, shared by the control API and the `MockServer` facade.
struct MockControls: Sendable {
    let store: DataConnectionStore
    let journal: RequestJournal
    let faults: FaultRules
    let clock: MockClock
    let ids: IdentifierGenerator
    /// Workspaces created through the API (SPEC §8.3).
    let directory: WorkspaceDirectory
    /// Tokens the mock's IAM issued (SPEC §8.2).
    let tokens: TokenRegistry
    let account: Account

    /// Empties everything (connections, created workspaces, issued tokens, derived projects
    /// in use, journal, faults, clock), or only one scope's connections and journal entries.
    func reset(projectID: String? = nil, workspace: String? = nil) {
        store.reset(projectID: projectID, workspace: workspace)
        if projectID == nil && workspace == nil {
            directory.replaceAll(with: [])
            tokens.reset()
            account.reset()
            journal.clear()
            faults.removeAll()
            clock.release()
        } else {
            journal.clear(projectID: projectID, workspace: workspace)
        }
    }
}
