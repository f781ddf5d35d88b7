import DataArtsJSON
import DataArtsServices

/// A test's instruction to misbehave on matching requests (SPEC §6).
///
/// Absent matchers match anything. The action is an answer with `status` (and a vendor code
/// and message), or closing the connection without an answer; `latencyMilliseconds` delays
/// whichever answer follows, the real one when no other action is given.
public struct FaultRule: Sendable, Equatable {
    public var id: String
    public var method: String?
    /// A concrete path or a route template such as `/v1/{project_id}/data-connections/{id}`.
    public var path: String? {
        didSet { pathTemplate = path.map(RouteTemplate.init) }
    }
    /// `path` read as a template once, not on every request it is matched against.
    private var pathTemplate: RouteTemplate?
    public var projectID: String?
    public var workspace: String?
    /// How many requests it applies to; 0 = until removed.
    public var times: Int
    public var status: Int?
    public var errorCode: String?
    public var errorMessage: String?
    public var latencyMilliseconds: Int?
    public var close: Bool
    /// Requests it will still apply to; `nil` for a rule with `times` 0.
    public var remaining: Int?

    public init(
        method: String? = nil, path: String? = nil, projectID: String? = nil, workspace: String? = nil,
        times: Int = 1, status: Int? = nil, errorCode: String? = nil, errorMessage: String? = nil,
        latencyMilliseconds: Int? = nil, close: Bool = false
    ) {
        self.id = ""
        self.method = method
        self.path = path
        self.pathTemplate = path.map(RouteTemplate.init)
        self.projectID = projectID
        self.workspace = workspace
        self.times = times
        self.status = status
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.latencyMilliseconds = latencyMilliseconds
        self.close = close
        self.remaining = times == 0 ? nil : times
    }

    /// Whether it applies to a request for `template` with these values: `path` is the
    /// request's path, or a template of the same shape as the route's.
    func matches(method: String, path: Substring, template: RouteTemplate, projectID: String, workspace: String?) -> Bool {
        (self.method.map { $0 == method || $0.uppercased() == method } ?? true)
            && (self.path.map { $0 == path || pathTemplate?.hasSameShape(as: template) == true } ?? true)
            && (self.projectID.map { $0 == projectID } ?? true)
            && (self.workspace.map { $0 == workspace } ?? true)
    }

    /// The rule with its defaults filled in, as the control API shows it.
    var json: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        func optional(_ number: Int?) -> JSONValue { number.map { .number(JSONNumber($0)) } ?? .null }
        return .object([
            "id": .string(id),
            "method": optional(method),
            "path": optional(path),
            "project": optional(projectID),
            "workspace": optional(workspace),
            "times": .number(JSONNumber(times)),
            "status": optional(status),
            "error_code": optional(errorCode),
            "error_msg": optional(errorMessage),
            "latency_ms": optional(latencyMilliseconds),
            "close": .bool(close),
            "remaining": optional(remaining),
        ])
    }
}
