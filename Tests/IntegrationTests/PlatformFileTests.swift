import Foundation
import Testing

/// Every libc call of the modules below lives in a `+Glibc.swift` / `+Darwin.swift` pair
/// (issue 8), so that a port to macOS is a matter of those files. Only Linux is built here,
/// so what can be checked without a Darwin compiler is checked on the sources: no other file
/// imports a libc or branches on one, and each pair declares the same members.
struct PlatformFileTests {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Every module that runs in the server, the executable included (its log writer and clock).
    static let modules = [
        "DataArtsHTTP1", "DataArtsJSON", "DataArtsLocking", "DataArtsSigning", "DataArtsTransport", "DataArtsServices",
        "DataArtsMock", "dataarts-mock",
    ]

    static func sources(of module: String) throws -> [(name: String, text: String)] {
        let folder = root.appendingPathComponent("Sources/\(module)")
        // Sub-folders too (DataArtsMock/Pipeline): a file's name is its path inside the module.
        let names = try #require(FileManager.default.subpaths(atPath: folder.path)).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(!names.isEmpty, "no sources under \(folder.path)")
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func isPlatformFile(_ name: String) -> Bool {
        name.hasSuffix("+Glibc.swift") || name.hasSuffix("+Darwin.swift")
    }

    @Test(arguments: modules)
    func onlyPlatformFilesTouchALibc(_ module: String) throws {
        let libc = #/(import|canImport\()\s*(Glibc|Darwin|Musl)|\b(Glibc|Darwin)\./#
        for (name, text) in try Self.sources(of: module) where !Self.isPlatformFile(name) {
            // Comments may name the platform files; code may not call into them.
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            for line in code {
                #expect(line.firstMatch(of: libc) == nil, "\(module)/\(name) uses a libc outside its platform files: \(line)")
            }
        }
    }

    /// The names each file of a pair declares (`static func x(`, `static var x`), so that a
    /// member added for Linux alone shows up here rather than in a macOS build.
    static func declaredNames(_ text: String) -> Set<String> {
        Set(text.matches(of: #/static (?:func|var|let) ([A-Za-z_][A-Za-z0-9_]*)/#).map { String($0.output.1) })
    }

    @Test(arguments: modules)
    func eachGlibcFileHasADarwinTwinDeclaringTheSameMembers(_ module: String) throws {
        let files = Dictionary(uniqueKeysWithValues: try Self.sources(of: module).map { ($0.name, $0.text) })
        for (name, text) in files where name.hasSuffix("+Glibc.swift") {
            let twin = name.replacingOccurrences(of: "+Glibc.swift", with: "+Darwin.swift")
            let darwin = try #require(files[twin], "\(module)/\(name) has no \(twin)")
            #expect(text.hasPrefix("#if canImport(Glibc)"), "\(module)/\(name)")
            #expect(darwin.hasPrefix("#if canImport(Darwin)"), "\(module)/\(twin)")
            #expect(Self.declaredNames(text) == Self.declaredNames(darwin), "\(module)/\(name) and \(twin) differ")
        }
    }
}
