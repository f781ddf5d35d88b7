import DataArtsServices
import Testing

/// SPEC §8.1: one account, regions mapped to projects, ids derived from names.
@Suite struct AccountTests {
    @Test func derivedIDsAreTheFirst32HexDigitsOfSHA256OverPrefixAndName() {
        // Python: hashlib.sha256(b"dataarts-mock/project/cn-north-4").hexdigest()[:32]
        #expect(Account.derivedProjectID(forRegion: "cn-north-4") == "39916991a47c579a762f979109ed43c5")
        #expect(Account().domainID == "5323028cec7cb544f48e13323c7564a7")
        #expect(DataArtsInstance(projectID: project).id == "2a7514c9461f406b8b8f596e48413acd")
    }

    @Test func derivedUUIDsHaveTheDashedForm() {
        let uuid = DerivedID.uuid("cdm-cluster", project)
        #expect(uuid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(String(uuid.filter { $0 != "-" }) == DerivedID.hex("cdm-cluster", project))
    }

    @Test func aConfiguredProjectWinsAndALaterFlagForTheSameRegionReplacesAnEarlierOne() {
        let account = Account(projects: [
            .init(region: "cn-north-4", id: "a"), .init(region: "cn-north-4", id: project),
        ])
        #expect(account.projectID(forRegion: "cn-north-4") == project)
        #expect(account.projects == [.init(region: "cn-north-4", id: project)])
    }

    @Test func aDerivedProjectJoinsTheAccountOnceUsedUntilAReset() {
        let account = Account(projects: [.init(region: "cn-north-4", id: project)])
        let derived = account.projectID(forRegion: "eu-west-101")
        _ = account.projectID(forRegion: "eu-west-101")
        #expect(account.projects.map(\.region) == ["cn-north-4", "eu-west-101"])
        #expect(account.region(ofProject: derived) == "eu-west-101")
        account.reset()
        #expect(account.projects.map(\.region) == ["cn-north-4"])
        #expect(account.region(ofProject: derived) == nil)
    }

    @Test func theAccountAnswersToItsNameAndItsDomainID() {
        let account = Account(name: "acme")
        #expect(account.isNamed("acme") && account.isNamed(account.domainID))
        #expect(!account.isNamed("other"))
    }
}
