import DataArtsServices

/// `--rate-limit`: 429 APIGW.0308 beyond N requests a second per API (SPEC §5).
struct ThrottlingStage: RequestStage {
    let limiter: RateLimiter

    func process(_ context: inout RequestContext) throws(APIError) -> Outcome? {
        guard let route = context.route else { return nil }
        if !limiter.allow("\(route.method) \(route.template)") { throw .throttled }
        return nil
    }
}
