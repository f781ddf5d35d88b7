/// Who the gateway let through: the user name becomes `create_user` (SPEC §2.4), and a bound
/// project limits what the caller may touch (SPEC §4).
struct Principal: Sendable, Equatable {
    var userName: String?
    var projectID: String?
    /// How the journal and the dashboard name the caller: the user name, else the access key
    /// or `token`; never a secret.
    var label: String?
}
