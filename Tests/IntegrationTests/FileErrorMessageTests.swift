import Foundation
import Testing

/// Issue 10's last bullet: a flag naming a file that cannot be used exits 1 with a message that
/// names the file and says in words what is wrong, and leaves no temporary file behind.
@Suite struct FileErrorMessageTests {
    private func refused(_ arguments: [String]) throws -> String {
        let mock = try MockProcess(["--port", "0"] + arguments)
        let status = mock.exitStatus()
        let message = mock.standardError
        #expect(status == 1, "\(message)")
        #expect(!message.contains("errno"))
        #expect(!message.contains("NSCocoaErrorDomain"))
        #expect(!message.contains("Usage:"))
        return message
    }

    private func entries(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func aReadyFileInAMissingFolder() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("missing/ready.json").path
        let message = try refused(["--ready-file", path])
        #expect(message.contains("--ready-file: cannot write \(path): the folder \(folder.path)/missing does not exist"))
        #expect(try entries(folder).isEmpty)
    }

    @Test func aReadyFileThatIsAFolder() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("ready").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let message = try refused(["--ready-file", path])
        #expect(message.contains("cannot write \(path): it is a folder, not a file"))
        #expect(try entries(folder) == ["ready"])
    }

    @Test func aStateFileThatIsAFolder() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("state").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let message = try refused(["--state-file", path])
        #expect(message.contains("--state-file \(path) is a folder, not a file"))
        #expect(try entries(folder) == ["state"])
        #expect(try entries(URL(fileURLWithPath: path)).isEmpty)
    }

    @Test func aStateFileInAMissingFolder() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("missing/state.log").path
        let message = try refused(["--state-file", path])
        #expect(message.contains("cannot create --state-file \(path): the folder \(folder.path)/missing does not exist"))
        #expect(try entries(folder).isEmpty)
    }

    @Test func fixturesThatCannotBeRead() throws {
        let folder = try temporaryFolder()
        let missing = folder.appendingPathComponent("nope.json").path
        #expect(try refused(["--fixtures", missing]).contains("--fixtures: cannot read \(missing): no such file or folder"))
        #expect(try refused(["--fixtures", folder.path]).contains("--fixtures: cannot read \(folder.path): it is a folder, not a file"))
        #expect(try entries(folder).isEmpty)
    }

    @Test func aCredentialsFileThatCannotBeRead() throws {
        let path = try temporaryFolder().appendingPathComponent("creds").path
        #expect(try refused(["--credentials-file", path]).contains("--credentials-file: cannot read \(path): no such file or folder"))
    }
}
