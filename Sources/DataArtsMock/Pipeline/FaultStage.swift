import DataArtsHTTP1
import DataArtsServices

/// A fault from the request's `X-Mock-Fault` header or the first matching rule (SPEC §6):
/// an injected answer or a close decides the outcome, so the service never runs and nothing
/// changes; a latency alone holds the real answer.
struct FaultStage: RequestStage {
    let faults: FaultRules

    func process(_ context: inout RequestContext) throws(APIError) -> Outcome? {
        let request = context.request
        let fault: InjectedFault?
        if let header = try InjectedFault.header(request.headers["X-Mock-Fault"]) {
            fault = header
        } else if let route = context.route {
            fault = faults.take(
                method: request.method, path: request.path, template: route.template,
                projectID: context.projectID ?? "", workspace: request.headers["workspace"]
            ).map(InjectedFault.init(rule:))
        } else {
            fault = nil
        }
        guard let fault else { return nil }
        context.latencyMilliseconds = fault.latencyMilliseconds ?? 0
        switch fault.action {
        case .close?: return .close
        case .answer(let error)?: return .failure(error)
        case nil: return nil
        }
    }
}
