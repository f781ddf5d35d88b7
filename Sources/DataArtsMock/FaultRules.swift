import DataArtsServices
import DataArtsHTTP1
import DataArtsLocking

/// The fault rules in force, first added first tried; a used-up rule disappears.
///
/// At most `capacity` rules are held: every API request is matched against them under one
/// lock, so their number bounds what fault injection adds to each request.
public final class FaultRules: Sendable {
    /// How many rules may be in force at once.
    public static let capacity = 1_000
    private let state = Locked<(rules: [FaultRule], nextID: Int)>(([], 1))

    public init() {}

    /// Adds `rule` with its defaults filled in (a status implies a vendor code, a code its
    /// message template) and answers it with its new id; nil when `capacity` rules are in force.
    @discardableResult
    public func add(_ rule: FaultRule) -> FaultRule? {
        var rule = rule
        if let status = rule.status {
            let code = rule.errorCode ?? VendorCode.implied(by: status).code
            rule.errorCode = code
            rule.errorMessage = rule.errorMessage ?? Self.defaultMessage(for: code)
        }
        rule.remaining = rule.times == 0 ? nil : rule.times
        return state.withLock { state -> FaultRule? in
            guard state.rules.count < Self.capacity else { return nil }
            rule.id = String(state.nextID)
            state.nextID += 1
            state.rules.append(rule)
            return rule
        }
    }

    public var rules: [FaultRule] {
        state.withLock { $0.rules }
    }

    /// Removes one rule; false when there is none with that id.
    @discardableResult
    public func remove(id: String) -> Bool {
        state.withLock { state in
            guard !state.rules.isEmpty, let index = state.rules.firstIndex(where: { $0.id == id }) else { return false }
            state.rules.remove(at: index)
            return true
        }
    }

    public func removeAll() {
        state.withLock { $0.rules = [] }
    }

    /// The first rule matching the request, counted as used.
    func take(method: String, path: Substring, template: RouteTemplate, projectID: String, workspace: String?) -> FaultRule? {
        state.withLock { state in
            guard !state.rules.isEmpty, let index = state.rules.firstIndex(where: {
                $0.matches(method: method, path: path, template: template, projectID: projectID, workspace: workspace)
            }) else { return nil }
            let rule = state.rules[index]
            if let remaining = rule.remaining {
                if remaining <= 1 {
                    state.rules.remove(at: index)
                } else {
                    state.rules[index].remaining = remaining - 1
                }
            }
            return rule
        }
    }

    /// The code's own message template with `{0}` = `injected fault` (SPEC §6); the detail
    /// alone for a code the catalogue does not know.
    static func defaultMessage(for code: String) -> String {
        let detail = "injected fault"
        return VendorCode.named(code)?.message(detail) ?? detail
    }
}
