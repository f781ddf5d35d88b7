import DataArtsServices

extension RequestPipeline {
    /// The mock's stages in SPEC §5's order — controls (unless `--no-admin`), route,
    /// authentication, throttling (with `--rate-limit`), faults, the service — over the
    /// endpoints of `services`.
    init(configuration: MockConfiguration, controls: MockControls, services: [any Service], startedAt: Double) {
        var router = Router<Endpoint>()
        for service in services { service.register(in: &router) }
        var stages: [any RequestStage] = []
        if configuration.adminEnabled {
            stages.append(ControlStage(controlAPI: ControlAPI(controls: controls, configuration: configuration, startedAt: startedAt)))
        }
        stages.append(RoutingStage(router: router))
        stages.append(AuthenticationStage(authenticator: Authenticator(
            configuration: configuration.auth, clock: controls.clock, issuedTokens: controls.tokens)))
        if let rateLimit = configuration.rateLimit {
            stages.append(ThrottlingStage(limiter: RateLimiter(perSecond: rateLimit)))
        }
        stages.append(FaultStage(faults: controls.faults))
        stages.append(ServiceStage())
        self.init(stages: stages)
    }
}
