import DataArtsJSON

/// `GET /__mock/config`: what this mock was started with, for the dashboard and for a test
/// that wants to know. Tokens, credentials and users appear by name only: a token is itself
/// the secret, so it shows as `******` with its binding; a credential shows its access key, a
/// user its name.
struct ConfigurationReport {
    let configuration: MockConfiguration
    let journal: RequestJournal

    var json: JSONValue {
        let auth = configuration.auth
        let statistics = journal.statistics()
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return .object([
            "version": .string(MockVersion.string),
            "host": .string(configuration.host),
            "allowed_hosts": .array(configuration.allowedHosts.map(JSONValue.string)),
            "auth": .object([
                "mode": .string(auth.mode.rawValue),
                "tokens": .array(auth.tokens.map { token in
                    .object(["token": "******", "project_id": optional(token.projectID), "user": optional(token.userName)])
                }),
                "credentials": .array(auth.credentials.map { credential in
                    .object([
                        "access_key": .string(credential.accessKey), "project_id": optional(credential.projectID),
                        "user": optional(credential.userName),
                    ])
                }),
                "workspaces": .array(auth.workspaces.map(JSONValue.string)),
                // IAM users by name; their passwords never leave.
                "users": .array(auth.users.map { .string($0.name) }),
            ]),
            "account": .string(configuration.accountName),
            "projects": .array(configuration.projects.map { project in
                .object(["region": .string(project.region), "id": .string(project.id)])
            }),
            "limits": .object([
                "max_request_line_bytes": .number(JSONNumber(configuration.maxRequestLineBytes)),
                "max_header_bytes": .number(JSONNumber(configuration.maxHeaderBytes)),
                "max_body_bytes": .number(JSONNumber(configuration.maxBodyBytes)),
                "header_timeout_s": .number(JSONNumber(configuration.headerTimeout)),
                "body_timeout_s": .number(JSONNumber(configuration.bodyTimeout)),
                "idle_timeout_s": .number(JSONNumber(configuration.idleTimeout)),
                "max_clients": .number(JSONNumber(configuration.maxClients)),
                "max_connections_per_workspace": .number(JSONNumber(configuration.maxConnectionsPerWorkspace)),
                "rate_limit": configuration.rateLimit.map { .number(JSONNumber($0)) } ?? .null,
            ]),
            "journal": .object([
                "capacity": .number(JSONNumber(journal.capacity)),
                "max_bytes": .number(JSONNumber(journal.maxBytes)),
                "entries": .number(JSONNumber(statistics.count)),
                "bytes": .number(JSONNumber(statistics.bytes)),
                "dropped": .number(JSONNumber(statistics.dropped)),
                "oldest_seq": statistics.oldestSeq.map { .number(JSONNumber($0)) } ?? .null,
                "next_seq": .number(JSONNumber(statistics.nextSeq)),
            ]),
            "state_file": optional(configuration.stateFile),
            "seed": configuration.seed.map { .string(String($0)) } ?? .null,
        ])
    }
}
