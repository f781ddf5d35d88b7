import DataArtsServices

/// What a test can steer, shared by the control API and the `MockServer` facade.
struct MockControls: Sendable {
    let store: DataConnectionStore
    let journal: RequestJournal
    let faults: FaultRules
    let clock: MockClock
    let ids: IdentifierGenerator

    /// Empties everything (connections, journal, faults, clock), or only one scope's
    /// connections and journal entries.
    func reset(projectID: String? = nil, workspace: String? = nil) {
        store.reset(projectID: projectID, workspace: workspace)
        if projectID == nil && workspace == nil {
            journal.clear()
            faults.removeAll()
            clock.release()
        } else {
            journal.clear(projectID: projectID, workspace: workspace)
        }
    }
}
