public import Foundation

/// The repository's `fixtures/` folder, for every test target: one way to find a fixture.
public enum Fixtures {
    /// `fixtures/` beside `Tests/`, found from this file's own path.
    public static let directory: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    public static func url(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    public static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(name)))
    }

    public static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// Every file of a fuzz corpus (`fixtures/fuzz/<name>/`), sorted by name.
    public static func corpus(_ name: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = url("fuzz/\(name)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }
}
