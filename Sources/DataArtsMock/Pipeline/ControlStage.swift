import DataArtsServices

/// `/__mock/…` goes to the control API, before routing and authentication (SPEC §6);
/// with `--no-admin` those paths are left to routing, which answers 404.
struct ControlStage: RequestStage {
    let controlAPI: ControlAPI

    func process(_ context: inout RequestContext) throws(APIError) -> Outcome? {
        let path = context.request.path
        // The browser's automatic /favicon.ico goes to the dashboard too, so that opening it
        // never adds a 404 to the journal (issue 13).
        guard path == "/__mock" || path.hasPrefix("/__mock/") || path == "/favicon.ico" else { return nil }
        context.isControl = true
        return controlAPI.respond(to: &context.request)
    }
}
