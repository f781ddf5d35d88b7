import DataArtsServices
import Testing

/// SPEC §8.2: issued tokens, their scope and their 24-hour life on the mock clock.
@Suite struct TokenRegistryTests {
    @Test func aSeedRepeatsTheTokensAndNoSeedDoesNot() {
        let clock = MockClock()
        let first = TokenRegistry(clock: clock, seed: 42), second = TokenRegistry(clock: clock, seed: 42)
        let a = first.issue(userName: "u", methods: ["password"], scope: .domain)
        let b = second.issue(userName: "u", methods: ["password"], scope: .domain)
        #expect(a.value == b.value)
        let unseeded = TokenRegistry(clock: clock), other = TokenRegistry(clock: clock)
        #expect(unseeded.issue(userName: "u", methods: [], scope: .domain).value
            != other.issue(userName: "u", methods: [], scope: .domain).value)
        #expect(a.value.count == 131 && a.value.hasPrefix("MII"))
    }

    @Test func aTokenIsValidUntilItsExpiryAndKnownAfterIt() throws {
        let clock = MockClock()
        clock.freeze(atMilliseconds: 1000)
        let registry = TokenRegistry(clock: clock)
        let token = registry.issue(userName: "u", methods: ["password"], scope: .project(id: project, region: "r"))
        #expect(token.expiresAt == 1000 + 86_400_000)
        #expect(token.projectID == project)
        clock.freeze(atMilliseconds: token.expiresAt)
        #expect(registry.validToken(token.value) != nil)
        clock.freeze(atMilliseconds: token.expiresAt + 1)
        #expect(registry.validToken(token.value) == nil)
        #expect(try #require(registry.token(token.value)).hasExpired(at: clock.nowMilliseconds))
    }

    @Test func beyondCapacityTheOldestTokensAreForgotten() {
        let registry = TokenRegistry(clock: MockClock(), seed: 1, capacity: 10)
        let tokens = (0..<11).map { _ in registry.issue(userName: "u", methods: [], scope: .domain) }
        #expect(registry.token(tokens[0].value) == nil)
        #expect(registry.token(tokens[10].value) != nil)
        #expect(registry.count <= 10)
    }

    @Test func aResetForgetsEveryToken() {
        let registry = TokenRegistry(clock: MockClock())
        let token = registry.issue(userName: "u", methods: [], scope: .domain)
        registry.reset()
        #expect(registry.token(token.value) == nil)
    }
}
