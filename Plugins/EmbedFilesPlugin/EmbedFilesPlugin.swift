import PackagePlugin

/// Compiles files of the repository into the target that uses it, at build time, so that the
/// binary needs nothing beside it and no generated copy lives in the source tree: editing the
/// file is all it takes, and the build cannot serve a stale copy.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
    /// What each target embeds: the Swift enums to generate and their members' files, relative
    /// to the package's folder.
    static let embeddings: [String: [(enumName: String, members: [(name: String, path: String)])]] = [
        "DataArtsMock": [
            ("OpenAPIDocument", [("bytes", "fixtures/openapi.json")]),
            ("VersionFile", [("bytes", "VERSION")]),
            ("DashboardAssets", [
                ("page", "Sources/DataArtsMock/Dashboard/dashboard.html"),
                ("script", "Sources/DataArtsMock/Dashboard/dashboard.js"),
                ("style", "Sources/DataArtsMock/Dashboard/dashboard.css"),
                ("favicon", "Sources/DataArtsMock/Dashboard/favicon.svg"),
            ]),
        ],
    ]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let tool = try context.tool(named: "DataArtsEmbedTool").url
        return (Self.embeddings[target.name] ?? []).map { embedding in
            let output = context.pluginWorkDirectoryURL.appending(path: "\(embedding.enumName).swift")
            let inputs = embedding.members.map { context.package.directoryURL.appending(path: $0.path) }
            let arguments = [output.path(percentEncoded: false), embedding.enumName]
                + zip(embedding.members, inputs).map { member, input in "\(member.name)=\(input.path(percentEncoded: false))" }
            return .buildCommand(
                displayName: "Embedding \(embedding.members.map(\.path).joined(separator: ", ")) in \(target.name)",
                executable: tool, arguments: arguments, inputFiles: inputs, outputFiles: [output])
        }
    }
}
